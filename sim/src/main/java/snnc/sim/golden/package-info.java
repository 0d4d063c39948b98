/**
 * The golden simulator: the reference every target is compared with, spike for spike.
 *
 * <h2>Float mode ({@link snnc.sim.golden.Numerics#FLOAT})</h2>
 *
 * Double precision, exact integration of the linear ODEs, PyNN semantics; checked against Brian2
 * 2.5 (bench/reference). Steps run n = 0 … steps − 1 with steps = round(run / dt); a spike of
 * step n happens at time n·dt.
 *
 * <p><b>Rounding.</b> Delay steps D = round-half-even(delay / dt), at least 1 (1.5 ms at dt = 1 ms
 * is 2 steps). Refractory steps Rs = floor((τrefrac + 0.001·dt) / dt) (Brian2's count; PyNN's
 * default 0.1 ms is 0 steps at dt = 1 ms). A SpikeSourceArray time t falls in step
 * round-half-even(t / dt). See {@link snnc.sim.golden.Steps}.
 *
 * <p><b>IF_curr_exp</b>, with Pm = exp(−dt/τm), Pe = exp(−dt/τsynE), Pi = exp(−dt/τsynI),
 * R = τm/cm, P21e = τm·τsynE/(cm·(τm − τsynE))·(Pm − Pe) (dt/cm·Pm when τsynE = τm exactly), P21i
 * likewise; at step n, for every neuron:
 *
 * <ol>
 *   <li>not-refractory ⇔ n − lastSpike ≥ Rs;
 *   <li>if not refractory: v ← v_rest + (v − v_rest)·Pm + i_offset·R·(1 − Pm) + Ie·P21e − Ii·P21i
 *       (old currents; evaluated left to right);
 *   <li>Ie ← Ie·Pe, Ii ← Ii·Pi (always);
 *   <li>spike ⇔ not refractory and v &gt; v_thresh (strict); lastSpike ← n;
 *   <li>take the input due at step n (emitted at n − D): Ie += w (excitatory), Ii += |w|
 *       (inhibitory);
 *   <li>v ← v_reset for the neurons that spiked.
 * </ol>
 *
 * Between steps 4 and 5 the spikes of step n (of all populations) are sent on: each adds its
 * weight to the target's ring-buffer slot n + D (one ring per population, slots = largest incoming
 * delay + 1, excitatory and inhibitory apart). Within one slot, input sums in the order: emission
 * step, projection (network order), pre neuron index, synapse order within the pre neuron's row.
 * This order does not depend on the number of workers. (The simulator hands a block of K steps'
 * spikes on at once, K the shortest delay, step by step in emission order, so the order and the
 * values are those of sending every step's spikes at once; when every delay is K it instead
 * delivers step n's spikes at step n + K, into a ring of one slot, which receives the same inputs
 * in the same order; see {@code GoldenSimulator}.) Float-mode
 * sums are plain double additions in this order, fixed-mode ones saturate after every addition.
 *
 * <p>When a population's neurons share their constants (all parameters but v_reset and the initial
 * v) and its ring has one slot or a worker's range of it has at most 16,384 neurons, the
 * IF_curr_exp update runs as a branch-free sweep the JIT vectorises (when the slot is at offset 0): step 5 of step n − 1 (deferred), step 2 for every neuron,
 * refractory ones included, and step 3, chunk by chunk; the voltages of the neurons that spiked in
 * the last Rs − 1 steps are saved and set to −∞ before the sweep (so none of them can cross the
 * threshold) and put back after it, and after each chunk a branch-free scan in ascending index
 * order does step 4. Every value comes from the same
 * operations in the same order as above, so the results are the schedule's, bit for bit.
 *
 * <p><b>IF_curr_delta</b>: steps 2 without the current terms, no step 3, step 5 adds the weight to
 * v (excitatory +w, inhibitory −|w|), also while refractory. <b>IF_cond_exp</b>: forward Euler
 * ({@code CondExpGroup}). <b>Izhikevich</b>: forward Euler, v ≥ 30 mV, voltage-jump input
 * ({@code IzhikevichGroup}). <b>SpikeSourcePoisson</b>: the integer stream of
 * {@link snnc.sim.golden.PoissonSpikes}. <b>STDP</b>: {@code StdpRule}, applied in step 5 for
 * arrivals (before their weight is added) and after all arrivals for post spikes of step n.
 *
 * <p>Membrane voltages are sampled at the start of each step (time n·dt, before step 1).
 *
 * <h2>Fixed mode ({@link snnc.sim.golden.Numerics#FIXED})</h2>
 *
 * The same schedule in the integer arithmetic of a {@code snnc.ir.numerics} profile
 * ({@code s16.15} or {@code compact}), as docs/numerics.md specifies: the {@code quantise} pass
 * runs first and its errors stop the run ({@link snnc.sim.golden.NumericsException});
 * {@code FixedCurrExpGroup} and {@code FixedCurrDeltaGroup} hold raw state, ring entries hold
 * saturating sums of raw weights, {@code FixedStdp} is the additive pair rule on raw traces.
 */
package snnc.sim.golden;
