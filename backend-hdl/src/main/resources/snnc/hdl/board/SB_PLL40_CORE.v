// Simulation model of the iCE40 PLL primitive SB_PLL40_CORE (snnc's own; for lint and Verilator
// only: synthesis uses the hard PLL and never reads this file). The output clock is the
// reference clock passed through, so a simulated cycle is one board-clock cycle whatever the
// divider settings; LOCK rises after 16 reference edges, so a design that does not hold its
// reset until lock is caught in co-simulation. Only feedback path SIMPLE is modelled.
`default_nettype none

/* verilator lint_off UNUSEDPARAM */
module SB_PLL40_CORE #(
    parameter FEEDBACK_PATH = "SIMPLE",
    parameter PLLOUT_SELECT = "GENCLK",
    parameter [3:0] DIVR = 4'b0000,
    parameter [6:0] DIVF = 7'b0000000,
    parameter [2:0] DIVQ = 3'b000,
    parameter [2:0] FILTER_RANGE = 3'b000
) (
    input wire REFERENCECLK,
    /* verilator lint_off UNUSEDSIGNAL */
    input wire RESETB,
    input wire BYPASS,
    /* verilator lint_on UNUSEDSIGNAL */
    output wire PLLOUTCORE,
    output wire PLLOUTGLOBAL,
    output wire LOCK
);
/* verilator lint_on UNUSEDPARAM */
  reg [4:0] settle = 5'd0;
  always @(posedge REFERENCECLK) begin
    if (!RESETB) settle <= 5'd0;
    else if (!settle[4]) settle <= settle + 5'd1;
  end
  assign PLLOUTCORE = REFERENCECLK;
  assign PLLOUTGLOBAL = REFERENCECLK;
  assign LOCK = settle[4] && RESETB;
endmodule

`default_nettype wire
