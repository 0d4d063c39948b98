package snnc.sim.cosim;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import snnc.hdl.bridge.ByteLink;

/**
 * A running board harness ({@code board_harness.cpp}) as a {@link ByteLink}: bytes sent go into
 * the board's uart_rx pin bit by bit, bytes received are what its uart_tx pin sent.
 */
public final class BoardProcess implements ByteLink, AutoCloseable {

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private long bytesSent;
  private long bytesReceived;

  private BoardProcess(Process process) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
        StandardCharsets.US_ASCII), 1 << 16);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.US_ASCII));
  }

  /**
   * Starts {@code executable} in {@code workDir} (where the board's {@code .hex} images are) and
   * waits for the power-on reset.
   */
  public static BoardProcess start(Path executable, Path workDir) throws IOException {
    BoardProcess p = new BoardProcess(new ProcessBuilder(executable.toAbsolutePath().toString())
        .directory(workDir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    p.reply('R');
    return p;
  }

  @Override
  public void send(byte[] bytes) throws IOException {
    in.write("T " + HexFormat.of().formatHex(bytes) + "\n");
    bytesSent += bytes.length;
  }

  @Override
  public byte[] receive(int n) throws IOException {
    if (n == 0) {
      return new byte[0];
    }
    in.write("X " + n + "\n");
    in.flush();
    String[] y = reply('Y');
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

  private String[] reply(char expected) throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new IOException("board harness exited (status " + waitExit() + ") while a '"
          + expected + "' reply was due");
    }
    String[] parts = line.trim().split(" ");
    if (parts[0].equals("E")) {
      throw new IOException("board harness: " + line.substring(1).trim());
    }
    if (parts[0].charAt(0) != expected) {
      throw new IOException("board harness: expected '" + expected + "', got: " + line);
    }
    return parts;
  }

  private int waitExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Ends the harness. */
  @Override
  public void close() throws IOException {
    try {
      in.write("Q\n");
      in.flush();
      reply('B');
    } catch (IOException e) {
      // The harness is gone already; nothing to stop.
    } finally {
      process.destroy();
      waitExit();
    }
  }
}
