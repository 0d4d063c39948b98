#!/bin/sh
# Reruns Brian2 on every checked-in reference network and rewrites expected/*/spikes.csv.
# Run after `mvn -pl sim -am verify -Dgolden.update=true` changed a network.json; review the diff.
# Brian2 comes from Debian's python3-brian, so it must run under /usr/bin/python3.
# The chaotic examples (expected/*/network.sha256 instead of network.json) are regenerated one by
# one with `bench/reference/compare.sh --update CASE`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for json in "$here"/expected/*/network.json; do
  dir=$(dirname "$json")
  /usr/bin/python3 -W ignore "$here/brian2_run.py" "$json" "$dir/spikes.csv"
done
