// snnc co-simulation harness for a multi-core system: drives a Verilated MODEL_system top (cores,
// spike router, timestep controller) over a line protocol on stdin/stdout.
// Protocol (one command per line, numbers decimal unless stated; see snnc.sim.cosim.SystemProcess):
//   after reset and every core's delay-ring clear the harness prints   R <cycles>
//   W <core> <target> <addr> <beats> <hex beat>...   load one memory word of one core instance,
//                                 most significant beat first (target 0 constants, 1 state,
//                                 2 rows, 3 synapses, 4 config; with STDP
//                                 5 rules, 6 decay tables, 7 columns); no reply
//   S <k> <key>...   inject k global source keys through the router, run one timestep; reply
//                    D <cycles> <m> <key>...   with the global keys of the neurons that fired,
//                    in the order the router passed them
//   Y <core> <addr> <beats>   read synapse word addr of one core instance back (system idle);
//                    reply  Y <hex beat>...  most significant first
//   Q                quit; reply  B <total cycles>
// Errors are reported as  E <message>  and end the process with a non-zero status. The command
// loop, reset, load and timestep are shared with harness.cpp (snnc_harness_common.h).
#include "Vsystem.h"
#include "verilated.h"
#include "snnc_harness_common.h"

static Vsystem* top;

static void tick() {
  top->clk = 0;
  top->eval();
  top->clk = 1;
  top->eval();
  cycles++;
}

// One command other than Q (see the protocol above); 0 to read on, else the exit status.
static int command(char op, std::istringstream& in) {
  if (op == 'W') {
    unsigned core = 0;
    in >> core;
    top->ld_core = core;
    return load_word(top, in);
  } else if (op == 'S') {
    int k = 0;
    in >> k;
    if (!in || top->busy) return fail("bad S command or system busy");
    uint64_t start = cycles;
    for (int i = 0; i < k; i++) {
      unsigned long long key = 0;
      in >> key;
      if (!in) return fail("bad spike key");
      top->in_valid = 1;
      top->in_key = key;
      top->eval();
      uint64_t guard = 0;
      while (!top->in_ready) {
        tick();
        if (++guard > STEP_LIMIT) return fail("router did not take a source key");
      }
      tick();
    }
    return run_timestep<unsigned long long>(top, start, [] { return top->out_key; });
  } else if (op == 'Y') {
    unsigned core = 0;
    in >> core;
    if (!in) return fail("bad Y command");
    top->rb_core = core;
    return read_word(top, in);
  }
  return fail("unknown command");
}

int main(int argc, char** argv) {
  Verilated::commandArgs(argc, argv);
  top = new Vsystem;
  int status = reset_and_clear(top);
  if (status == 0) status = command_loop(command);
  if (status != 0) return status;
  top->final();
  delete top;
  return 0;
}
