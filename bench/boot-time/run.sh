#!/usr/bin/env bash
# Boot time, one CD against another (issue 20): boots OLD.iso and NEW.iso alternately, round by
# round, for each case (default bios-cd and uefi-cd), headless under QEMU as BootTest does, and
# prints each boot's time to the login prompt, each case's median per CD and the ratio new/old.
# Alternating keeps a slow moment of the machine from landing on one CD only. Each boot's phase
# table (firmware and GRUB, Xen, kernel, linuxrc, systemd) and systemd-analyze output are kept.
# A benchmark, not a test: run it by hand, with nothing else running.
#
#   bench/boot-time/run.sh OLD.iso NEW.iso [--rounds=N] [--cases=bios-cd,uefi-cd] [--results=DIR]
#
# Default: 2 rounds, results (table.md, and each boot's CASE.boot.txt) in bench/results/boot-time/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=2
cases=bios-cd,uefi-cd
results=$repo/bench/results/boot-time
isos=()
usage() { sed -n '2,10s/^# \{0,1\}//p' "$0" >&2; exit 2; }
for arg in "$@"; do
  case "$arg" in
    --rounds=*) rounds=${arg#--rounds=} ;;
    --cases=*) cases=${arg#--cases=} ;;
    --results=*) results=$(realpath -m "${arg#--results=}") ;;
    -*) usage ;;
    *) isos+=("$(realpath "$arg")") ;;
  esac
done
[[ ${#isos[@]} == 2 ]] || usage
for iso in "${isos[@]}"; do
  [[ -f $iso ]] || { echo "$iso: no such file" >&2; exit 1; }
done
if [[ ! $rounds =~ ^[1-9][0-9]*$ ]]; then
  echo "--rounds=$rounds: a whole number of 1 or more" >&2
  exit 2
fi
mkdir -p "$results"
scratch=$repo/out/boot-test
log=$results/boots.tsv
printf 'round\tcase\tcd\tseconds\n' >"$log"

boot() { # ROUND CASE LABEL ISO: one boot; appends its time to the log
  local round=$1 case=$2 label=$3 iso=$4 output seconds
  output=$results/$label-$case-$round.log
  rm -f "$scratch/$case.boot.txt"
  # A check that fails after the login prompt (an older CD may not pass today's checks) leaves
  # the time to the prompt valid: it is reported, and the boot still counts.
  if ! "$repo/build.sh" --target=BootTest --iso="$iso" --boot-cases="$case" --verbosity=normal \
    </dev/null >"$output" 2>&1; then
    echo "  ($label $case round $round: BootTest failed after the boot; see $output)" >&2
  fi
  seconds=$(sed -n "s/^$case: login prompt after \([0-9.]*\) s$/\1/p" "$scratch/$case.boot.txt" 2>/dev/null)
  [[ -n $seconds ]] || { tail -30 "$output" >&2; echo "$label $case round $round: no login prompt ($output)" >&2; exit 1; }
  cp "$scratch/$case.boot.txt" "$results/$label-$case-$round.boot.txt"
  printf '%s\t%s\t%s\t%s\n' "$round" "$case" "$label" "$seconds" >>"$log"
  printf '  round %s  %-10s %-4s %6.1f s\n' "$round" "$case" "$label" "$seconds"
}

echo "old: ${isos[0]} ($(stat -c %s "${isos[0]}") bytes)"
echo "new: ${isos[1]} ($(stat -c %s "${isos[1]}") bytes)"
for round in $(seq "$rounds"); do
  for case in ${cases//,/ }; do
    # Odd rounds boot the old CD first, even rounds the new one.
    if (( round % 2 )); then
      boot "$round" "$case" old "${isos[0]}"
      boot "$round" "$case" new "${isos[1]}"
    else
      boot "$round" "$case" new "${isos[1]}"
      boot "$round" "$case" old "${isos[0]}"
    fi
  done
done

{
  echo "| case | old (median of $rounds) | new (median of $rounds) | new/old |"
  echo "|---|---|---|---|"
  for case in ${cases//,/ }; do
    awk -F'\t' -v c="$case" '
      function median(a, n,   i, j, t) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      $2 == c && $3 == "old" { old[++o] = $4 }
      $2 == c && $3 == "new" { new[++n] = $4 }
      END { mo = median(old, o); mn = median(new, n); printf "| %s | %.1f s | %.1f s | %.2f |\n", c, mo, mn, mn / mo }
    ' "$log"
  done
  echo
  echo "ISO size: old $(stat -c %s "${isos[0]}") bytes, new $(stat -c %s "${isos[1]}") bytes, new/old $(awk -v a="$(stat -c %s "${isos[0]}")" -v b="$(stat -c %s "${isos[1]}")" 'BEGIN {printf "%.2f", b / a}')"
} | tee "$results/table.md"
