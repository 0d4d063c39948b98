#!/usr/bin/python3
"""Brian2 reference run for the snnc golden simulator (float mode).

Usage: /usr/bin/python3 brian2_run.py NETWORK.json SPIKES.csv

NETWORK.json describes a deterministic network (written by the sim module's tests, see
Brian2Json.java):

  {"name": ..., "dt_ms": 0.1, "steps": 1000,
   "populations": [
     {"name": "src", "type": "SpikeSourceArray", "size": 2, "spike_steps": [[10, 20], [5]]},
     {"name": "a", "type": "IF_curr_exp", "size": 3,
      "params": {"cm": [...], "tau_m": [...], "tau_refrac": [...], "tau_syn_E": [...],
                 "tau_syn_I": [...], "i_offset": [...], "v_rest": [...], "v_reset": [...],
                 "v_thresh": [...], "v": [...], "isyn_exc": [...], "isyn_inh": [...]}}],
   "projections": [
     {"name": "p", "pre": "src", "post": "a", "receptor": "excitatory" | "inhibitory",
      "pre_index": [...], "post_index": [...], "weight": [...], "delay_steps": [...]}],
   "record_spikes": ["a", ...]}

Units are PyNN's (ms, mV, nA, nF). IF_curr_exp is PyNN's model as PyNN's Brian2 backend writes
it, integrated with Brian2's exact method:

  dv/dt = (v_rest - v)/tau_m + (ie - ii + i_offset)/c_m   (unless refractory)
  die/dt = -ie/tau_syn_e ;  dii/dt = -ii/tau_syn_i
  threshold v > v_thresh, reset v = v_reset, refractory tau_refrac

Excitatory synapses do ie += w, inhibitory ones ii += |w| (PyNN's negative inhibitory weights).
Spike sources emit at the given steps (times step * dt; snnc rounds spike times to steps
half-to-even, Brian2's SpikeGeneratorGroup would floor them, so the steps are passed explicitly).
Delays are whole steps (delay = steps * dt).

SPIKES.csv has the header population,index,time_ms and is sorted by step, population, index;
times are Decimal(repr(dt)) * step with trailing zeros removed and at least one decimal, exactly
as snnc.sim.trace.TimeFormat prints them.
"""

import json
import os
import sys
import tempfile
from decimal import Decimal

import numpy as np
import brian2 as b2
from brian2 import ms, mV, nA, nF

EQUATIONS = '''
dv/dt = (v_rest - v)/tau_m + (ie - ii + i_offset)/c_m : volt (unless refractory)
die/dt = -ie/tau_syn_e : amp
dii/dt = -ii/tau_syn_i : amp
tau_m : second (constant)
c_m : farad (constant)
v_rest : volt (constant)
v_reset : volt (constant)
v_thresh : volt (constant)
i_offset : amp (constant)
tau_syn_e : second (constant)
tau_syn_i : second (constant)
tau_refrac : second (constant)
'''


def format_time(dt_text, step):
    t = (Decimal(dt_text) * step).normalize()
    s = format(t, 'f')
    return s if '.' in s else s + '.0'


def build(desc):
    dt = desc['dt_ms'] * ms
    b2.defaultclock.dt = dt
    groups = {}
    monitors = {}
    objects = []
    for k, pop in enumerate(desc['populations']):
        name, size, kind = pop['name'], pop['size'], pop['type']
        if kind == 'SpikeSourceArray':
            idx, times = [], []
            for i, steps in enumerate(pop['spike_steps']):
                for n in sorted(set(steps)):
                    idx.append(i)
                    times.append(n)
            g = b2.SpikeGeneratorGroup(size, np.array(idx, dtype=int),
                                       np.array(times, dtype=float) * dt, name='pop_%d' % k)
        elif kind == 'IF_curr_exp':
            p = {k: np.asarray(v, dtype=float) for k, v in pop['params'].items()}
            g = b2.NeuronGroup(size, EQUATIONS, threshold='v > v_thresh', reset='v = v_reset',
                               refractory='tau_refrac', method='exact', name='pop_%d' % k)
            g.tau_m = p['tau_m'] * ms
            g.c_m = p['cm'] * nF
            g.v_rest = p['v_rest'] * mV
            g.v_reset = p['v_reset'] * mV
            g.v_thresh = p['v_thresh'] * mV
            g.i_offset = p['i_offset'] * nA
            g.tau_syn_e = p['tau_syn_E'] * ms
            g.tau_syn_i = p['tau_syn_I'] * ms
            g.tau_refrac = p['tau_refrac'] * ms
            g.v = p['v'] * mV
            g.ie = p['isyn_exc'] * nA
            g.ii = np.abs(p['isyn_inh']) * nA
        else:
            raise SystemExit('brian2_run.py: unsupported cell type ' + kind)
        groups[name] = g
        objects.append(g)
        if name in desc['record_spikes']:
            m = b2.SpikeMonitor(g, name='spikes_%d' % k)
            monitors[name] = m
            objects.append(m)
    # Brian2 object names must be identifiers; snnc names such as stage[3] are not.
    for k, proj in enumerate(desc['projections']):
        target = 'ii' if proj['receptor'] == 'inhibitory' else 'ie'
        s = b2.Synapses(groups[proj['pre']], groups[proj['post']], 'w : amp',
                        on_pre=target + '_post += w', name='proj_%d' % k)
        pre = np.asarray(proj['pre_index'], dtype=int)
        post = np.asarray(proj['post_index'], dtype=int)
        if len(pre) > 0:
            s.connect(i=pre, j=post)
            w = np.asarray(proj['weight'], dtype=float)
            s.w = (np.abs(w) if target == 'ii' else w) * nA
            s.delay = np.asarray(proj['delay_steps'], dtype=float) * dt
        objects.append(s)
    return b2.Network(*objects), monitors


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1]) as f:
        desc = json.load(f)
    b2.prefs.codegen.target = 'numpy'
    b2.seed(0)
    net, monitors = build(desc)
    dt_ms = desc['dt_ms']
    net.run(desc['steps'] * dt_ms * ms)
    rows = []
    for name, m in monitors.items():
        steps = np.rint(np.asarray(m.t / ms) / dt_ms).astype(np.int64)
        for i, n in zip(np.asarray(m.i), steps):
            rows.append((int(n), name, int(i)))
    rows.sort()
    dt_text = repr(float(dt_ms))
    out_dir = os.path.dirname(os.path.abspath(argv[2]))
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix='.spikes', suffix='.tmp')
    with os.fdopen(fd, 'w') as out:
        out.write('population,index,time_ms\n')
        for n, name, i in rows:
            out.write('%s,%d,%s\n' % (name, i, format_time(dt_text, n)))
    os.replace(tmp, argv[2])
    print('%s: %d spikes in %d steps of %s ms' % (desc['name'], len(rows), desc['steps'], dt_text))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
