package snnc.hdl.bridge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import snnc.hdl.bridge.BridgeProtocol.BoardStatus;
import snnc.hdl.bridge.BridgeProtocol.Info;
import snnc.hdl.bridge.BridgeProtocol.Reply;
import snnc.hdl.bridge.BridgeProtocol.Spike;
import snnc.hdl.bridge.BridgeProtocol.Status;

/**
 * Drives a board through its UART bridge over a {@link ByteLink}: one frame, then its reply, and
 * every reply checked (sync, checksum, command echo, status OK) so a lost or damaged byte is an
 * error rather than a silent difference.
 */
public final class BridgeClient {

  private final ByteLink link;

  public BridgeClient(ByteLink link) {
    this.link = link;
  }

  /** Sends {@code frame} and returns its reply; throws unless the status is OK. */
  public Reply request(byte[] frame) throws IOException {
    Reply r = exchange(frame);
    if (r.status() != Status.OK) {
      throw new BridgeException(String.format("command 0x%02x refused: %s", r.code(),
          r.status()));
    }
    return r;
  }

  /** Sends {@code frame} and returns its reply, whatever its status. */
  public Reply exchange(byte[] frame) throws IOException {
    link.send(frame);
    byte[] head = link.receive(5);
    int total = BridgeProtocol.replyLength(head);
    byte[] rest = link.receive(total - 5);
    byte[] all = new byte[total];
    System.arraycopy(head, 0, all, 0, 5);
    System.arraycopy(rest, 0, all, 5, rest.length);
    Reply r = BridgeProtocol.decode(all);
    if (r.code() != (frame[1] & 0xFF)) {
      throw new BridgeException(String.format("reply to command 0x%02x for a 0x%02x frame",
          r.code(), frame[1] & 0xFF));
    }
    return r;
  }

  public Info info() throws IOException {
    return Info.of(request(BridgeProtocol.info()));
  }

  public BoardStatus status() throws IOException {
    return BoardStatus.of(request(BridgeProtocol.status()));
  }

  /** Resets the system and the bridge's FIFOs and counters (memories keep their contents). */
  public void reset() throws IOException {
    request(BridgeProtocol.reset());
  }

  /** Polls STATUS until the system is idle (after a reset: the delay-ring clear). */
  public BoardStatus awaitIdle(int maxPolls) throws IOException {
    for (int i = 0; i < maxPolls; i++) {
      BoardStatus s = status();
      if (!s.busy() && !s.running()) {
        return s;
      }
    }
    throw new BridgeException("the board is still busy after " + maxPolls + " status polls");
  }

  /** Sends every frame of {@code image}, checking that each wrote all its words. */
  public void load(LoadImage image) throws IOException {
    for (byte[] f : image.frames()) {
      Reply r = request(f);
      int beats = f[6] & 0xFF;
      int words = (f.length - 5 - BridgeProtocol.WRITE_HEADER_BYTES) / (4 * beats);
      if (r.u16(0) != words) {
        throw new BridgeException("WRITE wrote " + r.u16(0) + " of " + words + " words");
      }
    }
  }

  /** Queues the keys of the next steps; returns the free input-FIFO entries left. */
  public int queueSpikes(List<int[]> keysPerStep) throws IOException {
    return request(BridgeProtocol.spikes(keysPerStep)).u16(0);
  }

  /** Starts {@code steps} timesteps, one every {@code periodCycles} clock cycles (0: at once). */
  public void run(long steps, long periodCycles) throws IOException {
    run(steps, periodCycles, false);
  }

  /**
   * Starts {@code steps} timesteps, one every {@code periodCycles} clock cycles (0: at once);
   * {@code keyed}: each step waits until its keys are queued.
   */
  public void run(long steps, long periodCycles, boolean keyed) throws IOException {
    request(BridgeProtocol.run(steps, periodCycles, keyed));
  }

  /** Reads one word back from the board (load target 3, the synapse table, today). */
  public java.math.BigInteger readWord(int core, int target, long address) throws IOException {
    return BridgeProtocol.wordOf(request(BridgeProtocol.read(core, target, address)));
  }

  /** Reads every spike in the output FIFO. */
  public List<Spike> drainSpikes() throws IOException {
    List<Spike> all = new ArrayList<>();
    while (true) {
      List<Spike> s = BridgeProtocol.spikesOf(request(BridgeProtocol.readSpikes(1024)));
      all.addAll(s);
      if (s.size() < 1024) {
        return all;
      }
    }
  }

  /** The full step number of a spike whose low 16 bits are {@code stepLow}, from {@code base}. */
  public static long unwrapStep(long base, int stepLow) {
    return base + ((stepLow - base) & 0xFFFF);
  }
}
