#!/bin/bash
# Times `spm demo wordcount` on the serial pool and on intra-all (the manage time it prints with
# --timing, and the whole command), and the reference pipeline, alternating, RUNS times each.
# Run from the repository root after ./mvnw package:
#   spm-examples/src/main/resources/wordcount/bench-wordcount.sh FILE [RUNS]
# Make FILE (real text repeated to about 200 MB, not to be committed), e.g.:
#   cat /usr/share/common-licenses/* /usr/share/doc/*/copyright > /tmp/wc-seed.txt
#   : > /tmp/wc-200m.txt; while [ $(stat -c %s /tmp/wc-200m.txt) -lt 209715200 ]; do
#     cat /tmp/wc-seed.txt >> /tmp/wc-200m.txt; done
set -u
f=$1
runs=${2:-3}
spm=${SPM:-./spm}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
now() { date +%s.%N; }
echo "file $f: $(stat -c %s "$f") bytes; $(nproc) cores"
for i in $(seq 1 "$runs"); do
  for pool in serial intra-all; do
    s=$(now)
    "$spm" demo wordcount "$f" --pool "$pool" --timing > "$out/$pool" 2> "$out/$pool.err"; rc=$?
    e=$(now)
    manage=$(sed -n 's/.*manage_seconds=\([0-9.]*\).*/\1/p' "$out/$pool.err")
    echo "run $i: $pool manage ${manage}s whole $(echo "$e - $s" | bc)s (rc $rc) load $(cut -d' ' -f1 /proc/loadavg)"
  done
  s=$(now)
  LC_ALL=C tr -cs '[:alnum:]' '\n' < "$f" | LC_ALL=C tr A-Z a-z | LC_ALL=C sort | LC_ALL=C uniq -c > "$out/ref"
  e=$(now)
  echo "run $i: tr|tr|sort|uniq -c whole $(echo "$e - $s" | bc)s load $(cut -d' ' -f1 /proc/loadavg)"
  if [ "$i" = 1 ]; then
    awk 'NF == 2 { print $2 "\t" $1 }' "$out/ref" | LC_ALL=C sort > "$out/ref.sorted"
    for pool in serial intra-all; do
      if LC_ALL=C sort "$out/$pool" | cmp -s - "$out/ref.sorted"; then
        echo "$pool: same words and counts as the reference ($(wc -l < "$out/$pool") words)"
      else
        echo "$pool: DIFFERENT words or counts from the reference"
      fi
    done
  fi
done
