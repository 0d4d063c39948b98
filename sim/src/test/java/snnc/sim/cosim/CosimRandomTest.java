package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.sim.random.RandomNetworks;

/**
 * Random small networks ({@link RandomNetworks}, seeds 1–24) are spike-exact on the Verilated core
 * against golden fixed mode, each in both profiles on both core templates. A failing network's
 * source is written to target/cosim-random/SEED.snn.
 */
class CosimRandomTest {

  static final int NETWORKS = 24;
  static final Path OUT = Path.of("target", "cosim-random");

  @TestFactory
  Stream<DynamicTest> randomNetworksSpikeExact() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int seed = 1; seed <= NETWORKS; seed++) {
      for (NumericsProfile profile : NumericsProfile.builtIns()) {
        for (CoreTemplate template : CoreTemplate.values()) {
          long s = seed;
          tests.add(DynamicTest.dynamicTest("seed " + seed + " " + profile.name() + " "
              + template.label(), () -> check(s, profile, template)));
        }
      }
    }
    return tests.stream();
  }

  private static void check(long seed, NumericsProfile profile, CoreTemplate template)
      throws Exception {
    CosimSupport.requireVerilator();
    String text = RandomNetworks.generate(seed, RandomNetworks.Limits.small());
    Network net = CosimSupport.source("random_" + seed, text);
    Cosim.Result r = new Cosim(profile, CosimSupport.CACHE, true, template).run(net);
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("summary.txt"), String.format(Locale.ROOT,
        "seed %2d %-8s %-9s neurons %3d keys %3d synapses %4d max delay %2d: golden %4d core %4d "
            + "%s%n", seed, profile.name(), template.label(), r.image().neurons(), r.image().rows().size(),
        r.image().synapses().size(), r.image().maxDelaySteps(), r.golden().size(),
        r.hardware().size(), r.exact() ? "exact" : "MISMATCH " + r.mismatch().get()),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (!r.exact()) {
      Files.writeString(OUT.resolve(seed + ".snn"), text, StandardCharsets.UTF_8);
    }
    assertTrue(r.exact(), "random network " + seed + " (" + profile + ", " + template.label()
        + "): "
        + r.mismatch().orElse(null) + "\n" + text);
  }
}
