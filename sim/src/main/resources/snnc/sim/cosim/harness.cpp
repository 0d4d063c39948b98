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
// Errors are reported as  E <message>  and end the process with a non-zero status.
// Built with verilator --trace (VM_TRACE), the argument +trace=FILE writes every clock edge to a
// VCD: timescale 1 ns, 10 ns per clock cycle (the 100 MHz of target fpga-generic).
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "Vcore.h"
#include "verilated.h"
#if VM_TRACE
#include <cstring>
#include "verilated_vcd_c.h"
static VerilatedVcdC* vcd = nullptr;
#endif

static Vcore* top;
static uint64_t cycles = 0;
static const uint64_t STEP_LIMIT = 200000000ULL;

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

static int fail(const char* what) {
  close_trace();
  std::printf("E %s\n", what);
  std::fflush(stdout);
  return 2;
}

int main(int argc, char** argv) {
  Verilated::commandArgs(argc, argv);
  top = new Vcore;
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
      unsigned target = 0, addr = 0;
      int beats = 0;
      in >> target >> addr >> beats;
      if (!in || beats < 1) return fail("bad W command");
      for (int b = 0; b < beats; b++) {
        unsigned long long data = 0;
        in >> std::hex >> data >> std::dec;
        if (!in) return fail("bad W beat");
        top->ld_valid = 1;
        top->ld_last = b == beats - 1;
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
      if (!in || top->busy) return fail("bad S command or core busy");
      for (int i = 0; i < k; i++) {
        unsigned key = 0;
        in >> key;
        if (!in) return fail("bad spike key");
        top->in_valid = 1;
        top->in_key = key;
        tick();
      }
      top->in_valid = 0;
      uint64_t start = cycles;
      top->step_start = 1;
      tick();
      top->step_start = 0;
      top->eval();
      std::vector<unsigned> fired;
      guard = 0;
      while (!top->step_done) {
        if (top->out_valid) fired.push_back(top->out_neuron);
        tick();
        if (++guard > STEP_LIMIT) return fail("timestep did not finish");
      }
      tick();
      if (top->overrun) return fail("overrun");
      std::ostringstream out;
      out << "D " << (cycles - start) << ' ' << fired.size();
      for (unsigned n : fired) out << ' ' << n;
      std::printf("%s\n", out.str().c_str());
      std::fflush(stdout);
    } else if (op == 'Y') {
      unsigned addr = 0;
      int beats = 0;
      in >> addr >> beats;
      if (!in || beats < 1 || beats > 4 || top->busy) return fail("bad Y command or core busy");
      top->rb_valid = 1;
      top->rb_addr = addr;
      tick();
      top->rb_valid = 0;
      std::ostringstream out;
      out << 'Y' << std::hex;
      for (int b = beats - 1; b >= 0; b--) {
        top->rb_beat = b;
        top->eval();
        out << ' ' << (unsigned long long)top->rb_data;
      }
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
  close_trace();
  delete top;
  return 0;
}
