// snnc UART bridge: the host drives a neuromorphic system over one serial line (8N1).
// The byte protocol (frames, commands, replies, status codes) is documented in docs/fpga.md,
// section "UART bridge protocol"; snnc.hdl.bridge.BridgeProtocol is its host-side encoder.
//
// snnc_uart_rx    receiver: two-flop synchroniser, 3-sample majority filter, mid-bit sampling
// snnc_uart_tx    transmitter
// snnc_byte_fifo  small first-word-fall-through byte FIFO (receive and transmit side)
// snnc_uart_bridge  frame parser, memory loader, input-key FIFO, step engine, spike FIFO,
//                   counters and the reply generator

module snnc_uart_bridge #(
    parameter CLKS_PER_BIT = 104,
    parameter CORE_BITS = 1,      // ld_core width
    parameter KEY_BITS = 8,       // in_key width, at most 15 (0xFFFF marks the end of a step)
    parameter OUT_BITS = 8,       // out_key width, at most 15
    parameter ADDR_BITS = 8,      // ld_addr width, at most 32
    parameter IN_FIFO_BITS = 8,   // input-key FIFO: 2^IN_FIFO_BITS entries, at most 14
    parameter OUT_FIFO_BITS = 8,  // output-spike FIFO: 2^OUT_FIFO_BITS entries, at most 12
    parameter READ_BITS = 32,     // rd_data width, at most 64
    parameter READBACK = 1        // 1: the system answers rd_valid (READ works); 0: READ refused
) (
    input wire clk,
    input wire rst,
    input wire uart_rx,
    output wire uart_tx,
    // to the neuromorphic system
    output wire sys_rst,
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
    output reg ld_valid,
    output reg ld_last,
    output reg [CORE_BITS-1:0] ld_core,
    output reg [2:0] ld_target,
    output reg [ADDR_BITS-1:0] ld_addr,
    output reg [31:0] ld_data,
    // read port: rd_valid for one cycle while the system is idle; rd_done when rd_data is valid
    output reg rd_valid,
    output reg [CORE_BITS-1:0] rd_core,
    output reg [2:0] rd_target,
    output reg [ADDR_BITS-1:0] rd_addr,
    input wire rd_done,
    input wire [READ_BITS-1:0] rd_data,
    // board status
    output wire running,
    output reg late
);
  localparam [7:0] SYNC = 8'hA5, REPLY_SYNC = 8'h5A;
  localparam [7:0] C_INFO = 8'h01, C_WRITE = 8'h02, C_SPIKES = 8'h03, C_RUN = 8'h04,
      C_READ_SPIKES = 8'h05, C_STATUS = 8'h06, C_RESET = 8'h07, C_READ = 8'h08;
  localparam [7:0] OK = 8'd0, E_CHECKSUM = 8'd1, E_COMMAND = 8'd2, E_LENGTH = 8'd3,
      E_BUSY = 8'd4, E_FULL = 8'd5, E_UNSUPPORTED = 8'd6;
  localparam [7:0] VERSION = 8'd1;
  localparam [15:0] END_OF_STEP = 16'hFFFF;
  // A frame whose next byte does not come within 32 byte times is dropped.
  localparam [23:0] TIMEOUT = CLKS_PER_BIT * 320;
  localparam integer STATUS_BYTES = 30;
  localparam [15:0] STATUS_LENGTH = 16'd30;
  localparam [7:0] CORE_BITS8 = CORE_BITS, KEY_BITS8 = KEY_BITS, OUT_BITS8 = OUT_BITS,
      ADDR_BITS8 = ADDR_BITS, IN_FIFO_BITS8 = IN_FIFO_BITS, OUT_FIFO_BITS8 = OUT_FIFO_BITS;
  localparam [63:0] INFO = {VERSION, CORE_BITS8, KEY_BITS8, OUT_BITS8, ADDR_BITS8, IN_FIFO_BITS8,
      OUT_FIFO_BITS8, 8'd0};

  // ---------------------------------------------------------------- serial side
  wire rx_valid;
  wire rx_error;
  wire [7:0] rx_data;
  snnc_uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) receiver (
      .clk(clk), .rst(rst), .rx(uart_rx), .valid(rx_valid), .frame_error(rx_error),
      .data(rx_data));
  wire rq_empty;
  wire rq_full;
  wire [7:0] rb;
  wire take;
  snnc_byte_fifo #(.BITS(4)) rx_queue (
      .clk(clk), .rst(rst), .push(rx_valid), .din(rx_data), .pop(take), .dout(rb),
      .empty(rq_empty), .full(rq_full));
  reg tq_push;
  reg [7:0] tq_din;
  wire tq_empty;
  wire tq_full;
  wire [7:0] tq_dout;
  wire tx_ready;
  wire tx_go = tx_ready && !tq_empty;
  snnc_byte_fifo #(.BITS(4)) tx_queue (
      .clk(clk), .rst(rst), .push(tq_push), .din(tq_din), .pop(tx_go), .dout(tq_dout),
      .empty(tq_empty), .full(tq_full));
  snnc_uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) transmitter (
      .clk(clk), .rst(rst), .start(tx_go), .data(tq_dout), .ready(tx_ready), .tx(uart_tx));

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
  wire in_space = !in_used[IN_FIFO_BITS];
  wire [IN_FIFO_BITS:0] in_pending = in_wr - in_rd;
  wire [IN_FIFO_BITS:0] in_free = {1'b1, {IN_FIFO_BITS{1'b0}}} - in_used;

  // Output spikes: {low 16 bits of the step, key}.
  (* ram_style = "block" *)
  reg [31:0] out_mem [0:(1 << OUT_FIFO_BITS) - 1];
  reg [OUT_FIFO_BITS:0] out_wr;
  reg [OUT_FIFO_BITS:0] out_rd;
  reg [31:0] out_dout;
  wire [OUT_FIFO_BITS:0] out_count = out_wr - out_rd;
  wire out_full = out_count[OUT_FIFO_BITS];
  wire [15:0] out_key16 = {{(16 - OUT_BITS){1'b0}}, out_key};
  wire [15:0] out_count16 = {{(15 - OUT_FIFO_BITS){1'b0}}, out_count};
  wire [15:0] in_pending16 = {{(15 - IN_FIFO_BITS){1'b0}}, in_pending};
  wire [15:0] in_free16 = {{(15 - IN_FIFO_BITS){1'b0}}, in_free};

  // ---------------------------------------------------------------- control registers
  localparam [3:0] S_SYNC = 4'd0, S_CMD = 4'd1, S_LENH = 4'd2, S_LENL = 4'd3, S_PAY = 4'd4,
      S_CHK = 4'd5, R_HEAD = 4'd6, R_PAY = 4'd7, R_FETCH = 4'd8, R_LOAD = 4'd9, R_CHK = 4'd10,
      R_WAIT = 4'd11;
  localparam [2:0] E_IDLE = 3'd0, E_POP = 3'd1, E_PEEK = 3'd2, E_KEY = 3'd3, E_START = 3'd4,
      E_WAIT = 3'd5;
  reg [3:0] st;
  reg [7:0] cmd;
  reg [15:0] len;
  reg [2:0] hpos;       // payload byte index, saturating at 7 (the WRITE header is 7 bytes)
  reg odd;              // payload byte index is odd
  reg [15:0] left;      // payload bytes still to come
  reg [7:0] sum;
  reg [23:0] quiet;
  reg deny;
  // WRITE
  reg [CORE_BITS-1:0] w_core;
  reg [2:0] w_target;
  reg [7:0] w_beats;
  // The address arrives as 32 bits; bits above ADDR_BITS address nothing in this system.
  /* verilator lint_off UNUSEDSIGNAL */
  reg [31:0] w_addr;
  /* verilator lint_on UNUSEDSIGNAL */
  reg [23:0] w_beat;
  reg [1:0] w_byte;
  reg [7:0] w_beatno;
  reg [15:0] w_words;
  // SPIKES, RUN, READ_SPIKES
  reg [7:0] sp_hi;
  reg sp_over;
  reg [63:0] args;
  // reply
  reg [7:0] status;
  reg [15:0] rlen;
  reg [4:0] ridx;       // reply payload byte index (wraps; 30 bytes at most but spikes)
  reg [15:0] rleft;     // reply payload bytes still to send
  reg [2:0] hidx;
  reg [7:0] rsum;
  reg [8 * STATUS_BYTES - 1:0] snap;  // STATUS counters, frozen when the frame is checked
  reg [15:0] rword;     // WRITE and SPIKES reply payload
  reg [63:0] rdata;     // READ reply payload
  // step engine and counters
  reg [2:0] est;
  reg [31:0] steps_left;
  reg [31:0] period_m1; // pacing period minus one
  reg paced;            // the run has a period (else free-running)
  reg [31:0] wait_left; // cycles until the next paced step may start
  reg [31:0] step_cycles;
  reg [31:0] max_step;
  reg [31:0] cycles;
  reg [31:0] busy_cycles;
  reg [31:0] dropped;
  reg [KEY_BITS-1:0] key;
  reg [1:0] reset_hold;
  reg rx_lost;
  reg rx_bad;

  assign sys_rst = rst || reset_hold != 2'd0;
  assign running = steps_left != 32'd0;
  assign step_start = est == E_START;
  assign in_valid = est == E_KEY;
  assign in_key = key;
  wire parsing = st == S_SYNC || st == S_CMD || st == S_LENH || st == S_LENL || st == S_PAY
      || st == S_CHK;
  assign take = parsing && !rq_empty;
  wire [7:0] sum_next = sum + rb;
  wire [15:0] spikes_max = args[15:0];
  wire [15:0] spikes_n = out_count16 < spikes_max ? out_count16 : spikes_max;
  wire [7:0] flags = {1'b0, rx_bad, rx_lost, busy, dropped != 32'd0, late, overrun, running};
  wire [7:0] reply_byte = hidx == 3'd0 ? REPLY_SYNC : hidx == 3'd1 ? cmd
      : hidx == 3'd2 ? status : hidx == 3'd3 ? rlen[15:8] : rlen[7:0];
  // The reply payload byte ridx: picked by a multiplexer rather than shifted out of one wide
  // register, which costs a LUT per bit.
  reg [7:0] payload_byte;
  always @(*) begin
    case (cmd)
      C_INFO: payload_byte = INFO[8 * (7 - ridx[2:0]) +: 8];
      C_READ_SPIKES: case (ridx[1:0])
        2'd0: payload_byte = out_dout[31:24];
        2'd1: payload_byte = out_dout[23:16];
        2'd2: payload_byte = out_dout[15:8];
        default: payload_byte = out_dout[7:0];
      endcase
      C_STATUS: payload_byte = snap[8 * (29 - ridx) +: 8];
      C_READ: payload_byte = rdata[8 * (7 - ridx[2:0]) +: 8];
      default: payload_byte = ridx[0] ? rword[7:0] : rword[15:8];
    endcase
  end

  always @(posedge clk) begin
    if (est == E_POP && in_pending != {(IN_FIFO_BITS + 1){1'b0}}) begin
      in_dout <= in_mem[in_rd[IN_FIFO_BITS-1:0]];
    end
    if (st == S_PAY && take && cmd == C_SPIKES && odd && in_space) begin
      in_mem[in_wt[IN_FIFO_BITS-1:0]] <= {sp_hi, rb};
    end
  end

  always @(posedge clk) begin
    if (st == R_FETCH) out_dout <= out_mem[out_rd[OUT_FIFO_BITS-1:0]];
    if (out_valid && !out_full) out_mem[out_wr[OUT_FIFO_BITS-1:0]] <= {step_count[15:0], out_key16};
  end

  always @(posedge clk) begin
    tq_push <= 1'b0;
    ld_valid <= 1'b0;
    rd_valid <= 1'b0;
    ld_last <= 1'b0;
    if (rst) begin
      st <= S_SYNC;
      est <= E_IDLE;
      cmd <= 8'd0;
      len <= 16'd0;
      hpos <= 3'd0;
      odd <= 1'b0;
      left <= 16'd0;
      sum <= 8'd0;
      quiet <= 24'd0;
      deny <= 1'b0;
      status <= OK;
      rlen <= 16'd0;
      ridx <= 5'd0;
      rleft <= 16'd0;
      hidx <= 3'd0;
      rsum <= 8'd0;
      in_wr <= {(IN_FIFO_BITS + 1){1'b0}};
      in_wt <= {(IN_FIFO_BITS + 1){1'b0}};
      in_rd <= {(IN_FIFO_BITS + 1){1'b0}};
      out_wr <= {(OUT_FIFO_BITS + 1){1'b0}};
      out_rd <= {(OUT_FIFO_BITS + 1){1'b0}};
      steps_left <= 32'd0;
      period_m1 <= 32'd0;
      paced <= 1'b0;
      wait_left <= 32'd0;
      step_cycles <= 32'd0;
      max_step <= 32'd0;
      cycles <= 32'd0;
      busy_cycles <= 32'd0;
      dropped <= 32'd0;
      late <= 1'b0;
      reset_hold <= 2'd0;
      rx_lost <= 1'b0;
      rx_bad <= 1'b0;
      ld_core <= {CORE_BITS{1'b0}};
      ld_target <= 3'd0;
      ld_addr <= {ADDR_BITS{1'b0}};
      ld_data <= 32'd0;
      rd_core <= {CORE_BITS{1'b0}};
      rd_target <= 3'd0;
      rd_addr <= {ADDR_BITS{1'b0}};
      rdata <= 64'd0;
      key <= {KEY_BITS{1'b0}};
    end else begin
      cycles <= cycles + 32'd1;
      if (busy) busy_cycles <= busy_cycles + 32'd1;
      if (reset_hold != 2'd0) reset_hold <= reset_hold - 2'd1;
      if (rx_valid && rq_full) rx_lost <= 1'b1;
      if (rx_error) rx_bad <= 1'b1;
      // A paced step whose start time passed while the previous one still ran starts late.
      if (wait_left != 32'd0) wait_left <= wait_left - 32'd1;
      else if (paced && running && !(est == E_IDLE && !busy && !sys_rst)) late <= 1'b1;

      // ------------------------------------------------ output spikes
      if (out_valid) begin
        if (out_full) dropped <= dropped + 32'd1;
        else out_wr <= out_wr + 1'b1;
      end

      // ------------------------------------------------ step engine
      case (est)
        E_IDLE: if (running && !busy && !sys_rst && wait_left == 32'd0) begin
          // Pacing is measured between these decisions: key injection adds a few cycles of
          // jitter to each step start, never drift.
          wait_left <= period_m1;
          est <= E_POP;
        end
        E_POP: if (in_pending != {(IN_FIFO_BITS + 1){1'b0}}) begin
          in_rd <= in_rd + 1'b1;
          est <= E_PEEK;
        end else begin
          est <= E_START;
        end
        E_PEEK: if (in_dout == END_OF_STEP) begin
          est <= E_START;
        end else begin
          key <= in_dout[KEY_BITS-1:0];
          est <= E_KEY;
        end
        E_KEY: if (in_ready) est <= E_POP;
        E_START: begin
          step_cycles <= 32'd1;
          est <= E_WAIT;
        end
        default: begin
          if (!step_done) step_cycles <= step_cycles + 32'd1;
          if (step_done) begin
            if (step_cycles > max_step) max_step <= step_cycles;
            if (running) steps_left <= steps_left - 32'd1;
            est <= E_IDLE;
          end
        end
      endcase

      // ------------------------------------------------ frame parser
      if (parsing && st != S_SYNC) begin
        quiet <= take ? 24'd0 : quiet + 24'd1;
        if (!take && quiet == TIMEOUT) begin
          st <= S_SYNC;
          in_wt <= in_wr;
        end
      end
      if (take) begin
        case (st)
          S_SYNC: if (rb == SYNC) begin
            st <= S_CMD;
            quiet <= 24'd0;
          end
          S_CMD: begin
            cmd <= rb;
            sum <= rb;
            st <= S_LENH;
          end
          S_LENH: begin
            len[15:8] <= rb;
            sum <= sum_next;
            st <= S_LENL;
          end
          S_LENL: begin
            len[7:0] <= rb;
            sum <= sum_next;
            hpos <= 3'd0;
            odd <= 1'b0;
            left <= {len[15:8], rb};
            deny <= cmd == C_WRITE && (busy || running || sys_rst);
            w_beats <= 8'd0;
            w_byte <= 2'd0;
            w_beatno <= 8'd0;
            w_words <= 16'd0;
            sp_over <= 1'b0;
            st <= {len[15:8], rb} == 16'd0 ? S_CHK : S_PAY;
          end
          S_PAY: begin
            sum <= sum_next;
            if (hpos != 3'd7) hpos <= hpos + 3'd1;
            odd <= !odd;
            left <= left - 16'd1;
            if (left == 16'd1) st <= S_CHK;
            args <= {args[55:0], rb};
            if (cmd == C_WRITE) begin
              if (hpos == 3'd0) w_core <= rb[CORE_BITS-1:0];
              if (hpos == 3'd1) w_target <= rb[2:0];
              if (hpos == 3'd2) w_beats <= rb;
              if (hpos >= 3'd3 && hpos <= 3'd6) w_addr <= {w_addr[23:0], rb};
              if (hpos == 3'd7) begin
                w_beat <= {w_beat[15:0], rb};
                w_byte <= w_byte + 2'd1;
                if (w_byte == 2'd3) begin
                  // One 32-bit beat, most significant first; the last beat of a word writes it.
                  ld_valid <= !deny && w_beats != 8'd0;
                  ld_last <= w_beatno == w_beats - 8'd1;
                  ld_core <= w_core;
                  ld_target <= w_target;
                  ld_addr <= w_addr[ADDR_BITS-1:0];
                  ld_data <= {w_beat, rb};
                  if (w_beatno == w_beats - 8'd1) begin
                    w_beatno <= 8'd0;
                    w_addr[ADDR_BITS-1:0] <= w_addr[ADDR_BITS-1:0] + 1'b1;
                    if (!deny) w_words <= w_words + 16'd1;
                  end else begin
                    w_beatno <= w_beatno + 8'd1;
                  end
                end
              end
            end
            if (cmd == C_SPIKES) begin
              if (!odd) begin
                sp_hi <= rb;
              end else if (in_space) begin
                in_wt <= in_wt + 1'b1;
              end else begin
                sp_over <= 1'b1;
              end
            end
          end
          default: begin
            // S_CHK: the sum of command, length, payload and this byte must be zero.
            st <= R_HEAD;
            hidx <= 3'd0;
            ridx <= 5'd0;
            rlen <= 16'd0;
            rsum <= 8'd0;
            status <= OK;
            if (sum_next != 8'd0) begin
              status <= E_CHECKSUM;
              in_wt <= in_wr;
            end else begin
              case (cmd)
                C_INFO: if (len != 16'd0) status <= E_LENGTH;
                else begin
                  rlen <= 16'd8;
                end
                C_WRITE: if (len < 16'd7 || w_beats == 8'd0 || w_byte != 2'd0
                    || w_beatno != 8'd0) begin
                  status <= E_LENGTH;
                end else begin
                  status <= deny ? E_BUSY : OK;
                  rlen <= 16'd2;
                  rword <= w_words;
                end
                C_SPIKES: if (len[0]) begin
                  status <= E_LENGTH;
                  in_wt <= in_wr;
                end else if (sp_over) begin
                  status <= E_FULL;
                  in_wt <= in_wr;
                end else begin
                  in_wr <= in_wt;
                  rlen <= 16'd2;
                  rword <= in_free16;
                end
                C_RUN: if (len != 16'd8) status <= E_LENGTH;
                else if (args[63:32] == 32'd0) steps_left <= 32'd0;
                else if (running) status <= E_BUSY;
                else begin
                  steps_left <= args[63:32];
                  period_m1 <= args[31:0] == 32'd0 ? 32'd0 : args[31:0] - 32'd1;
                  paced <= args[31:0] != 32'd0;
                  // The first step of a run starts at once.
                  wait_left <= 32'd0;
                end
                C_READ_SPIKES: if (len != 16'd2) status <= E_LENGTH;
                else rlen <= spikes_n << 2;
                C_STATUS: if (len != 16'd0) status <= E_LENGTH;
                else begin
                  rlen <= STATUS_LENGTH;
                  snap <= {step_count, cycles, busy_cycles, max_step, steps_left, dropped,
                      out_count16, in_pending16, flags, 8'd0};
                end
                C_READ: if (len != 16'd6) status <= E_LENGTH;
                else if (READBACK == 0 || args[34:32] != 3'd3) status <= E_UNSUPPORTED;
                else if (busy || running || sys_rst) status <= E_BUSY;
                else begin
                  rd_valid <= 1'b1;
                  rd_core <= args[40 +: CORE_BITS];
                  rd_target <= args[34:32];
                  rd_addr <= args[ADDR_BITS-1:0];
                  rlen <= 16'd8;
                  st <= R_WAIT;
                end
                C_RESET: if (len != 16'd0) status <= E_LENGTH;
                else begin
                  reset_hold <= 2'd3;
                  est <= E_IDLE;
                  in_wr <= {(IN_FIFO_BITS + 1){1'b0}};
                  in_wt <= {(IN_FIFO_BITS + 1){1'b0}};
                  in_rd <= {(IN_FIFO_BITS + 1){1'b0}};
                  out_wr <= {(OUT_FIFO_BITS + 1){1'b0}};
                  out_rd <= {(OUT_FIFO_BITS + 1){1'b0}};
                  steps_left <= 32'd0;
                  max_step <= 32'd0;
                  cycles <= 32'd0;
                  busy_cycles <= 32'd0;
                  dropped <= 32'd0;
                  late <= 1'b0;
                  rx_lost <= 1'b0;
                  rx_bad <= 1'b0;
                end
                default: status <= E_COMMAND;
              endcase
            end
          end
        endcase
      end

      // ------------------------------------------------ reply generator
      // tq_push is registered, so the FIFO's full flag lags a push by one cycle: push at most
      // every other cycle (the line is far slower anyway).
      case (st)
        R_HEAD: if (!tq_full && !tq_push) begin
          tq_push <= 1'b1;
          tq_din <= reply_byte;
          if (hidx != 3'd0) rsum <= rsum + reply_byte;
          hidx <= hidx + 3'd1;
          if (hidx == 3'd4) begin
            rleft <= rlen;
            st <= rlen == 16'd0 ? R_CHK : cmd == C_READ_SPIKES ? R_FETCH : R_PAY;
          end
        end
        R_FETCH: begin
          out_rd <= out_rd + 1'b1;
          st <= R_LOAD;
        end
        R_LOAD: st <= R_PAY;
        R_WAIT: if (rd_done) begin
          rdata <= {{(64 - READ_BITS){1'b0}}, rd_data};
          st <= R_HEAD;
        end
        R_PAY: if (!tq_full && !tq_push) begin
          tq_push <= 1'b1;
          tq_din <= payload_byte;
          rsum <= rsum + payload_byte;
          ridx <= ridx + 5'd1;
          rleft <= rleft - 16'd1;
          if (rleft == 16'd1) st <= R_CHK;
          else if (cmd == C_READ_SPIKES && ridx[1:0] == 2'd3) st <= R_FETCH;
        end
        R_CHK: if (!tq_full && !tq_push) begin
          tq_push <= 1'b1;
          tq_din <= 8'd0 - rsum;
          st <= S_SYNC;
        end
        default: ;
      endcase
    end
  end
endmodule
