#!/usr/bin/env bash
# The distcc benchmark (issue 23): a compile on this machine alone against the same compile over
# two distcc hosts, alternately, in one run. The hosts are Debian's distccd in two network
# namespaces of this machine (made here, torn down after), so on one machine this measures
# distcc's overhead, not a speed-up: the hosts share this machine's cores.
# Every compile runs with CCACHE_RECACHE (nothing read from ccache), in a scratch copy of the
# build system. Needs root (network namespaces), distcc and iproute2.
#
#   bench/distcc/run.sh [--runs=N] [--stage=Hypervisor|Kernel] [--slots=N]
#
# Default: 2 runs of each, the hypervisor (the pinned Xen 4.17 of the integration tests), 2 slots
# a host. --stage=Kernel compiles Linux instead (about 35 minutes a compile on 2 cores).
set -euo pipefail
runs=2
stage=Hypervisor
slots=2
repo=$(cd "$(dirname "$0")/../.." && pwd)
for arg in "$@"; do
  case "$arg" in
    --runs=*) runs=${arg#--runs=} ;;
    --stage=*) stage=${arg#--stage=} ;;
    --slots=*) slots=${arg#--slots=} ;;
    *) sed -n '2,12s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
  esac
done
[[ $(id -u) == 0 ]] || { echo "needs root: it makes network namespaces" >&2; exit 1; }
for tool in distccd ip git sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install distcc iproute2 git coreutils)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/xendemo-distcc-bench.XXXXXX)
chmod 755 "$work"
net=$((200 + $$ % 50))
hosts=()
cleanup() {
  for i in 1 2; do
    if [[ -f $work/host$i/pid ]]; then kill "$(cat "$work/host$i/pid")" 2>/dev/null || true; fi
    ip netns del "xdb$$-$i" 2>/dev/null || true
    ip link del "xbh$$$i" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

for i in 1 2; do
  ns="xdb$$-$i"
  ip netns add "$ns"
  ip link add "xbh$$$i" type veth peer name "xbn$$$i"
  ip link set "xbn$$$i" netns "$ns"
  ip addr add "10.$net.$i.1/24" dev "xbh$$$i"
  ip link set "xbh$$$i" up
  ip netns exec "$ns" ip addr add "10.$net.$i.2/24" dev "xbn$$$i"
  ip netns exec "$ns" ip link set "xbn$$$i" up
  ip netns exec "$ns" ip link set lo up
  mkdir -m 777 "$work/host$i"
  ip netns exec "$ns" distccd --daemon --allow "10.$net.$i.1/32" --listen "10.$net.$i.2" \
    --jobs "$slots" --log-file "$work/host$i/log" --pid-file "$work/host$i/pid"
  hosts+=("10.$net.$i.2/$slots")
done
farm=$(IFS=,; echo "--distcc=${hosts[*]}")

# The build system without outputs; the hypervisor pinned to the source this archive serves.
mkdir -p "$work/src" && (cd "$repo" && git ls-files -z | xargs -0 cp --parents -t "$work/src")
cp "$repo/tests/XenDemoCD.Build.Tests/Integration/xen-4.17-bookworm.source.json" "$work/src/hypervisor/source.json"
args=(--target="$stage" --hypervisor=compiled --source-date-epoch=1700000000 --verbosity=normal)
# Compiles the build host once, so the first timed run does not include it.
(cd "$work/src" && ./build.sh "${args[@]}" --out="$work/out-dry" --dryrun >/dev/null)

image() { [[ $stage == Kernel ]] && echo vmlinuz || echo xen.gz; }
declare -a table
for run in $(seq "$runs"); do
  for mode in local farm; do
    out="$work/out-$mode-$run"
    extra=(); [[ $mode == farm ]] && extra=("$farm")
    start=$(date +%s%N)
    (cd "$work/src" && CCACHE_RECACHE=1 DISTCC_HOSTS="" ./build.sh "${args[@]}" --out="$out" "${extra[@]}" >"$out.log" 2>&1) \
      || { echo "the $mode build failed: $out.log" >&2; tail -20 "$out.log" >&2; exit 1; }
    seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
    spread=$(grep -o 'distcc compiled [0-9]* files on the hosts and [0-9]* here' "$out.log" | tail -1 || true)
    sum=$(sha256sum "$out/stages/$stage/$(image)" | cut -c1-16)
    table+=("$(printf '%-5s %3s %8.1f s  %-16s %s' "$mode" "$run" "$seconds" "$sum" "${spread:-all here}")")
    echo "${table[-1]}"
  done
done

echo
echo "$stage compile, CCACHE_RECACHE, $(nproc) cores; farm: ${hosts[*]} (network namespaces of this machine)"
printf '%-5s %3s %10s  %-16s %s\n' mode run wall "$(image) sha256" "where the files went"
printf '%s\n' "${table[@]}"
for mode in local farm; do
  printf '%s\n' "${table[@]}" | awk -v m="$mode" '$1 == m { s += $3; n++ } END { printf "%s mean %.1f s\n", m, s / n }'
done | tee "$work/means"
awk 'NR == 1 { l = $3 } NR == 2 { f = $3 } END { printf "farm / local: %.2f (on one machine: the overhead, not a speed-up)\n", f / l }' "$work/means"
