#!/usr/bin/python3
"""Per-population firing statistics of spikes.csv files, as ChaoticExampleStatisticsTest computes them.

Usage: stats.py NETWORK.json OURS.csv BRIAN2.csv [--window-start-ms 100]

For every population that NETWORK.json records and that is not a spike source, over
[window start, end of run): rate = spikes / (size * window in s); CV of ISI = mean over neurons with
at least 3 spikes of std(ISI)/mean(ISI) (std with divisor n). Prints both files' values and the
relative difference; exits 1 when a rate differs by more than 5 % or a CV by more than 10 %.
"""
import json
import sys

import numpy as np


def stats(path, sizes, dt, first, end):
    per = {}
    with open(path) as f:
        next(f)
        for line in f:
            pop, i, t = line.rstrip('\n').split(',')
            n = round(float(t) / dt)
            if pop in sizes and first <= n < end:
                per.setdefault(pop, {}).setdefault(int(i), []).append(n)
    window_s = (end - first) * dt / 1000.0
    out = {}
    for pop, size in sizes.items():
        neurons = per.get(pop, {})
        count = sum(len(v) for v in neurons.values())
        cvs = []
        for steps in neurons.values():
            if len(steps) >= 3:
                isi = np.diff(sorted(steps)).astype(float)
                cvs.append(isi.std() / isi.mean())
        out[pop] = (count / (size * window_s), float(np.mean(cvs)) if cvs else 0.0)
    return out


def main(argv):
    args = argv[1:]
    start_ms = 100.0
    if len(args) == 5 and args[3] == '--window-start-ms':
        start_ms = float(args[4])
        args = args[:3]
    if len(args) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(args[0]) as f:
        desc = json.load(f)
    dt = desc['dt_ms']
    sizes = {p['name']: p['size'] for p in desc['populations']
             if p['name'] in desc['record_spikes'] and not p['type'].startswith('SpikeSource')}
    first, end = round(start_ms / dt), desc['steps']
    ours = stats(args[1], sizes, dt, first, end)
    brian = stats(args[2], sizes, dt, first, end)
    ok = True
    for pop in sizes:
        (r1, c1), (r2, c2) = ours[pop], brian[pop]
        dr = r1 / r2 - 1 if r2 else float('inf')
        dc = c1 / c2 - 1 if c2 else float('inf')
        good = abs(dr) <= 0.05 and abs(dc) <= 0.10
        ok = ok and good
        print('%-12s rate %8.3f Hz (Brian2 %8.3f, %+6.1f%%)  CV ISI %.4f (Brian2 %.4f, %+6.1f%%)  %s'
              % (pop, r1, r2, 100 * dr, c1, c2, 100 * dc, 'ok' if good else 'OUTSIDE TOLERANCE'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
