package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import snnc.hdl.bridge.ByteLink;

/**
 * A running board harness ({@code board_harness.cpp}) as a {@link ByteLink}: bytes sent go into
 * the board's uart_rx pin bit by bit, bytes received are what its uart_tx pin sent.
 */
public final class BoardProcess implements ByteLink, AutoCloseable {

  private final HarnessPipe pipe;
  private long bytesSent;
  private long bytesReceived;

  private BoardProcess(HarnessPipe pipe) {
    this.pipe = pipe;
  }

  /**
   * Starts {@code executable} in {@code workDir} (where the board's {@code .hex} images are) and
   * waits for the power-on reset.
   */
  public static BoardProcess start(Path executable, Path workDir) throws IOException {
    BoardProcess p = new BoardProcess(new HarnessPipe("board harness",
        List.of(executable.toAbsolutePath().toString()), workDir));
    p.pipe.reply('R');
    return p;
  }

  @Override
  public void send(byte[] bytes) throws IOException {
    pipe.send("T " + HexFormat.of().formatHex(bytes));
    bytesSent += bytes.length;
  }

  @Override
  public byte[] receive(int n) throws IOException {
    if (n == 0) {
      return new byte[0];
    }
    pipe.send("X " + n);
    String[] y = pipe.reply('Y');
    byte[] b = HexFormat.of().parseHex(y[1]);
    if (b.length != n) {
      throw new IOException("board harness returned " + b.length + " of " + n + " bytes");
    }
    bytesReceived += n;
    return b;
  }

  /** Bytes sent to and received from the board so far. */
  public long bytesSent() {
    return bytesSent;
  }

  public long bytesReceived() {
    return bytesReceived;
  }

  /** Ends the harness. */
  @Override
  public void close() {
    pipe.close();
  }
}
