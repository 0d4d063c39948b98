// Part of the snnc UART bridge (snnc_uart_bridge.v; protocol in docs/fpga.md).

module snnc_uart_rx #(
    parameter CLKS_PER_BIT = 104
) (
    input wire clk,
    input wire rst,
    input wire rx,
    output reg valid,
    output reg frame_error,
    output reg [7:0] data
);
  // The bit-time counter is as wide as the bit time needs, not wider: it is a carry chain.
  localparam integer COUNT_BITS = $clog2(CLKS_PER_BIT + 1);
  localparam [31:0] LAST32 = CLKS_PER_BIT - 1;
  localparam [COUNT_BITS-1:0] LAST = LAST32[COUNT_BITS-1:0];
  localparam [31:0] HALF32 = CLKS_PER_BIT / 2 - 1;
  localparam [COUNT_BITS-1:0] HALF = HALF32[COUNT_BITS-1:0];
  localparam [1:0] IDLE = 2'd0, START = 2'd1, DATA = 2'd2, STOP = 2'd3;
  // rx is asynchronous to clk: two flip-flops against metastability, then a majority vote of the
  // last three samples so that a one-cycle glitch neither starts nor corrupts a byte.
  reg meta;
  reg sync;
  reg [2:0] hist;
  wire line = (hist[0] & hist[1]) | (hist[1] & hist[2]) | (hist[0] & hist[2]);
  reg [1:0] state;
  reg [COUNT_BITS-1:0] count;
  reg [2:0] bitno;

  always @(posedge clk) begin
    valid <= 1'b0;
    frame_error <= 1'b0;
    if (rst) begin
      meta <= 1'b1;
      sync <= 1'b1;
      hist <= 3'b111;
      state <= IDLE;
      count <= {COUNT_BITS{1'b0}};
      bitno <= 3'd0;
      data <= 8'd0;
    end else begin
      meta <= rx;
      sync <= meta;
      hist <= {hist[1:0], sync};
      case (state)
        IDLE: if (!line) begin
          state <= START;
          count <= {COUNT_BITS{1'b0}};
        end
        // Half a bit later the start bit must still be low (else it was noise); from there every
        // sample falls in the middle of a bit.
        START: if (count == HALF) begin
          count <= {COUNT_BITS{1'b0}};
          bitno <= 3'd0;
          state <= line ? IDLE : DATA;
        end else begin
          count <= count + 1'b1;
        end
        DATA: if (count == LAST) begin
          count <= {COUNT_BITS{1'b0}};
          data <= {line, data[7:1]};
          bitno <= bitno + 3'd1;
          if (bitno == 3'd7) state <= STOP;
        end else begin
          count <= count + 1'b1;
        end
        default: if (count == LAST) begin
          state <= IDLE;
          valid <= line;
          frame_error <= !line;
        end else begin
          count <= count + 1'b1;
        end
      endcase
    end
  end
endmodule
