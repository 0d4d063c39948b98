package snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.cli.MainTest.example;
import static snnc.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.hdl.ExternalTools;
import snnc.hdl.TestModels;
import snnc.hdl.bridge.BridgeProtocol;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.sim.cosim.BoardProcess;
import snnc.sim.cosim.VerilatedBoard;
import snnc.sim.cosim.VerilatedCore;

/**
 * {@code snnc deploy} end to end through a real tty: a pseudo-terminal pair made by
 * {@code pty_relay.py} is the serial port, and behind it the Verilated board design of the build
 * (its UART pins driven by the board harness, as in the board co-simulation). So stty, the
 * port's file I/O with its timeouts, the bridge protocol and the comparison all run as they do
 * with a real board. Also the errors: a port that does not exist, a port that never answers, a
 * build without load image or bitstream, another model, and openFPGALoader failing.
 */
class DeployCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** UART bit time of the simulated board (the board co-simulation's). */
  private static final int CLOCKS_PER_BIT = 8;

  @Test
  void tinyRunsSpikeExactThroughAPseudoTerminalTwiceAndAMismatchIsNamed(@TempDir Path dir)
      throws Exception {
    try (BoardFixture f = BoardFixture.start(dir, example("tiny.snn"), "--target",
        "ice40-up5k")) {
      assertTrue(BoardBuild.read(f.build).orElseThrow().singleCore());
      for (int round = 0; round < 2; round++) {
        // The second run finds the board as the first left it: RESET and the load image must
        // put it back. It is paced at the model's 1 ms step (12,000 cycles at 12 MHz).
        Path out = dir.resolve("run" + round);
        MainTest.Run r = round == 0 ? f.deploy(out) : f.deploy(out, "--real-time");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("identical to the golden simulator"), r.out());
        // Byte for byte what 'snnc simulate --mode fixed' writes: out's spikes from the board,
        // src's (recorded too) as the host sent them.
        f.assertSameSpikesAsGolden(out);
        JsonNode report = JSON.readTree(out.resolve("deploy.json").toFile());
        assertTrue(report.get("exact").asBoolean());
        assertEquals(100, report.get("steps").asLong());
        assertEquals(5, report.get("source_spikes_sent").asInt());
        assertTrue(report.get("golden_spikes").asInt() > 0);
        assertEquals(report.get("golden_spikes").asInt(), report.get("board_spikes").asInt());
        assertTrue(report.get("synapse_words_read_back").asInt() > 0);
        assertEquals(BridgeProtocol.VERSION, report.get("bridge").get("version").asInt());
        assertTrue(report.get("bridge").get("holds_spikes").asBoolean());
        JsonNode counters = report.get("board_counters");
        assertEquals(0, counters.get("dropped_spikes").asLong());
        assertEquals(f.relay.bytesFromHost(), report.get("bytes_to_board").asLong(),
            "every byte the host sent crossed the pseudo-terminal");
        assertEquals(round == 1, report.get("real_time").asBoolean());
        if (round == 1) {
          assertFalse(counters.get("late").asBoolean(), "every step started on time");
          assertTrue(counters.get("cycles").asLong() >= 99 * 12_000L,
              "100 steps paced 12,000 cycles apart: " + counters);
        }
        f.relay.resetCount();
      }
      // A board that loses one spike: deploy names the step, population and neuron.
      f.relay.dropFirstSpike.set(true);
      Path out = dir.resolve("faulty");
      MainTest.Run r = f.deploy(out);
      assertEquals(DeployCommand.MISMATCH, r.code(), r.err() + r.out());
      assertTrue(r.err().contains("MISMATCH at step ") && r.err().contains(": out[")
          && r.err().contains("fired in the golden simulator only"), r.err());
      JsonNode report = JSON.readTree(out.resolve("deploy.json").toFile());
      assertFalse(report.get("exact").asBoolean());
      assertEquals("out", report.get("first_mismatch").get("population").asText());
      assertEquals(report.get("golden_spikes").asInt() - 1,
          report.get("board_spikes").asInt());
    }
  }

  /**
   * The mapped system's board design of ice40-hx8k (one neuron core, the router, the step
   * controller; source spikes as global mapper keys) through the pseudo-terminal.
   */
  @Test
  void anHx8kSystemBuildRunsSpikeExactThroughAPseudoTerminal(@TempDir Path dir)
      throws Exception {
    try (BoardFixture f = BoardFixture.start(dir, example("tiny.snn"), "--target",
        "ice40-hx8k", "--core", "compact")) {
      assertFalse(BoardBuild.read(f.build).orElseThrow().singleCore());
      Path out = dir.resolve("run");
      MainTest.Run r = f.deploy(out);
      assertEquals(0, r.code(), r.err() + r.out());
      assertTrue(r.out().contains("on the iCE40-HX8K"), r.out());
      f.assertSameSpikesAsGolden(out);
      JsonNode report = JSON.readTree(out.resolve("deploy.json").toFile());
      assertEquals("mapped system", report.get("design").asText());
      assertFalse(report.get("bridge").get("holds_spikes").asBoolean(),
          "the system's router cannot wait: its steps wait for room instead");
      assertTrue(report.get("synapse_words_read_back").asInt() > 0);
    }
  }

  /**
   * bench/models/burst.snn on the UP5K's default (pipelined) board design: 600 neurons fire
   * together in 8 steps, each step more spikes than the bridge's 256-entry spike FIFO; the core
   * stops while the FIFO is nearly full and deploy reads it while the board runs, so all 4,800
   * arrive through the pseudo-terminal.
   */
  @Test
  void stepsOfSixHundredSpikesCrossThePseudoTerminalWithoutLoss(@TempDir Path dir)
      throws Exception {
    Path model = RepositoryRoot.path().resolve("bench/models/burst.snn");
    try (BoardFixture f = BoardFixture.start(dir, model, "--target", "ice40-up5k")) {
      Path out = dir.resolve("run");
      MainTest.Run r = f.deploy(out);
      assertEquals(0, r.code(), r.err() + r.out());
      f.assertSameSpikesAsGolden(out);
      JsonNode report = JSON.readTree(out.resolve("deploy.json").toFile());
      assertEquals(4_800, report.get("board_spikes").asInt());
      assertEquals(256, report.get("bridge").get("spike_fifo").asInt());
      assertEquals(0, report.get("board_counters").get("dropped_spikes").asLong());
    }
  }

  /**
   * STDP on the board: the UP5K's single-core design with the compact core; after the run
   * deploy reads every plastic synapse back (READ target 3) and finds the golden simulator's
   * final weights. A relay that changes one weight bit in a READ reply after the RUN (as a
   * board whose STDP unit went wrong would) gives exit 3 naming the projection and synapse.
   */
  @Test
  void stdpWeightsAreReadBackAfterTheRunAndAWrongOneIsNamed(@TempDir Path dir)
      throws Exception {
    Path model = dir.resolve("stdpboard.snn");
    Files.writeString(model, TestModels.STDP_BOARD);
    try (BoardFixture f = BoardFixture.start(dir, model, "--target", "ice40-up5k")) {
      Path out = dir.resolve("run");
      MainTest.Run r = f.deploy(out);
      assertEquals(0, r.code(), r.err() + r.out());
      assertTrue(r.out().contains("12 STDP weights read back after the run"), r.out());
      f.assertSameSpikesAsGolden(out);
      JsonNode stdp = JSON.readTree(out.resolve("deploy.json").toFile()).get("stdp_weights");
      assertEquals(12, stdp.get("compared").asInt());
      assertTrue(stdp.get("changed_by_the_run").asInt() > 0, stdp.toString());
      assertTrue(stdp.get("exact").asBoolean());

      f.relay.flipReadBitAfterRun.set(f.design.cores().get(0).shape().synapses().field("weight").lo());
      Path faulty = dir.resolve("faulty");
      r = f.deploy(faulty);
      assertEquals(DeployCommand.MISMATCH, r.code(), r.err() + r.out());
      assertTrue(r.err().contains("MISMATCH in the STDP weights after the run: projection "
          + "'plastic', synapse "), r.err());
      JsonNode report = JSON.readTree(faulty.resolve("deploy.json").toFile());
      assertFalse(report.get("exact").asBoolean());
      assertEquals("plastic", report.get("stdp_weights").get("first_mismatch")
          .get("projection").asText());
    }
  }

  @Test
  void aPortThatNeverAnswersTimesOut(@TempDir Path dir) throws Exception {
    ExternalTools.require(new Tool("python3"));
    Path build = compileTiny(dir);
    try (PtyRelay pty = PtyRelay.start(dir, false)) {
      long t0 = System.nanoTime();
      MainTest.Run r = run("deploy", build.toString(), "--model", example("tiny.snn").toString(),
          "--port", pty.port(), "--timeout", "1", "--out", dir.resolve("out").toString());
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertEquals(Main.USER_ERROR, r.code(), r.err());
      assertTrue(r.err().contains("does not answer while asking the board for its bridge "
          + "(INFO)") && r.err().contains(pty.port()) && r.err().contains("0 of 5 bytes"),
          r.err());
      assertTrue(seconds < 30, "gave up after " + seconds + " s");
      assertFalse(Files.exists(dir.resolve("out").resolve("spikes.csv")));
    }
  }

  @Test
  void aPortThatDoesNotExistIsAUserError(@TempDir Path dir) {
    Path build = compileTiny(dir);
    MainTest.Run r = run("deploy", build.toString(), "--model", example("tiny.snn").toString(),
        "--port", "/dev/snnc-no-such-port", "--out", dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("serial port /dev/snnc-no-such-port does not exist"), r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void aBuildWithoutLoadImageOrBitstreamIsAUserError(@TempDir Path dir) throws IOException {
    Path build = compileTiny(dir);
    MainTest.Run r = run("deploy", build.toString(), "--model", example("tiny.snn").toString(),
        "--port", "/dev/null", "--program", "--out", dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("has no bitstream.bin: compile with --bitstream"), r.err());

    Files.delete(build.resolve("rtl").resolve("tiny_load.bin"));
    r = run("deploy", build.toString(), "--model", example("tiny.snn").toString(),
        "--port", "/dev/null", "--out", dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("tiny_load.bin is missing"), r.err());

    r = run("deploy", dir.resolve("nothing").toString(), "--model",
        example("tiny.snn").toString(), "--port", "/dev/null", "--out",
        dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("is not a folder"), r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  /**
   * Both board designs of ice40-hx8k: deploy rebuilds each exactly from the model (the mapped
   * system by mapping it again, with {@code --core compact}; the pipelined single-core design,
   * the default for a network that fits one core), else it would stop at the load image; then
   * stty refuses a port that is no tty.
   */
  @ParameterizedTest
  @ValueSource(strings = {"compact", "pipelined"})
  void anHx8kBuildIsRebuiltExactlyAndANonTtyPortIsRefused(String core, @TempDir Path dir) {
    Path build = dir.resolve("hx8k");
    MainTest.Run c = run("compile", example("tiny.snn").toString(), "--target", "ice40-hx8k",
        "--core", core, "--out", build.toString());
    assertEquals(0, c.code(), c.err());
    BoardBuild b = BoardBuild.read(build).orElseThrow();
    boolean pipelined = core.equals("pipelined");
    assertEquals(pipelined, b.singleCore(), "pipelined: the single-core board design");
    if (pipelined) {
      assertEquals(CoreTemplate.PIPELINED, b.template());
    }
    MainTest.Run r = run("deploy", build.toString(), "--model", example("tiny.snn").toString(),
        "--port", "/dev/null", "--out", dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("cannot configure serial port /dev/null (stty exit "), r.err());
  }

  @Test
  void anotherModelThanTheBuildsIsAUserError(@TempDir Path dir) {
    Path build = compileTiny(dir);
    MainTest.Run r = run("deploy", build.toString(), "--model",
        example("synfire.snn").toString(), "--port", "/dev/null", "--out",
        dir.resolve("out").toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("does not compile to the design in"), r.err());
  }

  /** No board is attached on a test machine: openFPGALoader fails, and deploy names its log. */
  @Test
  void openFpgaLoaderFailingIsAUserErrorNamingItsLog(@TempDir Path dir) throws IOException {
    ExternalTools.require(new Tool("openFPGALoader"));
    Path build = compileTiny(dir);
    // Not a bitstream either, so even a board that happens to be attached refuses it.
    Files.write(build.resolve("bitstream.bin"), new byte[] {1, 2, 3, 4});
    Path out = dir.resolve("out");
    MainTest.Run r = run("deploy", build.toString(), "--model", example("tiny.snn").toString(),
        "--port", "/dev/snnc-no-such-port", "--program", "--out", out.toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    Path log = out.resolve("logs").resolve("openFPGALoader.log");
    assertTrue(r.err().contains("openFPGALoader could not program the board (exit ")
        && r.err().contains("see " + log), r.err());
    assertTrue(r.out().contains("openFPGALoader -b ice40_generic "), r.out());
    assertTrue(Files.size(log) > 0, "its output is in the log");
    assertFalse(r.err().contains("serial port"), "stopped before the port: " + r.err());
  }

  @Test
  void aSpinnakerBuildIsNotBuiltYet(@TempDir Path dir) {
    Path build = dir.resolve("spinn");
    MainTest.Run c = run("compile", example("tiny.snn").toString(), "--target", "spinn5",
        "--out", build.toString());
    assertEquals(0, c.code(), c.err());
    MainTest.Run r = run("deploy", build.toString(), "--board", "192.168.240.253");
    assertEquals(Main.INTERNAL_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("deployment to SpiNNaker machines is not built yet"), r.err());
  }

  private static Path compileTiny(Path dir) {
    Path build = dir.resolve("build");
    MainTest.Run c = run("compile", example("tiny.snn").toString(), "--target", "ice40-up5k",
        "--out", build.toString());
    assertEquals(0, c.code(), c.err());
    return build;
  }

  private static Network frontend(Path file) {
    DiagnosticSink sink = new DiagnosticSink(10);
    Network n = new Frontend(new SourceMap(), sink).compileFile(file).orElseThrow();
    assertFalse(sink.hasErrors());
    return n;
  }

  /**
   * The end-to-end cases' setup: {@code model} compiled for a board ({@code compileArgs}), its
   * fixed-mode golden run as {@code snnc simulate} writes it, and the build's board design
   * Verilated with the board harness behind a pseudo-terminal relay.
   */
  private static final class BoardFixture implements AutoCloseable {
    final Path model;
    final Path build;
    final Path reference;
    final DeployCommand.Design design;
    final Relay relay;
    private final BoardProcess board;
    private final PtyRelay pty;

    private BoardFixture(Path model, Path build, Path reference, DeployCommand.Design design,
        BoardProcess board, PtyRelay pty) {
      this.model = model;
      this.design = design;
      this.build = build;
      this.reference = reference;
      this.board = board;
      this.pty = pty;
      this.relay = new Relay(pty, board);
      relay.start();
    }

    static BoardFixture start(Path dir, Path model, String... compileArgs) throws IOException {
      ExternalTools.require(Tool.VERILATOR, new Tool("python3"));
      Path build = dir.resolve("build");
      List<String> args = new ArrayList<>(List.of("compile", model.toString()));
      args.addAll(List.of(compileArgs));
      args.addAll(List.of("--out", build.toString()));
      MainTest.Run c = run(args.toArray(new String[0]));
      assertEquals(0, c.code(), c.err());
      Path reference = dir.resolve("golden");
      MainTest.Run sim = run("simulate", model.toString(), "--mode", "fixed", "--out",
          reference.toString());
      assertEquals(0, sim.code(), sim.err());
      BoardBuild b = BoardBuild.read(build).orElseThrow();
      DiagnosticSink sink = new DiagnosticSink(10);
      DeployCommand.Design design = DeployCommand.design(frontend(model), b, sink);
      assertFalse(sink.hasErrors());
      Path rtl = build.resolve("rtl");
      Path exe = VerilatedBoard.executable(design.board(), rtl, CLOCKS_PER_BIT,
          VerilatedCore.defaultCacheDir());
      BoardProcess board = BoardProcess.start(exe, rtl);
      try {
        return new BoardFixture(model, build, reference, design, board,
            PtyRelay.start(dir, true));
      } catch (IOException | RuntimeException e) {
        board.close();
        throw e;
      }
    }

    /** {@code snnc deploy} of the build on the relayed port into {@code out}. */
    MainTest.Run deploy(Path out, String... extra) {
      List<String> args = new ArrayList<>(List.of("deploy", build.toString(), "--model",
          model.toString(), "--port", pty.port(), "--out", out.toString()));
      args.addAll(List.of(extra));
      return run(args.toArray(new String[0]));
    }

    /** {@code out}'s spikes.csv is byte for byte the golden run's. */
    void assertSameSpikesAsGolden(Path out) throws IOException {
      assertArrayEquals(Files.readAllBytes(reference.resolve("spikes.csv")),
          Files.readAllBytes(out.resolve("spikes.csv")), out.toString());
    }

    /** Checks that the relay did not fail, then stops the relay and the board. */
    @Override
    public void close() throws IOException {
      try {
        relay.check();
      } finally {
        try {
          pty.close();
        } finally {
          board.close();
        }
      }
    }
  }

  /** pty_relay.py: its port and its pipes. */
  private static final class PtyRelay implements AutoCloseable {
    private final Process process;
    private final String port;

    private PtyRelay(Process process, String port) {
      this.process = process;
      this.port = port;
    }

    static PtyRelay start(Path dir, boolean relay) throws IOException {
      Path script = dir.resolve("pty_relay.py");
      try (InputStream in = DeployCommandTest.class.getResourceAsStream("pty_relay.py")) {
        Files.copy(in, script);
      }
      Process p = new ProcessBuilder("python3", script.toString(), relay ? "relay" : "silent")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int c;
      while ((c = p.getInputStream().read()) != '\n') {
        if (c < 0) {
          throw new IOException("pty_relay.py ended before naming its port");
        }
        line.write(c);
      }
      return new PtyRelay(p, line.toString(StandardCharsets.US_ASCII));
    }

    String port() {
      return port;
    }

    @Override
    public void close() throws IOException {
      process.getOutputStream().close();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Copies the host's frames from the pseudo-terminal to the simulated board and its replies
   * back, frame by frame (the harness clocks the board only while a reply is due). Can lose the
   * first spike of a READ_SPIKES reply, or flip one bit of the first READ reply after a RUN, as
   * a faulty board would.
   */
  private static final class Relay extends Thread {
    final AtomicBoolean dropFirstSpike = new AtomicBoolean();
    /** The bit of the word (0: least significant) to flip in the first READ after a RUN. */
    final AtomicInteger flipReadBitAfterRun = new AtomicInteger(-1);
    private boolean runSeen;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final InputStream fromHost;
    private final OutputStream toHost;
    private final BoardProcess board;
    private volatile long bytesFromHost;

    Relay(PtyRelay pty, BoardProcess board) {
      this.fromHost = pty.process.getInputStream();
      this.toHost = pty.process.getOutputStream();
      this.board = board;
      setDaemon(true);
    }

    long bytesFromHost() {
      return bytesFromHost;
    }

    void resetCount() {
      bytesFromHost = 0;
    }

    void check() {
      if (failure.get() != null) {
        throw new AssertionError("relay failed", failure.get());
      }
    }

    @Override
    public void run() {
      try {
        while (true) {
          int sync = fromHost.read();
          if (sync < 0) {
            return;
          }
          if (sync != BridgeProtocol.SYNC) {
            throw new IOException("the host sent " + sync + " outside a frame");
          }
          byte[] head = fromHost.readNBytes(3);
          int length = ((head[1] & 0xFF) << 8) | (head[2] & 0xFF);
          byte[] rest = fromHost.readNBytes(length + 1);
          byte[] frame = new byte[4 + rest.length];
          frame[0] = (byte) sync;
          System.arraycopy(head, 0, frame, 1, 3);
          System.arraycopy(rest, 0, frame, 4, rest.length);
          bytesFromHost += frame.length;
          board.send(frame);
          byte[] replyHead = board.receive(5);
          byte[] replyRest = board.receive(BridgeProtocol.replyLength(replyHead) - 5);
          byte[] reply = new byte[5 + replyRest.length];
          System.arraycopy(replyHead, 0, reply, 0, 5);
          System.arraycopy(replyRest, 0, reply, 5, replyRest.length);
          if ((frame[1] & 0xFF) == BridgeProtocol.Command.READ_SPIKES.code && reply.length > 6
              && dropFirstSpike.getAndSet(false)) {
            reply = withoutFirstSpike(reply);
          }
          // A deploy starts with INFO; its READs before the RUN check the load image.
          if ((frame[1] & 0xFF) == BridgeProtocol.Command.INFO.code) {
            runSeen = false;
          } else if ((frame[1] & 0xFF) == BridgeProtocol.Command.RUN.code) {
            runSeen = true;
          }
          if ((frame[1] & 0xFF) == BridgeProtocol.Command.READ.code && runSeen
              && reply.length == 14 && flipReadBitAfterRun.get() >= 0) {
            int bit = flipReadBitAfterRun.getAndSet(-1);
            reply[5 + 7 - bit / 8] ^= (byte) (1 << (bit % 8));
            reply[13] = (byte) BridgeProtocol.checksum(reply, 1, 13);
          }
          toHost.write(reply);
          toHost.flush();
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }

    /** The reply with its first 4-byte spike removed, length and checksum made right again. */
    private static byte[] withoutFirstSpike(byte[] reply) {
      byte[] payload = Arrays.copyOfRange(reply, 9, reply.length - 1);
      byte[] r = new byte[6 + payload.length];
      r[0] = reply[0];
      r[1] = reply[1];
      r[2] = reply[2];
      r[3] = (byte) (payload.length >>> 8);
      r[4] = (byte) payload.length;
      System.arraycopy(payload, 0, r, 5, payload.length);
      r[r.length - 1] = (byte) BridgeProtocol.checksum(r, 1, r.length - 1);
      return r;
    }
  }
}
