// Part of the snnc UART bridge (snnc_uart_bridge.v; protocol in docs/fpga.md).

module snnc_uart_tx #(
    parameter CLKS_PER_BIT = 104
) (
    input wire clk,
    input wire rst,
    input wire start,
    input wire [7:0] data,
    output reg ready,
    output reg tx
);
  // The bit-time counter is as wide as the bit time needs, not wider: it is a carry chain.
  localparam integer COUNT_BITS = $clog2(CLKS_PER_BIT + 1);
  localparam [31:0] LAST32 = CLKS_PER_BIT - 1;
  localparam [COUNT_BITS-1:0] LAST = LAST32[COUNT_BITS-1:0];
  reg [9:0] shift;
  reg [3:0] left;
  reg [COUNT_BITS-1:0] count;
  // ready is left == 0, kept as a flip-flop: it gates the bridge's whole reply generator.

  always @(posedge clk) begin
    if (rst) begin
      tx <= 1'b1;
      shift <= 10'h3ff;
      left <= 4'd0;
      ready <= 1'b1;
      count <= {COUNT_BITS{1'b0}};
    end else if (ready) begin
      tx <= 1'b1;
      if (start) begin
        shift <= {1'b1, data, 1'b0};
        left <= 4'd10;
        ready <= 1'b0;
        count <= {COUNT_BITS{1'b0}};
      end
    end else begin
      tx <= shift[0];
      if (count == LAST) begin
        count <= {COUNT_BITS{1'b0}};
        shift <= {1'b1, shift[9:1]};
        left <= left - 4'd1;
        ready <= left == 4'd1;
      end else begin
        count <= count + 1'b1;
      end
    end
  end
endmodule
