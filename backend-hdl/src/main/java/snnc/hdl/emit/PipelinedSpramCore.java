package snnc.hdl.emit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.Expr;
import snnc.hdl.lower.Item;
import snnc.hdl.lower.PipelinedCoreGenerator;
import snnc.hdl.lower.PipelinedSpramLayout;
import snnc.hdl.lower.RtlModule;

/**
 * The pipelined core in its UP5K layout ({@link PipelinedCoreGenerator.Layout#SPRAM}) with its
 * two single-port memories on {@code SB_SPRAM256KA} blocks: the pair memory on three side by
 * side ({@code snnc_spram_w48_a14}), both delay rings on the fourth. The files are the core,
 * the two SPRAM wrappers (the board design's, {@link Ice40Board}) and, for lint and simulation
 * only, snnc's behavioural {@code SB_SPRAM256KA} model, whose contents start as junk: every word
 * the core reads must have come through the load port.
 *
 * @param top the core module (same ports and parameters as the generated core, without image
 *     parameters for the SPRAM memories)
 * @param files file name → text, Verilog only
 * @param synthesisFiles the files for yosys (no simulation model)
 * @param simulationFiles the files for Verilator (with the model)
 */
public record PipelinedSpramCore(String top, Map<String, String> files,
    List<String> synthesisFiles, List<String> simulationFiles) {

  private static final String SPRAM_CELL = "SB_SPRAM256KA";

  public PipelinedSpramCore {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    synthesisFiles = List.copyOf(synthesisFiles);
    simulationFiles = List.copyOf(simulationFiles);
  }

  /** The core of {@code shape}, {@code header} leading every generated file. */
  public static PipelinedSpramCore of(CoreShape shape, List<String> header) {
    return of(shape, header, false);
  }

  /**
   * As {@link #of(CoreShape, List)}; with {@code hostRead} the core also has the board's host
   * read port on the pair memory ({@code hr_valid}, {@code hr_addr} a pair address →
   * {@code hr_data}, the 48-bit pair word one cycle later; only while the core is idle, which
   * the bridge guarantees), module name suffix {@code _board}.
   */
  public static PipelinedSpramCore of(CoreShape shape, List<String> header, boolean hostRead) {
    PipelinedCoreGenerator.Layout layout = PipelinedCoreGenerator.Layout.SPRAM;
    RtlModule core = PipelinedCoreGenerator.generate(shape, header, layout);
    int ringBits = 1 + shape.slotBits() + shape.neuronBits();
    String pairs = "snnc_spram_w" + CoreGenerator.PAIR_BITS + "_a"
        + PipelinedSpramLayout.SPRAM_ADDRESS_BITS;
    String ring = "snnc_spram_w" + shape.ringBits() + "_a" + ringBits;
    List<Item> items = new ArrayList<>();
    int replaced = 0;
    for (Item item : core.items()) {
      if (item instanceof Item.Memory m && (m.name().equals("pairs") || m.name().equals("ring"))) {
        boolean shared = hostRead && m.name().equals("pairs");
        String re = shared ? "pairs_any_re" : m.readEnable();
        String ra = shared ? "pairs_any_ra" : m.readAddress();
        if (shared) {
          items.add(new Item.Comment("Host reads of the pair memory share its read port; they "
              + "come only while the core is idle."));
          items.add(new Item.Wire(re, 1, false, Expr.or(Expr.ref(m.readEnable()),
              Expr.ref("hr_valid"))));
          items.add(new Item.Wire(ra, PipelinedSpramLayout.SPRAM_ADDRESS_BITS, false,
              Expr.cond(Expr.ref("hr_valid"), Expr.ref("hr_addr"), Expr.ref(m.readAddress()))));
          items.add(new Item.Wire("hr_data", m.width(), false, Expr.ref(m.readData())));
        }
        items.add(new Item.Comment(m.name().equals("pairs")
            ? "Synapse pairs and rows in SPRAM (written by the load port only)."
            : "Both delay rings in one SPRAM block (one access per cycle)."));
        items.add(new Item.Wire(m.readData(), m.width(), false, null));
        items.add(new Item.Instance(m.name().equals("pairs") ? pairs : ring,
            m.name() + "_spram", List.of(), List.of(
                new Item.Connection("clk", Expr.ref("clk")),
                new Item.Connection("we", Expr.ref(m.writeEnable())),
                new Item.Connection("wa", Expr.ref(m.writeAddress())),
                new Item.Connection("wd", Expr.ref(m.writeData())),
                new Item.Connection("re", Expr.ref(re)),
                new Item.Connection("ra", Expr.ref(ra)),
                new Item.Connection("rd", Expr.ref(m.readData())))));
        replaced++;
      } else {
        items.add(item);
      }
    }
    if (replaced != 2) {
      throw new IllegalStateException("the pipelined SPRAM core has no pair or ring memory");
    }
    String top = core.name() + (hostRead ? "_board" : "_spram");
    List<RtlModule.Port> ports = new ArrayList<>(core.ports());
    if (hostRead) {
      ports.add(new RtlModule.Port("hr_valid", RtlModule.Direction.INPUT, 1, false,
          "host read of a pair word (only while idle)"));
      ports.add(new RtlModule.Port("hr_addr", RtlModule.Direction.INPUT,
          PipelinedSpramLayout.SPRAM_ADDRESS_BITS, false, "pair address"));
      ports.add(new RtlModule.Port("hr_data", RtlModule.Direction.OUTPUT,
          CoreGenerator.PAIR_BITS, false, "the pair word, one cycle after hr_valid"));
    }
    RtlModule module = new RtlModule(top, core.header(), core.params(), ports, items);
    Map<String, String> files = new LinkedHashMap<>();
    List<String> synth = new ArrayList<>();
    files.put(top + ".v", VerilogPrinter.print(module));
    synth.add(top + ".v");
    files.put(pairs + ".v", Ice40Board.spramWrapper(pairs, CoreGenerator.PAIR_BITS,
        PipelinedSpramLayout.SPRAM_ADDRESS_BITS, CoreGenerator.PAIR_BITS / 16, 1, header));
    synth.add(pairs + ".v");
    files.put(ring + ".v", Ice40Board.spramWrapper(ring, shape.ringBits(), ringBits,
        (shape.ringBits() + 15) / 16, 1, header));
    synth.add(ring + ".v");
    files.put(SPRAM_CELL + ".v", model(header));
    List<String> sim = new ArrayList<>(synth);
    sim.add(SPRAM_CELL + ".v");
    return new PipelinedSpramCore(top, files, synth, sim);
  }

  private static String model(List<String> header) {
    try (InputStream in = PipelinedSpramCore.class.getResourceAsStream(
        "/snnc/hdl/board/" + SPRAM_CELL + ".v")) {
      if (in == null) {
        throw new IllegalStateException("resource " + SPRAM_CELL + ".v missing");
      }
      return "// " + header.get(0) + "\n" + new String(in.readAllBytes(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + SPRAM_CELL + ".v", e);
    }
  }
}
