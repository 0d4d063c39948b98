// Part of the snnc UART bridge (snnc_uart_bridge.v; protocol in docs/fpga.md).

module snnc_byte_fifo #(
    parameter BITS = 4,  // 2^BITS bytes
    parameter RAM = 0    // 1: the bytes live in block RAM (BITS 9 fills one SB_RAM40_4K)
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
  reg [BITS:0] wr;
  reg [BITS:0] rd;
  assign full = (wr[BITS] != rd[BITS]) && (wr[BITS-1:0] == rd[BITS-1:0]);
  wire popped = pop && !empty;

  generate
    if (RAM != 0) begin : block_ram
      // First word fall-through over a synchronous read: the RAM reads the entry that is at the
      // head after this cycle's pop, so dout is always mem[rd]. A pushed byte becomes visible
      // (wr_seen) one cycle after its write, when a read of its address returns it.
      (* ram_style = "block" *)
      reg [7:0] mem [0:(1 << BITS) - 1];
      reg [7:0] q;
      reg [BITS:0] wr_seen;
      wire [BITS-1:0] rd_next = popped ? rd[BITS-1:0] + 1'b1 : rd[BITS-1:0];
      assign dout = q;
      assign empty = wr_seen == rd;
      always @(posedge clk) begin
        if (push && !full) mem[wr[BITS-1:0]] <= din;
        q <= mem[rd_next];
        wr_seen <= rst ? {(BITS + 1){1'b0}} : wr;
      end
    end else begin : flip_flops
      // Flip-flops: 16 bytes would take a whole SB_RAM40_4K, and block RAM is what binds on a
      // board design whose core fills the device's.
      (* ram_style = "logic" *)
      reg [7:0] mem [0:(1 << BITS) - 1];
      assign empty = wr == rd;
      assign dout = mem[rd[BITS-1:0]];
      always @(posedge clk) begin
        if (push && !full) mem[wr[BITS-1:0]] <= din;
      end
    end
  endgenerate

  always @(posedge clk) begin
    if (rst) begin
      wr <= {(BITS + 1){1'b0}};
      rd <= {(BITS + 1){1'b0}};
    end else begin
      if (push && !full) wr <= wr + 1'b1;
      if (popped) rd <= rd + 1'b1;
    end
  end
endmodule
