package snnc.hdl.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import snnc.diag.DiagnosticSink;
import snnc.diag.Span;
import snnc.hdl.bridge.BridgeProtocol;
import snnc.hdl.bridge.LoadImage;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.SpramLayout;
import snnc.hdl.lower.SystemGenerator;
import snnc.hdl.lower.SystemImage;

/**
 * The bridge-driven board design of a mapped multi-core system: the board top of
 * {@link Ice40Board} (clock or PLL, power-on reset, UART bridge, LEDs) around the real system
 * top of {@link SystemGenerator} (every placed core, the router, the timestep controller), so a
 * host drives the mapped system over the UART exactly as it drives the single-core board:
 * WRITE frames load each core's memories through {@code ld_core}, SPIKES frames inject the
 * source keys (global mapper keys) through the router, RUN steps the system, READ_SPIKES returns
 * {@code {step, global key}} and READ reads a synapse word of any core back.
 *
 * <p>Between the bridge and the system sits {@code MODEL_board_system}: the system's ports plus
 * the bridge's word read port. The system returns a synapse word as 32-bit beats of the selected
 * core ({@code rb_valid}, then {@code rb_beat} = 0, 1, … one cycle each); the adapter gathers
 * them into one word and pulses {@code rd_done} after the last, which is what the bridge waits
 * for. Everything else is wired straight through.
 *
 * <p>Memories: every core's memories are block RAM, which the bitstream initialises, so the
 * design is preloaded from the per-core {@code .hex} images when the RTL is emitted with them
 * ({@link SystemEmitter#emit(SystemImage)}); the load image {@code MODEL_load.bin} (every core's
 * WRITE frames, {@link LoadImage#of(SystemImage)}) loads the same contents at start-up, and
 * co-simulation builds the design without the images so only the load image can fill it.
 */
public final class SystemBoard {

  /** Which limits {@link #emit} enforces. */
  public enum Fit {
    /** The bridge's and the device's (block RAM): what a bitstream needs. */
    DEVICE,
    /**
     * The bridge's only: for co-simulating a mapping whose cores are more than the device holds
     * (the RTL is the same; only the bitstream would not fit).
     */
    BRIDGE
  }

  /**
   * Logic cells (nextpnr's ICESTORM_LC) of the UART bridge with the board top, measured: the
   * two-core HX8K system of two 30-neuron compact cores behind the slimmed bridge packed into
   * 7,355 of 7,680 cells and routed (34.2 MHz; yosys 0.23, nextpnr-ice40 0.4, 2026-11-24), so
   * about 2,150 beside its two cores of about 2,600 ({@link #coreLogicCells}); the bridge alone
   * measured 2,085–2,188 (docs/fpga.md, "Bridge size"). Before the bridge was slimmed the same
   * system packed into 8,200 cells, and this figure was 3,000.
   */
  static final int BRIDGE_LOGIC_CELLS = 2_200;

  private SystemBoard() {}

  /**
   * Logic cells of one compact system core on {@code board}, measured: on the HX8K (no DSPs: the
   * multipliers are logic) a two-core system of 30-neuron cores packed into 8,200 cells with the
   * bridge before it was slimmed (3,000), about 2,600 per core, and into 7,355 behind the slimmed
   * bridge; on the UP5K the products go to SB_MAC16 and the iCEBreaker's
   * synfire board design packed into 4,875 cells, about 1,900 for its core.
   */
  static int coreLogicCells(Ice40Board.Board board) {
    return board == Ice40Board.Board.HX8K_BREAKOUT ? 2_600 : 1_900;
  }

  /** Logic cells of the device on {@code board}. */
  static int deviceLogicCells(Ice40Board.Board board) {
    return board == Ice40Board.Board.HX8K_BREAKOUT ? 7_680 : 5_280;
  }

