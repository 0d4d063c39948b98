// Part of the snnc UART bridge (snnc_uart_bridge.v; protocol in docs/fpga.md).

module snnc_uart_tx #(
    parameter CLKS_PER_BIT = 104
) (
    input wire clk,
    input wire rst,
    input wire start,
    input wire [7:0] data,
    output wire ready,
    output reg tx
);
  localparam [15:0] LAST = CLKS_PER_BIT - 1;
  reg [9:0] shift;
  reg [3:0] left;
  reg [15:0] count;
  assign ready = left == 4'd0;

  always @(posedge clk) begin
    if (rst) begin
      tx <= 1'b1;
      shift <= 10'h3ff;
      left <= 4'd0;
      count <= 16'd0;
    end else if (left == 4'd0) begin
      tx <= 1'b1;
      if (start) begin
        shift <= {1'b1, data, 1'b0};
        left <= 4'd10;
        count <= 16'd0;
      end
    end else begin
      tx <= shift[0];
      if (count == LAST) begin
        count <= 16'd0;
        shift <= {1'b1, shift[9:1]};
        left <= left - 4'd1;
      end else begin
        count <= count + 16'd1;
      end
    end
  end
endmodule
