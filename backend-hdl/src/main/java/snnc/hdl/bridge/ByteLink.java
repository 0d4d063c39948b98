package snnc.hdl.bridge;

import java.io.IOException;

/** A byte channel to a board's UART: a serial port, or a simulated board. */
public interface ByteLink {

  /** Sends {@code bytes} to the board. */
  void send(byte[] bytes) throws IOException;

  /** Receives exactly {@code n} bytes from the board; fails when they do not come. */
  byte[] receive(int n) throws IOException;
}