  /**
   * The board design of {@code image} on {@code options.board()}: {@code rtl} is the system's
   * RTL ({@link SystemEmitter#emit}, with or without preloaded images). Throws
   * {@link HdlException} ({@link Ice40Board#CAPACITY}, {@link Ice40Board#PINS}) when it does not
   * fit the bridge or the device, before any tool runs.
   */
  public static Ice40Board.Output emit(SystemImage image, HdlEmitter.Output rtl,
      Ice40Board.Options options) {
    return emit(image, rtl, options, Fit.DEVICE);
  }

  /** As {@link #emit(SystemImage, HdlEmitter.Output, Ice40Board.Options)}, with {@code fit}. */
  public static Ice40Board.Output emit(SystemImage image, HdlEmitter.Output rtl,
      Ice40Board.Options options, Fit fit) {
    Ice40Board.Board board = options.board();
    CoreShape shape = image.shape();
    String model = HdlEmitter.identifier(image.model());
    String top = model + "_" + board.suffix;
    String system = rtl.top();
    String adapter = model + "_board_system";
    int coreBits = SystemGenerator.coreSelectBits(image);
    int readBits = CoreGenerator.synapseWordBits(shape, CoreGenerator.Layout.DUAL_PORT);
    int perCore = SpramLayout.blockRams(shape, CoreGenerator.Layout.DUAL_PORT, false);
    int tableRams = image.router().blockRams();
    int brams = Ice40Board.BRIDGE_BLOCK_RAMS + perCore * image.cores().size() + tableRams;
    DiagnosticSink sink = new DiagnosticSink();
    Span where = Span.generated("board " + board.suffix + " of model '" + image.model() + "'");
    if (image.keyBits() > BridgeProtocol.MAX_KEY_BITS) {
      sink.error(Ice40Board.CAPACITY, where, "the bridge carries spike keys of at most "
          + BridgeProtocol.MAX_KEY_BITS + " bits; this system's mapper keys need "
          + image.keyBits());
    }
    if (coreBits > 8) {
      sink.error(Ice40Board.CAPACITY, where, "the bridge addresses at most 256 cores (one "
          + "byte); this system has " + image.cores().size());
    }
    if (readBits > 63) {
      sink.error(Ice40Board.CAPACITY, where, "the bridge reads back words of at most 63 bits; "
          + "a synapse word has " + readBits);
    }
    if (SystemGenerator.loadAddressBits(image) > 32) {
      sink.error(Ice40Board.CAPACITY, where, "the bridge's load addresses have at most 32 "
          + "bits; this system needs " + SystemGenerator.loadAddressBits(image));
    }
    if (fit == Fit.DEVICE && brams > board.blockRams) {
      sink.error(Ice40Board.CAPACITY, where, String.format(Locale.ROOT, "block RAM: %d "
          + "core(s) of about %d SB_RAM40_4K each, the router table's %d and the bridge's %d "
          + "need about %d; the %s has %d", image.cores().size(), perCore, tableRams,
          Ice40Board.BRIDGE_BLOCK_RAMS, brams,
          board.device.toUpperCase(Locale.ROOT), board.blockRams));
    }
    // The bridge's receive FIFO takes a block RAM of its own when one is left over.
    boolean receiveRam = Ice40Board.bridgeReceiveRam(brams, board);
    if (receiveRam) {
      brams++;
    }
    int cells = BRIDGE_LOGIC_CELLS + coreLogicCells(board) * image.cores().size();
    if (fit == Fit.DEVICE && cells > deviceLogicCells(board)) {
      // Refused here, from measured figures, rather than after minutes of yosys and nextpnr.
      sink.error(Ice40Board.CAPACITY, where, String.format(Locale.ROOT, "logic: %d compact "
          + "core(s) of about %,d logic cells each and the UART bridge's about %,d need about "
          + "%,d; the %s has %,d", image.cores().size(), coreLogicCells(board), BRIDGE_LOGIC_CELLS,
          cells, board.device.toUpperCase(Locale.ROOT), deviceLogicCells(board)));
    }
    if (options.baudProblem() != null) {
      sink.error(Ice40Board.UART, where, options.baudProblem());
    }
    Map<String, String> pins = board.defaultPins();
    String pcfText = options.userPins() == null ? Ice40Board.defaultPcf(image.model(), board)
        : Ice40Board.checkedUserPins(options.userPins(),
            options.userPinsName() == null ? "pins.pcf" : options.userPinsName(),
            pins.keySet(), sink);
    if (sink.hasErrors()) {
      throw new HdlException(sink.all());
    }

    List<String> header = List.of("Generated by snnc " + HdlEmitter.version() + " from model '"
        + image.model() + "' -- do not edit.", board.title + " board design of the mapped "
        + "system (" + image.cores().size() + " compact core(s), target " + image.target()
        + "): UART bridge at " + options.baud() + " baud, clock "
        + Ice40Board.clockText(options) + " (docs/fpga.md).");
    Map<String, String> files = new LinkedHashMap<>();
    List<String> synth = new ArrayList<>();
    List<String> sim = new ArrayList<>();
    for (String f : rtl.verilogFiles()) {
      Ice40Board.put(files, synth, f, rtl.files().get(f));
    }
    Ice40Board.put(files, synth, adapter + ".v", adapter(image, adapter, system, readBits,
        header));
    for (String part : List.of("snnc_uart_rx", "snnc_uart_tx", "snnc_byte_fifo",
        "snnc_uart_bridge")) {
      Ice40Board.put(files, synth, part + ".v", Ice40Board.resource(part + ".v", header));
    }
    Ice40Board.put(files, synth, top + ".v", Ice40Board.boardTop(new Ice40Board.BridgeWidths(
        coreBits, image.keyBits(), image.keyBits(), SystemGenerator.loadAddressBits(image),
        readBits), board,
        options, top, adapter, receiveRam, stepRoom(image), header));
    if (options.pll() != null) {
      // Simulation and lint only: yosys maps the hard PLL.
      files.put(board.pllCell + ".v", Ice40Board.resource(board.pllCell + ".v", header));
      sim.add(board.pllCell + ".v");
    }
    sim.addAll(synth);
    for (Map.Entry<String, String> f : rtl.files().entrySet()) {
      if (f.getKey().endsWith(".hex")) {
        files.put(f.getKey(), f.getValue());
      }
    }
    files.put(top + ".pcf", pcfText);
    files.put("filelist.f", Ice40Board.filelist(image.model(), top, sim));
    LoadImage load = LoadImage.of(image);
    return new Ice40Board.Output(top, adapter, files, load.bytes(), model + "_load.bin", synth,
        sim, top + ".pcf", CoreGenerator.Layout.DUAL_PORT, brams, CoreTemplate.COMPACT,
        rtl.core(), options.clockHz(), options.pll());
  }

