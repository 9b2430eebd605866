#!/bin/bash
# Times GNU make -j2 against the make demo, alternating, 3 runs each, from a clean tree.
# usage: bench-make.sh DIR 'DEMO COMMAND'   e.g.
#   bench-make.sh /tmp/big "java --enable-native-access=ALL-UNNAMED -cp $CP dev.spm.examples.make.MakeDemo /tmp/big -j 2"
# Make the tree first: java -cp $CP dev.spm.examples.make.CTreeGenerator /tmp/big 200 12
set -u
cd "$1"
for i in 1 2 3; do
  make -s clean
  s=$(date +%s.%N); make -j2 >/dev/null 2>&1; e=$(date +%s.%N)
  m=$(echo "$e - $s" | bc)
  make -s clean
  s=$(date +%s.%N); sh -c "$2" >/dev/null 2>&1; rc=$?; e=$(date +%s.%N)
  d=$(echo "$e - $s" | bc)
  echo "run $i: make -j2 ${m}s  demo ${d}s (rc $rc)  load $(cut -d' ' -f1 /proc/loadavg)"
done
