package snnc.hdl.emit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import snnc.diag.DiagnosticSink;
import snnc.diag.Span;
import snnc.hdl.bridge.BridgeProtocol;
import snnc.hdl.bridge.LoadImage;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.PipelinedCoreGenerator;
import snnc.hdl.lower.PipelinedSpramLayout;
import snnc.hdl.lower.Expr;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.Item;
import snnc.hdl.lower.RtlModule;
import snnc.hdl.lower.SpramLayout;
import snnc.ir.io.AtomicFiles;

/**
 * Board top levels for iCE40 boards: the 12 MHz board clock or a PLL clock made from it
 * ({@link Options#withClockMhz}), power-on reset held until the PLL locks, the UART
 * bridge ({@code snnc_uart_bridge.v}, protocol in docs/fpga.md), the model's system and two or
 * three LEDs. Everything the host controls goes through the bridge, so the top fits any package.
 *
 * <p>The system is {@code MODEL_system}: the port list of the multi-core system top (clk, rst,
 * step_start, busy, step_done, overrun, step_count, in_valid/in_key/in_ready, out_valid/out_key,
 * ld_valid, ld_last, ld_core, ld_target, ld_addr, ld_data) plus a read port (rd_valid, rd_core,
 * rd_target, rd_addr → rd_done, rd_data) for reading weights back, here a thin adapter around
 * today's single core: the compact core with a host read port on its synapse table, or on
 * request the pipelined core: on the HX8K as generated, whose 32-bit read-back beats the adapter
 * gathers, on the UP5K in its SPRAM layout with the same host read port as the compact core
 * ({@link PipelinedSpramCore}). On the UP5K its synapse table lives in SPRAM
 * ({@code SB_SPRAM256KA}),
 * which the bitstream cannot preload: the host loads it at start-up from {@code MODEL_load.bin}
 * ({@link LoadImage}). The same board top wraps the mapped multi-core system in
 * {@link SystemBoard}.
 *
 * <p>On the UP5K the core takes the SPRAM layout ({@link SpramLayout}: synapse pairs in three
 * SPRAMs, both delay rings in the fourth) whenever the network fits it, which is what lets 1,024
 * neurons and 32k synapses fit one UP5K; otherwise only its synapse table moves to SPRAM. A design
 * whose block RAM (estimated per memory, {@link SpramLayout#blockRams}) or SPRAM would overflow is
 * an {@code hdl.board-capacity} error naming the resource, before any tool runs.
 */
public final class Ice40Board {

  /** The board clock every supported board has. */
  public static final int CLOCK_HZ = 12_000_000;
  /** Default UART speed (both boards' FTDI bridges run it). */
  public static final int DEFAULT_BAUD = 115_200;
  /** Diagnostic: the design does not fit the board (SPRAM, key widths, pins). */
  public static final String CAPACITY = "hdl.board-capacity";
  /** Diagnostic: a user pin file misses, repeats or invents a top-level port (or a pin). */
  public static final String PINS = "hdl.board-pins";
  /** Diagnostic: the UART bridge cannot run at the asked baud rate at the design clock. */
  public static final String UART = "hdl.board-uart";
  /** Log2 of the input-key and output-spike FIFO depths of the bridge. */
  static final int IN_FIFO_BITS = 8;
  static final int OUT_FIFO_BITS = 8;
  private static final String SPRAM_CELL = "SB_SPRAM256KA";
  private static final int SPRAMS = 4;
  /**
   * SB_RAM40_4K blocks the bridge always takes: the 256-entry input-key (16 bits) and
   * output-spike (32 bits) FIFOs (yosys synth_ice40, measured). Its receive FIFO takes one more
   * when the design leaves one free ({@link #bridgeReceiveRam}), else it is 16 bytes of
   * flip-flops.
   */
  public static final int BRIDGE_BLOCK_RAMS = 3;

  /** A supported board: its device, package and default pins (from docs/fpga.md). */
  public enum Board {
    /** iCEBreaker: iCE40 UP5K SG48 (SPRAM for the synapse table). */
    ICEBREAKER("icebreaker", "iCEBreaker (iCE40 UP5K SG48)", "up5k", "sg48", true, 30,
        "SB_PLL40_PAD", CoreTemplate.COMPACT,
        new String[][] {{"clk_12mhz", "35", "12 MHz oscillator"},
            {"uart_rx", "6", "FTDI UART into the FPGA"}, {"uart_tx", "9", "FTDI UART to the host"},
            {"btn_n", "10", "user button: reset while pressed"},
            {"led_red_n", "11", "lit on a timestep overrun or a late step"},
            {"led_green_n", "37", "lit while a run is going"}}),
    /** Lattice iCE40-HX8K breakout board: CT256, no SPRAM (synapses in block RAM). */
    HX8K_BREAKOUT("hx8k", "iCE40-HX8K breakout board (CT256)", "hx8k", "ct256", false, 32,
        "SB_PLL40_CORE", CoreTemplate.COMPACT,
        new String[][] {{"clk_12mhz", "J3", "12 MHz oscillator"},
            {"uart_rx", "B10", "FTDI UART into the FPGA"},
            {"uart_tx", "B12", "FTDI UART to the host"},
            {"led_running", "B5", "D2: lit while a run is going"},
            {"led_overrun", "B4", "D3: lit on a timestep overrun or a late step"},
            {"led_spike", "A2", "D4: toggles on every output spike"}});

    public final String suffix;
    public final String title;
    /** nextpnr-ice40 device option without dashes ({@code up5k}, {@code hx8k}). */
    public final String device;
    public final String pkg;
    public final boolean spram;
    /** SB_RAM40_4K blocks of the device. */
    public final int blockRams;
    /**
     * The PLL primitive the clock pin allows: the iCEBreaker's 12 MHz pin 35 is the UP5K PLL's
     * own pad (SB_PLL40_PAD; nextpnr refuses SB_PLL40_CORE there), the breakout's J3 is a
     * global-buffer input that reaches the HX8K PLL only through the fabric (SB_PLL40_CORE;
     * nextpnr refuses the PAD form). Both were placed and routed here.
     */
    public final String pllCell;
    private final CoreTemplate template;
    private final String[][] pins;

    Board(String suffix, String title, String device, String pkg, boolean spram, int blockRams,
        String pllCell, CoreTemplate template, String[][] pins) {
      this.suffix = suffix;
      this.title = title;
      this.device = device;
      this.pkg = pkg;
      this.spram = spram;
      this.blockRams = blockRams;
      this.pllCell = pllCell;
      this.template = template;
      this.pins = pins;
    }

    /**
     * The board's own core template for {@code shape} when neither the target file
     * ({@code core_template}) nor the caller ({@link Options#withTemplate}) names one: compact on
     * both boards. The built-in ice40-up5k target names the pipelined core: since the core and
     * the bridge were slimmed, synfire's pipelined board design packs into about 4,600 of the
     * UP5K's 5,280 logic cells and meets a 30 MHz PLL clock (docs/fpga.md, "Core template"). On
     * the HX8K the pipelined core does not fit beside the bridge (synfire240's board design
     * packed into 9,238 of the HX8K's 7,680 logic cells before the slimming; not re-measured),
     * so it is chosen only on request. STDP networks always get the compact core
     * ({@link CoreTemplate#forShape}).
     */
    public CoreTemplate template(CoreShape shape) {
      return template.forShape(shape);
    }

