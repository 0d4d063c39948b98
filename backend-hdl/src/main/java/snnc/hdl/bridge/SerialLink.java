package snnc.hdl.bridge;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A board's UART through a serial port device ({@code /dev/ttyUSB1}, or a pseudo-terminal), as
 * a {@link ByteLink} whose every read and write has a deadline, so a board that does not answer
 * is an error, never a hang.
 *
 * <p>The port is configured with {@code stty} (coreutils) rather than a serial library: none is
 * in the build's dependencies, and a Linux tty needs only its termios settings, which stty sets:
 * the baud rate, raw 8N1 without echo, no flow control, modem lines ignored ({@code clocal}, so
 * opening the port does not wait for a carrier), and {@code min 0 time 1}, which makes a read
 * return after at most 0.1 s without data. Reads then poll against the deadline on the calling
 * thread; writes, which block while the port's output buffer is full, go through one daemon
 * thread and are abandoned at their deadline.
 */
public final class SerialLink implements ByteLink, AutoCloseable {

  /** A read with no data returns after this long ({@code stty time 1}: tenths of a second). */
  private static final long POLL_MS = 100;

  private final Path port;
  private final int baud;
  private final long timeoutMs;
  private final RandomAccessFile file;
  private final ExecutorService writer;
  private long bytesSent;
  private long bytesReceived;

  private SerialLink(Path port, int baud, long timeoutMs, RandomAccessFile file) {
    this.port = port;
    this.baud = baud;
    this.timeoutMs = timeoutMs;
    this.file = file;
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "serial-writer " + port);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Configures {@code port} for {@code baud} 8N1 and opens it, discarding whatever input was
   * waiting (replies of an earlier, interrupted host).
   *
   * @param timeoutMs how long a reply may take to start, on top of its bytes' time on the wire
   */
  public static SerialLink open(Path port, int baud, long timeoutMs) throws IOException {
    if (!Files.exists(port)) {
      throw new IOException("serial port " + port + " does not exist");
    }
    if (baud <= 0 || timeoutMs <= 0) {
      throw new IllegalArgumentException("baud " + baud + ", timeout " + timeoutMs + " ms");
    }
    configure(port, baud);
    RandomAccessFile f;
    try {
      f = new RandomAccessFile(port.toFile(), "rw");
    } catch (IOException e) {
      throw new IOException("cannot open serial port " + port + ": " + e.getMessage(), e);
    }
    SerialLink link = new SerialLink(port, baud, timeoutMs, f);
    link.discardInput();
    return link;
  }

  /** The stty arguments that set {@code port} up; see the class comment for why each. */
  static List<String> sttyCommand(Path port, int baud) {
    return List.of("stty", "-F", port.toString(), Integer.toString(baud), "raw", "-echo",
        "cs8", "-cstopb", "-parenb", "-crtscts", "clocal", "min", "0", "time", "1");
  }

  private static void configure(Path port, int baud) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(sttyCommand(port, baud)).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run stty to configure " + port + ": " + e.getMessage(), e);
    }
    String output;
    try {
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("stty did not configure " + port + " within 10 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while configuring " + port, e);
    }
    if (p.exitValue() != 0) {
      throw new IOException("cannot configure serial port " + port + " (stty exit "
          + p.exitValue() + "): " + output);
    }
  }

  /**
   * Reads until the port has been quiet for one poll, for at most two seconds (a device that
   * never stops sending is then left to fail the first reply's checks).
   */
  private void discardInput() throws IOException {
    byte[] junk = new byte[4096];
    long end = System.nanoTime() + 2_000_000_000L;
    while (file.read(junk) > 0 && System.nanoTime() - end < 0) {
      // Bytes from before this host started are no reply to it.
    }
  }

  /** Time for {@code n} bytes on the wire (10 bits each), in milliseconds, rounded up. */
  private long wireMs(long n) {
    return (n * 10_000 + baud - 1) / baud;
  }

  @Override
  public void send(byte[] bytes) throws IOException {
    long deadline = timeoutMs + 2 * wireMs(bytes.length);
    Future<?> w = writer.submit(() -> {
      file.write(bytes);
      return null;
    });
    try {
      w.get(deadline, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      w.cancel(true);
      throw new IOException(port + " took more than " + deadline + " ms to send "
          + bytes.length + " bytes (is something holding the port's output back?)");
    } catch (ExecutionException e) {
      throw new IOException("cannot write to " + port + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing to " + port, e);
    }
    bytesSent += bytes.length;
  }

  @Override
  public byte[] receive(int n) throws IOException {
    byte[] b = new byte[n];
    int got = 0;
    long allowedMs = timeoutMs + 2 * wireMs(n);
    long deadline = System.nanoTime() + allowedMs * 1_000_000;
    while (got < n) {
      if (System.nanoTime() - deadline > 0) {
        throw new LinkTimeoutException(port, n, got, allowedMs);
      }
      long t0 = System.nanoTime();
      int r = file.read(b, got, n - got);
      if (r > 0) {
        got += r;
      } else if ((System.nanoTime() - t0) / 1_000_000 < POLL_MS / 2) {
        // The read came back at once (a hung-up port or pseudo-terminal): do not spin.
        sleep(POLL_MS);
      }
    }
    bytesReceived += n;
    return b;
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Bytes sent to and received from the board so far. */
  public long bytesSent() {
    return bytesSent;
  }

  public long bytesReceived() {
    return bytesReceived;
  }

  @Override
  public void close() throws IOException {
    writer.shutdownNow();
    file.close();
  }

  /** The board did not send the bytes due within the deadline. */
  public static final class LinkTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    LinkTimeoutException(Path port, int wanted, int got, long ms) {
      super("no reply on " + port + ": " + got + " of " + wanted + " bytes within " + ms
          + " ms");
    }
  }
}
