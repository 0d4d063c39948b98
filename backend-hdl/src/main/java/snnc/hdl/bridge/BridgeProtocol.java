package snnc.hdl.bridge;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte protocol of the UART bridge ({@code snnc_uart_bridge.v}), documented in docs/fpga.md.
 *
 * <p>Host to board: {@code A5 cmd lenHi lenLo payload… chk}; board to host: {@code 5A cmd status
 * lenHi lenLo payload… chk}. {@code chk} makes the 8-bit sum of every byte after the sync byte
 * zero. Multi-byte numbers are big-endian. The host sends one frame and waits for its reply.
 */
public final class BridgeProtocol {

  public static final int SYNC = 0xA5;
  public static final int REPLY_SYNC = 0x5A;
  /**
   * The protocol version the bridge reports in its INFO reply. 2: INFO's last byte carries
   * flags ({@link Info#holdsSpikes}), RUN's keyed flag ({@link #RUN_KEYED}), a step starts only
   * with room in the spike FIFO.
   */
  public static final int VERSION = 2;
  /**
   * RUN's steps bit 31: keyed run, each step starts only once its keys and end-of-step marker are
   * in the input FIFO (the host streams them while the board runs); without it a step whose keys
   * are not there runs without keys, as in version 1.
   */
  public static final long RUN_KEYED = 0x8000_0000L;
  /** Most steps of one RUN (31 bits; bit 31 is {@link #RUN_KEYED}). */
  public static final long MAX_RUN_STEPS = RUN_KEYED - 1;
  /** Longest payload of one frame. */
  public static final int MAX_PAYLOAD = 0xFFFF;
  /** The SPIKES entry that ends the keys of one timestep. */
  public static final int END_OF_STEP = 0xFFFF;
  /** Widest spike key the protocol carries (16-bit entries, 0xFFFF reserved). */
  public static final int MAX_KEY_BITS = 15;
  /** Payload bytes of the STATUS reply. */
  public static final int STATUS_BYTES = 30;
  /** Payload bytes of the INFO reply. */
  public static final int INFO_BYTES = 8;
  /** WRITE header bytes before the data: core, target, beats per word, start address. */
  public static final int WRITE_HEADER_BYTES = 7;

  private BridgeProtocol() {}

  /** Command bytes. */
  public enum Command {
    INFO(0x01), WRITE(0x02), SPIKES(0x03), RUN(0x04), READ_SPIKES(0x05), STATUS(0x06),
    RESET(0x07), READ(0x08);

    public final int code;

    Command(int code) {
      this.code = code;
    }

    /** The command with byte {@code code}. */
    public static Command of(int code) {
      for (Command c : values()) {
        if (c.code == code) {
          return c;
        }
      }
      throw new IllegalArgumentException("unknown bridge command 0x" + Integer.toHexString(code));
    }
  }

  /** Reply status bytes. */
  public enum Status {
    OK, CHECKSUM, UNKNOWN_COMMAND, LENGTH, BUSY, FULL, UNSUPPORTED;

    /** The status of byte {@code code}. */
    public static Status of(int code) {
      if (code < 0 || code >= values().length) {
        throw new IllegalArgumentException("unknown bridge status " + code);
      }
      return values()[code];
    }
  }

