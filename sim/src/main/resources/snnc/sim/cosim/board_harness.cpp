// snnc board co-simulation harness: drives a Verilated board top level (snnc.hdl.emit.Ice40Board)
// through its UART pins only, so the bridge, the SPRAM load and the system run as on the board.
// Built with -DCLKS_PER_BIT=N matching the top's CLKS_PER_BIT parameter (set with -G).
// Protocol (one command per line on stdin; see snnc.sim.cosim.BoardProcess):
//   after the power-on reset the harness prints      R <cycles>
//   T <hex bytes>   shift these bytes into uart_rx (8N1), while decoding uart_tx; no reply
//   X <n>           run until n bytes came out of uart_tx; reply  Y <hex of the n bytes>
//   Q               quit; reply  B <total cycles>
// Errors (a reply that does not come, a framing error on uart_tx) are reported as  E <message>
// and end the process with a non-zero status. The command loop is snnc_harness_common.h's.
#include <deque>

#include "Vboard.h"
#include "verilated.h"
#include "snnc_harness_common.h"

#ifndef CLKS_PER_BIT
#error "build with -DCLKS_PER_BIT=<cycles per UART bit>"
#endif

static Vboard* top;
// A reply waits at most for the longest step of a run plus its bytes; 50 M cycles is ample.
static const uint64_t REPLY_LIMIT = 50000000ULL;
static std::deque<uint8_t> received;
static bool framing_error = false;

// uart_tx decoder: finds the start bit, samples every bit in its middle.
static int tx_state = 0;  // 0 idle, 1 start, 2..9 data bits, 10 stop
static int tx_count = 0;
static uint8_t tx_byte = 0;

static void decode_tx() {
  int line = top->uart_tx;
  if (tx_state == 0) {
    if (!line) {
      tx_state = 1;
      tx_count = 0;
    }
    return;
  }
  tx_count++;
  int due = tx_state == 1 ? CLKS_PER_BIT / 2 : CLKS_PER_BIT;
  if (tx_count < due) return;
  tx_count = 0;
  if (tx_state == 1) {
    tx_state = line ? 0 : 2;
  } else if (tx_state <= 9) {
    tx_byte = (uint8_t)((tx_byte >> 1) | (line ? 0x80 : 0));
    tx_state++;
  } else {
    if (line) received.push_back(tx_byte);
    else framing_error = true;
    tx_state = 0;
  }
}

static void tick() {
  top->clk_12mhz = 0;
  top->eval();
  top->clk_12mhz = 1;
  top->eval();
  cycles++;
  decode_tx();
}

static void send_bit(int bit) {
  top->uart_rx = bit;
  for (int i = 0; i < CLKS_PER_BIT; i++) tick();
}

static void send_byte(uint8_t b) {
  send_bit(0);
  for (int i = 0; i < 8; i++) send_bit((b >> i) & 1);
  send_bit(1);
}

// One command other than Q (see the protocol above); 0 to read on, else the exit status.
static int command(char op, std::istringstream& in) {
  if (op == 'T') {
    std::string hex;
    in >> hex;
    if (hex.size() % 2 != 0) return fail("odd hex length in T");
    for (size_t i = 0; i < hex.size(); i += 2) {
      send_byte((uint8_t)std::stoul(hex.substr(i, 2), nullptr, 16));
    }
    return 0;
  } else if (op == 'X') {
    size_t n = 0;
    in >> n;
    if (!in) return fail("bad X command");
    uint64_t start = cycles;
    while (received.size() < n) {
      tick();
      if (framing_error) return fail("framing error on uart_tx");
      if (cycles - start > REPLY_LIMIT) return fail("no reply from the board");
    }
    std::string out = "Y ";
    char buf[3];
    for (size_t i = 0; i < n; i++) {
      std::snprintf(buf, sizeof buf, "%02x", received.front());
      received.pop_front();
      out += buf;
    }
    reply(out);
    return 0;
  }
  return fail("unknown command");
}

int main(int argc, char** argv) {
  Verilated::commandArgs(argc, argv);
  top = new Vboard;
  top->uart_rx = 1;
#ifdef SNNC_BUTTON
  top->btn_n = 1;
#endif
  for (int i = 0; i < 64; i++) tick();
  int status = command_loop(command);
  if (status != 0) return status;
  top->final();
  delete top;
  return 0;
}