  /**
   * The system as the bridge sees it: every port of {@code MODEL_system} but the beat-wise
   * read-back, plus the bridge's word read port ({@code rd_valid}, {@code rd_core},
   * {@code rd_target}, {@code rd_addr} → {@code rd_done}, {@code rd_data}).
   */
  /**
   * Spike-FIFO entries the bridge keeps free before each step: the system's router cannot wait
   * for the bridge, so a step starts only with room for every neuron to fire once (at most the
   * whole FIFO; a system of more neurons may still drop spikes in a step where more than that
   * many fire, which STATUS counts).
   */
  static int stepRoom(SystemImage image) {
    return Math.max(1, Math.min(image.neurons(), 1 << Ice40Board.OUT_FIFO_BITS));
  }

  static String adapter(SystemImage image, String name, String system, int readBits,
      List<String> header) {
    CoreShape shape = image.shape();
    int kb = image.keyBits();
    int cb = SystemGenerator.coreSelectBits(image);
    int ab = SystemGenerator.loadAddressBits(image);
    int sb = shape.synapseBits();
    StringBuilder v = new StringBuilder();
    Ice40Board.headerLines(v, header);
    v.append("// The mapped system behind the bridge: MODEL_system's ports, with its 32-bit "
        + "read-back beats\n// gathered into the whole synapse word the bridge's READ wants. "
        + "ld_core / rd_core select core\n// instances (listed in ").append(system)
        .append(".v); in_key and out_key are global mapper keys.\n");
    v.append("`default_nettype none\n\nmodule ").append(name).append(" (\n");
    String[][] ports = {
        {"input", "1", "clk"}, {"input", "1", "rst"}, {"input", "1", "step_start"},
        {"output", "1", "busy"}, {"output", "1", "step_done"}, {"output", "1", "overrun"},
        {"output", "32", "step_count"}, {"input", "1", "in_valid"},
        {"input", "" + kb, "in_key"}, {"output", "1", "in_ready"},
        {"output", "1", "out_valid"}, {"output", "" + kb, "out_key"},
        {"input", "1", "ld_valid"}, {"input", "1", "ld_last"}, {"input", "" + cb, "ld_core"},
        {"input", "3", "ld_target"}, {"input", "" + ab, "ld_addr"},
        {"input", "32", "ld_data"}, {"input", "1", "rd_valid"}, {"input", "" + cb, "rd_core"},
        {"input", "3", "rd_target"}, {"input", "" + ab, "rd_addr"},
        {"output", "1", "rd_done"}, {"output", "" + readBits, "rd_data"}};
    Ice40Board.portList(v, ports);
    v.append(");\n");
    v.append("  // Reads: the synapse table (weights) of core rd_core; the bridge refuses other "
        + "targets and\n  // reads only while the system is idle, holding rd_core until "
        + "rd_done.\n");
    v.append("  wire host_read = rd_valid && rd_target == 3'd3;\n");
    Ice40Board.readBeats(v, readBits, (readBits + 31) / 32);
    String readAddress = "rd_addr";
    if (ab > sb) {
      v.append("  // rd_addr bits above the synapse table's address width select nothing.\n")
          .append("  /* verilator lint_off UNUSEDSIGNAL */\n")
          .append("  wire [").append(ab - 1).append(":0] rd_addr_all = rd_addr;\n")
          .append("  /* verilator lint_on UNUSEDSIGNAL */\n");
      readAddress = "rd_addr_all[" + (sb - 1) + ":0]";
    } else if (ab < sb) {
      readAddress = "{" + (sb - ab) + "'d0, rd_addr}";
    }
    v.append("  ").append(system).append(" system (\n");
    String[][] conns = {{"clk", "clk"}, {"rst", "rst"}, {"step_start", "step_start"},
        {"busy", "busy"}, {"step_done", "step_done"}, {"overrun", "overrun"},
        {"step_count", "step_count"}, {"in_valid", "in_valid"}, {"in_key", "in_key"},
        {"in_ready", "in_ready"}, {"out_valid", "out_valid"}, {"out_key", "out_key"},
        {"ld_valid", "ld_valid"}, {"ld_last", "ld_last"}, {"ld_core", "ld_core"},
        {"ld_target", "ld_target"}, {"ld_addr", "ld_addr"}, {"ld_data", "ld_data"},
        {"rb_valid", "host_read"}, {"rb_core", "rd_core"}, {"rb_addr", readAddress},
        {"rb_beat", "read_beat"}, {"rb_data", "core_rb_data"}};
    for (int k = 0; k < conns.length; k++) {
      v.append("      .").append(conns[k][0]).append('(').append(conns[k][1]).append(')')
          .append(k + 1 < conns.length ? ",\n" : "\n");
    }
    v.append("  );\nendmodule\n\n`default_nettype wire\n");
    return v.toString();
  }
}
