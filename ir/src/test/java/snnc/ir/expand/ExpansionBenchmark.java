package snnc.ir.expand;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import snnc.diag.DiagnosticSink;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Network;
import snnc.ir.TestNetworks;
import snnc.ir.ValueSpec;
import snnc.ir.model.CellType;
import snnc.ir.pass.PassContext;
import snnc.ir.verify.NetworkVerifier;

/**
 * Not a test (surefire runs only {@code *Test}): builds 1,000,000 IF_curr_exp neurons in 10
 * populations of 100,000 with a ring of {@code fixed_number_pre(100)} projections (100,000,000
 * synapses, random weights and delays), verifies it, expands and digests every projection on all
 * cores, and prints the times and the peak heap. Run with e.g.
 * {@code java -Xmx4g -cp ir/target/classes:ir/target/test-classes:<jackson> snnc.ir.expand.ExpansionBenchmark}.
 */
public final class ExpansionBenchmark {

  private ExpansionBenchmark() {}

  public static void main(String[] args) {
    int populations = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int fanIn = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    long t0 = System.nanoTime();
    TestNetworks b = TestNetworks.network().name("bench").timestep(0.1).run(1000);
    for (int k = 0; k < populations; k++) {
      b.population("p" + k, size, CellType.IF_CURR_EXP, 2 + k);
    }
    for (int k = 0; k < populations; k++) {
      b.connect("p" + k, "p" + ((k + 1) % populations),
          new Connector.FixedNumberPre(fanIn, false, false),
          new ValueSpec.Random(new Distribution.Uniform(0.1, 0.5)),
          new ValueSpec.Random(new Distribution.Uniform(1, 10)), 1000 + k, 20 + k);
    }
    Network network = b.build();
    DiagnosticSink sink = new DiagnosticSink();
    NetworkVerifier.verify(network, sink);
    long t1 = System.nanoTime();
    if (sink.hasErrors()) {
      sink.all().forEach(d -> System.out.println(d.raw() + " " + d.message()));
      System.exit(1);
    }
    PassContext context = new PassContext(sink);
    ExpansionSummary summary = new ExpandPass(ExpandPass.Options.defaults()).run(network, context);
    long t2 = System.nanoTime();
    System.out.printf("cells %,d, projections %d, synapses %,d, cores %d%n",
        network.cellCount(), summary.projections().size(), summary.totalSynapses(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("build+verify %.2f s, expand+digest %.2f s (%.1f M synapses/s)%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, summary.totalSynapses() / ((t2 - t1) / 1e9) / 1e6);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("peak heap (sum of heap pool peaks) %.1f MiB, max heap %.0f MiB%n",
        peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    summary.projections().forEach(p -> System.out.println("  " + p.projection() + " "
        + p.synapses() + " " + p.digest() + " delays " + p.minDelaySteps() + ".."
        + p.maxDelaySteps() + " fan-in " + p.maxFanIn()));
  }
}
