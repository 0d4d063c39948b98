#!/bin/sh
# Reruns Brian2 live on one reference case and compares it with the golden simulator.
#   bench/reference/compare.sh [--update] [--seed N] CASE
# CASE is a deterministic example (tiny, delays, synfire) or constructed network (chain_dt1,
# chain_dt01, recurrent_dt01), compared spike for spike, or a chaotic example (brunel,
# vogels_abbott), compared statistically (rate within 5 %, CV of ISI within 10 %, see
# bench/reference/stats.py). Output goes to bench/results/reference/CASE/: network.json,
# spikes.csv (golden simulator) and brian2_spikes.csv (Brian2).
# --update copies Brian2's spikes into bench/reference/expected/CASE/spikes.csv (review the diff);
# --seed N seeds Brian2's Poisson sources (default 0, the checked-in runs).
# Brian2 is Debian's python3-brian, so it runs under /usr/bin/python3.
set -eu
update=no
seed=0
while [ $# -gt 1 ]; do
  case $1 in
    --update) update=yes; shift ;;
    --seed) seed=$2; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ]; then
  echo "usage: $0 [--update] [--seed N] CASE" >&2
  exit 2
fi
case_name=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results/reference"
rm -rf "$out/$case_name"
mkdir -p "$out"
echo "golden simulator: $case_name"
(cd "$root" && ./mvnw -q -pl sim -am test \
  -Dtest='Brian2ReferenceTest,ExampleReferenceTest,ChaoticExampleStatisticsTest' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true \
  -Dsnnc.reference.only="$case_name" -Dsnnc.reference.out="$out" >/dev/null)
dir="$out/$case_name"
if [ ! -f "$dir/network.json" ]; then
  echo "no reference case named '$case_name' (see bench/reference/expected/)" >&2
  exit 2
fi
echo "Brian2: $case_name"
/usr/bin/python3 -W ignore "$here/brian2_run.py" "$dir/network.json" "$dir/brian2_spikes.csv" \
  --seed "$seed"
if [ "$update" = yes ]; then
  cp "$dir/brian2_spikes.csv" "$here/expected/$case_name/spikes.csv"
  echo "updated bench/reference/expected/$case_name/spikes.csv"
fi
if grep -q '"SpikeSourcePoisson"' "$dir/network.json"; then
  exec /usr/bin/python3 -W ignore "$here/stats.py" "$dir/network.json" "$dir/spikes.csv" \
    "$dir/brian2_spikes.csv"
fi
golden=$(($(wc -l < "$dir/spikes.csv") - 1))
brian=$(($(wc -l < "$dir/brian2_spikes.csv") - 1))
if cmp -s "$dir/spikes.csv" "$dir/brian2_spikes.csv"; then
  echo "IDENTICAL: $golden spikes"
else
  echo "DIFFERENT: golden $golden spikes, Brian2 $brian spikes (< Brian2, > golden):"
  diff "$dir/brian2_spikes.csv" "$dir/spikes.csv" | head -40
  exit 1
fi
