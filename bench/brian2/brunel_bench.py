#!/usr/bin/python3
"""Brian2 side of `bench/run sim`: the Brunel-style network of snnc.bench.SimBenchmark.

Usage: /usr/bin/python3 brunel_bench.py N_NEURONS P_CONNECT J_REC_NA DT_MS T_MS [--target cython|numpy]

N_NEURONS IF_curr_exp neurons (80 % excitatory; PyNN's model and parameters of examples/lib
cells.snn's `lif`, exact integration), recurrent fixed-probability connectivity P_CONNECT without
self-connections, excitatory weight J_REC_NA nA, inhibitory -5 J_REC_NA, delay 1.5 ms; 1,000
Poisson sources at 20 Hz drive every neuron with probability 0.1 and weight 0.1 nA. Brian2 draws
its own connectivity and Poisson spikes (the same statistics as snnc's, not the same synapses).

The network is built, then run for 10 ms as a warm-up (code generation and compilation), then run
for T_MS, and only that run is timed. Prints one JSON line: synapses, spikes, seconds, target.
"""
import json
import sys
import time

import brian2 as b2
from brian2 import ms, mV, nA, nF, Hz


def main(argv):
    args = argv[1:]
    target = 'cython'
    if len(args) == 7 and args[5] == '--target':
        target = args[6]
        args = args[:5]
    if len(args) != 5:
        sys.stderr.write(__doc__)
        return 2
    n, p, j_rec, dt_ms, t_ms = int(args[0]), float(args[1]), float(args[2]), float(args[3]), float(args[4])
    b2.prefs.codegen.target = target
    b2.defaultclock.dt = dt_ms * ms
    b2.seed(1)
    n_exc = n * 4 // 5
    eqs = '''
    dv/dt = (v_rest - v)/tau_m + (ie - ii)/c_m : volt (unless refractory)
    die/dt = -ie/tau_syn_e : amp
    dii/dt = -ii/tau_syn_i : amp
    '''
    ns = dict(v_rest=-65 * mV, tau_m=20 * ms, c_m=1 * nF, tau_syn_e=5 * ms, tau_syn_i=5 * ms)
    cells = b2.NeuronGroup(n, eqs, threshold='v > -50*mV', reset='v = -65*mV',
                           refractory=2 * ms, method='exact', namespace=ns)
    cells.v = -65 * mV
    exc, inh = cells[:n_exc], cells[n_exc:]
    ext = b2.PoissonGroup(1000, rates=20 * Hz)
    s_ext = b2.Synapses(ext, cells, on_pre='ie_post += 0.1*nA', delay=1.5 * ms)
    # Generator syntax, so Brian2 samples each row instead of testing all N x N pairs.
    s_ext.connect(j='k for k in sample(N_post, p=0.1)')
    s_exc = b2.Synapses(exc, cells, on_pre='ie_post += %r*nA' % j_rec, delay=1.5 * ms)
    s_exc.connect(j='k for k in sample(N_post, p=%r) if k != i' % p)
    s_inh = b2.Synapses(inh, cells, on_pre='ii_post += %r*nA' % (5 * j_rec), delay=1.5 * ms)
    s_inh.connect(j='k for k in sample(N_post, p=%r) if k != i + %d' % (p, n_exc))
    mon = b2.SpikeMonitor(cells)
    net = b2.Network(cells, ext, s_ext, s_exc, s_inh, mon)
    net.run(10 * ms)
    before = mon.num_spikes
    start = time.perf_counter()
    net.run(t_ms * ms)
    seconds = time.perf_counter() - start
    synapses = len(s_ext) + len(s_exc) + len(s_inh)
    print(json.dumps({'synapses': int(synapses), 'spikes': int(mon.num_spikes - before),
                      'seconds': seconds, 'target': target}))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
