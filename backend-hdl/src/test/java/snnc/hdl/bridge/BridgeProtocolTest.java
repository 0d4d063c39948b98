package snnc.hdl.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.hdl.bridge.BridgeProtocol.Command;
import snnc.hdl.bridge.BridgeProtocol.Reply;
import snnc.hdl.bridge.BridgeProtocol.Status;

/** The host side of the bridge protocol: exact bytes of frames, reply checks, load images. */
class BridgeProtocolTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void framesHaveSyncCommandLengthPayloadAndAZeroSumChecksum() {
    assertArrayEquals(hex("a5 01 0000 ff"), BridgeProtocol.info());
    assertArrayEquals(hex("a5 06 0000 fa"), BridgeProtocol.status());
    // RUN 3 steps every 12,000 cycles: 04 + 08 + 03 + 2e + e0 = 0x11d, checksum 0xe3.
    assertArrayEquals(hex("a5 04 0008 00000003 00002ee0 e3"), BridgeProtocol.run(3, 12_000));
    // Keyed: steps bit 31 set (+0x80 in the sum: checksum 0x63); at most 2^31 - 1 steps.
    assertArrayEquals(hex("a5 04 0008 80000003 00002ee0 63"),
        BridgeProtocol.run(3, 12_000, true));
    assertThrows(IllegalArgumentException.class, () -> BridgeProtocol.run(1L << 31, 0));
    assertArrayEquals(hex("a5 05 0002 0400 f5"), BridgeProtocol.readSpikes(1024));
    assertEquals(12_000, BridgeProtocol.periodCycles(1.0, 12_000_000));
    assertEquals(1_200, BridgeProtocol.periodCycles(0.1, 12_000_000));
  }

  @Test
  void writeSendsBeatsMostSignificantFirst() {
    byte[] f = BridgeProtocol.write(0, 3, 2, 0x10,
        List.of(new BigInteger("123456789", 16), BigInteger.ONE));
    assertArrayEquals(hex("a5 02 0017 00 03 02 00000010 00000001 23456789 00000000 00000001"),
        Arrays.copyOf(f, f.length - 1));
    assertEquals(0, BridgeProtocol.checksum(f, 1, f.length));
    assertThrows(IllegalArgumentException.class, () -> BridgeProtocol.write(0, 3, 1, 0,
        List.of(BigInteger.ONE.shiftLeft(32))));
  }

  @Test
  void spikesEndEachStepWithTheMarkerAndRejectWideKeys() {
    byte[] f = BridgeProtocol.spikes(List.of(new int[] {5, 0x7fff}, new int[0]));
    assertArrayEquals(hex("a5 03 0008 0005 7fff ffff ffff"), Arrays.copyOf(f, f.length - 1));
    assertThrows(IllegalArgumentException.class,
        () -> BridgeProtocol.spikes(List.<int[]>of(new int[] {0x8000})));
  }

  @Test
  void repliesAreCheckedForSyncLengthAndChecksum() {
    byte[] ok = hex("5a 03 00 0002 01fe fc");
    assertEquals(0, BridgeProtocol.checksum(ok, 1, ok.length));
    Reply r = BridgeProtocol.decode(ok);
    assertEquals(Command.SPIKES, r.command());
    assertEquals(Status.OK, r.status());
    assertEquals(0x1fe, r.u16(0));
    byte[] bad = ok.clone();
    bad[5] ^= 0x10;
    assertThrows(BridgeException.class, () -> BridgeProtocol.decode(bad));
    byte[] badSync = ok.clone();
    badSync[0] = (byte) 0xa5;
    assertThrows(BridgeException.class, () -> BridgeProtocol.decode(badSync));
    assertThrows(BridgeException.class, () -> BridgeProtocol.decode(Arrays.copyOf(ok, 6)));
  }

  @Test
  void spikeStepsUnwrapFromTheirLow16Bits() {
    List<BridgeProtocol.Spike> s = BridgeProtocol.spikesOf(BridgeProtocol.decode(
        reply(Command.READ_SPIKES, Status.OK, hex("fffe 0003 0001 0007"))));
    assertEquals(List.of(new BridgeProtocol.Spike(0xfffe, 3), new BridgeProtocol.Spike(1, 7)), s);
    assertEquals(65_534, BridgeClient.unwrapStep(65_530, 0xfffe));
    assertEquals(65_537, BridgeClient.unwrapStep(65_530, 1));
  }

  @Test
  void loadImagesSplitIntoCheckedFramesAgain() {
    List<BigInteger> words = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      words.add(BigInteger.valueOf(i * 7919L));
    }
    byte[] big = BridgeProtocol.write(0, 3, 1, 0, words.subList(0, 16_382));
    byte[] small = BridgeProtocol.write(0, 3, 1, 16_382, words.subList(16_382, 20_000));
    byte[] stream = new byte[big.length + small.length];
    System.arraycopy(big, 0, stream, 0, big.length);
    System.arraycopy(small, 0, stream, big.length, small.length);
    LoadImage image = LoadImage.parse(stream);
    assertEquals(2, image.frames().size());
    assertEquals(20_000, image.words());
    assertArrayEquals(stream, image.bytes());
    assertEquals(16_382, BridgeProtocol.maxWordsPerWrite(1), "one frame holds at most 64 KiB");
    stream[100] ^= 1;
    assertThrows(BridgeException.class, () -> LoadImage.parse(stream));
  }

  @Test
  void clientRejectsRefusalsAndRepliesToOtherCommands() throws IOException {
    ScriptedLink link = new ScriptedLink();
    BridgeClient host = new BridgeClient(link);
    link.replies.add(reply(Command.RUN, Status.BUSY, new byte[0]));
    BridgeException busy = assertThrows(BridgeException.class, () -> host.run(5, 0));
    assertTrue(busy.getMessage().contains("BUSY") && busy.getMessage().contains("0x04"),
        busy.getMessage());
    assertArrayEquals(BridgeProtocol.run(5, 0), link.sent.get(0));
    link.replies.add(reply(Command.INFO, Status.OK, new byte[8]));
    assertThrows(BridgeException.class, () -> host.status());
    byte[] status = new byte[BridgeProtocol.STATUS_BYTES];
    status[3] = 42;
    status[28] = 0x13;
    link.replies.add(reply(Command.STATUS, Status.OK, status));
    BridgeProtocol.BoardStatus s = host.status();
    assertEquals(42, s.stepCount());
    assertTrue(s.running() && s.overrun() && s.busy() && !s.late());
  }

  /** A reply frame as the bridge builds it. */
  static byte[] reply(Command c, Status s, byte[] payload) {
    byte[] f = new byte[payload.length + 6];
    f[0] = (byte) BridgeProtocol.REPLY_SYNC;
    f[1] = (byte) c.code;
    f[2] = (byte) s.ordinal();
    f[3] = (byte) (payload.length >>> 8);
    f[4] = (byte) payload.length;
    System.arraycopy(payload, 0, f, 5, payload.length);
    f[f.length - 1] = (byte) BridgeProtocol.checksum(f, 1, f.length - 1);
    return f;
  }

  /** Records what the client sends and answers with prepared replies, byte by byte. */
  static final class ScriptedLink implements ByteLink {
    final List<byte[]> sent = new ArrayList<>();
    final Deque<byte[]> replies = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int at;

    @Override
    public void send(byte[] bytes) {
      sent.add(bytes.clone());
    }

    @Override
    public byte[] receive(int n) throws IOException {
      if (at == current.length) {
        if (replies.isEmpty()) {
          throw new IOException("no reply scripted");
        }
        current = replies.removeFirst();
        at = 0;
      }
      if (at + n > current.length) {
        throw new IOException("reply shorter than " + n + " bytes");
      }
      byte[] b = Arrays.copyOfRange(current, at, at + n);
      at += n;
      return b;
    }
  }
}
