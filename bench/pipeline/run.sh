#!/usr/bin/env bash
# The whole-pipeline benchmark (issue 9): on this machine, in a scratch copy of the build system
# (the checkout is never edited), with the build's shared download cache and ccache warm
# (~/.cache/xendemocd, or $XDG_CACHE_HOME/xendemocd, as every build of this user):
#   clean build (per stage), no-op rebuild, rebuild after a rootpatch/ edit, after a grub/
#   edit, after a kernel-fragment edit (--kernel=compiled only), ISO mastering against
#   xorriso on the CD's own tree, root.tar.gz against tar | gzip, boot to login in QEMU;
#   then reproducibility: a second clean build in another directory must give the same bytes.
# Prints a table and writes it as Markdown and JSON. A benchmark, not a test: run it by hand.
#
#   bench/pipeline/run.sh [--runs=N] [--kernel=debian|compiled] [--results=DIR] [--no-boot]
#
# Default: 3 runs of each edit loop (the median is reported), Debian's kernel (the compiled one
# adds its 30-minute compile to the clean build), results in bench/results/.
set -euo pipefail
runs=3
kernel=debian
boot=1
repo=$(cd "$(dirname "$0")/../.." && pwd)
results=$repo/bench/results
for arg in "$@"; do
  case "$arg" in
    --runs=*) runs=${arg#--runs=} ;;
    --kernel=*) kernel=${arg#--kernel=} ;;
    --results=*) results=$(realpath -m "${arg#--results=}") ;;
    --no-boot) boot= ;;
    *) sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
  esac
done
for tool in xorriso gzip /usr/bin/time git; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xorriso gzip time git)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/xendemo-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
epoch=$(git -C "$repo" log -1 --format=%ct)
common=(--kernel="$kernel" --source-date-epoch="$epoch" --version-id=bench --verbosity=normal)

checkout() { # DIR: the build system as the working tree has it, without outputs
  mkdir -p "$1"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$1"
}
seconds() { # a build: its wall time in seconds; its output in $work/last.log
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/last.log" 2>&1 || { tail -40 "$work/last.log" >&2; echo "failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
stage_times() { # the Cake report of $work/last.log: "Task seconds status" for each stage that ran
  awk '/ INF\] build +[A-Z][A-Za-z]+ +[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]+ / {
         for (i = 1; i <= NF; i++) if ($i == "build") break
         split($(i + 2), t, ":"); printf "%s %.2f %s\n", $(i + 1), t[1] * 3600 + t[2] * 60 + t[3], $(i + 3)
       }' "$work/last.log"
}

a=$work/a/xendemocd
checkout "$a"
echo "== clean build ($kernel kernel; downloads and ccache warm) in $a"
clean=$(seconds "$a/build.sh" "${common[@]}")
stage_times | awk '$2 >= 0.05 && $3 != "Skipped:"' >"$work/stages.txt"
echo "   $clean s"

noop=(); rootpatch=(); grub=(); fragment=()
for i in $(seq 1 "$runs"); do
  noop+=("$(seconds "$a/build.sh" "${common[@]}")")
  echo "bench run $i" >>"$a/rootpatch/etc/motd"
  rootpatch+=("$(seconds "$a/build.sh" "${common[@]}")")
  grep -q "RootBootstrap .*Up to date" "$work/last.log" || { echo "a rootpatch edit re-ran the bootstrap" >&2; exit 1; }
  echo "# bench run $i" >>"$a/grub/grub.cfg.in"
  grub+=("$(seconds "$a/build.sh" "${common[@]}")")
  if [ "$kernel" = compiled ]; then
    if grep -q '^CONFIG_XEN_MCE_LOG=y' "$a/xenolinux-patches/xenolinux.config"; then
      sed -i '/^CONFIG_XEN_MCE_LOG=y/d' "$a/xenolinux-patches/xenolinux.config"
    else
      echo 'CONFIG_XEN_MCE_LOG=y' >>"$a/xenolinux-patches/xenolinux.config"
    fi
    fragment+=("$(seconds "$a/build.sh" "${common[@]}")")
  fi
  echo "   run $i: no-op ${noop[-1]} s, rootpatch edit ${rootpatch[-1]} s, grub edit ${grub[-1]} s${fragment:+, fragment edit ${fragment[-1]} s}"
