#!/usr/bin/env bash
# spm run beside GNU parallel and xargs, whole commands (JVM start included), interleaved so that
# the load of a shared machine weighs on each alike: ROUNDS rounds, each running every command once
# in turn. Prints the median and the minimum wall time of each, in seconds, and the load average.
#   spm-bench/scripts/run-vs-peers.sh [ROUNDS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS="${1:-15}"
SPM="$ROOT/spm"
"$SPM" run true ::: 1 >/dev/null # builds and makes the start-up cache, if needed
declare -A commands=(
  [spm-1000]="seq 1000 | $SPM run -j2 true"
  [parallel-1000]="seq 1000 | parallel --will-cite -j2 true"
  [xargs-1000]="seq 1000 | xargs -P2 -n1 true"
  [spm-1]="$SPM run true ::: 1"
  [parallel-1]="parallel --will-cite true ::: 1"
)
order=(spm-1000 parallel-1000 xargs-1000 spm-1 parallel-1)
declare -A times
now() { date +%s%N; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 0; r < ROUNDS; r++)); do
  for name in "${order[@]}"; do
    start=$(now)
    bash -c "${commands[$name]}" >/dev/null
    times[$name]+="$(( ($(now) - start) / 1000000 )) "
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in "${order[@]}"; do
  # shellcheck disable=SC2086
  printf '%-14s median %s s  min %s s   (%s)\n' "$name" \
    "$(printf '%s\n' ${times[$name]} | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}')" \
    "$(printf '%s\n' ${times[$name]} | sort -n | head -1 | awk '{printf "%.3f", $1/1000}')" \
    "${commands[$name]}"
done