    /** Top-level port → default package pin, in port order. */
    public Map<String, String> defaultPins() {
      Map<String, String> m = new LinkedHashMap<>();
      for (String[] p : pins) {
        m.put(p[0], p[1]);
      }
      return m;
    }
  }

  /**
   * What to build.
   *
   * @param board the board
   * @param baud UART speed in bit/s
   * @param userPins the text of a user pin file replacing the default .pcf, or null
   * @param userPinsName its file name, for diagnostics
   * @param pll the PLL that makes the design clock from the board's 12 MHz, or null to run from
   *     the oscillator itself (no PLL)
   * @param template the core template, or null for the board's own ({@link Board#template});
   *     the pipelined core on the UP5K only in its SPRAM layout ({@link PipelinedSpramLayout});
   *     STDP networks always get the compact core
   */
  public record Options(Board board, int baud, String userPins, String userPinsName,
      Ice40Pll pll, CoreTemplate template) {
    /** Options without a PLL and with the board's template. */
    public Options(Board board, int baud, String userPins, String userPinsName) {
      this(board, baud, userPins, userPinsName, null, null);
    }

    public static Options defaults(Board board) {
      return new Options(board, DEFAULT_BAUD, null, null);
    }

    /**
     * These options with the design clocked at {@code mhz}: 12 runs from the oscillator without
     * a PLL, anything else goes through the PLL ({@link Ice40Pll#forClock}, 16–275 MHz; the
     * achieved clock may differ from the requested one by a fraction of a MHz).
     */
    public Options withClockMhz(double mhz) {
      Ice40Pll p = mhz == CLOCK_HZ / 1e6 ? null : Ice40Pll.forClock(CLOCK_HZ / 1e6, mhz);
      return new Options(board, baud, userPins, userPinsName, p, template);
    }

    /** These options with {@code t} as the core template (null: the board's own). */
    public Options withTemplate(CoreTemplate t) {
      return new Options(board, baud, userPins, userPinsName, pll, t);
    }

    /** The design clock in hertz: the PLL's achieved output, or the 12 MHz oscillator. */
    public long clockHz() {
      return pll == null ? CLOCK_HZ : pll.outputHz();
    }

    /** Clock cycles per UART bit at the design clock. */
    public int clocksPerBit() {
      return (int) Math.round((double) clockHz() / baud);
    }

    /**
     * Why the bridge cannot talk at {@link #baud} at this clock, or null when it can: the
     * receiver needs at least {@value #MIN_CLOCKS_PER_BIT} clock cycles per bit (its majority
     * vote and mid-bit sampling; the board co-simulation runs at 8), and the whole-cycle divider
     * must come within {@value #MAX_BAUD_ERROR_PERCENT} % of the asked rate (a UART frame
     * tolerates about 5 % between both ends, half of it for each).
     */
    public String baudProblem() {
      double mhz = clockHz() / 1e6;
      if (baud <= 0 || clockHz() / baud < MIN_CLOCKS_PER_BIT) {
        return String.format(Locale.ROOT, "%d baud at %.3f MHz: the UART bridge needs at least "
            + "%d clock cycles per bit, so at most %d baud at this clock", baud, mhz,
            MIN_CLOCKS_PER_BIT, clockHz() / MIN_CLOCKS_PER_BIT);
      }
      double actual = (double) clockHz() / clocksPerBit();
      double errorPercent = 100 * Math.abs(actual - baud) / baud;
      if (errorPercent > MAX_BAUD_ERROR_PERCENT) {
        return String.format(Locale.ROOT, "%d baud at %.3f MHz: %d clock cycles per bit give "
            + "%.0f baud, %.1f %% off (at most %s %%)", baud, mhz, clocksPerBit(), actual,
            errorPercent, MAX_BAUD_ERROR_PERCENT);
      }
      return null;
    }
  }

  /** The fewest clock cycles per UART bit the bridge's receiver is built for. */
  public static final int MIN_CLOCKS_PER_BIT = 8;
  /** The largest difference between the asked baud rate and the divider's, in percent. */
  public static final double MAX_BAUD_ERROR_PERCENT = 2.0;

