// Part of the snnc UART bridge (snnc_uart_bridge.v; protocol in docs/fpga.md).

module snnc_byte_fifo #(
    parameter BITS = 4
) (
    input wire clk,
    input wire rst,
    input wire push,
    input wire [7:0] din,
    input wire pop,
    output wire [7:0] dout,
    output wire empty,
    output wire full
);
  // Flip-flops, not block RAM: 16 bytes would take a whole SB_RAM40_4K, and the UP5K's 30
  // block RAMs are the binding resource of a board design.
  (* ram_style = "logic" *)
  reg [7:0] mem [0:(1 << BITS) - 1];
  reg [BITS:0] wr;
  reg [BITS:0] rd;
  assign empty = wr == rd;
  assign full = (wr[BITS] != rd[BITS]) && (wr[BITS-1:0] == rd[BITS-1:0]);
  assign dout = mem[rd[BITS-1:0]];

  always @(posedge clk) begin
    if (push && !full) mem[wr[BITS-1:0]] <= din;
  end

  always @(posedge clk) begin
    if (rst) begin
      wr <= {(BITS + 1){1'b0}};
      rd <= {(BITS + 1){1'b0}};
    end else begin
      if (push && !full) wr <= wr + 1'b1;
      if (pop && !empty) rd <= rd + 1'b1;
    end
  end
endmodule