done

echo "== ISO mastering: isotool against xorriso -as mkisofs -R -J on the CD's own tree"
iso=$a/out/xendemo-bench.iso
xorriso -osirrox on -indev "$iso" -extract / "$work/cdtree" >/dev/null 2>&1
iso_bench=$(BENCH_OUT=$work/iso "$repo/bench/iso-vs-xorriso/run.sh" "$runs" "$work/cdtree" | tail -3)
rm -rf "$work/cdtree"
echo "$iso_bench"
iso_ratio=$(sed -n 's/.*ratio isotool\/xorriso \([0-9.]*\).*/\1/p' <<<"$iso_bench")
iso_rss=$(sed -n 's/.*median peak RSS: *isotool \([0-9]*\) MiB.*/\1/p' <<<"$iso_bench")

echo "== root.tar.gz: the RootTarball stage against tar | gzip -9 of the same tree"
ours=(); theirs=()
mkdir "$work/root"
tar --numeric-owner -xpf "$a/out/stages/UsrLayout/root.tar" -C "$work/root"
for i in $(seq 1 "$runs"); do
  seconds "$a/build.sh" "${common[@]}" --target=RootTarball --force=RootTarball >/dev/null
  ours+=("$(stage_times | awk '$1 == "RootTarball" {print $2}')")
  theirs+=("$(seconds sh -c "tar --numeric-owner --sort=name -C '$work/root' -cf - . | gzip -9n >'$work/theirs.tar.gz'")")
done
tar_ratio=$(awk -v a="$(median "${ours[@]}")" -v b="$(median "${theirs[@]}")" 'BEGIN {printf "%.2f", a / b}')
size_ratio=$(awk -v a="$(stat -c %s "$a/out/stages/RootTarball/root.tar.gz")" -v b="$(stat -c %s "$work/theirs.tar.gz")" 'BEGIN {printf "%.3f", a / b}')
echo "   ours $(median "${ours[@]}") s, tar | gzip -9 $(median "${theirs[@]}") s: time ratio $tar_ratio, size ratio $size_ratio"

iso_bytes=$(stat -L -c %s "$iso")
echo "== ISO size: $iso_bytes bytes"

login=n/a
: >"$work/phases.txt"
if [ -n "$boot" ]; then
  echo "== boot to login (bios-cd), and where the time went"
  seconds "$a/build.sh" "${common[@]}" --target=BootTest --boot-cases=bios-cd >/dev/null
  login=$(sed -n 's/.*bios-cd: login prompt after \([0-9:]*\).*/\1/p' "$work/last.log" | head -1)
  # The phase table BootTest keeps: "  NAME  START LENGTHs SHARE%" lines up to the first blank one.
  awk 'NR > 2 && NF == 0 {exit} NR > 2 {l = $(NF - 1); sub(/s$/, "", l); name = $0;
       sub(/^ +/, "", name); sub(/ +[0-9.]+ +[0-9.]+s +[0-9]+%$/, "", name); print name "\t" l}' \
    "$a/out/boot-test/bios-cd.boot.txt" >"$work/phases.txt"
  echo "   $login"
  sed 's/^/   /' "$work/phases.txt"
fi

echo "== reproducibility: a second clean build elsewhere"
b=$work/b/somewhere/else
checkout "$b"
cp "$a/rootpatch/etc/motd" "$b/rootpatch/etc/motd"
cp "$a/grub/grub.cfg.in" "$b/grub/grub.cfg.in"
cp "$a/xenolinux-patches/xenolinux.config" "$b/xenolinux-patches/xenolinux.config"
seconds "$b/build.sh" "${common[@]}" >/dev/null
same=yes
for f in out/xendemo-bench.iso out/stages/RootTarball/root.tar.gz out/stages/Initrd/initrd.img; do
  cmp -s "$a/$f" "$b/$f" || { same=no; echo "   differs: $f" >&2; }
