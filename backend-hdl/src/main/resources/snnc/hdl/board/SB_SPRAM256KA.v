// Behavioural simulation model of the iCE40 UP5K single-port RAM SB_SPRAM256KA (16k x 16 bit),
// written for snnc's Verilator co-simulation from the primitive's documented ports and behaviour
// (Lattice's iCE40 UltraPlus SPRAM usage guide; yosys's cell library models the same). For
// simulation only: synthesis uses the hard block, so this file is in filelist.f but not in the
// synthesis file list.
//
// Modelled: registered read when CHIPSELECT and not WREN; nibble-masked write (MASKWREN); DATAOUT
// holds while the RAM is not selected; DATAOUT is undefined after a write (here all X, so a design
// that depends on it fails in simulation); STANDBY, SLEEP and POWEROFF (active low) stop access,
// and SLEEP or POWEROFF clear DATAOUT. Not modelled: timing, data loss on power-off.
// The contents start as a fixed junk pattern, not zero, because the real RAM powers up with
// arbitrary data and the bitstream cannot initialise it: a design that forgets to load it must
// fail in simulation too.

module SB_SPRAM256KA (
    input wire [13:0] ADDRESS,
    input wire [15:0] DATAIN,
    input wire [3:0] MASKWREN,
    input wire WREN,
    input wire CHIPSELECT,
    input wire CLOCK,
    input wire STANDBY,
    input wire SLEEP,
    input wire POWEROFF,
    output reg [15:0] DATAOUT
);
  reg [15:0] cells [0:16383];
  integer i;
  initial begin
    for (i = 0; i < 16384; i = i + 1) begin
      cells[i] = 16'hC3A5 ^ i[15:0];
    end
    DATAOUT = 16'h0000;
  end
  wire off = SLEEP || !POWEROFF;

  always @(posedge CLOCK) begin
    if (off) begin
      DATAOUT <= 16'h0000;
    end else if (CHIPSELECT && !STANDBY) begin
      if (WREN) begin
        if (MASKWREN[0]) cells[ADDRESS][3:0] <= DATAIN[3:0];
        if (MASKWREN[1]) cells[ADDRESS][7:4] <= DATAIN[7:4];
        if (MASKWREN[2]) cells[ADDRESS][11:8] <= DATAIN[11:8];
        if (MASKWREN[3]) cells[ADDRESS][15:12] <= DATAIN[15:12];
        DATAOUT <= 16'hxxxx;
      end else begin
        DATAOUT <= cells[ADDRESS];
      end
    end
  end
endmodule
