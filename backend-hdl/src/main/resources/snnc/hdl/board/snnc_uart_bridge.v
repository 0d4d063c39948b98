// snnc UART bridge: the host drives a neuromorphic system over one serial line (8N1).
// The byte protocol (frames, commands, replies, status codes) is documented in docs/fpga.md,
// section "UART bridge protocol"; snnc.hdl.bridge.BridgeProtocol is its host-side encoder.
//
// snnc_uart_rx    receiver: two-flop synchroniser, 3-sample majority filter, mid-bit sampling
// snnc_uart_tx    transmitter
// snnc_byte_fifo  first-word-fall-through byte FIFO of the receive side (flip-flops or block RAM)
// snnc_uart_bridge  frame parser, memory loader, input-key FIFO, step engine, spike FIFO,
//                   counters and the reply generator
//
// Built for area (a few hundred logic cells beside a core that fills an iCE40): one 64-bit
// register takes a frame's payload in and shifts a reply's payload out; STATUS loads one 32-bit
// counter at a time into it instead of freezing all of them; replies go straight to the
// transmitter (the host waits for each reply, so the receive FIFO is the only buffer); the
// write and read ports show the frame registers instead of copies of them.

module snnc_uart_bridge #(
    parameter CLKS_PER_BIT = 104,
    parameter CORE_BITS = 1,      // ld_core width
    parameter KEY_BITS = 8,       // in_key width, at most 15 (0xFFFF marks the end of a step)
    parameter OUT_BITS = 8,       // out_key width, at most 15
    parameter ADDR_BITS = 8,      // ld_addr width, at most 32
    parameter IN_FIFO_BITS = 8,   // input-key FIFO: 2^IN_FIFO_BITS entries, at most 14
    parameter OUT_FIFO_BITS = 8,  // output-spike FIFO: 2^OUT_FIFO_BITS entries, at most 12
    parameter READ_BITS = 32,     // rd_data width, at most 64
    parameter READBACK = 1,       // 1: the system answers rd_valid (READ works); 0: READ refused
    parameter RX_FIFO_RAM = 0,    // receive FIFO: 0 16 bytes of flip-flops, 1 512 bytes of block RAM
    // 1: the system makes no more than OUT_RESERVE - 4 spikes after out_ready falls (it stops
    // starting neurons), so no spike is ever dropped; 0: it cannot wait (out_ready unused)
    parameter HOLD_SPIKES = 0,
    // A step starts only while at least STEP_ROOM spike-FIFO entries are free: for a system that
    // cannot hold its spikes back, its most spikes per step (at most the FIFO's depth)
    parameter STEP_ROOM = 0
) (
    input wire clk,
    input wire rst,
    input wire uart_rx,
    output wire uart_tx,
    // to the neuromorphic system
    output reg sys_rst,
    output wire step_start,
    input wire busy,
    input wire step_done,
    input wire overrun,
    input wire [31:0] step_count,
    output wire in_valid,
    output wire [KEY_BITS-1:0] in_key,
    input wire in_ready,
    input wire out_valid,
    input wire [OUT_BITS-1:0] out_key,
    // the spike FIFO has more than OUT_RESERVE free entries (registered; HOLD_SPIKES systems
    // start no neuron while it is low)
    output reg out_ready,
    // load port: ld_core/ld_target/ld_addr/ld_data are valid while ld_valid is high
    output reg ld_valid,
    output reg ld_last,
    output wire [CORE_BITS-1:0] ld_core,
    output wire [2:0] ld_target,
    output wire [ADDR_BITS-1:0] ld_addr,
    output wire [31:0] ld_data,
    // read port: rd_valid for one cycle while the system is idle; rd_core/rd_target/rd_addr hold
    // from rd_valid until rd_done, which says that rd_data is valid
    output reg rd_valid,
    output wire [CORE_BITS-1:0] rd_core,
    output wire [2:0] rd_target,
    output wire [ADDR_BITS-1:0] rd_addr,
    input wire rd_done,
    input wire [READ_BITS-1:0] rd_data,
    // board status
    output reg running,
    output reg late
);
  localparam [7:0] SYNC = 8'hA5, REPLY_SYNC = 8'h5A;
  localparam [7:0] C_INFO = 8'h01, C_WRITE = 8'h02, C_SPIKES = 8'h03, C_RUN = 8'h04,
      C_READ_SPIKES = 8'h05, C_STATUS = 8'h06, C_RESET = 8'h07, C_READ = 8'h08;
  localparam [2:0] OK = 3'd0, E_CHECKSUM = 3'd1, E_COMMAND = 3'd2, E_LENGTH = 3'd3,
      E_BUSY = 3'd4, E_FULL = 3'd5, E_UNSUPPORTED = 3'd6;
  // Version 2: out_ready and HOLD_SPIKES (INFO's last byte), STEP_ROOM, RUN's keyed flag.
  localparam [7:0] VERSION = 8'd2;
  localparam [15:0] END_OF_STEP = 16'hFFFF;
  // The frame timeout counts ticks of 2^TICK_BITS cycles, one to two byte times each: a frame
  // whose next byte does not come within 31 byte times (at the latest 64) is dropped.
  localparam integer TICK_BITS = $clog2(CLKS_PER_BIT * 10);
  localparam [5:0] TIMEOUT_TICKS = 6'd32;
  localparam [15:0] STATUS_LENGTH = 16'd30;
  localparam [7:0] CORE_BITS8 = CORE_BITS, KEY_BITS8 = KEY_BITS, OUT_BITS8 = OUT_BITS,
      ADDR_BITS8 = ADDR_BITS, IN_FIFO_BITS8 = IN_FIFO_BITS, OUT_FIFO_BITS8 = OUT_FIFO_BITS;
  localparam [7:0] INFO_FLAGS = HOLD_SPIKES != 0 ? 8'd1 : 8'd0;
  localparam [63:0] INFO = {VERSION, CORE_BITS8, KEY_BITS8, OUT_BITS8, ADDR_BITS8, IN_FIFO_BITS8,
      OUT_FIFO_BITS8, INFO_FLAGS};
  // Entries kept free for the spikes a HOLD_SPIKES system still makes after out_ready falls:
  // out_ready is two cycles behind the FIFO's count and a pipelined core has up to 11 neurons in
  // flight when it stops issuing, so 32 leaves a margin.
  localparam integer OUT_RESERVE = 32;
  localparam integer OUT_DEPTH = 1 << OUT_FIFO_BITS;
  localparam integer READY_ENTRIES = OUT_DEPTH - OUT_RESERVE;
  localparam integer ROOM_ENTRIES = OUT_DEPTH - STEP_ROOM;
  localparam [OUT_FIFO_BITS:0] READY_LIMIT = READY_ENTRIES[OUT_FIFO_BITS:0];
  localparam [OUT_FIFO_BITS:0] ROOM_LIMIT = ROOM_ENTRIES[OUT_FIFO_BITS:0];

  // The board's reset, registered: it comes from pins and a counter through logic and reaches
  // hundreds of flip-flops and the system's reset (one cycle later changes nothing).
  reg rst_q;
  always @(posedge clk) rst_q <= rst;

  // ---------------------------------------------------------------- serial side
  wire rx_valid;
  wire rx_error;
  wire [7:0] rx_data;
  snnc_uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) receiver (
      .clk(clk), .rst(rst_q), .rx(uart_rx), .valid(rx_valid), .frame_error(rx_error),
      .data(rx_data));
  wire rq_empty;
  wire rq_full;
  wire [7:0] rq_dout;
  // The parser reads the byte register rb, not the FIFO's output: a byte moves from the FIFO
  // into rb while rb is empty, so no path runs from the FIFO's pointers (or its block RAM's
  // output) into the parser's many enables. The parser takes at most one byte every other
  // cycle, far faster than the UART brings them.
  reg [7:0] rb;
  reg rb_full;
  reg rb_sync;          // rb is the sync byte
  reg rb_zero;          // rb is zero
  wire rq_pop = !rb_full && !rq_empty;
  wire take;
  snnc_byte_fifo #(.BITS(RX_FIFO_RAM != 0 ? 9 : 4), .RAM(RX_FIFO_RAM)) rx_queue (
      .clk(clk), .rst(rst_q), .push(rx_valid), .din(rx_data), .pop(rq_pop), .dout(rq_dout),
      .empty(rq_empty), .full(rq_full));
  wire tx_ready;
  wire tx_send;
  wire [7:0] tx_byte;
  snnc_uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) transmitter (
      .clk(clk), .rst(rst_q), .start(tx_send), .data(tx_byte), .ready(tx_ready), .tx(uart_tx));

  // ---------------------------------------------------------------- FIFOs of the step engine
  // Input keys (and end-of-step markers) written by SPIKES frames: in_wt advances while a frame
  // arrives and becomes visible (in_wr) only when its checksum is right.
  (* ram_style = "block" *)
  reg [15:0] in_mem [0:(1 << IN_FIFO_BITS) - 1];
  reg [IN_FIFO_BITS:0] in_wr;
  reg [IN_FIFO_BITS:0] in_wt;
  reg [IN_FIFO_BITS:0] in_rd;
  reg [15:0] in_dout;
  wire [IN_FIFO_BITS:0] in_used = in_wt - in_rd;
  // Full and empty by comparing pointers, not from the differences: two levels of LUTs instead
  // of a carry chain in front of the enables they drive.
  wire in_space = in_wt[IN_FIFO_BITS] == in_rd[IN_FIFO_BITS]
      || in_wt[IN_FIFO_BITS-1:0] != in_rd[IN_FIFO_BITS-1:0];
  wire in_some = in_wr != in_rd;
  wire [IN_FIFO_BITS:0] in_pending = in_wr - in_rd;
  // SPIKES's reply, registered: the frame's entries moved in_wt at least two cycles before the
  // frame is decoded, and in_rd only advances meanwhile, so it never counts a slot too many.
  reg [IN_FIFO_BITS:0] in_free;

  // Output spikes: {low 16 bits of the step, key}.
  (* ram_style = "block" *)
  reg [31:0] out_mem [0:(1 << OUT_FIFO_BITS) - 1];
  reg [OUT_FIFO_BITS:0] out_wr;
  reg [OUT_FIFO_BITS:0] out_rd;
  reg [31:0] out_dout;
  wire [OUT_FIFO_BITS:0] out_count = out_wr - out_rd;
  wire out_full = out_wr[OUT_FIFO_BITS] != out_rd[OUT_FIFO_BITS]
      && out_wr[OUT_FIFO_BITS-1:0] == out_rd[OUT_FIFO_BITS-1:0];
  // READ_SPIKES's reply length, registered (from a registered count) so that neither the
  // pointers' subtraction nor the comparison with max runs into the frame decoding. It is two
  // cycles old when the frame is decoded: the FIFO only grows meanwhile (the reply is the only
  // reader), so it never counts a spike that is not there.
  reg [OUT_FIFO_BITS:0] out_count_q;
  // The step engine's tests on the FIFOs, registered: a cycle old in E_IDLE, where the step
  // engine has not popped for at least three cycles and frames only add keys, and where the
  // last step's spikes went out cycles before its step_done (READ_SPIKES only adds room).
  reg in_some_q;        // the input FIFO holds committed entries
  reg room_ok;          // at least STEP_ROOM spike-FIFO entries are free
  wire [15:0] out_key16 = {{(16 - OUT_BITS){1'b0}}, out_key};
  wire [15:0] out_count16 = {{(15 - OUT_FIFO_BITS){1'b0}}, out_count};
  wire [15:0] out_count_q16 = {{(15 - OUT_FIFO_BITS){1'b0}}, out_count_q};
  wire [15:0] in_pending16 = {{(15 - IN_FIFO_BITS){1'b0}}, in_pending};
  wire [15:0] in_free16 = {{(15 - IN_FIFO_BITS){1'b0}}, in_free};

  // ---------------------------------------------------------------- control registers
  localparam [3:0] S_SYNC = 4'd0, S_CMD = 4'd1, S_LENH = 4'd2, S_LENL = 4'd3, S_PAY = 4'd4,
      S_CHK = 4'd5, R_HEAD = 4'd6, R_PAY = 4'd7, R_FETCH = 4'd8, R_LOAD = 4'd9, R_CHK = 4'd10,
      R_WAIT = 4'd11, S_EXEC = 4'd12;
  localparam [2:0] E_IDLE = 3'd0, E_POP = 3'd1, E_PEEK = 3'd2, E_KEY = 3'd3, E_START = 3'd4,
      E_WAIT = 3'd5;
  reg [3:0] st;
  reg [7:0] cmd;
  // cmd decoded once, when it arrives (bit k: command k + 1), so that the decisions of S_EXEC
  // and the reply do not each compare eight bits.
  localparam integer O_INFO = 0, O_WRITE = 1, O_SPIKES = 2, O_RUN = 3, O_READ_SPIKES = 4,
      O_STATUS = 5, O_RESET = 6, O_READ = 7;
  reg [7:0] op;
  // RUN's arguments tested in the cycle before S_EXEC (rw holds them from the last payload byte).
  reg run_stop;         // steps == 0 (bits 30..0; bit 31 is the keyed flag)
  reg run_paced;        // period != 0
  reg run_short;        // period <= 1
  reg exec;             // st is S_EXEC
  reg chk_ok;           // the frame's checksum is right
  // What an accepted frame does in S_EXEC, decided in S_CHK.
  reg do_commit;        // SPIKES: make the entries visible
  reg do_stop;          // RUN 0
  reg do_run;           // RUN n
  reg do_read;          // READ
  reg do_reset;         // RESET
  reg [15:0] left;      // payload bytes still to come (the length while it arrives)
  reg [3:0] npay;       // payload bytes so far, saturating at 15: enough for every length check
  reg odd;              // npay is odd
  reg [7:0] sum;        // the frame's checksum while parsing, the reply's while replying
  reg [5:0] quiet;      // timeout ticks since the last byte of a frame
  // Wide tests the state transitions need, kept as flip-flops (each written with what it tests)
  // so that the next-state logic sees one bit each.
  reg expired;          // quiet == TIMEOUT_TICKS
  reg len_hi_zero;      // the length's high byte is zero
  reg last_pay;         // left == 1
  reg rleft_zero;       // rleft == 0, rleft_one: rleft == 1; a cycle old, rleft changes at most
  reg rleft_one;        // once per byte sent and is set at least a header before it is tested
  reg deny;
  // The payload shifts in at the bottom (RUN, READ_SPIKES and READ take their arguments from
  // it, WRITE its beats) and the reply payload out at the top.
  reg [63:0] rw;
  // WRITE
  reg [CORE_BITS-1:0] w_core;
  reg [2:0] w_target;
  reg [7:0] w_beats;
  reg [ADDR_BITS-1:0] w_addr;
  reg [1:0] w_byte;
  reg [7:0] w_beatno;
  // w_beatno == w_beats - 1 and npay >= 7 as flip-flops written every cycle: a cycle old when a
  // byte is taken, since bytes are taken at most every second cycle (rb refills the cycle after),
  // so the 8-bit test is not in front of ld_*'s enables.
  reg w_beat_last;
  reg w_data;
  reg [15:0] w_words;
  // SPIKES
  reg sp_over;
  // reply
  reg [2:0] status;
  reg [15:0] rleft;     // reply payload length in the header, then bytes still to send
  reg [2:0] hidx;
  reg [4:0] ridx;       // reply payload byte index (wraps; 30 bytes at most but spikes)
  reg [6:0] flags_now;  // STATUS flags, frozen when the frame is checked
  // step engine and counters
  reg [2:0] est;
  reg [31:0] steps_left;
  reg [31:0] period;    // pacing period in cycles (0: free-running)
  reg paced;            // the run has a period (else free-running)
  reg keyed;            // RUN's bit 31: a step starts only once keys (its end marker) are queued
  reg [31:0] wait_left; // a paced step may start when this is 1 or 0
  // wait_left <= 1, kept as a flip-flop (written with wait_left) so that no 31-bit test sits in
  // front of the step engine's decision; period_short is period <= 1, for reloading it.
  reg wait_done;
  reg period_short;
  reg [31:0] step_cycles;
  reg [31:0] max_step;
  // The longest step is updated two cycles after step_done, from a registered comparison, so that
  // the 32-bit comparator is not in front of max_step's enable (step_cycles holds meanwhile: the
  // next step starts at the earliest three cycles after step_done).
  reg step_end;
  reg step_end_d;
  reg step_longer;
  reg [31:0] cycles;
  reg [31:0] busy_cycles;
  reg [31:0] dropped;
  reg [1:0] reset_hold;
  reg rx_lost;
  reg rx_bad;
  // Clears what a RESET frame clears (FIFOs, counters, flags, the step engine): high during the
  // power-on reset and for one cycle after an accepted RESET frame, so both go through one block.
  reg wipe;

  // running is steps_left != 0 kept as a flip-flop (every write of steps_left writes it too), not
  // a 32-bit test in front of the step engine, the parser and S_EXEC.
  assign step_start = est == E_START;
  assign in_valid = est == E_KEY;
  // in_dout changes only in E_POP, so it holds the key while in_valid is high.
  assign in_key = in_dout[KEY_BITS-1:0];
  assign ld_core = w_core;
  assign ld_target = w_target;
  assign ld_addr = w_addr;
  // The beat is the last four payload bytes; the next byte comes many cycles after ld_valid.
  assign ld_data = rw[31:0];
  // READ's arguments stay in rw until rd_done reloads it with the word.
  assign rd_core = rw[40 +: CORE_BITS];
  assign rd_target = rw[34:32];
  assign rd_addr = rw[ADDR_BITS-1:0];
  /* verilator lint_off UNUSEDSIGNAL */
  wire [31:0] addr_in = {rw[23:0], rb};  // address bits above ADDR_BITS address nothing
  /* verilator lint_on UNUSEDSIGNAL */

  // A step may start: the system is idle, in a keyed run the step's keys are queued (the host
  // sends each step's keys and end marker in one SPIKES frame), and the spike FIFO has room.
  wire step_may = !busy && !sys_rst && (!keyed || in_some_q) && room_ok;

  wire parsing = st == S_SYNC || st == S_CMD || st == S_LENH || st == S_LENL || st == S_PAY
      || st == S_CHK;
  assign take = parsing && rb_full;
  // The payload length fits the command, registered as len_ok: S_CHK takes its byte at the
  // earliest two cycles after the last payload byte (or the length), when len_ok is final.
  reg len_ok;
  wire len_fits = (op[O_INFO] || op[O_STATUS] || op[O_RESET]) && npay == 4'd0
      || op[O_WRITE] && npay >= 4'd7 && w_beats != 8'd0 && w_byte == 2'd0 && w_beatno == 8'd0
      || op[O_SPIKES] && !odd
      || op[O_RUN] && npay == 4'd8
      || op[O_READ_SPIKES] && npay == 4'd2
      || op[O_READ] && npay == 4'd6;
  wire [7:0] sum_next = sum + rb;
  wire tick = cycles[TICK_BITS-1:0] == {TICK_BITS{1'b1}};
  // READ_SPIKES: n = min(spikes waiting, max), compared on the FIFO's count width.
  wire [15:0] spikes_max = rw[15:0];
  wire spikes_all = |spikes_max[15:OUT_FIFO_BITS + 1]
      || out_count_q <= spikes_max[OUT_FIFO_BITS:0];
  reg [15:0] spikes_n;
  wire [6:0] flags = {rx_bad, rx_lost, busy, dropped != 32'd0, late, overrun, running};

  // The reply's 32-bit words (R_LOAD): a spike, or STATUS word ridx[4:2]. The STATUS word is
  // selected into a register in the cycle before (R_FETCH), so that the eight-way multiplexer
  // is not in front of rw's own.
  reg [31:0] status_word;
  wire [31:0] word_in = op[O_READ_SPIKES] ? out_dout : status_word;

  wire replying = st == R_HEAD || st == R_PAY || st == R_CHK;
  // The transmitter takes a byte when it is idle; its ready drops in the next cycle.
  assign tx_send = replying && tx_ready;
  wire [7:0] head_byte = hidx == 3'd0 ? REPLY_SYNC : hidx == 3'd1 ? cmd
      : hidx == 3'd2 ? {5'd0, status} : hidx == 3'd3 ? rleft[15:8] : rleft[7:0];
  assign tx_byte = st == R_HEAD ? head_byte : st == R_PAY ? rw[63:56] : 8'd0 - sum;

  always @(posedge clk) begin
    if (est == E_POP && in_some) begin
      in_dout <= in_mem[in_rd[IN_FIFO_BITS-1:0]];
    end
    if (st == S_PAY && take && op[O_SPIKES] && odd && in_space) begin
      in_mem[in_wt[IN_FIFO_BITS-1:0]] <= {rw[7:0], rb};
    end
  end

  always @(posedge clk) begin
    case (ridx[4:2])
      3'd0: status_word <= step_count;
      3'd1: status_word <= cycles;
      3'd2: status_word <= busy_cycles;
      3'd3: status_word <= max_step;
      3'd4: status_word <= steps_left;
      3'd5: status_word <= dropped;
      3'd6: status_word <= {out_count16, in_pending16};
      default: status_word <= {1'b0, flags_now, 24'd0};
    endcase
  end

  always @(posedge clk) begin
    if (st == R_FETCH) out_dout <= out_mem[out_rd[OUT_FIFO_BITS-1:0]];
    if (out_valid && !out_full) out_mem[out_wr[OUT_FIFO_BITS-1:0]] <= {step_count[15:0], out_key16};
  end

  always @(posedge clk) begin
    ld_valid <= 1'b0;
    rd_valid <= 1'b0;
    ld_last <= 1'b0;
    wipe <= rst_q;
    // The system's reset, a flip-flop: it fans out across the system and into the step engine's
    // decisions. It follows the board's reset and a RESET frame's hold one cycle later.
    sys_rst <= rst_q || reset_hold != 2'd0;
    out_count_q <= out_count;
    len_ok <= len_fits;
    in_free <= {1'b1, {IN_FIFO_BITS{1'b0}}} - in_used;
    run_stop <= rw[62:32] == 31'd0;
    in_some_q <= in_some;
    room_ok <= out_count <= ROOM_LIMIT;
    out_ready <= out_count < READY_LIMIT;
    run_paced <= rw[31:0] != 32'd0;
    run_short <= rw[31:1] == 31'd0;
    spikes_n <= spikes_all ? out_count_q16 : spikes_max;
    // The frame and reply registers (cmd, left, npay, odd, sum, quiet, deny, status, ridx,
    // rleft, hidx, rw, w_*) are not reset: each is set in the state before any state that reads
    // it, and a reset on them would put rst_q into every one of their enables (an iCE40 flip-flop
    // resets synchronously only while enabled).
    exec <= !rst_q && st == S_CHK && take;
    if (rst_q) begin
      st <= S_SYNC;
      rb_full <= 1'b0;
      period <= 32'd0;
      paced <= 1'b0;
      keyed <= 1'b0;
      running <= 1'b0;
      wait_left <= 32'd0;
      wait_done <= 1'b1;
      period_short <= 1'b1;
      step_cycles <= 32'd0;
      step_end <= 1'b0;
      step_end_d <= 1'b0;
      reset_hold <= 2'd0;
    end else begin
      if (rq_pop) begin
        rb <= rq_dout;
        rb_sync <= rq_dout == SYNC;
        rb_zero <= rq_dout == 8'd0;
        rb_full <= 1'b1;
      end
      rleft_zero <= rleft == 16'd0;
      w_beat_last <= w_beatno == w_beats - 8'd1;
      w_data <= npay >= 4'd7;
      rleft_one <= rleft == 16'd1;
      if (take) rb_full <= 1'b0;
      cycles <= cycles + 32'd1;
      step_end <= est == E_WAIT && step_done;
      step_end_d <= step_end;
      step_longer <= step_cycles > max_step;
      if (step_end_d && step_longer) max_step <= step_cycles;
      if (busy) busy_cycles <= busy_cycles + 32'd1;
      if (reset_hold != 2'd0) reset_hold <= reset_hold - 2'd1;
      if (rx_valid && rq_full) rx_lost <= 1'b1;
      if (rx_error) rx_bad <= 1'b1;
      // A paced step whose start time passed while the previous one still ran starts late.
      if (!wait_done) begin
        wait_left <= wait_left - 32'd1;
        // wait_left >= 2 here: it reaches 1 from 2.
        wait_done <= wait_left[31:2] == 30'd0 && !wait_left[0];
      end
      else if (paced && running && !(est == E_IDLE && step_may)) late <= 1'b1;

      // ------------------------------------------------ output spikes
      if (out_valid) begin
        if (out_full) dropped <= dropped + 32'd1;
        else out_wr <= out_wr + 1'b1;
      end

      // ------------------------------------------------ step engine
      case (est)
        E_IDLE: if (running && step_may && wait_done) begin
          // Pacing is measured between these decisions: key injection adds a few cycles of
          // jitter to each step start, never drift. Counting down to 1 rather than 0 waits
          // exactly the period without a period-minus-one register.
          wait_left <= period;
          wait_done <= period_short;
          est <= E_POP;
        end
        E_POP: if (in_some) begin
          in_rd <= in_rd + 1'b1;
          est <= E_PEEK;
        end else begin
          est <= E_START;
        end
        E_PEEK: est <= in_dout == END_OF_STEP ? E_START : E_KEY;
        E_KEY: if (in_ready) est <= E_POP;
        E_START: begin
          step_cycles <= 32'd1;
          est <= E_WAIT;
        end
        default: begin
          if (!step_done) step_cycles <= step_cycles + 32'd1;
          if (step_done) begin
            if (running) begin
              steps_left <= steps_left - 32'd1;
              running <= steps_left != 32'd1;
            end
            est <= E_IDLE;
          end
        end
      endcase

      // ------------------------------------------------ frame parser
      // The word's address advances once its last beat has been offered (ld_last).
      if (ld_last) w_addr <= w_addr + 1'b1;
      // A word written: counted from the registered strobe (one cycle after the byte), so that the
      // frame decoding is not in front of w_words' enable; S_LENL's clear below comes first.
      if (ld_valid && ld_last) w_words <= w_words + 16'd1;
      if (parsing && st != S_SYNC) begin
        if (take) begin
          quiet <= 6'd0;
          expired <= 1'b0;
        end else if (tick) begin
          quiet <= quiet + 6'd1;
          expired <= quiet == TIMEOUT_TICKS - 6'd1;
        end
        if (!take && expired) begin
          st <= S_SYNC;
          in_wt <= in_wr;
        end
      end
      // rb_full, not take: every arm below is a parsing state, so the other states match none
      // and "parsing" stays out of the parser's many enables.
      if (rb_full) begin
        case (st)
          S_SYNC: if (rb_sync) begin
            st <= S_CMD;
            quiet <= 6'd0;
            expired <= 1'b0;
          end
          S_CMD: begin
            cmd <= rb;
            op <= {rb == C_READ, rb == C_RESET, rb == C_STATUS, rb == C_READ_SPIKES,
                rb == C_RUN, rb == C_SPIKES, rb == C_WRITE, rb == C_INFO};
            sum <= rb;
            st <= S_LENH;
          end
          S_LENH: begin
            left[15:8] <= rb;
            len_hi_zero <= rb_zero;
            sum <= sum_next;
            st <= S_LENL;
          end
          S_LENL: begin
            left[7:0] <= rb;
            sum <= sum_next;
            npay <= 4'd0;
            odd <= 1'b0;
            deny <= op[O_WRITE] && (busy || running || sys_rst);
            w_beats <= 8'd0;
            w_byte <= 2'd0;
            w_beatno <= 8'd0;
            w_words <= 16'd0;
            sp_over <= 1'b0;
            last_pay <= {left[15:8], rb} == 16'd1;
            st <= len_hi_zero && rb_zero ? S_CHK : S_PAY;
          end
          S_PAY: begin
            sum <= sum_next;
            if (npay != 4'd15) npay <= npay + 4'd1;
            odd <= !odd;
            left <= left - 16'd1;
            last_pay <= left == 16'd2;
            if (last_pay) st <= S_CHK;
            rw <= {rw[55:0], rb};
            if (op[O_WRITE]) begin
              if (npay == 4'd0) w_core <= rb[CORE_BITS-1:0];
              if (npay == 4'd1) w_target <= rb[2:0];
              if (npay == 4'd2) w_beats <= rb;
              if (npay == 4'd6) w_addr <= addr_in[ADDR_BITS-1:0];
              if (w_data) begin
                w_byte <= w_byte + 2'd1;
                if (w_byte == 2'd3) begin
                  // One 32-bit beat, most significant first; the last beat of a word writes it.
                  ld_valid <= !deny && w_beats != 8'd0;
                  ld_last <= w_beat_last;
                  if (w_beat_last) begin
                    w_beatno <= 8'd0;
                  end else begin
                    w_beatno <= w_beatno + 8'd1;
                  end
                end
              end
            end
            if (op[O_SPIKES] && odd) begin
              if (in_space) in_wt <= in_wt + 1'b1;
              else sp_over <= 1'b1;
            end
          end
          S_CHK: begin
            // The verdict on everything but the checksum (status, reply length, what to
            // do) is taken here, from registers, into registers; S_EXEC, the next cycle, adds
            // the checksum (the sum of command, length, payload and this byte must be zero) and
            // acts. So neither the adder nor the command's tests sit in front of the many
            // registers a frame sets. busy, running and sys_rst cannot turn on between the two
            // cycles (only a RUN or RESET frame starts them), so the verdict still holds.
            chk_ok <= sum_next == 8'd0;
            status <= OK;
            rleft <= 16'd0;
            do_commit <= 1'b0;
            do_stop <= 1'b0;
            do_run <= 1'b0;
            do_read <= 1'b0;
            do_reset <= 1'b0;
            if (op == 8'd0) status <= E_COMMAND;
            else if (!len_ok) status <= E_LENGTH;
            else if (op[O_INFO]) rleft <= 16'd8;
            else if (op[O_WRITE]) begin
              status <= deny ? E_BUSY : OK;
              rleft <= 16'd2;
            end else if (op[O_SPIKES]) begin
              if (sp_over) status <= E_FULL;
              else begin
                do_commit <= 1'b1;
                rleft <= 16'd2;
              end
            end else if (op[O_RUN]) begin
              if (run_stop) do_stop <= 1'b1;
              else if (running) status <= E_BUSY;
              else do_run <= 1'b1;
            end else if (op[O_READ_SPIKES]) rleft <= spikes_n << 2;
            else if (op[O_STATUS]) rleft <= STATUS_LENGTH;
            else if (op[O_READ]) begin
              if (READBACK == 0 || rw[34:32] != 3'd3) status <= E_UNSUPPORTED;
              else if (busy || running || sys_rst) status <= E_BUSY;
              else begin
                do_read <= 1'b1;
                rleft <= 16'd8;
              end
            end else do_reset <= 1'b1;
            st <= S_EXEC;
          end
          default: ;  // S_EXEC and the reply states take no byte
        endcase
      end
      // S_EXEC (exec is high in exactly that state's cycle). A frame that commits nothing rolls
      // back the SPIKES entries it wrote (in_wt equals in_wr outside a SPIKES frame).
      if (exec) begin
        st <= R_HEAD;
        hidx <= 3'd0;
        ridx <= 5'd0;
        sum <= 8'd0;
        flags_now <= flags;
        // Reply payloads that need no decision (a reply without payload never shows rw).
        if (op[O_INFO]) rw <= INFO;
        if (op[O_WRITE]) rw[63:48] <= w_words;
        if (op[O_SPIKES]) rw[63:48] <= in_free16;
        if (!chk_ok) begin
          status <= E_CHECKSUM;
          rleft <= 16'd0;
        end
        if (chk_ok && do_commit) in_wr <= in_wt;
        else in_wt <= in_wr;
        if (chk_ok && do_stop) begin
          steps_left <= 32'd0;
          running <= 1'b0;
        end
        if (chk_ok && do_run) begin
          steps_left <= {1'b0, rw[62:32]};
          keyed <= rw[63];
          running <= 1'b1;
          period <= rw[31:0];
          paced <= run_paced;
          period_short <= run_short;
          // The first step of a run starts at once.
          wait_left <= 32'd0;
          wait_done <= 1'b1;
        end
        if (chk_ok && do_read) begin
          rd_valid <= 1'b1;
          st <= R_WAIT;
        end
        if (chk_ok && do_reset) begin
          reset_hold <= 2'd3;
          wipe <= 1'b1;
        end
      end

      // ------------------------------------------------ reply generator
      case (st)
        R_HEAD: if (tx_ready) begin
          if (hidx != 3'd0) sum <= sum + head_byte;
          hidx <= hidx + 3'd1;
          if (hidx == 3'd4) begin
            st <= rleft_zero ? R_CHK
                : op[O_READ_SPIKES] || op[O_STATUS] ? R_FETCH : R_PAY;
          end
        end
        // A spike is read from the FIFO, or STATUS's next word selected into status_word.
        R_FETCH: begin
          if (op[O_READ_SPIKES]) out_rd <= out_rd + 1'b1;
          st <= R_LOAD;
        end
        R_LOAD: begin
          rw[63:32] <= word_in;
          st <= R_PAY;
        end
        R_WAIT: if (rd_done) begin
          rw <= {{(64 - READ_BITS){1'b0}}, rd_data};
          st <= R_HEAD;
        end
        R_PAY: if (tx_ready) begin
          sum <= sum + rw[63:56];
          ridx <= ridx + 5'd1;
          rleft <= rleft - 16'd1;
          rw <= {rw[55:0], 8'd0};
          if (rleft_one) st <= R_CHK;
          else if (ridx[1:0] == 2'd3 && (op[O_READ_SPIKES] || op[O_STATUS])) begin
            st <= R_FETCH;
          end
        end
        R_CHK: if (tx_ready) st <= S_SYNC;
        default: ;
      endcase
    end
    // Last, so that it overrides the updates above. The system's reset (reset_hold) holds from
    // the cycle after, so anything the step engine started in this cycle is reset with it.
    if (wipe) begin
      est <= E_IDLE;
      in_wr <= {(IN_FIFO_BITS + 1){1'b0}};
      in_wt <= {(IN_FIFO_BITS + 1){1'b0}};
      in_rd <= {(IN_FIFO_BITS + 1){1'b0}};
      out_wr <= {(OUT_FIFO_BITS + 1){1'b0}};
      out_rd <= {(OUT_FIFO_BITS + 1){1'b0}};
      steps_left <= 32'd0;
      running <= 1'b0;
      max_step <= 32'd0;
      cycles <= 32'd0;
      busy_cycles <= 32'd0;
      dropped <= 32'd0;
      late <= 1'b0;
      rx_lost <= 1'b0;
      rx_bad <= 1'b0;
    end
  end
endmodule
