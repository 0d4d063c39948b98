#!/usr/bin/python3
"""Brian2 reference run for the snnc golden simulator (float mode).

Usage: /usr/bin/python3 brian2_run.py NETWORK.json SPIKES.csv [--target numpy|cython] [--seed N]

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

IF_cond_exp populations have the params cm, tau_m, tau_refrac, tau_syn_E, tau_syn_I, i_offset,
v_rest, v_reset, v_thresh, e_rev_E, e_rev_I, gsyn_exc, gsyn_inh and v; SpikeSourcePoisson ones
have rate (Hz), start and duration (ms).

Units are PyNN's (ms, mV, nA, nF, uS). IF_curr_exp is PyNN's model as PyNN's Brian2 backend writes
it, integrated with Brian2's exact method:

  dv/dt = (v_rest - v)/tau_m + (ie - ii + i_offset)/c_m   (unless refractory)
  die/dt = -ie/tau_syn_e ;  dii/dt = -ii/tau_syn_i
  threshold v > v_thresh, reset v = v_reset, refractory tau_refrac

IF_cond_exp is PyNN's conductance-based model, integrated with forward Euler (as Brian2 does for
PyNN's COBA equations, and as snnc's CondExpGroup does):

  dv/dt = (v_rest - v)/tau_m + (ge*(e_rev_E - v) + gi*(e_rev_I - v) + i_offset)/c_m  (unless refractory)
  dge/dt = -ge/tau_syn_e ;  dgi/dt = -gi/tau_syn_i

SpikeSourcePoisson is Brian2's own Poisson process (a spike in a step with probability rate*dt while
start <= t < start + duration), drawn from Brian2's generator seeded with --seed (default 0): its
spikes differ from snnc's, so such networks compare statistically (bench/reference/stats.py).

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
from brian2 import ms, mV, nA, nF, uS, Hz

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

COND_EQUATIONS = '''
dv/dt = (v_rest - v)/tau_m + (ge*(e_rev_e - v) + gi*(e_rev_i - v) + i_offset)/c_m : volt (unless refractory)
dge/dt = -ge/tau_syn_e : siemens
dgi/dt = -gi/tau_syn_i : siemens
tau_m : second (constant)
c_m : farad (constant)
v_rest : volt (constant)
v_reset : volt (constant)
v_thresh : volt (constant)
e_rev_e : volt (constant)
e_rev_i : volt (constant)
i_offset : amp (constant)
tau_syn_e : second (constant)
tau_syn_i : second (constant)
tau_refrac : second (constant)
'''

POISSON_EQUATIONS = '''
rate : Hz (constant)
t_start : second (constant)
t_stop : second (constant)
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
        elif kind == 'SpikeSourcePoisson':
            p = {k: np.asarray(v, dtype=float) for k, v in pop['params'].items()}
            g = b2.NeuronGroup(size, POISSON_EQUATIONS,
                               threshold='t >= t_start and t < t_stop and rand() < rate*dt',
                               name='pop_%d' % k)
            g.rate = p['rate'] * Hz
            g.t_start = p['start'] * ms
            g.t_stop = (p['start'] + p['duration']) * ms
        elif kind == 'IF_cond_exp':
            p = {k: np.asarray(v, dtype=float) for k, v in pop['params'].items()}
            g = b2.NeuronGroup(size, COND_EQUATIONS, threshold='v > v_thresh', reset='v = v_reset',
                               refractory='tau_refrac', method='euler', name='pop_%d' % k)
            g.tau_m = p['tau_m'] * ms
            g.c_m = p['cm'] * nF
            g.v_rest = p['v_rest'] * mV
            g.v_reset = p['v_reset'] * mV
            g.v_thresh = p['v_thresh'] * mV
            g.e_rev_e = p['e_rev_E'] * mV
            g.e_rev_i = p['e_rev_I'] * mV
            g.i_offset = p['i_offset'] * nA
            g.tau_syn_e = p['tau_syn_E'] * ms
            g.tau_syn_i = p['tau_syn_I'] * ms
            g.tau_refrac = p['tau_refrac'] * ms
            g.v = p['v'] * mV
            g.ge = p['gsyn_exc'] * uS
            g.gi = np.abs(p['gsyn_inh']) * uS
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
    kinds = {pop['name']: pop['type'] for pop in desc['populations']}
    # Brian2 object names must be identifiers; snnc names such as stage[3] are not.
    for k, proj in enumerate(desc['projections']):
        inhibitory = proj['receptor'] == 'inhibitory'
        if kinds[proj['post']] == 'IF_cond_exp':
            target, unit, dim = ('gi' if inhibitory else 'ge'), uS, 'siemens'
        else:
            target, unit, dim = ('ii' if inhibitory else 'ie'), nA, 'amp'
        s = b2.Synapses(groups[proj['pre']], groups[proj['post']], 'w : ' + dim,
                        on_pre=target + '_post += w', name='proj_%d' % k)
        pre = np.asarray(proj['pre_index'], dtype=int)
        post = np.asarray(proj['post_index'], dtype=int)
        if len(pre) > 0:
            s.connect(i=pre, j=post)
            w = np.asarray(proj['weight'], dtype=float)
            s.w = (np.abs(w) if inhibitory else w) * unit
            s.delay = np.asarray(proj['delay_steps'], dtype=float) * dt
        objects.append(s)
    return b2.Network(*objects), monitors


def main(argv):
    args = argv[1:]
    target, seed = 'numpy', 0
    while len(args) > 2 and args[-2] in ('--target', '--seed'):
        if args[-2] == '--target':
            target = args[-1]
        else:
            seed = int(args[-1])
        args = args[:-2]
    if len(args) != 2 or target not in ('numpy', 'cython'):
        sys.stderr.write(__doc__)
        return 2
    argv = [argv[0]] + args
    with open(argv[1]) as f:
        desc = json.load(f)
    b2.prefs.codegen.target = target
    b2.seed(seed)
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
