package snnc.ir.verify;

import snnc.ir.Network;
import snnc.ir.pass.Pass;
import snnc.ir.pass.PassContext;

/**
 * The {@code verify} pass: runs {@link NetworkVerifier} and passes the network through unchanged.
 * Counts {@code errors} (the errors it reported).
 */
public final class VerifyPass implements Pass<Network, Network> {

  public static final String NAME = "verify";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Network> inputType() {
    return Network.class;
  }

  @Override
  public Class<Network> outputType() {
    return Network.class;
  }

  @Override
  public Network run(Network network, PassContext context) {
    int before = context.sink().errorCount();
    NetworkVerifier.verify(network, context.sink());
    context.count("errors", context.sink().errorCount() - before);
    return network;
  }
}
