package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.PoissonSource;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.numerics.NumericsProfile;
import snnc.sim.golden.PoissonSpikes;

/**
 * The host constants of the core's Poisson generator ({@link PoissonSource}) define the golden
 * simulator's stream ({@link PoissonSpikes}): same words, thresholds and window, so the core's
 * spikes can only differ through its own datapath, which the co-simulation tests check.
 */
class PoissonSourceTest {

  private static final String TEXT = """
      network poisson_consts {
        timestep 0.5 ms
        population bg = SpikeSourcePoisson(rate = 37 Hz, start = 3.25 ms, duration = 20 ms) * 5
        population burst = SpikeSourcePoisson(rate = 5000 Hz) * 3
        population mixed = SpikeSourcePoisson(rate = [10 Hz, 20 Hz]) * 2
        population out = IF_curr_exp() * 2
        connect bg -> out all_to_all weight 0.1 nA delay 1 ms
        run 30 ms
      }
      """;

  @Test
  void constantsReproduceTheGoldenStream() {
    Network net = CosimSupport.source("poisson_consts", TEXT);
    for (long seed : new long[] {0L, 1L, -7L, 0x1234_5678_9ABCL}) {
      for (String name : List.of("bg", "burst", "mixed")) {
        Population p = population(net, name);
        PoissonSpikes golden = new PoissonSpikes(seed, name);
        int covered = 0;
        for (PoissonSource run : PoissonSource.of(p, net.timestepMs(), seed, 40)) {
          assertEquals(40 + run.firstIndex(), run.firstKey());
          for (int k = 0; k <= run.lastKey() - run.firstKey(); k++) {
            for (long n = 0; n < 200; n += 7) {
              assertEquals(golden.word(run.firstIndex() + k, n), run.word(k, n),
                  name + "[" + (run.firstIndex() + k) + "] step " + n);
            }
            covered++;
          }
        }
        assertEquals(p.size(), covered, name + ": every source in exactly one run");
      }
    }
    List<PoissonSource> bg = PoissonSource.of(population(net, "bg"), 0.5, 0, 0);
    assertEquals(1, bg.size(), "a homogeneous population is one run");
    assertEquals(PoissonSpikes.threshold(37, 0.5), bg.get(0).threshold());
    assertEquals(6, bg.get(0).startStep(), "3.25 ms / 0.5 ms = 6.5 rounds half-even to 6");
    assertEquals(46, bg.get(0).endStep(), "23.25 ms / 0.5 ms = 46.5 rounds half-even to 46");
    PoissonSource saturated = PoissonSource.of(population(net, "burst"), 0.5, 0, 0).get(0);
    assertEquals(1L << 32, saturated.threshold(), "rate·dt ≥ 1: a spike every step");
    List<PoissonSource> mixed = PoissonSource.of(population(net, "mixed"), 0.5, 0, 0);
    assertEquals(2, mixed.size(), "two rates, two runs");
    assertEquals(PoissonSpikes.threshold(20, 0.5), mixed.get(1).threshold());
  }

  @Test
  void poissonRunsBecomeTableEntries() {
    Network net = CosimSupport.source("poisson_consts", TEXT);
    CoreImage image = CoreLowering.lower(net, NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, true, 99);
    assertEquals(1, image.segments());
    assertEquals(4, image.poissonSources(), "bg, burst and the two runs of mixed");
    assertTrue(image.shape().poisson());
    assertTrue(image.population("bg").map(p -> !image.hostDriven(p)).orElseThrow());
  }

  private static Population population(Network net, String name) {
    return net.populations().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow();
  }
}
