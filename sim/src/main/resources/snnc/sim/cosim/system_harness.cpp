// snnc co-simulation harness for a multi-core system: drives a Verilated MODEL_system top (cores,
// spike router, timestep controller) over a line protocol on stdin/stdout.
// Protocol (one command per line, numbers decimal unless stated; see snnc.sim.cosim.SystemProcess):
//   after reset and every core's delay-ring clear the harness prints   R <cycles>
//   W <core> <target> <addr> <beats> <hex beat>...   load one memory word of one core instance,
//                                 most significant beat first (target 0 constants, 1 state,
//                                 2 rows, 3 synapses, 4 config); no reply
//   S <k> <key>...   inject k global source keys through the router, run one timestep; reply
//                    D <cycles> <m> <key>...   with the global keys of the neurons that fired,
//                    in the order the router passed them
//   Q                quit; reply  B <total cycles>
// Errors are reported as  E <message>  and end the process with a non-zero status.
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "Vsystem.h"
#include "verilated.h"

static Vsystem* top;
static uint64_t cycles = 0;
static const uint64_t STEP_LIMIT = 200000000ULL;

static void tick() {
  top->clk = 0;
  top->eval();
  top->clk = 1;
  top->eval();
  cycles++;
}

static int fail(const char* what) {
  std::printf("E %s\n", what);
  std::fflush(stdout);
  return 2;
}

int main(int argc, char** argv) {
  Verilated::commandArgs(argc, argv);
  top = new Vsystem;
  top->clk = 0;
  top->rst = 1;
  tick();
  tick();
  top->rst = 0;
  top->eval();
  uint64_t guard = 0;
  while (top->busy) {
    tick();
    if (++guard > STEP_LIMIT) return fail("ring clear did not finish");
  }
  std::printf("R %llu\n", (unsigned long long)cycles);
  std::fflush(stdout);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    std::istringstream in(line);
    char op = 0;
    in >> op;
    if (op == 'W') {
      unsigned core = 0, target = 0, addr = 0;
      int beats = 0;
      in >> core >> target >> addr >> beats;
      if (!in || beats < 1) return fail("bad W command");
      for (int b = 0; b < beats; b++) {
        unsigned long long data = 0;
        in >> std::hex >> data >> std::dec;
        if (!in) return fail("bad W beat");
        top->ld_valid = 1;
        top->ld_last = b == beats - 1;
        top->ld_core = core;
        top->ld_target = target;
        top->ld_addr = addr;
        top->ld_data = (uint32_t)data;
        tick();
      }
      top->ld_valid = 0;
      top->ld_last = 0;
      top->eval();
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
        guard = 0;
        while (!top->in_ready) {
          tick();
          if (++guard > STEP_LIMIT) return fail("router did not take a source key");
        }
        tick();
      }
      top->in_valid = 0;
      top->step_start = 1;
      tick();
      top->step_start = 0;
      top->eval();
      std::vector<unsigned long long> fired;
      guard = 0;
      while (!top->step_done) {
        if (top->out_valid) fired.push_back(top->out_key);
        tick();
        if (++guard > STEP_LIMIT) return fail("timestep did not finish");
      }
      if (top->out_valid) fired.push_back(top->out_key);
      tick();
      if (top->overrun) return fail("overrun");
      std::ostringstream out;
      out << "D " << (cycles - start) << ' ' << fired.size();
      for (unsigned long long n : fired) out << ' ' << n;
      std::printf("%s\n", out.str().c_str());
      std::fflush(stdout);
    } else if (op == 'Q') {
      std::printf("B %llu\n", (unsigned long long)cycles);
      std::fflush(stdout);
      break;
    } else {
      return fail("unknown command");
    }
  }
  top->final();
  delete top;
  return 0;
}
