package snnc.sim.cosim;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pipe to one co-simulation harness process and the part of the line protocol that every
 * harness shares ({@code harness.cpp}, {@code system_harness.cpp}, {@code board_harness.cpp}):
 * replies start with one letter,
 * {@code E <message>} reports an error, {@code Q} asks the harness to quit and is answered by
 * {@code B <cycles>}.
 */
final class HarnessPipe implements AutoCloseable {

  private final String name;
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;

  /**
   * Starts {@code command} with stderr inherited.
   *
   * @param name how messages name the harness, e.g. "co-simulation harness"
   */
  HarnessPipe(String name, List<String> command) throws IOException {
    this(name, new ProcessBuilder(command));
  }

  /** As {@link #HarnessPipe(String, List)}, run in {@code workDir}. */
  HarnessPipe(String name, List<String> command, Path workDir) throws IOException {
    this(name, new ProcessBuilder(command).directory(workDir.toFile()));
  }

  private HarnessPipe(String name, ProcessBuilder builder) throws IOException {
    this.name = name;
    this.process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
        StandardCharsets.US_ASCII), 1 << 16);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.US_ASCII));
  }

  /** Queues one command line (without its newline); {@link #reply} sends what is queued. */
  void send(String line) throws IOException {
    in.write(line);
    in.write('\n');
  }

  /** Flushes the queued commands and reads the next reply, which must start with {@code expected}. */
  String[] reply(char expected) throws IOException {
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IOException(name + " exited (status " + waitExit() + ") while a '" + expected
          + "' reply was due");
    }
    String[] parts = line.trim().split(" ");
    if (parts[0].equals("E")) {
      throw new IOException(name + ": " + line.substring(1).trim());
    }
    if (parts[0].charAt(0) != expected) {
      throw new IOException(name + ": expected '" + expected + "', got: " + line);
    }
    return parts;
  }

  /**
   * {@code S <k> <key>...}: injects {@code keys}, runs one timestep and reads its
   * {@code D <cycles> <m> <value>...} reply.
   *
   * @return the step's cycles, then the m values (neurons of a core, global keys of a system)
   */
  long[] timestep(long[] keys) throws IOException {
    send(stepLine(keys));
    return stepReply();
  }

  /**
   * Runs one timestep per entry of {@code keysPerStep}, as {@link #timestep} does, but sends
   * the {@code S} lines ahead in batches of at most {@value #BATCH_BYTES} bytes before it reads
   * their replies, so the host and the harness do not wait for each other at every step (the
   * line protocol is unchanged). A batch stays below the pipe's buffer, so the host's writes
   * never block while the harness blocks writing replies.
   *
   * @return per step its cycles, then its m values
   */
  List<long[]> timesteps(List<long[]> keysPerStep) throws IOException {
    List<long[]> replies = new java.util.ArrayList<>(keysPerStep.size());
    int next = 0;
    while (next < keysPerStep.size()) {
      int queued = 0;
      int bytes = 0;
      do {
        String line = stepLine(keysPerStep.get(next + queued));
        send(line);
        bytes += line.length() + 1;
        queued++;
      } while (next + queued < keysPerStep.size() && bytes < BATCH_BYTES);
      for (int i = 0; i < queued; i++) {
        replies.add(stepReply());
      }
      next += queued;
    }
    return replies;
  }

  /** The most bytes of {@code S} lines sent ahead of their replies (Linux pipes hold 64 KiB). */
  static final int BATCH_BYTES = 16 * 1024;

  private static String stepLine(long[] keys) {
    StringBuilder s = new StringBuilder("S ").append(keys.length);
    for (long k : keys) {
      s.append(' ').append(k);
    }
    return s.toString();
  }

  private long[] stepReply() throws IOException {
    String[] d = reply('D');
    int m = Integer.parseInt(d[2]);
    if (d.length != 3 + m) {
      throw new IOException(name + ": bad step reply " + String.join(" ", d));
    }
    long[] values = new long[1 + m];
    values[0] = Long.parseLong(d[1]);
    for (int i = 0; i < m; i++) {
      values[1 + i] = Long.parseLong(d[3 + i]);
    }
    return values;
  }

  private int waitExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Asks the harness to quit; after its {@code B} reply it may still finish files of its own (a
   * VCD), so it gets up to a minute to exit by itself before it is stopped.
   */
  @Override
  public void close() {
    try {
      send("Q");
      reply('B');
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      // The harness is gone already; nothing to stop.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroy();
      waitExit();
    }
  }
}
