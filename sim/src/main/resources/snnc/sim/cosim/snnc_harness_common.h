// snnc co-simulation harnesses: what every harness shares of the pipe protocol (docs/fpga.md,
// "Co-simulation pipe protocol"): one command per line on stdin, one reply per line on stdout,
// flushed at once because the host waits for it; R <cycles> when ready, B <total cycles> on Q,
// E <message> and a non-zero exit status on an error. The core and system harnesses also share
// the reset, the load port (W) and the timestep (S) of the core interface.
//
// A harness defines static void tick() (one clock cycle, counting `cycles`) after including this
// header; the helpers below call it.
#ifndef SNNC_HARNESS_COMMON_H
#define SNNC_HARNESS_COMMON_H

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static uint64_t cycles = 0;
// A wait on the hardware longer than this is a hang, reported instead of spinning forever.
static const uint64_t STEP_LIMIT = 200000000ULL;
// Run before an error is reported, e.g. to close a VCD so it is complete; optional.
static void (*before_fail)() = nullptr;

static void tick();

static void reply(const std::string& line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

static int fail(const char* what) {
  if (before_fail) before_fail();
  reply(std::string("E ") + what);
  return 2;
}

// Prints R <cycles>, then reads commands until Q (reply B <cycles>) or the end of stdin. Every
// other command goes to handle(op, args), args positioned after the letter, which returns 0 to
// read on or the exit status to end with (from fail()).
template <class Handler>
static int command_loop(Handler handle) {
  reply("R " + std::to_string(cycles));
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    std::istringstream args(line);
    char op = 0;
    args >> op;
    if (op == 'Q') {
      reply("B " + std::to_string(cycles));
      break;
    }
    int status = handle(op, args);
    if (status != 0) return status;
  }
  return 0;
}

// Holds rst for two cycles, then waits for the delay-ring clear that follows it.
template <class Top>
static int reset_and_clear(Top* top) {
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
  return 0;
}

// W <target> <addr> <beats> <hex beat>...: shifts one word into the load port, most significant
// beat first (a system's W has read its core number and set ld_core before).
template <class Top>
static int load_word(Top* top, std::istringstream& args) {
  unsigned target = 0, addr = 0;
  int beats = 0;
  args >> target >> addr >> beats;
  if (!args || beats < 1) return fail("bad W command");
  top->ld_target = target;
  top->ld_addr = addr;
  for (int b = 0; b < beats; b++) {
    unsigned long long data = 0;
    args >> std::hex >> data >> std::dec;
    if (!args) return fail("bad W beat");
    top->ld_valid = 1;
    top->ld_last = b == beats - 1;
    top->ld_data = (uint32_t)data;
    tick();
  }
  top->ld_valid = 0;
  top->ld_last = 0;
  top->eval();
  return 0;
}

// Y ... <addr> <beats>: reads synapse word addr back through the read-back port and replies
// Y <hex beat>..., most significant first (a system's Y has read its core number and set
// rb_core before). rb_addr stays put while the beats are read: the read port is registered, so
// rb_data follows one cycle after rb_valid.
template <class Top>
static int read_word(Top* top, std::istringstream& args) {
  unsigned addr = 0;
  int beats = 0;
  args >> addr >> beats;
  if (!args || beats < 1 || beats > 4 || top->busy) return fail("bad Y command or busy");
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
  reply(out.str());
  return 0;
}

// S's timestep, after the spikes went in: pulses step_start and runs to step_done, collecting
// read() (as a Value) on every cycle with out_valid, the last one's too; then replies
// D <cycles since start> <m> followed by the m values.
template <class Value, class Top, class Read>
static int run_timestep(Top* top, uint64_t start, Read read) {
  top->in_valid = 0;
  top->step_start = 1;
  tick();
  top->step_start = 0;
  top->eval();
  std::vector<Value> fired;
  uint64_t guard = 0;
  while (!top->step_done) {
    if (top->out_valid) fired.push_back(read());
    tick();
    if (++guard > STEP_LIMIT) return fail("timestep did not finish");
  }
  if (top->out_valid) fired.push_back(read());
  tick();
  if (top->overrun) return fail("overrun");
  std::ostringstream out;
  out << "D " << (cycles - start) << ' ' << fired.size();
  for (const Value& v : fired) out << ' ' << v;
  reply(out.str());
  return 0;
}

#endif