  /** A complete frame of {@code command} with {@code payload}. */
  public static byte[] frame(Command command, byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("bridge payload of " + payload.length + " bytes exceeds "
          + MAX_PAYLOAD);
    }
    byte[] f = new byte[payload.length + 5];
    f[0] = (byte) SYNC;
    f[1] = (byte) command.code;
    f[2] = (byte) (payload.length >>> 8);
    f[3] = (byte) payload.length;
    System.arraycopy(payload, 0, f, 4, payload.length);
    f[f.length - 1] = (byte) checksum(f, 1, f.length - 1);
    return f;
  }

  /** The byte that makes the 8-bit sum of {@code bytes[from, to)} and itself zero. */
  public static int checksum(byte[] bytes, int from, int to) {
    int sum = 0;
    for (int i = from; i < to; i++) {
      sum += bytes[i] & 0xFF;
    }
    return (-sum) & 0xFF;
  }

  public static byte[] info() {
    return frame(Command.INFO, new byte[0]);
  }

  public static byte[] status() {
    return frame(Command.STATUS, new byte[0]);
  }

  public static byte[] reset() {
    return frame(Command.RESET, new byte[0]);
  }

  /**
   * One WRITE frame: {@code words} to consecutive addresses from {@code address} of load target
   * {@code target} of core {@code core}, each sent as {@code beats} 32-bit beats, most significant
   * first.
   */
  public static byte[] write(int core, int target, int beats, long address,
      List<BigInteger> words) {
    if (beats < 1 || beats > 255 || core < 0 || core > 255 || target < 0 || target > 7) {
      throw new IllegalArgumentException("bad WRITE: core " + core + ", target " + target
          + ", beats " + beats);
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a WRITE frame needs at least one word");
    }
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(core);
    p.write(target);
    p.write(beats);
    putInt(p, address);
    for (BigInteger w : words) {
      if (w.signum() < 0 || w.bitLength() > 32 * beats) {
        throw new IllegalArgumentException("word " + w.toString(16) + " does not fit " + beats
            + " beats");
      }
      byte[] b = w.toByteArray();
      byte[] fixed = new byte[4 * beats];
      int n = Math.min(b.length, fixed.length);
      System.arraycopy(b, b.length - n, fixed, fixed.length - n, n);
      p.writeBytes(fixed);
    }
    return frame(Command.WRITE, p.toByteArray());
  }

  /** Words of one WRITE frame at most, for words of {@code beats} beats. */
  public static int maxWordsPerWrite(int beats) {
    return (MAX_PAYLOAD - WRITE_HEADER_BYTES) / (4 * beats);
  }

  /** Beats per word of a memory {@code widthBits} wide. */
  public static int beats(int widthBits) {
    return (widthBits + 31) / 32;
  }

  /**
   * One SPIKES frame: the keys of consecutive timesteps, each step's keys followed by the
   * end-of-step marker.
   */
  public static byte[] spikes(List<int[]> keysPerStep) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    for (int[] keys : keysPerStep) {
      for (int k : keys) {
        if (k < 0 || k >= 1 << MAX_KEY_BITS) {
          throw new IllegalArgumentException("spike key " + k + " does not fit "
              + MAX_KEY_BITS + " bits");
        }
        p.write(k >>> 8);
        p.write(k);
      }
      p.write(END_OF_STEP >>> 8);
      p.write(END_OF_STEP & 0xFF);
    }
    return frame(Command.SPIKES, p.toByteArray());
  }

  /** RUN: {@code steps} timesteps (0 stops a run), one every {@code periodCycles} (0 = at once). */
  public static byte[] run(long steps, long periodCycles) {
    return run(steps, periodCycles, false);
  }

  /**
   * RUN of {@code steps} timesteps (0 stops a run), one every {@code periodCycles} (0 = at once);
   * {@code keyed}: each step waits for its keys ({@link #RUN_KEYED}).
   */
  public static byte[] run(long steps, long periodCycles, boolean keyed) {
    if (steps < 0 || steps > MAX_RUN_STEPS) {
      throw new IllegalArgumentException("RUN of " + steps + " steps (at most "
          + MAX_RUN_STEPS + ")");
    }
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    putInt(p, keyed ? steps | RUN_KEYED : steps);
    putInt(p, periodCycles);
    return frame(Command.RUN, p.toByteArray());
  }

  /**
   * The RUN period for real-time steps: clock cycles per timestep of {@code dtMs} at
   * {@code clockHz} (12,000 for 1 ms at 12 MHz).
   */
  public static long periodCycles(double dtMs, long clockHz) {
    long cycles = Math.round(clockHz * dtMs / 1000.0);
    if (cycles < 1 || cycles > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("a " + dtMs + " ms step is " + cycles
          + " cycles at " + clockHz + " Hz");
    }
    return cycles;
  }

  /** READ_SPIKES: up to {@code max} spikes from the output FIFO. */
  public static byte[] readSpikes(int max) {
    if (max < 0 || max > 0xFFFF) {
      throw new IllegalArgumentException("READ_SPIKES max " + max);
    }
    return frame(Command.READ_SPIKES, new byte[] {(byte) (max >>> 8), (byte) max});
  }

  /** READ: one word of load target {@code target} of core {@code core} (synapses only today). */
  public static byte[] read(int core, int target, long address) {
    if (core < 0 || core > 255 || target < 0 || target > 7) {
      throw new IllegalArgumentException("bad READ: core " + core + ", target " + target);
    }
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(core);
    p.write(target);
    putInt(p, address);
    return frame(Command.READ, p.toByteArray());
  }

  /** The word of a READ reply (8 bytes, zero-extended). */
  public static BigInteger wordOf(Reply r) {
    byte[] p = r.payload();
    if (p.length != 8) {
      throw new BridgeException("READ reply of " + p.length + " bytes");
    }
    return new BigInteger(1, p);
  }

  private static void putInt(ByteArrayOutputStream p, long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(v + " does not fit 32 bits");
    }
    p.write((int) (v >>> 24));
    p.write((int) (v >>> 16));
    p.write((int) (v >>> 8));
    p.write((int) v);
  }

  /** A decoded reply frame; {@code code} echoes the command byte of the frame it answers. */
  public record Reply(int code, Status status, byte[] payload) {
    public Reply {
      payload = payload.clone();
    }

    /** The command answered; throws for a byte that is no command (answered UNKNOWN_COMMAND). */
    public Command command() {
      return Command.of(code);
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    /** The payload's 32-bit big-endian number at {@code offset}. */
    public long u32(int offset) {
      return ((payload[offset] & 0xFFL) << 24) | ((payload[offset + 1] & 0xFFL) << 16)
          | ((payload[offset + 2] & 0xFFL) << 8) | (payload[offset + 3] & 0xFFL);
    }

    /** The payload's 16-bit big-endian number at {@code offset}. */
    public int u16(int offset) {
      return ((payload[offset] & 0xFF) << 8) | (payload[offset + 1] & 0xFF);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reply r && r.code == code && r.status == status
          && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
      return code * 31 + status.hashCode() + Arrays.hashCode(payload);
    }
  }

  /** Length of the reply whose first five bytes are {@code header}; checks the sync byte. */
  public static int replyLength(byte[] header) {
    if (header.length < 5 || (header[0] & 0xFF) != REPLY_SYNC) {
      throw new BridgeException("bad reply header " + hex(header));
    }
    return 5 + (((header[3] & 0xFF) << 8) | (header[4] & 0xFF)) + 1;
  }

  /** Decodes one complete reply frame, checking sync, length and checksum. */
  public static Reply decode(byte[] frame) {
    if (frame.length < 6 || replyLength(frame) != frame.length) {
      throw new BridgeException("bad reply frame " + hex(frame));
    }
    int sum = 0;
    for (int i = 1; i < frame.length; i++) {
      sum += frame[i] & 0xFF;
    }
    if ((sum & 0xFF) != 0) {
      throw new BridgeException("reply checksum wrong: " + hex(frame));
    }
    return new Reply(frame[1] & 0xFF, Status.of(frame[2] & 0xFF),
        Arrays.copyOfRange(frame, 5, frame.length - 1));
  }

  /** The frames of a byte stream of complete host frames (such as a load image). */
  public static List<byte[]> splitFrames(byte[] stream) {
    List<byte[]> frames = new ArrayList<>();
    int at = 0;
    while (at < stream.length) {
      if ((stream[at] & 0xFF) != SYNC || at + 5 > stream.length) {
        throw new BridgeException("no frame at byte " + at);
      }
      int len = 5 + (((stream[at + 2] & 0xFF) << 8) | (stream[at + 3] & 0xFF));
      if (at + len > stream.length) {
        throw new BridgeException("frame at byte " + at + " is cut off");
      }
      byte[] f = Arrays.copyOfRange(stream, at, at + len);
      if (checksum(f, 1, f.length) != 0) {
        throw new BridgeException("frame at byte " + at + " has a wrong checksum");
      }
      frames.add(f);
      at += len;
    }
    return frames;
  }

  static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, 64); i++) {
      s.append(String.format("%02x", b[i] & 0xFF));
    }
    return b.length > 64 ? s + "…" : s.toString();
  }

  /**
   * The INFO reply: the bridge's widths and, from version 2, its flags (bit 0: the system holds
   * its spikes back while the spike FIFO is nearly full, so none is ever dropped).
   */
  public record Info(int version, int coreBits, int keyBits, int outBits, int addressBits,
      int inFifoBits, int outFifoBits, int flags) {
    static Info of(Reply r) {
      byte[] p = r.payload();
      if (p.length != INFO_BYTES) {
        throw new BridgeException("INFO reply of " + p.length + " bytes");
      }
      return new Info(p[0] & 0xFF, p[1] & 0xFF, p[2] & 0xFF, p[3] & 0xFF, p[4] & 0xFF,
          p[5] & 0xFF, p[6] & 0xFF, p[7] & 0xFF);
    }

    /** The system stops making spikes while the spike FIFO is nearly full (none dropped). */
    public boolean holdsSpikes() {
      return (flags & 1) != 0;
    }
  }

  /**
   * The STATUS reply: counters since the last reset and flags.
   *
   * @param stepCount timesteps the system completed
   * @param cycles clock cycles since reset (wraps at 2^32)
   * @param busyCycles cycles the system was busy
   * @param maxStepCycles longest step, step_start to step_done
   * @param stepsLeft steps the current run still has to do
   * @param dropped output spikes lost because the spike FIFO was full
   * @param outPending spikes waiting in the output FIFO
   * @param inPending committed input entries not yet consumed
   * @param flags bit 0 running, 1 overrun, 2 late, 3 spikes dropped, 4 busy, 5 receive
   *     overflow, 6 framing error
   */
  public record BoardStatus(long stepCount, long cycles, long busyCycles, long maxStepCycles,
      long stepsLeft, long dropped, int outPending, int inPending, int flags) {
    static BoardStatus of(Reply r) {
      if (r.payload().length != STATUS_BYTES) {
        throw new BridgeException("STATUS reply of " + r.payload().length + " bytes");
      }
      return new BoardStatus(r.u32(0), r.u32(4), r.u32(8), r.u32(12), r.u32(16), r.u32(20),
          r.u16(24), r.u16(26), r.payload()[28] & 0xFF);
    }

    public boolean running() {
      return (flags & 1) != 0;
    }

    public boolean overrun() {
      return (flags & 2) != 0;
    }

    public boolean late() {
      return (flags & 4) != 0;
    }

    public boolean busy() {
      return (flags & 16) != 0;
    }

    public boolean receiveErrors() {
      return (flags & 0x60) != 0;
    }
  }

  /** One output spike: the low 16 bits of its step and its key. */
  public record Spike(int stepLow, int key) {}

  /** The spikes of a READ_SPIKES reply, in FIFO order. */
  public static List<Spike> spikesOf(Reply r) {
    byte[] p = r.payload();
    if (p.length % 4 != 0) {
      throw new BridgeException("READ_SPIKES reply of " + p.length + " bytes");
    }
    List<Spike> s = new ArrayList<>();
    for (int i = 0; i < p.length; i += 4) {
      s.add(new Spike(r.u16(i), r.u16(i + 2)));
    }
    return s;
  }
}
