#!/bin/sh
# Reruns Brian2 live on one reference case and compares its spikes with the golden simulator's.
#   bench/reference/compare.sh CASE
# CASE is an example (tiny, delays, synfire) or a constructed network (chain_dt1, chain_dt01,
# recurrent_dt01); see bench/reference/expected/. Output goes to bench/results/reference/CASE/:
# network.json, spikes.csv (golden simulator) and brian2_spikes.csv (Brian2).
# Brian2 is Debian's python3-brian, so it runs under /usr/bin/python3.
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 CASE" >&2
  exit 2
fi
case_name=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results/reference"
rm -rf "$out/$case_name"
mkdir -p "$out"
echo "golden simulator: $case_name"
(cd "$root" && mvn -q -pl sim -am test \
  -Dtest='Brian2ReferenceTest,ExampleReferenceTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmaven.test.failure.ignore=true \
  -Dsnnc.reference.only="$case_name" -Dsnnc.reference.out="$out" >/dev/null)
dir="$out/$case_name"
if [ ! -f "$dir/network.json" ]; then
  echo "no reference case named '$case_name' (see bench/reference/expected/)" >&2
  exit 2
fi
echo "Brian2: $case_name"
/usr/bin/python3 -W ignore "$here/brian2_run.py" "$dir/network.json" "$dir/brian2_spikes.csv"
golden=$(($(wc -l < "$dir/spikes.csv") - 1))
brian=$(($(wc -l < "$dir/brian2_spikes.csv") - 1))
if cmp -s "$dir/spikes.csv" "$dir/brian2_spikes.csv"; then
  echo "IDENTICAL: $golden spikes"
else
  echo "DIFFERENT: golden $golden spikes, Brian2 $brian spikes (< Brian2, > golden):"
  diff "$dir/brian2_spikes.csv" "$dir/spikes.csv" | head -40
  exit 1
fi
