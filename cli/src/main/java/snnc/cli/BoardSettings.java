package snnc.cli;

import java.util.List;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.VendorProjects;

/**
 * What {@code snnc compile} takes from the user about the board rather than the model: the pin
 * file ({@code --pins}; an iCE40 {@code .pcf} for the board designs, {@code SIGNAL SITE} lines
 * for the vendor projects), the UART bridge's baud rate ({@code --baud}) and the vendor projects'
 * clock ({@code --clock} on a target without an iCE40 board). Empty fields are the defaults.
 *
 * @param pins the pin file's text, or null for the board's default pins
 * @param pinsName the pin file as given, for messages and the report
 * @param baud the bridge's baud rate
 * @param clockMhz the board design's clock in MHz ({@code --clock}; 12: the oscillator)
 * @param vendorClockMhz the vendor projects' clock constraint in MHz, or null for the generic
 *     board's
 * @param vendorPins the vendor projects' pins (read from {@code pins}), empty for placeholders
 */
record BoardSettings(String pins, String pinsName, int baud, double clockMhz,
    Double vendorClockMhz,
    List<VendorProjects.PinAssignment> vendorPins) {

  /** The defaults: the board's pins, 115,200 baud, the generic board's 100 MHz. */
  static final BoardSettings DEFAULTS =
      new BoardSettings(null, null, Ice40Board.DEFAULT_BAUD, Ice40Board.CLOCK_HZ / 1e6, null,
          List.of());

  BoardSettings {
    vendorPins = List.copyOf(vendorPins);
  }

  /** The board design options for {@code board} with these settings, at {@link #clockMhz}. */
  Ice40Board.Options options(Ice40Board.Board board) {
    return new Ice40Board.Options(board, baud, pins, pinsName).withClockMhz(clockMhz);
  }

  /** The board the vendor projects constrain: the generic one, at the user's clock if given. */
  VendorProjects.Board vendorBoard() {
    return vendorClockMhz == null ? VendorProjects.Board.GENERIC
        : VendorProjects.Board.GENERIC.withClockMhz(vendorClockMhz);
  }
}
