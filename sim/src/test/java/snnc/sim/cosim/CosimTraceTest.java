package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;

/**
 * {@code Cosim.run(network, vcd)} on examples/tiny.snn writes a VCD from the tracing build: 1 ns
 * timescale, the core's ports, one {@code step_done} pulse per timestep and one {@code out_valid}
 * pulse per spike the core reported, and no temporary file left behind.
 */
class CosimTraceTest {

  @Test
  void tinyTraceHasTheCoreSignalsAndOnePulsePerStepAndSpike(@TempDir Path dir)
      throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    Network tiny = CosimSupport.example("tiny");
    Path vcd = dir.resolve("trace.vcd");
    Cosim.Result r = new Cosim(NumericsProfile.COMPACT, CosimSupport.CACHE, false)
        .run(tiny, vcd);
    assertTrue(r.exact(), String.valueOf(r.mismatch()));
    assertTrue(Files.size(vcd) > 0);
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(vcd), listing.toList(), "only trace.vcd, no temporary file");
    }
    String text = Files.readString(vcd, StandardCharsets.US_ASCII);
    String header = text.substring(0, text.indexOf("$enddefinitions"));
    assertTrue(header.replaceAll("\\s+", " ").contains("$timescale 1ns $end"), header);

    // Identifier codes of the top level's ports (the first scope that declares them).
    Map<String, String> codes = new HashMap<>();
    for (String line : header.lines().toList()) {
      String[] t = line.trim().split("\\s+");
      if (t.length >= 5 && t[0].equals("$var")) {
        codes.putIfAbsent(t[4], t[3]);
      }
    }
    for (String port : List.of("clk", "rst", "step_start", "step_done", "busy", "out_valid",
        "out_neuron", "in_key", "ld_data")) {
      assertTrue(codes.containsKey(port), "no signal " + port + " in " + codes.keySet());
    }
    assertEquals(tiny.steps(), rises(text, codes.get("step_done")), "step_done pulses");
    assertEquals(r.hardware().size(), rises(text, codes.get("out_valid")), "out_valid pulses");
    assertTrue(r.hardware().size() > 0, "tiny fires");
  }

  /** How often the 1-bit signal with VCD code {@code code} goes from 0 to 1. */
  private static long rises(String vcd, String code) {
    long rises = 0;
    char last = 'x';
    String body = vcd.substring(vcd.indexOf("$enddefinitions"));
    for (String line : body.lines().toList()) {
      if (line.length() == code.length() + 1 && line.endsWith(code)
          && "01xz".indexOf(line.charAt(0)) >= 0) {
        char v = line.charAt(0);
        if (v == '1' && last != '1') {
          rises++;
        }
        last = v;
      }
    }
    return rises;
  }
}