  /**
   * The emitted board design.
   *
   * @param top the board top module
   * @param system the wrapped system module
   * @param files text files (Verilog, hex images, pin file, filelist.f) in writing order
   * @param loadImage the start-up load image ({@code MODEL_load.bin})
   * @param loadImageName its file name
   * @param synthesisFiles Verilog files for synthesis (no simulation models)
   * @param simulationFiles Verilog files for lint and simulation (with simulation models)
   * @param pinFile the pin file name
   * @param layout the core's memory layout ({@link CoreGenerator.Layout#SPRAM}: the synapse
   *     table and READ replies are pair words)
   * @param blockRamEstimate SB_RAM40_4K blocks of core and bridge, estimated before synthesis
   * @param template the core template the design uses
   * @param coreModule the core's module name
   * @param clockHz the design clock (PLL output, or the 12 MHz oscillator)
   * @param pll the PLL settings, or null without a PLL
   */
  public record Output(String top, String system, Map<String, String> files, byte[] loadImage,
      String loadImageName, List<String> synthesisFiles, List<String> simulationFiles,
      String pinFile, CoreGenerator.Layout layout, int blockRamEstimate, CoreTemplate template,
      String coreModule, long clockHz, Ice40Pll pll) {
    public Output {
      files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
      loadImage = loadImage.clone();
      synthesisFiles = List.copyOf(synthesisFiles);
      simulationFiles = List.copyOf(simulationFiles);
    }

    @Override
    public byte[] loadImage() {
      return loadImage.clone();
    }

    /** Writes every file into {@code dir} (created if needed), each one atomically. */
    public void write(Path dir) throws IOException {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> f : files.entrySet()) {
        AtomicFiles.writeString(dir.resolve(f.getKey()), f.getValue());
      }
      AtomicFiles.write(dir.resolve(loadImageName), loadImage);
    }
  }

  private Ice40Board() {}

  /** The board design of {@code image}; throws {@link HdlException} when it does not fit. */
  public static Output emit(CoreImage image, Options options) {
    Board board = options.board();
    CoreShape shape = image.shape();
    int budget = board.blockRams - BRIDGE_BLOCK_RAMS;
    CoreTemplate template = options.template() == null ? board.template(shape)
        : options.template().forShape(shape);
    boolean pipelined = template == CoreTemplate.PIPELINED;
    // The pipelined core on the UP5K: its SPRAM layout (pair memory and rings in SPRAM, weights
    // read through hr_*), for networks that layout holds.
    boolean pipelinedSpram = pipelined && board.spram;
    List<String> pipelinedMisfit = pipelinedSpram ? PipelinedSpramLayout.problems(image, budget)
        : List.of();
    String model = HdlEmitter.identifier(image.model());
    String top = model + "_" + board.suffix;
    String system = model + "_system";
    DiagnosticSink sink = new DiagnosticSink();
    Span where = Span.generated("board " + board.suffix + " of model '" + image.model() + "'");
    if (shape.preBits() > BridgeProtocol.MAX_KEY_BITS) {
      sink.error(CAPACITY, where, "the bridge carries spike keys of at most "
          + BridgeProtocol.MAX_KEY_BITS + " bits; this core needs " + shape.preBits());
    }
    if (pipelinedSpram && !pipelinedMisfit.isEmpty()) {
      sink.error(CAPACITY, where, "pipelined core, SPRAM layout: "
          + String.join("; ", pipelinedMisfit));
    }
    List<String> spramMisfit = board.spram && !pipelinedSpram
        ? SpramLayout.problems(image, budget) : List.of();
    CoreGenerator.Layout layout = board.spram && spramMisfit.isEmpty()
        ? CoreGenerator.Layout.SPRAM : CoreGenerator.Layout.DUAL_PORT;
    int width = CoreGenerator.synapseWordBits(shape, layout);
    int addressBits = CoreGenerator.synapseAddressBits(shape, layout);
    int cols = (width + 15) / 16;
    int banks = 1 << Math.max(0, addressBits - 14);
    if (width > 63) {
      sink.error(CAPACITY, where, "the bridge reads back words of at most 63 bits; a synapse "
          + "word has " + width);
    }
    if (board.spram && shape.poisson()) {
      // Measured (bench fpga, 64 neurons with on-chip Poisson sources): 5,743 logic cells; the
      // same board design without the generator (synfire) 4,886. Refused here, not in nextpnr.
      sink.error(CAPACITY, where, "logic: the on-chip Poisson generator (about 850 logic cells) "
          + "with the core and the UART bridge (about 4,900) needs about 5,700 of the UP5K's "
          + "5,280 logic cells; a mapped system injects Poisson spikes from the host instead");
    }
    int coreAndBridge = BRIDGE_BLOCK_RAMS + (pipelinedSpram
        ? PipelinedSpramLayout.blockRams(shape) : SpramLayout.blockRams(shape, layout,
        board.spram));
    boolean receiveRam = bridgeReceiveRam(coreAndBridge, board);
    int brams = coreAndBridge + (receiveRam ? 1 : 0);
    if (layout == CoreGenerator.Layout.DUAL_PORT) {
      // On the UP5K the SPRAM layout's reasons come first: it is the layout that holds most.
      String prefix = spramMisfit.isEmpty() ? "" : "SPRAM layout: " + String.join("; ",
          spramMisfit) + "; dual-port layout: ";
      if (board.spram && cols * banks > SPRAMS) {
        sink.error(CAPACITY, where, prefix + "SPRAM: the synapse table (" + (1L << addressBits)
            + " words of " + width + " bits) needs " + cols * banks + " SPRAM blocks; the UP5K "
            + "has " + SPRAMS);
      } else if (brams > board.blockRams) {
        sink.error(CAPACITY, where, prefix + "block RAM: the core and bridge need about " + brams
            + " SB_RAM40_4K; the " + board.device.toUpperCase(Locale.ROOT) + " has "
            + board.blockRams);
      }
    }
    if (options.baudProblem() != null) {
      sink.error(UART, where, options.baudProblem());
    }
    Map<String, String> pins = board.defaultPins();
    String pcfText = options.userPins() == null ? defaultPcf(image.model(), board)
        : checkedUserPins(options.userPins(),
            options.userPinsName() == null ? "pins.pcf" : options.userPinsName(), pins.keySet(),
            sink);
    if (sink.hasErrors()) {
      throw new HdlException(sink.all());
    }

    List<String> header = List.of("Generated by snnc " + HdlEmitter.version() + " from model '"
        + image.model() + "' -- do not edit.", board.title + " board design: UART bridge at "
        + options.baud() + " baud, " + template.label() + " core, clock " + clockText(options)
        + " (docs/fpga.md).");
    Map<String, String> files = new LinkedHashMap<>();
    List<String> synth = new ArrayList<>();
    List<String> sim = new ArrayList<>();
    PipelinedSpramCore spramCore = pipelinedSpram ? PipelinedSpramCore.of(shape, header, true)
        : null;
    String coreName = pipelinedSpram ? spramCore.top()
        : pipelined ? PipelinedCoreGenerator.moduleName(shape)
        : CoreGenerator.moduleName(shape, layout) + (board.spram ? "_spram" : "_board");
    String spram = board.spram ? spramName(width, addressBits) : null;
    int ringBits = CoreGenerator.ringAddressBits(shape, layout);
    String ringSpram = layout == CoreGenerator.Layout.SPRAM
        ? spramName(shape.ringBits(), ringBits) : null;
    if (pipelinedSpram) {
      // The SPRAM-wrapped pipelined core with its host read port, its SPRAM wrappers and (for
      // simulation only) the SB_SPRAM256KA model.
      for (Map.Entry<String, String> f : spramCore.files().entrySet()) {
        files.put(f.getKey(), f.getValue());
        if (spramCore.synthesisFiles().contains(f.getKey())) {
          synth.add(f.getKey());
        } else {
          sim.add(f.getKey());
        }
      }
    } else {
      // The dual-port pipelined core goes in as generated: the adapter reads weights through
      // its rb_* beats.
      put(files, synth, coreName + ".v", VerilogPrinter.print(pipelined
          ? PipelinedCoreGenerator.generate(shape, header)
          : boardCore(shape, layout, coreName, spram, ringSpram, header)));
    }
    if (board.spram && !pipelinedSpram) {
      put(files, synth, spram + ".v", spramWrapper(spram, width, addressBits, cols,
          banks, header));
      if (ringSpram != null) {
        put(files, synth, ringSpram + ".v", spramWrapper(ringSpram, shape.ringBits(), ringBits,
            (shape.ringBits() + 15) / 16, 1, header));
      }
      files.put(SPRAM_CELL + ".v", resource(SPRAM_CELL + ".v", header));
      sim.add(SPRAM_CELL + ".v");
    }
    put(files, synth, system + ".v", systemModule(image, layout, system, coreName, board.spram,
        pipelined, header));
    for (String part : List.of("snnc_uart_rx", "snnc_uart_tx", "snnc_byte_fifo",
        "snnc_uart_bridge")) {
      put(files, synth, part + ".v", resource(part + ".v", header));
    }
    put(files, synth, top + ".v", boardTop(new BridgeWidths(1, shape.preBits(),
        shape.neuronBits(), shape.loadAddressBits(), CoreGenerator.synapseWordBits(shape, layout)),
        board, options, top, system, receiveRam, 0, header));
    if (options.pll() != null) {
      // Like the SPRAM model: simulation and lint only, yosys maps the hard PLL.
      files.put(board.pllCell + ".v", resource(board.pllCell + ".v", header));
      sim.add(board.pllCell + ".v");
    }
    sim.addAll(synth);
    for (Map.Entry<String, String> f : HdlEmitter.emit(image).files().entrySet()) {
      if (f.getKey().endsWith(".hex")) {
        files.put(f.getKey(), f.getValue());
      }
    }
    files.put(top + ".pcf", pcfText);
    files.put("filelist.f", filelist(image.model(), top, sim));
    LoadImage load = LoadImage.of(image, 0, layout);
    return new Output(top, system, files, load.bytes(), model + "_load.bin", synth, sim,
        top + ".pcf", layout, brams, template, coreName, options.clockHz(), options.pll());
  }

  /** Appends a module's port declarations, {direction, width, name} each, one per line. */
  static void portList(StringBuilder v, String[][] ports) {
    for (int k = 0; k < ports.length; k++) {
      int w = Integer.parseInt(ports[k][1]);
      v.append("    ").append(ports[k][0]).append(" wire ")
          .append(w == 1 ? "" : "[" + (w - 1) + ":0] ").append(ports[k][2])
          .append(k + 1 < ports.length ? ",\n" : "\n");
    }
  }

  /** DIR/rtl/filelist.f of a board design: every simulation file, for verilator's lint. */
  static String filelist(String model, String top, List<String> sim) {
    StringBuilder filelist = new StringBuilder("// Generated by snnc ")
        .append(HdlEmitter.version()).append(" from model '").append(model)
        .append("': verilator --lint-only -Wall -f filelist.f --top-module ").append(top)
        .append('\n');
    for (String f : sim) {
      filelist.append(f).append('\n');
    }
    return filelist.toString();
  }

  /**
   * Whether the bridge's receive FIFO goes into a block RAM, given the estimate of the core and
   * the bridge's own three: only when one more still leaves one free, since the estimate is not
   * exact and block RAM binds before logic on many board designs (the compact UP5K core in its
   * SPRAM layout takes all but one). In flip-flops the 16-byte FIFO costs about 140 logic cells.
   */
  static boolean bridgeReceiveRam(int blockRams, Board board) {
    return blockRams + 2 <= board.blockRams;
  }

  static String clockText(Options options) {
    return options.pll() == null ? "12 MHz (oscillator, no PLL)"
        : String.format(Locale.ROOT, "%.3f MHz from the PLL", options.pll().outputMhz());
  }

  private static String spramName(int width, int addressBits) {
    return "snnc_spram_w" + width + "_a" + addressBits;
  }

  static void put(Map<String, String> files, List<String> list, String name,
      String text) {
    files.put(name, text);
    list.add(name);
  }

  // ---------------------------------------------------------------- the pieces

  /**
   * The generated core with a host read port on its synapse table ({@code hr_valid},
   * {@code hr_addr} → {@code hr_data} one cycle later; only while the core is idle, which the
   * bridge guarantees) and, when {@code spram} names an SPRAM wrapper, that table in SPRAM
   * instead of preloaded block RAM. Everything else is the core as generated.
   */
  static RtlModule boardCore(CoreShape shape, CoreGenerator.Layout layout, String name,
      String spram, String ringSpram, List<String> header) {
    RtlModule core = CoreGenerator.generate(shape, header, layout);
    int addressBits = CoreGenerator.synapseAddressBits(shape, layout);
    List<Item> items = new ArrayList<>();
    boolean replaced = false;
    for (Item item : core.items()) {
      if (item instanceof Item.Memory m && m.name().equals("ring") && ringSpram != null) {
        items.add(new Item.Comment("Both delay rings in one SPRAM block (never read and written "
            + "in one cycle)."));
        items.add(new Item.Wire(m.readData(), m.width(), false, null));
        items.add(spramInstance(ringSpram, "ring_spram", m, m.readEnable(), m.readAddress()));
      } else if (item instanceof Item.Memory m && m.name().equals("synapses")) {
        items.add(new Item.Comment("Host reads of the synapse table (weights) share its read "
            + "port; they come only while the core is idle."));
        items.add(new Item.Wire("synapses_any_re", 1, false, Expr.or(Expr.ref(m.readEnable()),
            Expr.ref("hr_valid"))));
        items.add(new Item.Wire("synapses_any_ra", addressBits, false,
            Expr.cond(Expr.ref("hr_valid"), Expr.ref("hr_addr"), Expr.ref(m.readAddress()))));
        items.add(new Item.Wire("hr_data", m.width(), false, Expr.ref(m.readData())));
        if (spram == null) {
          items.add(new Item.Memory(m.name(), m.width(), m.depth(), m.style(), m.initParam(),
              m.writeEnable(), m.writeAddress(), m.writeData(), "synapses_any_re",
              "synapses_any_ra", m.readData()));
        } else {
          items.add(new Item.Comment("Synapse table in SPRAM (loaded over the bridge at "
              + "start-up)."));
          items.add(new Item.Wire(m.readData(), m.width(), false, null));
          items.add(spramInstance(spram, "synapses_spram", m, "synapses_any_re",
              "synapses_any_ra"));
        }
        replaced = true;
      } else {
        items.add(item);
      }
    }
    if (!replaced) {
      throw new IllegalStateException("emit-board: the core has no 'synapses' memory");
    }
    List<RtlModule.Param> params = core.params().stream()
        .filter(p -> spram == null || !p.name().equals("INIT_SYNAPSES")).toList();
    List<RtlModule.Port> ports = new ArrayList<>(core.ports());
    ports.add(new RtlModule.Port("hr_valid", RtlModule.Direction.INPUT, 1, false,
        "host read of a synapse word (only while idle)"));
    ports.add(new RtlModule.Port("hr_addr", RtlModule.Direction.INPUT, addressBits, false,
        null));
    ports.add(new RtlModule.Port("hr_data", RtlModule.Direction.OUTPUT,
        CoreGenerator.synapseWordBits(shape, layout), false,
        "the word, one cycle after hr_valid" + (layout == CoreGenerator.Layout.SPRAM
            ? " (a pair word: hr_addr is a pair address)" : "")));
    return new RtlModule(name, core.header(), params, ports, items);
  }

  private static Item.Instance spramInstance(String module, String name, Item.Memory m,
      String readEnable, String readAddress) {
    return new Item.Instance(module, name, List.of(), List.of(
        new Item.Connection("clk", Expr.ref("clk")),
        new Item.Connection("we", Expr.ref(m.writeEnable())),
        new Item.Connection("wa", Expr.ref(m.writeAddress())),
        new Item.Connection("wd", Expr.ref(m.writeData())),
        new Item.Connection("re", Expr.ref(readEnable)),
        new Item.Connection("ra", Expr.ref(readAddress)),
        new Item.Connection("rd", Expr.ref(m.readData()))));
  }

  /** SB_SPRAM256KA blocks tiled to {@code width} × 2^{@code addrBits} (cols × banks blocks). */
  static String spramWrapper(String name, int width, int addrBits, int cols, int banks,
      List<String> header) {
    StringBuilder v = new StringBuilder();
    headerLines(v, header);
    int cell = Math.min(14, addrBits);
    int bankBits = Math.max(0, addrBits - 14);
    int padded = 16 * cols;
    v.append("// ").append(width).append(" x ").append(1L << addrBits)
        .append(" single-port RAM of ")
        .append(cols * banks).append(" SB_SPRAM256KA (").append(cols).append(" wide, ")
        .append(banks).append(" deep).\n");
    v.append("`default_nettype none\n\nmodule ").append(name).append(" (\n");
    v.append("    input wire clk,\n");
    v.append("    input wire we,\n");
    v.append("    input wire [").append(addrBits - 1).append(":0] wa,\n");
    v.append("    input wire [").append(width - 1).append(":0] wd,\n");
    v.append("    input wire re,\n");
    v.append("    input wire [").append(addrBits - 1).append(":0] ra,\n");
    v.append("    output wire [").append(width - 1).append(":0] rd\n);\n");
    v.append("  // SPRAM has a single port. The core never reads and writes one of these "
        + "memories in the same\n  // cycle, so one address serves both.\n");
    v.append("  wire [").append(addrBits - 1).append(":0] addr = we ? wa : ra;\n");
    v.append("  wire [13:0] cell_addr = ").append(cell == 14 ? "addr[13:0]"
        : "{" + (14 - cell) + "'d0, addr}").append(";\n");
    v.append("  wire [").append(padded - 1).append(":0] data_in = ").append(padded == width
        ? "wd" : "{" + (padded - width) + "'d0, wd}").append(";\n");
    if (bankBits > 0) {
      v.append("  reg [").append(bankBits - 1).append(":0] read_bank;\n");
      v.append("  always @(posedge clk) begin\n    if (re) read_bank <= addr[")
          .append(addrBits - 1).append(":14];\n  end\n");
    }
    for (int b = 0; b < banks; b++) {
      String sel = bankBits == 0 ? "" : " && addr[" + (addrBits - 1) + ":14] == " + bankBits
          + "'d" + b;
      if (padded != width) {
        v.append("  // The pad bits above bit ").append(width - 1)
            .append(" are written as zero and never read.\n");
        v.append("  /* verilator lint_off UNUSEDSIGNAL */\n");
      }
      v.append("  wire [").append(padded - 1).append(":0] q").append(b).append(";\n");
      if (padded != width) {
        v.append("  /* verilator lint_on UNUSEDSIGNAL */\n");
      }
      for (int c = 0; c < cols; c++) {
        v.append("  SB_SPRAM256KA bank").append(b).append("_col").append(c).append(" (\n");
        v.append("      .ADDRESS(cell_addr),\n");
        v.append("      .DATAIN(data_in[").append(16 * c + 15).append(':').append(16 * c)
            .append("]),\n");
        v.append("      .MASKWREN(4'b1111),\n");
        v.append("      .WREN(we").append(sel).append("),\n");
        v.append("      .CHIPSELECT((we || re)").append(sel).append("),\n");
        v.append("      .CLOCK(clk),\n      .STANDBY(1'b0),\n      .SLEEP(1'b0),\n")
            .append("      .POWEROFF(1'b1),\n");
        v.append("      .DATAOUT(q").append(b).append('[').append(16 * c + 15).append(':')
            .append(16 * c).append("])\n  );\n");
      }
    }
    if (bankBits == 0) {
      v.append("  assign rd = q0[").append(width - 1).append(":0];\n");
    } else {
      v.append("  reg [").append(width - 1).append(":0] rd_mux;\n  always @(*) begin\n")
          .append("    case (read_bank)\n");
      for (int b = 0; b < banks; b++) {
        v.append(b + 1 < banks ? "      " + bankBits + "'d" + b + ": " : "      default: ")
            .append("rd_mux = q").append(b).append('[').append(width - 1).append(":0];\n");
      }
      v.append("    endcase\n  end\n  assign rd = rd_mux;\n");
    }
    v.append("endmodule\n\n`default_nettype wire\n");
    return v.toString();
  }

  /** The system adapter: today's single core behind the multi-core system's port list. */
  static String systemModule(CoreImage image, CoreGenerator.Layout layout, String name,
      String coreName, boolean spram, boolean pipelined, List<String> header) {
    CoreShape shape = image.shape();
    int readBits = CoreGenerator.synapseWordBits(shape, layout);
    String model = HdlEmitter.identifier(image.model());
    int nb = shape.neuronBits();
    StringBuilder v = new StringBuilder();
    headerLines(v, header);
    v.append("// The system behind the bridge: the port list of snnc's multi-core system top, "
        + "here one core\n// (ld_core selects core 0; out_key is the neuron index, in_key the "
        + "spike key).\n");
    for (CoreImage.PopulationRange p : image.populations()) {
      v.append(String.format(Locale.ROOT, "//   %-12s %s %d .. %d (%s)%n",
          HdlEmitter.identifier(p.name()), p.isSource() ? "in_key " : "out_key", p.base(),
          p.base() + p.size() - 1, p.cellType().pynnName()));
    }
    v.append("`default_nettype none\n\nmodule ").append(name).append(" (\n");
    String[][] ports = {
        {"input", "1", "clk"}, {"input", "1", "rst"}, {"input", "1", "step_start"},
        {"output", "1", "busy"}, {"output", "1", "step_done"}, {"output", "1", "overrun"},
        {"output", "32", "step_count"}, {"input", "1", "in_valid"},
        {"input", "" + shape.preBits(), "in_key"}, {"output", "1", "in_ready"},
        {"output", "1", "out_valid"}, {"output", "" + nb, "out_key"},
        {"input", "1", "out_ready"},
        {"input", "1", "ld_valid"}, {"input", "1", "ld_last"}, {"input", "1", "ld_core"},
        {"input", "3", "ld_target"}, {"input", "" + shape.loadAddressBits(), "ld_addr"},
        {"input", "32", "ld_data"}, {"input", "1", "rd_valid"}, {"input", "1", "rd_core"},
        {"input", "3", "rd_target"}, {"input", "" + shape.loadAddressBits(), "rd_addr"},
        {"output", "1", "rd_done"}, {"output", "" + readBits, "rd_data"}};
    portList(v, ports);
    v.append(");\n");
    v.append("  // Reads: core 0's synapse table (weights) only; the bridge refuses other "
        + "targets.\n");
    v.append("  wire host_read = rd_valid && !rd_core && rd_target == 3'd3;\n");
    int hostBits = CoreGenerator.synapseAddressBits(shape, layout);
    int beats = (readBits + 31) / 32;
    // The dual-port pipelined core is read in 32-bit beats; the SPRAM cores through hr_*.
    boolean beatRead = pipelined && !spram;
    if (beatRead) {
      readBeats(v, readBits, beats);
    } else {
      v.append("  reg read_done;\n  always @(posedge clk) begin\n")
          .append("    read_done <= rst ? 1'b0 : rd_valid;\n  end\n");
      v.append("  assign rd_done = read_done;\n");
    }
    if (shape.loadAddressBits() > hostBits) {
      v.append("  // rd_addr bits above the synapse table's address width select nothing.\n")
          .append("  /* verilator lint_off UNUSEDSIGNAL */\n")
          .append("  wire [").append(shape.loadAddressBits() - 1).append(":0] rd_addr_all = ")
          .append("rd_addr;\n  /* verilator lint_on UNUSEDSIGNAL */\n");
    }
    if (beatRead) {
      v.append("  // The core runs alone (SYSTEM = 0: keys only while idle).\n");
      v.append("  /* verilator lint_off UNUSEDSIGNAL */\n  wire core_updating;\n")
          .append("  /* verilator lint_on UNUSEDSIGNAL */\n");
    } else {
      v.append("  // The core runs alone (SYSTEM = 0: keys only while idle); its beat-wise\n"
          + "  // read-back port is idle because the bridge reads whole words through hr_* in "
          + "one cycle.\n");
      v.append("  /* verilator lint_off UNUSEDSIGNAL */\n  wire core_updating;\n")
          .append("  wire [31:0] core_rb_data;\n  /* verilator lint_on UNUSEDSIGNAL */\n");
    }
    String outValid = "out_valid";
    if (pipelined) {
      v.append("  // The bridge's out_ready (room for the spikes in flight) stops the core "
          + "issuing neurons;\n  // those in the pipeline still come out, one out_valid "
          + "strobe each.\n");
    } else {
      v.append("  // The core's U_WRITE waits while out_ready is low and it holds a spike, so a "
          + "spike goes\n  // to the bridge in the cycle it moves on (out_valid and "
          + "out_ready).\n");
      v.append("  wire core_out_valid;\n  assign out_valid = core_out_valid && out_ready;\n");
      outValid = "core_out_valid";
    }
    v.append("  ").append(coreName).append(" #(\n");
    v.append("      .INIT_CONSTANTS(\"").append(model).append("_constants.hex\"),\n");
    v.append("      .INIT_STATE(\"").append(model).append("_state.hex\"),\n");
    if (pipelined && spram) {
      // Rows and synapses are in the pair SPRAM (loaded over the bridge); the products go to
      // the UP5K's SB_MAC16 blocks.
      v.append("      .SPLIT_PRODUCTS(1'b0),\n");
    } else {
      v.append("      .INIT_ROWS(\"").append(model).append("_rows.hex\"),\n");
    }
    if (!spram) {
      v.append("      .INIT_SYNAPSES(\"").append(model).append("_synapses.hex\"),\n");
    }
    v.append("      .LAST_NEURON(").append(nb).append("'d").append(image.neurons() - 1);
    if (shape.stdp()) {
      for (String m : List.of("RULES", "LUT", "COLUMNS")) {
        v.append("),\n      .INIT_").append(m).append("(\"").append(model).append('_')
            .append(m.toLowerCase(Locale.ROOT)).append(".hex\"");
      }
    }
    if (shape.poisson()) {
      v.append("),\n      .POISSON_FIRST(").append(shape.segmentBits()).append("'d")
          .append(image.segments()).append("),\n      .POISSON_END(")
          .append(shape.segmentBits() + 1).append("'d")
          .append(image.segments() + image.poissonSources());
    }
    v.append(")\n  ) core0 (\n");
    String[][] conns = {{"clk", "clk"}, {"rst", "rst"}, {"step_start", "step_start"},
        {"busy", "busy"}, {"step_done", "step_done"}, {"overrun", "overrun"},
        {"step_count", "step_count"}, {"in_valid", "in_valid"}, {"in_key", "in_key"},
        {"in_ready", "in_ready"}, {"out_valid", outValid}, {"out_neuron", "out_key"},
        {"out_ready", "out_ready"}, {"in_close", "1'b1"}, {"updating", "core_updating"},
        {"ld_valid", "ld_valid && !ld_core"}, {"ld_last", "ld_last"},
        {"ld_target", "ld_target"}, {"ld_addr", "ld_addr"}, {"ld_data", "ld_data"}};
    String readAddress = (shape.loadAddressBits() > hostBits ? "rd_addr_all[" : "rd_addr[")
        + (hostBits - 1) + ":0]";
    int pairBits = PipelinedSpramLayout.SPRAM_ADDRESS_BITS;
    if (pipelined && spram && hostBits < pairBits) {
      // The pipelined SPRAM core's pair address is always one SPRAM deep.
      readAddress = "{" + (pairBits - hostBits) + "'d0, " + readAddress + "}";
    }
    String[][] readConns = beatRead
        ? new String[][] {{"rb_valid", "host_read"}, {"rb_addr", readAddress},
            {"rb_beat", "read_beat"}, {"rb_data", "core_rb_data"}}
        : new String[][] {{"hr_valid", "host_read"}, {"hr_addr", readAddress},
            {"hr_data", "rd_data"}, {"rb_valid", "1'b0"},
            {"rb_addr", shape.synapseBits() + "'d0"}, {"rb_beat", "2'd0"},
            {"rb_data", "core_rb_data"}};
    List<String[]> all = new ArrayList<>(List.of(conns));
    all.addAll(List.of(readConns));
    conns = all.toArray(new String[0][]);
    for (int k = 0; k < conns.length; k++) {
      v.append("      .").append(conns[k][0]).append('(').append(conns[k][1]).append(')')
          .append(k + 1 < conns.length ? ",\n" : "\n");
    }
    v.append("  );\nendmodule\n\n`default_nettype wire\n");
    return v.toString();
  }

  /**
   * The pipelined core's read-back gathered into one word for the bridge: {@code rb_valid} with
   * the address reads the synapse word into the core's read register, then {@code rb_beat}
   * selects its 32-bit beats one per cycle (lowest first) and {@code rd_done} follows the last.
   * The bridge asks only while the system is idle and waits for {@code rd_done}.
   */
  static void readBeats(StringBuilder v, int readBits, int beats) {
    int padded = 32 * beats;
    v.append("  // Weights are read in ").append(beats).append(" beat(s) of 32 bits (rb_*) and "
        + "gathered into one word.\n");
    v.append("  wire [31:0] core_rb_data;\n");
    v.append("  reg reading;\n  reg [1:0] read_beat;\n  reg read_done;\n")
        .append("  reg [").append(padded - 1).append(":0] read_word;\n");
    v.append("  always @(posedge clk) begin\n")
        .append("    read_done <= 1'b0;\n")
        .append("    if (rst) begin\n      reading <= 1'b0;\n      read_beat <= 2'd0;\n")
        .append("    end else if (host_read) begin\n      reading <= 1'b1;\n")
        .append("      read_beat <= 2'd0;\n")
        .append("    end else if (reading) begin\n");
    if (beats == 1) {
      v.append("      read_word <= core_rb_data;\n");
    } else {
      v.append("      read_word <= {core_rb_data, read_word[").append(padded - 1)
          .append(":32]};\n");
    }
    v.append("      read_beat <= read_beat + 2'd1;\n")
        .append("      if (read_beat == 2'd").append(beats - 1).append(") begin\n")
        .append("        reading <= 1'b0;\n        read_done <= 1'b1;\n      end\n")
        .append("    end\n  end\n");
    v.append("  assign rd_done = read_done;\n");
    if (padded != readBits) {
      v.append("  /* verilator lint_off UNUSEDSIGNAL */\n  wire [").append(padded - 1)
          .append(":0] read_all = read_word;\n  /* verilator lint_on UNUSEDSIGNAL */\n")
          .append("  assign rd_data = read_all[").append(readBits - 1).append(":0];\n");
    } else {
      v.append("  assign rd_data = read_word;\n");
    }
  }

  /**
   * Widths of the bridge's system side: {@code ld_core}/{@code rd_core}, {@code in_key},
   * {@code out_key}, {@code ld_addr}/{@code rd_addr} and {@code rd_data}.
   */
  record BridgeWidths(int coreBits, int keyBits, int outBits, int addressBits, int readBits) {}

  /**
   * The board top: the bridge and the system. {@code stepRoom} 0: the system takes the bridge's
   * {@code out_ready} and holds its spikes back (the single-core adapter); else a system that
   * cannot wait, whose steps the bridge starts only with {@code stepRoom} spike-FIFO entries free.
   */
  static String boardTop(BridgeWidths w, Board board, Options options, String top,
      String system, boolean receiveRam, int stepRoom, List<String> header) {
    int readBits = w.readBits();
    int kb = w.keyBits();
    int nb = w.outBits();
    int ab = w.addressBits();
    String cw = w.coreBits() == 1 ? "" : "[" + (w.coreBits() - 1) + ":0] ";
    Map<String, String> pins = board.defaultPins();
    StringBuilder v = new StringBuilder();
    headerLines(v, header);
    Ice40Pll pll = options.pll();
    v.append(pll == null ? "// Clock: the board's 12 MHz oscillator, no PLL."
        : "// Clock: " + board.pllCell + ", " + pll.describe() + ".");
    v.append(" Host control and data go through the UART bridge.\n");
    v.append("`default_nettype none\n\nmodule ").append(top).append(" #(\n");
    v.append("    parameter CLKS_PER_BIT = ").append(options.clocksPerBit()).append("  // ")
        .append(options.clockHz()).append(" Hz / ").append(options.baud()).append(" baud\n) (\n");
    int k = 0;
    for (String[] p : board.pins) {
      String dir = p[0].equals("clk_12mhz") || p[0].equals("uart_rx") || p[0].equals("btn_n")
          ? "input" : "output";
      v.append("    ").append(dir).append(" wire ").append(p[0])
          .append(++k < board.pins.length ? "," : "").append("  // pin ").append(pins.get(p[0]))
          .append(": ").append(p[2]).append('\n');
    }
    v.append(");\n");
    v.append("  wire clk;\n");
    if (pll == null) {
      v.append("  assign clk = clk_12mhz;\n");
    } else {
      v.append("  wire pll_lock;\n  // The PLL's fabric output; the design takes the global one.\n")
          .append("  /* verilator lint_off UNUSEDSIGNAL */\n  wire pll_core_unused;\n")
          .append("  /* verilator lint_on UNUSEDSIGNAL */\n");
      v.append("  ").append(board.pllCell).append(" #(\n")
          .append("      .FEEDBACK_PATH(\"SIMPLE\"),\n")
          .append("      .DIVR(4'd").append(pll.divr()).append("),\n")
          .append("      .DIVF(7'd").append(pll.divf()).append("),\n")
          .append("      .DIVQ(3'd").append(pll.divq()).append("),\n")
          .append("      .FILTER_RANGE(3'd").append(pll.filterRange()).append(")\n")
          .append("  ) pll (\n")
          .append(board.pllCell.equals("SB_PLL40_PAD") ? "      .PACKAGEPIN(clk_12mhz),\n"
              : "      .REFERENCECLK(clk_12mhz),\n")
          .append("      .RESETB(1'b1),\n      .BYPASS(1'b0),\n")
          .append("      .PLLOUTCORE(pll_core_unused),\n")
          .append("      .PLLOUTGLOBAL(clk),\n      .LOCK(pll_lock)\n  );\n");
      v.append("  // LOCK is asynchronous to clk: two flip-flops; the reset below holds until "
          + "the PLL has locked.\n");
      v.append("  reg lock_meta;\n  reg lock_sync;\n  always @(posedge clk) begin\n")
          .append("    lock_meta <= pll_lock;\n    lock_sync <= lock_meta;\n  end\n");
    }
    v.append("  // Power-on reset for 16 cycles: iCE40 flip-flops start at zero after "
        + "configuration.\n");
    v.append("  reg [4:0] por;\n");
    boolean button = pins.containsKey("btn_n");
    if (button) {
      v.append("  // The button is asynchronous: two flip-flops before it resets anything.\n");
      v.append("  reg btn_meta;\n  reg btn_sync;\n");
      v.append("  wire rst = !por[4] || !btn_sync;\n");
    } else {
      v.append("  wire rst = !por[4];\n");
    }
    v.append("  always @(posedge clk) begin\n");
    v.append(pll == null ? "    if (!por[4]) por <= por + 5'd1;\n"
        : "    if (!lock_sync) por <= 5'd0;\n    else if (!por[4]) por <= por + 5'd1;\n");
    if (button) {
      v.append("    btn_meta <= btn_n;\n    btn_sync <= btn_meta;\n");
    }
    v.append("  end\n\n");
    v.append("  wire sys_rst;\n  wire step_start;\n  wire busy;\n  wire step_done;\n")
        .append("  wire overrun;\n  wire [31:0] step_count;\n  wire in_valid;\n")
        .append("  wire [").append(kb - 1).append(":0] in_key;\n  wire in_ready;\n")
        .append("  wire out_valid;\n  wire [").append(nb - 1).append(":0] out_key;\n")
        .append(stepRoom == 0 ? "  wire out_ready;\n"
            : "  // The system cannot hold its spikes back: steps start with room for them.\n"
            + "  /* verilator lint_off UNUSEDSIGNAL */\n  wire out_ready;\n"
            + "  /* verilator lint_on UNUSEDSIGNAL */\n")
        .append("  wire ld_valid;\n  wire ld_last;\n  wire ").append(cw)
        .append("ld_core;\n  wire [2:0] ld_target;\n")
        .append("  wire [").append(ab - 1).append(":0] ld_addr;\n  wire [31:0] ld_data;\n")
        .append("  wire rd_valid;\n  wire ").append(cw)
        .append("rd_core;\n  wire [2:0] rd_target;\n")
        .append("  wire [").append(ab - 1).append(":0] rd_addr;\n  wire rd_done;\n")
        .append("  wire [").append(readBits - 1).append(":0] rd_data;\n")
        .append("  wire running;\n  wire late;\n\n");
    v.append("  snnc_uart_bridge #(\n      .CLKS_PER_BIT(CLKS_PER_BIT),\n      .CORE_BITS(")
        .append(w.coreBits()).append("),\n")
        .append("      .KEY_BITS(").append(kb).append("),\n      .OUT_BITS(").append(nb)
        .append("),\n      .ADDR_BITS(").append(ab).append("),\n      .IN_FIFO_BITS(")
        .append(IN_FIFO_BITS).append("),\n      .OUT_FIFO_BITS(").append(OUT_FIFO_BITS)
        .append("),\n      .READ_BITS(").append(readBits)
        .append("),\n      .READBACK(1),\n      .RX_FIFO_RAM(").append(receiveRam ? 1 : 0)
        .append("),\n      .HOLD_SPIKES(").append(stepRoom == 0 ? 1 : 0)
        .append("),\n      .STEP_ROOM(").append(Math.min(stepRoom, 1 << OUT_FIFO_BITS))
        .append(")\n  ) bridge (\n");
    String[] bridgePorts = {"clk(clk)", "rst(rst)", "uart_rx(uart_rx)", "uart_tx(uart_tx)",
        "sys_rst(sys_rst)", "step_start(step_start)", "busy(busy)", "step_done(step_done)",
        "overrun(overrun)", "step_count(step_count)", "in_valid(in_valid)", "in_key(in_key)",
        "in_ready(in_ready)", "out_valid(out_valid)", "out_key(out_key)",
        "out_ready(out_ready)", "ld_valid(ld_valid)", "ld_last(ld_last)", "ld_core(ld_core)", "ld_target(ld_target)", "ld_addr(ld_addr)",
        "ld_data(ld_data)", "rd_valid(rd_valid)", "rd_core(rd_core)", "rd_target(rd_target)",
        "rd_addr(rd_addr)", "rd_done(rd_done)", "rd_data(rd_data)", "running(running)",
        "late(late)"};
    connections(v, bridgePorts);
    v.append("\n  ").append(system).append(" system (\n");
    List<String> systemPorts = new ArrayList<>(List.of("clk(clk)", "rst(sys_rst)",
        "step_start(step_start)", "busy(busy)", "step_done(step_done)", "overrun(overrun)",
        "step_count(step_count)", "in_valid(in_valid)", "in_key(in_key)", "in_ready(in_ready)",
        "out_valid(out_valid)", "out_key(out_key)"));
    if (stepRoom == 0) {
      systemPorts.add("out_ready(out_ready)");
    }
    systemPorts.addAll(List.of("ld_valid(ld_valid)", "ld_last(ld_last)", "ld_core(ld_core)",
        "ld_target(ld_target)", "ld_addr(ld_addr)", "ld_data(ld_data)", "rd_valid(rd_valid)",
        "rd_core(rd_core)", "rd_target(rd_target)", "rd_addr(rd_addr)", "rd_done(rd_done)",
        "rd_data(rd_data)"));
    connections(v, systemPorts.toArray(new String[0]));
    v.append('\n');
    if (board == Board.ICEBREAKER) {
      v.append("  assign led_red_n = !(overrun || late);\n");
      v.append("  assign led_green_n = !running;\n");
    } else {
      v.append("  reg spike_toggle;\n  always @(posedge clk) begin\n")
          .append("    if (out_valid) spike_toggle <= !spike_toggle;\n  end\n");
      v.append("  assign led_running = running;\n  assign led_overrun = overrun || late;\n")
          .append("  assign led_spike = spike_toggle;\n");
    }
    v.append("endmodule\n\n`default_nettype wire\n");
    return v.toString();
  }

  private static void connections(StringBuilder v, String[] ports) {
    for (int k = 0; k < ports.length; k++) {
      v.append("      .").append(ports[k]).append(k + 1 < ports.length ? ",\n" : "\n");
    }
    v.append("  );\n");
  }

  static void headerLines(StringBuilder v, List<String> header) {
    for (String h : header) {
      v.append("// ").append(h).append('\n');
    }
  }

  static String resource(String name, List<String> header) {
    try (InputStream in = Ice40Board.class.getResourceAsStream("/snnc/hdl/board/" + name)) {
      if (in == null) {
        throw new IllegalStateException("emit-board: resource " + name + " missing");
      }
      StringBuilder v = new StringBuilder();
      headerLines(v, List.of(header.get(0)));
      return v.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).toString();
    } catch (IOException e) {
      throw new IllegalStateException("emit-board: cannot read resource " + name, e);
    }
  }

  // ---------------------------------------------------------------- pins

  static String defaultPcf(String model, Board board) {
    StringBuilder pcf = new StringBuilder("# Generated by snnc " + HdlEmitter.version()
        + " from model '" + model + "': " + board.title + " default pins.\n"
        + "# Replace with your own pin file (every port below needs a set_io).\n");
    for (String[] p : board.pins) {
      pcf.append("set_io ").append(p[0]).append(' ').append(p[1]).append("  # ").append(p[2])
          .append('\n');
    }
    return pcf.toString();
  }

  private static final Pattern SET_IO = Pattern.compile(
      "^\\s*set_io\\s+(?:-\\S+(?:\\s+(?:yes|no))?\\s+)*(\\S+)\\s+(\\S+)");

  /**
   * Checks a user pin file ({@code snnc compile --pins}) against {@code board}'s top-level ports
   * and returns it, ending in a newline. Errors ({@value #PINS}) are located in {@code file}: a
   * {@code set_io} of a port the board top does not have (nextpnr refuses those), a port or a
   * package pin placed twice, and every top-level port without a {@code set_io} (at line 1).
   * Whether a pin exists in the package is nextpnr's check.
   *
   * @throws HdlException with every error found
   */
  public static String checkPinFile(Board board, String text, String file) {
    DiagnosticSink sink = new DiagnosticSink();
    String checked = checkedUserPins(text, file, board.defaultPins().keySet(), sink);
    if (sink.hasErrors()) {
      throw new HdlException(sink.all());
    }
    return checked;
  }

  /** A user pin file, checked to place every top-level port once; see {@link #checkPinFile}. */
  static String checkedUserPins(String text, String file, Set<String> ports,
      DiagnosticSink sink) {
    Map<String, Integer> placed = new LinkedHashMap<>();
    Map<String, Integer> sites = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String code = lines[i].replaceAll("#.*", "");
      Matcher m = SET_IO.matcher(code);
      if (!m.find()) {
        continue;
      }
      int line = i + 1;
      String port = m.group(1);
      String site = m.group(2);
      Span at = Span.at(file, line, m.start(1) + 1);
      Integer before = placed.putIfAbsent(port, line);
      if (!ports.contains(port)) {
        sink.error(PINS, at, "'" + port + "' is not a top-level port of the board design; its "
            + "ports are " + String.join(", ", ports));
      } else if (before != null) {
        sink.error(PINS, at, "port '" + port + "' is placed twice (first at line " + before
            + ")");
      }
      Integer siteBefore = sites.putIfAbsent(site, line);
      if (siteBefore != null) {
        sink.error(PINS, Span.at(file, line, m.start(2) + 1), "pin " + site + " is given twice "
            + "(first at line " + siteBefore + ")");
      }
    }
    for (String p : ports) {
      if (!placed.containsKey(p)) {
        sink.error(PINS, Span.at(file, 1, 1), "the pin file has no 'set_io " + p
            + " PIN' for top-level port '" + p + "'");
      }
    }
    return text.endsWith("\n") ? text : text + "\n";
  }
}
