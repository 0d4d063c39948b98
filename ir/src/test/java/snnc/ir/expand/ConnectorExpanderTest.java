package snnc.ir.expand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.ir.TestNetworks.constant;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.TestNetworks;
import snnc.ir.ValueSpec;
import snnc.ir.model.CellType;

class ConnectorExpanderTest {

  /** a (size nPre) → b (size nPost), plus the recurrent b → b when {@code recurrent}. */
  static Network net(int nPre, int nPost, Connector c, ValueSpec w, ValueSpec d, long seed,
      boolean recurrent) {
    TestNetworks t = TestNetworks.network()
        .population("a", nPre, CellType.SPIKE_SOURCE_POISSON, 2)
        .population("b", nPost, CellType.IF_CURR_EXP, 3);
    return recurrent ? t.connect("b", "b", c, w, d, seed, 4).build()
        : t.connect("a", "b", c, w, d, seed, 4).build();
  }

  static SynapseBlock all(Network n) {
    Projection p = n.projections().get(0);
    int nPost = n.population(p.post()).orElseThrow().size();
    return ConnectorExpander.expand(n, p, 0, nPost);
  }

  static void assertPairs(SynapseBlock b, int[][] expected) {
    assertEquals(expected.length, b.size(), b.toString());
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k][0], b.pre()[k], "pre of synapse " + k);
      assertEquals(expected[k][1], b.post()[k], "post of synapse " + k);
    }
  }

  static void assertCanonical(SynapseBlock b) {
    for (int k = 1; k < b.size(); k++) {
      assertTrue(b.post()[k - 1] < b.post()[k]
          || (b.post()[k - 1] == b.post()[k] && b.pre()[k - 1] <= b.pre()[k]), "order at " + k);
    }
  }

  @Test
  void allToAllWithAndWithoutSelf() {
    assertPairs(all(net(2, 2, new Connector.AllToAll(true), constant(0.5), constant(1), 1, false)),
        new int[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}});
    SynapseBlock noSelf = all(net(3, 3, new Connector.AllToAll(false), constant(0.5), constant(1),
        1, true));
    assertPairs(noSelf, new int[][] {{1, 0}, {2, 0}, {0, 1}, {2, 1}, {0, 2}, {1, 2}});
    // self-connections only matter within one population
    assertEquals(9, all(net(3, 3, new Connector.AllToAll(false), constant(0.5), constant(1), 1,
        false)).size());
  }

  @Test
  void oneToOneWithArrayWeightsByIndex() {
    SynapseBlock b = all(net(3, 3, new Connector.OneToOne(),
        new ValueSpec.Array(Doubles.of(0.1, 0.2, 0.3)), constant(2), 1, false));
    assertPairs(b, new int[][] {{0, 0}, {1, 1}, {2, 2}});
    assertArrayEquals(new double[] {0.1, 0.2, 0.3}, b.weight());
    assertArrayEquals(new int[] {2, 2, 2}, b.delaySteps());
  }

  @Test
  void denseArraysAreRowMajorPrePost() {
    // value of i -> j at i * nPost + j
    SynapseBlock b = all(net(2, 3, new Connector.AllToAll(true),
        new ValueSpec.Array(Doubles.of(0, 1, 2, 10, 11, 12)),
        new ValueSpec.Array(Doubles.of(1, 2, 3, 4, 5, 6)), 1, false));
    assertPairs(b, new int[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 2}, {1, 2}});
    assertArrayEquals(new double[] {0, 10, 1, 11, 2, 12}, b.weight());
    assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, b.delaySteps());
  }

  @Test
  void fixedProbabilityMeanCountAndNoSelf() {
    int n = 400;
    double p = 0.1;
    SynapseBlock b = all(net(n, n, new Connector.FixedProbability(p, false), constant(1),
        constant(1), 42, true));
    double mean = (double) n * (n - 1) * p;
    double sd = Math.sqrt(mean * (1 - p));
    assertTrue(Math.abs(b.size() - mean) < 5 * sd, "count " + b.size() + " vs mean " + mean);
    for (int k = 0; k < b.size(); k++) {
      assertNotEquals(b.pre()[k], b.post()[k], "self connection");
    }
    assertCanonical(b);
    assertEquals(0, all(net(5, 5, new Connector.FixedProbability(0, true), constant(1),
        constant(1), 1, false)).size());
    assertEquals(25, all(net(5, 5, new Connector.FixedProbability(1, true), constant(1),
        constant(1), 1, false)).size());
  }

  @Test
  void fixedNumberPreGivesExactlyNDistinctPerPost() {
    int n = 7;
    SynapseBlock b = all(net(20, 20, new Connector.FixedNumberPre(n, false, false), constant(1),
        constant(1), 5, true));
    assertEquals(20 * n, b.size());
    for (int j = 0; j < 20; j++) {
      Set<Integer> pres = new HashSet<>();
      for (int k = j * n; k < (j + 1) * n; k++) {
        assertEquals(j, b.post()[k]);
        assertNotEquals(j, b.pre()[k]);
        pres.add(b.pre()[k]);
      }
      assertEquals(n, pres.size(), "distinct pres of post " + j);
    }
    assertCanonical(b);
    // every other neuron, when n is the whole pool
    SynapseBlock full = all(net(4, 4, new Connector.FixedNumberPre(3, false, false), constant(1),
        constant(1), 5, true));
    assertPairs(full, new int[][] {{1, 0}, {2, 0}, {3, 0}, {0, 1}, {2, 1}, {3, 1}, {0, 2},
        {1, 2}, {3, 2}, {0, 3}, {1, 3}, {2, 3}});
    SynapseBlock multi = all(net(3, 10, new Connector.FixedNumberPre(20, true, true),
        constant(1), constant(1), 5, false));
    assertEquals(200, multi.size());
    assertCanonical(multi);
  }

  @Test
  void fixedNumberPostGivesExactlyNPerPre() {
    int n = 4;
    SynapseBlock b = all(net(30, 12, new Connector.FixedNumberPost(n, false, false), constant(1),
        constant(1), 9, false));
    assertEquals(30 * n, b.size());
    int[] perPre = new int[30];
    Set<Long> pairs = new HashSet<>();
    for (int k = 0; k < b.size(); k++) {
      perPre[b.pre()[k]]++;
      assertTrue(pairs.add(((long) b.pre()[k] << 32) | b.post()[k]), "duplicate pair");
    }
    for (int count : perPre) {
      assertEquals(n, count);
    }
    assertCanonical(b);
    SynapseBlock self = all(net(6, 6, new Connector.FixedNumberPost(5, false, false),
        constant(1), constant(1), 9, true));
    assertEquals(30, self.size());
    for (int k = 0; k < self.size(); k++) {
      assertNotEquals(self.pre()[k], self.post()[k]);
    }
  }

  @Test
  void fromListSortsByPostThenPreKeepingMultapseOrder() {
    Connector.FromList list = new Connector.FromList(Ints.of(2, 0, 1, 0, 0), Ints.of(1, 1, 0, 1,
        0), Optional.of(Doubles.of(0.2, 0.0, 0.1, 0.3, 0.4)),
        Optional.of(Doubles.of(1, 2, 3, 4, 1.5)), "inline");
    SynapseBlock b = all(net(3, 2, list, new ValueSpec.FromConnector(),
        new ValueSpec.FromConnector(), 1, false));
    assertPairs(b, new int[][] {{0, 0}, {1, 0}, {0, 1}, {0, 1}, {2, 1}});
    assertArrayEquals(new double[] {0.4, 0.1, 0.0, 0.3, 0.2}, b.weight());
    assertArrayEquals(new int[] {2, 3, 2, 4, 1}, b.delaySteps());
  }

  @Test
  void kernelConvolutionWithPaddingAndKernelWeights() {
    // 3×3 input, 2×2 kernel, stride 1, padding 0 → 2×2 output
    Connector.Kernel k = new Connector.Kernel(3, 3, 2, 2, 2, 2, 1, 1, 0, 0,
        Optional.of(Doubles.of(1, 2, 3, 4)));
    SynapseBlock b = all(net(9, 4, k, new ValueSpec.FromConnector(), constant(1), 1, false));
    assertPairs(b, new int[][] {{0, 0}, {1, 0}, {3, 0}, {4, 0}, {1, 1}, {2, 1}, {4, 1}, {5, 1},
        {3, 2}, {4, 2}, {6, 2}, {7, 2}, {4, 3}, {5, 3}, {7, 3}, {8, 3}});
    assertArrayEquals(new double[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, b.weight());
    // 2×2 input, 3×3 kernel, padding 1, stride 2 → 1×1 output sees the 2×2 corner of the kernel
    Connector.Kernel padded = new Connector.Kernel(2, 2, 1, 1, 3, 3, 2, 2, 1, 1,
        Optional.of(Doubles.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
    SynapseBlock p = all(net(4, 1, padded, new ValueSpec.FromConnector(), constant(1), 1, false));
    assertPairs(p, new int[][] {{0, 0}, {1, 0}, {2, 0}, {3, 0}});
    assertArrayEquals(new double[] {5, 6, 8, 9}, p.weight());
  }

  @Test
  void randomValuesStayInsideTheirBounds() {
    SynapseBlock b = all(net(50, 50, new Connector.AllToAll(true),
        new ValueSpec.Random(new Distribution.Uniform(0.5, 1.0)),
        new ValueSpec.Random(new Distribution.NormalClipped(3, 2, 1, 5)), 3, false));
    double sum = 0;
    for (int k = 0; k < b.size(); k++) {
      assertTrue(b.weight()[k] >= 0.5 && b.weight()[k] < 1.0);
      assertTrue(b.delaySteps()[k] >= 1 && b.delaySteps()[k] <= 5);
      sum += b.weight()[k];
    }
    assertEquals(0.75, sum / b.size(), 0.01);
  }

  @Test
  void sameSeedSameSynapsesDifferentSeedDifferent() {
    Connector c = new Connector.FixedProbability(0.3, true);
    ValueSpec w = new ValueSpec.Random(new Distribution.Normal(0, 1));
    assertEquals(all(net(40, 40, c, w, constant(1), 7, false)),
        all(net(40, 40, c, w, constant(1), 7, false)));
    assertNotEquals(all(net(40, 40, c, w, constant(1), 7, false)),
        all(net(40, 40, c, w, constant(1), 8, false)));
  }

  static Stream<Network> slicingCases() {
    ValueSpec rw = new ValueSpec.Random(new Distribution.Normal(1, 0.2));
    ValueSpec rd = new ValueSpec.Random(new Distribution.Uniform(1, 8));
    Connector.FromList list = new Connector.FromList(Ints.of(3, 1, 4, 1, 5, 9, 2, 6),
        Ints.of(5, 3, 5, 8, 9, 7, 9, 3), Optional.empty(), Optional.empty(), "inline");
    return Stream.of(
        net(10, 11, new Connector.AllToAll(true), rw, rd, 1, false),
        net(11, 11, new Connector.AllToAll(false), rw, rd, 1, true),
        net(11, 11, new Connector.OneToOne(), rw, rd, 1, false),
        net(30, 11, new Connector.FixedProbability(0.3, true), rw, rd, 2, false),
        net(11, 11, new Connector.FixedProbability(0.5, false), rw, rd, 2, true),
        net(30, 11, new Connector.FixedNumberPre(5, true, false), rw, rd, 3, false),
        net(11, 11, new Connector.FixedNumberPre(5, false, true), rw, rd, 3, true),
        net(30, 11, new Connector.FixedNumberPost(3, true, false), rw, rd, 4, false),
        net(11, 11, new Connector.FixedNumberPost(4, false, true), rw, rd, 4, true),
        net(10, 11, list, rw, rd, 5, false),
        net(16, 9, new Connector.Kernel(4, 4, 3, 3, 2, 2, 1, 1, 0, 0, Optional.empty()), rw, rd,
            6, false));
  }

  @ParameterizedTest
  @MethodSource("slicingCases")
  void slicesConcatenateToTheWhole(Network n) {
    Projection p = n.projections().get(0);
    ConnectorExpander e = ConnectorExpander.of(n, p);
    int nPost = e.postSize();
    SynapseBlock whole = e.expand(0, nPost);
    assertCanonical(whole);
    assertTrue(whole.size() > 0);
    for (int k = 0; k <= nPost; k++) {
      assertEquals(whole, SynapseBlock.concat(e.expand(0, k), e.expand(k, nPost)),
          p.connector().kind() + " split at " + k);
    }
    SynapseBlock pieces = e.expand(0, 0);
    for (int j = 0; j < nPost; j++) {
      pieces = SynapseBlock.concat(pieces, e.expand(j, j + 1));
    }
    assertEquals(whole, pieces);
  }

  @Test
  void sliceOfAHundredThousandNeuronAllToAllNeedsOnlyTheSlice() {
    Network n = net(100_000, 100_000, new Connector.AllToAll(true), constant(0.1),
        new ValueSpec.Random(new Distribution.Uniform(1, 4)), 1, false);
    ConnectorExpander e = ConnectorExpander.of(n, n.projections().get(0));
    SynapseBlock b = e.expand(99_990, 100_000);
    assertEquals(1_000_000, b.size());
    assertEquals(99_990, b.post()[0]);
    assertEquals(99_999, b.pre()[b.size() - 1]);
    assertEquals(List.of(), List.of());
  }
}