done
echo "   identical: $same"

mkdir -p "$results"
stamp=$(date -u +%Y%m%d-%H%M%S)
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
accel=$([ -e /dev/kvm ] && echo "KVM device present (used only if it works)" || echo "TCG")
{
  echo "# XenDemoCD pipeline benchmark, $(date -u +%Y-%m-%d) (commit $(git -C "$repo" rev-parse --short HEAD))"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, Linux $(uname -r), .NET $(dotnet --version), QEMU: $accel."
  echo "Kernel: $kernel. Median of $runs runs where repeated."
  echo
  echo "| Measure | Result | Target |"
  echo "|---|---|---|"
  echo "| Clean build (downloads cached) | $clean s | compiles + 300 s |"
  echo "| No-op rebuild | $(median "${noop[@]}") s | ≤ 3 s |"
  echo "| rootpatch edit → ISO | $(median "${rootpatch[@]}") s | ≤ 20 s |"
  echo "| grub edit → ISO | $(median "${grub[@]}") s | ≤ 10 s |"
  echo "| Kernel fragment edit → ISO | ${fragment:+$(median "${fragment[@]}") s}${fragment:-n/a (--kernel=$kernel)} | |"
  echo "| ISO mastering, isotool / xorriso time | $iso_ratio | ≤ 1.00 |"
  echo "| ISO mastering, isotool peak RSS | $iso_rss MiB | < 200 MiB |"
  echo "| root.tar.gz / tar \\| gzip -9: time | $tar_ratio | |"
  echo "| root.tar.gz / tar \\| gzip -9: size | $size_ratio | |"
  echo "| ISO size | $iso_bytes bytes ($((iso_bytes >> 20)) MiB) | |"
  echo "| Boot to login (BIOS-CD) | $login | |"
  echo "| Second clean build elsewhere byte-identical | $same | yes |"
  echo
  echo "Clean build per stage (seconds):"
  echo
  echo "| Stage | Seconds | |"
  echo "|---|---|---|"
  awk '{printf "| %s | %s | %s |\n", $1, $2, $3}' "$work/stages.txt"
  if [ -s "$work/phases.txt" ]; then
    echo
    echo "Boot to login (BIOS-CD) by phase, from the serial console (seconds):"
    echo
    echo "| Phase | Seconds |"
    echo "|---|---|"
    awk -F '\t' '{printf "| %s | %s |\n", $1, $2}' "$work/phases.txt"
  fi
} | tee "$results/pipeline-$stamp.md"
{
  printf '{"date":"%s","commit":"%s","cores":%s,"cpu":"%s","kernel":"%s","runs":%s,' \
    "$(date -u +%FT%TZ)" "$(git -C "$repo" rev-parse HEAD)" "$(nproc)" "$cpu" "$kernel" "$runs"
  printf '"clean_s":%s,"noop_s":%s,"rootpatch_s":%s,"grub_s":%s,"fragment_s":%s,' \
    "$clean" "$(median "${noop[@]}")" "$(median "${rootpatch[@]}")" "$(median "${grub[@]}")" \
    "${fragment:+$(median "${fragment[@]}")}${fragment:-null}"
  printf '"iso_time_ratio":%s,"iso_peak_rss_mib":%s,"tar_time_ratio":%s,"tar_size_ratio":%s,' \
    "${iso_ratio:-null}" "${iso_rss:-null}" "$tar_ratio" "$size_ratio"
  printf '"iso_bytes":%s,"boot_to_login":"%s","boot_phases":{' "$iso_bytes" "$login"
  awk -F '\t' '{printf "%s\"%s\":%s", (NR > 1 ? "," : ""), $1, $2}' "$work/phases.txt"
  printf '},"reproducible":%s,"stages":{' "$([ "$same" = yes ] && echo true || echo false)"
  awk '{printf "%s\"%s\":%s", (NR > 1 ? "," : ""), $1, $2}' "$work/stages.txt"
  printf '}}\n'
} >"$results/pipeline-$stamp.json"
echo "written: $results/pipeline-$stamp.md and .json"
