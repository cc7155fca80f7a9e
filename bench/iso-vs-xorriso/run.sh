#!/usr/bin/env bash
# Masters the same real Debian /usr with isotool (XenDemoCD.Iso9660) and with
# `xorriso -as mkisofs -R -J`, several runs each, and prints wall time, the time ratio and
# peak memory (max RSS from /usr/bin/time -v). A benchmark, not a test: run it by hand.
#
#   bench/iso-vs-xorriso/run.sh [RUNS] [TREE]
#
# TREE defaults to a minbase Debian bookworm root (with python3, perl, gcc so that /usr is
# a few hundred MB) made once with mmdebstrap into $BENCH_CACHE (default
# /var/cache/xendemo-bench). Needs: mmdebstrap (root), xorriso, time (Debian packages).
set -euo pipefail
runs=${1:-3}
cache=${BENCH_CACHE:-/var/cache/xendemo-bench}
tree=${2:-$cache/rootfs/usr}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${BENCH_OUT:-$(mktemp -d /tmp/iso-bench.XXXXXX)}

for tool in xorriso /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xorriso time)" >&2; exit 1; }
done
if [ ! -d "$tree" ]; then
  command -v mmdebstrap >/dev/null || { echo "missing mmdebstrap (apt-get install mmdebstrap)" >&2; exit 1; }
  mkdir -p "$cache"
  mmdebstrap --variant=minbase --include=python3,perl,gcc bookworm "$cache/rootfs"
fi

dotnet publish "$repo/src/XenDemoCD.IsoTool" -c Release -o "$out/isotool" --nologo -v quiet >/dev/null
isotool="$out/isotool/isotool"
echo "tree: $tree ($(du -sh "$tree" | cut -f1), $(find "$tree" | wc -l) entries)"

measure() { # label, command...
  local label=$1; shift
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  # Warm the page cache for both tools alike: we compare the mastering, not the disk.
  tar -cf - -C "$tree" . > /dev/null
  /usr/bin/time -v "$@" > /dev/null 2> "$out/time.txt"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=0; for(i=1;i<=length(t);i++) s=s*60+t[i]; print s}' "$out/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
  echo "$label $wall $rss"
}

declare -a ours theirs ours_rss theirs_rss
for i in $(seq 1 "$runs"); do
  read -r _ w r < <(measure isotool "$isotool" create "$tree" -o "$out/ours.iso" --date 1700000000 --volid XENDEMO)
  ours+=("$w"); ours_rss+=("$r")
  read -r _ w r < <(measure xorriso xorriso -as mkisofs -quiet -R -J -V XENDEMO -o "$out/xorriso.iso" "$tree")
  theirs+=("$w"); theirs_rss+=("$r")
  echo "run $i: isotool ${ours[-1]} s, ${ours_rss[-1]} KiB   xorriso ${theirs[-1]} s, ${theirs_rss[-1]} KiB"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mo=$(median "${ours[@]}"); mt=$(median "${theirs[@]}")
ro=$(median "${ours_rss[@]}"); rt=$(median "${theirs_rss[@]}")
echo
echo "image sizes: isotool $(stat -c %s "$out/ours.iso") bytes, xorriso $(stat -c %s "$out/xorriso.iso") bytes"
echo "median wall time: isotool $mo s, xorriso $mt s, ratio isotool/xorriso $(awk -v a="$mo" -v b="$mt" 'BEGIN {printf "%.2f", a/b}')"
echo "median peak RSS:  isotool $((ro / 1024)) MiB, xorriso $((rt / 1024)) MiB (target: isotool < 200 MiB)"
rm -f "$out/ours.iso" "$out/xorriso.iso"
