#!/bin/bash
# Times `spm demo sat` (the whole command: JVM, session, spokes, portfolio) against minisat on the
# benchmark's instances (Instances.BENCHMARK), one after the other, and prints one row per
# instance and the median of spm/minisat. Run from the repository root after ./mvnw package:
#   spm-examples/src/main/resources/sat/bench-sat.sh [POOL] [TIMEOUT_SECONDS]
set -u
pool=${1:-intra-all}
limit=${2:-120}
spm=${SPM:-./spm}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp="spm-cli/target/spm-cli-0.1.0-SNAPSHOT.jar:spm-cli/target/lib/*"
java=$(ls -d /usr/lib/jvm/*/bin/java | sort -V | tail -1)
specs=$("$java" -cp "$cp" dev.spm.examples.sat.SatGen --list 2>/dev/null || true)
[ -n "$specs" ] || specs="random3:250:4.26:1 random3:250:4.26:2 random3:250:4.26:3 random3:250:4.26:4
random3:300:4.26:1 random3:300:4.26:2 random3:300:4.26:3 random3:300:4.26:4 random3:300:4.26:5 random3:300:4.26:6
php:8 php:9 tseitin:30:4:1:unsat tseitin:70:3:1:unsat colour:400:3:4.65:1 colour:120:4:8.6:1"
now() { date +%s.%N; }
echo "pool $pool; $(nproc) cores; timeout ${limit}s each"
printf '%-24s %-8s %10s %10s %8s %s\n' instance answer spm_s minisat_s ratio shared
ratios=()
for spec in $specs; do
  f="$dir/${spec//:/_}.cnf"
  "$java" -cp "$cp" dev.spm.examples.sat.SatGen "$spec" "$f" || continue
  s=$(now); timeout "$limit" "$spm" demo sat "$f" --pool "$pool" > "$dir/spm.out" 2>&1; rc=$?; e=$(now)
  spm_s=$(echo "$e - $s" | bc)
  s=$(now); timeout "$limit" minisat "$f" "$dir/mini.out" > /dev/null 2>&1; mrc=$?; e=$(now)
  mini_s=$(echo "$e - $s" | bc)
  answer=$(sed -n 's/^s //p' "$dir/spm.out")
  mini=$(head -1 "$dir/mini.out" 2>/dev/null)
  agree=ok
  case "$answer/$mini" in SATISFIABLE/SAT|UNSATISFIABLE/UNSAT) ;; *) agree="DISAGREE(spm=$answer rc=$rc minisat=$mini rc=$mrc)";; esac
  ratio=$(echo "scale=2; $spm_s / $mini_s" | bc)
  ratios+=("$ratio")
  shared=$(sed -n 's/.*\(shared_clauses=[0-9]* shared_bytes=[0-9]*\).*/\1/p' "$dir/spm.out")
  printf '%-24s %-8s %10.2f %10.2f %8s %s %s\n' "$spec" "${answer:-?}" "$spm_s" "$mini_s" "$ratio" "$shared" "$agree"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "median spm/minisat: $median"
