// snnc co-simulation harness: drives a Verilated snnc core over a line protocol on stdin/stdout.
// Protocol (one command per line, numbers decimal unless stated; see snnc.sim.cosim.CoreProcess):
//   after reset and the delay-ring clear the harness prints   R <cycles>
//   W <target> <addr> <beats> <hex beat>...   load one memory word, most significant beat first
//                                             (target 0 parameter table, 1 state, 2 rows,
//                                             3 synapses, 4 config, 5 STDP rules, 6 decay
//                                             tables, 7 columns); no reply
//   S <k> <key>...   inject k spike keys, run one timestep; reply  D <cycles> <m> <neuron>...
//                    with the neurons that fired, in update order
//   Y <addr> <beats> read synapse word addr back (core idle); reply  Y <hex beat>...
//                    most significant beat first
//   Q                quit; reply  B <total cycles>
// Errors are reported as  E <message>  and end the process with a non-zero status. The command
// loop, reset, load and timestep are shared with system_harness.cpp (snnc_harness_common.h).
// Built with verilator --trace (VM_TRACE), the argument +trace=FILE writes every clock edge to a
// VCD: timescale 1 ns, 10 ns per clock cycle (the 100 MHz of target fpga-generic).
#include "Vcore.h"
#include "verilated.h"
#include "snnc_harness_common.h"
#if VM_TRACE
#include <cstring>
#include "verilated_vcd_c.h"
static VerilatedVcdC* vcd = nullptr;
#endif

static Vcore* top;

static void tick() {
  top->clk = 0;
  top->eval();
#if VM_TRACE
  if (vcd) vcd->dump(cycles * 10);
#endif
  top->clk = 1;
  top->eval();
#if VM_TRACE
  if (vcd) vcd->dump(cycles * 10 + 5);
#endif
  cycles++;
}

// Flushes and closes the VCD, if one is open, so it is complete even after an error.
static void close_trace() {
#if VM_TRACE
  if (vcd) {
    vcd->close();
    delete vcd;
    vcd = nullptr;
  }
#endif
}

// One command other than Q (see the protocol above); 0 to read on, else the exit status.
static int command(char op, std::istringstream& in) {
  if (op == 'W') {
    return load_word(top, in);
  } else if (op == 'S') {
    int k = 0;
    in >> k;
    if (!in || top->busy) return fail("bad S command or core busy");
    for (int i = 0; i < k; i++) {
      unsigned key = 0;
      in >> key;
      if (!in) return fail("bad spike key");
      top->in_valid = 1;
      top->in_key = key;
      tick();
    }
    return run_timestep<unsigned>(top, cycles, [] { return top->out_neuron; });
  } else if (op == 'Y') {
    return read_word(top, in);
  }
  return fail("unknown command");
}

int main(int argc, char** argv) {
  Verilated::commandArgs(argc, argv);
  top = new Vcore;
  before_fail = close_trace;
#if VM_TRACE
  for (int i = 1; i < argc; i++) {
    if (std::strncmp(argv[i], "+trace=", 7) == 0) {
      Verilated::traceEverOn(true);
      vcd = new VerilatedVcdC;
      top->trace(vcd, 99);
      vcd->set_time_unit("1ns");
      vcd->set_time_resolution("1ns");
      vcd->open(argv[i] + 7);
      if (!vcd->isOpen()) return fail("cannot open the trace file");
    }
  }
#endif
  // Nothing downstream here: every spike goes out at once (a board's bridge lowers out_ready
  // when its spike FIFO is nearly full).
  top->out_ready = 1;
  int status = reset_and_clear(top);
  if (status == 0) status = command_loop(command);
  if (status != 0) return status;
  top->final();
  close_trace();
  delete top;
  return 0;
}
