package snnc.ir;

import java.util.Optional;

/** How pre and post neurons of a projection are connected (PyNN's connectors). */
public sealed interface Connector {

  /** The DSL name, e.g. {@code fixed_probability}. */
  String kind();

  record AllToAll(boolean allowSelfConnections) implements Connector {
    public String kind() {
      return "all_to_all";
    }
  }

  record OneToOne() implements Connector {
    public String kind() {
      return "one_to_one";
    }
  }

  record FixedProbability(double probability, boolean allowSelfConnections) implements Connector {
    public String kind() {
      return "fixed_probability";
    }
  }

  /** Each post neuron receives exactly {@code n} connections from randomly chosen pre neurons. */
  record FixedNumberPre(int n, boolean allowSelfConnections, boolean withReplacement)
      implements Connector {
    public String kind() {
      return "fixed_number_pre";
    }
  }

  /** Each pre neuron makes exactly {@code n} connections to randomly chosen post neurons. */
  record FixedNumberPost(int n, boolean allowSelfConnections, boolean withReplacement)
      implements Connector {
    public String kind() {
      return "fixed_number_post";
    }
  }

  /**
   * Explicit connections (PyNN's FromListConnector, and FromFileConnector after the file is read).
   * Weights and delays are optional columns; {@code origin} names where the list came from.
   */
  record FromList(Ints pre, Ints post, Optional<Doubles> weights, Optional<Doubles> delays,
      String origin) implements Connector {
    public String kind() {
      return "from_list";
    }

    public int size() {
      return pre.size();
    }
  }

  /**
   * A 2-D convolution: pre neurons form a {@code preHeight × preWidth} grid (row-major), post
   * neurons a {@code postHeight × postWidth} grid; post (r, c) receives from pre
   * (r·strideY − padY + kr, c·strideX − padX + kc) for every kernel cell inside the pre grid, with
   * the kernel cell's weight when {@code kernelWeights} is given.
   */
  record Kernel(int preHeight, int preWidth, int postHeight, int postWidth, int kernelHeight,
      int kernelWidth, int strideY, int strideX, int padY, int padX,
      Optional<Doubles> kernelWeights) implements Connector {
    public String kind() {
      return "convolution";
    }
  }
}
