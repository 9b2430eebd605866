package dev.spm.examples.sat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * A {@link ClauseExchange} for members that talk over a wire: clauses travel in packets, flat
 * int arrays of {@code [length, lbd, literal...]} records, so that a batch is one message.
 *
 * <p>The solver's thread does the sending: its exports are buffered, and at each import point
 * (each restart) the buffer, if not empty, goes to the {@code ship} callback as one packet. Any
 * other thread (a receiver) hands in the packets of the other members with {@link #offer}; the
 * solver imports them at its next restart. When more than {@code maxBufferedInts} would wait to
 * be shipped, further exports are dropped and counted, so that a slow or absent receiver costs
 * bounded memory.
 *
 * <p>The counters say what this member shipped: each clause once, and its weight as the packet's
 * ints × 4 ({@code 4 × (literals + 2)} per clause).
 */
public final class PackedExchange implements ClauseExchange {
  private final Consumer<int[]> ship;
  private final int maxBufferedInts;
  private final Queue<int[]> inbox = new ArrayDeque<>();
  private int[] out = new int[256];
  private int outSize;
  private long shippedClauses;
  private long shippedBytes;
  private long dropped;
  private int pending;

  /**
   * @param ship receives each packet of this member's exports, on the solver's thread; it should
   *     not block for long (an exception from it ends the solver's {@code solve})
   * @throws IllegalArgumentException when {@code maxBufferedInts} is below 3
   */
  public PackedExchange(Consumer<int[]> ship, int maxBufferedInts) {
    if (maxBufferedInts < 3) {
      throw new IllegalArgumentException("maxBufferedInts must be >= 3, but was " + maxBufferedInts);
    }
    this.ship = ship;
    this.maxBufferedInts = maxBufferedInts;
  }

  /** Hands in a packet another member shipped. Any thread; the array must not change afterwards. */
  public void offer(int[] packet) {
    synchronized (inbox) {
      inbox.add(packet);
    }
  }

  @Override
  public void export(int[] clause, int lbd) {
    int need = clause.length + 2;
    if (outSize + need > maxBufferedInts) {
      synchronized (this) {
        dropped++;
      }
      return;
    }
    if (outSize + need > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, outSize + need));
    }
    out[outSize++] = clause.length;
    out[outSize++] = lbd;
    System.arraycopy(clause, 0, out, outSize, clause.length);
    outSize += clause.length;
    pending++;
  }

  /**
   * Ships the buffered exports, then passes every clause offered since the last call to the sink.
   *
   * @throws IllegalArgumentException when an offered packet is malformed; the message says where
   */
  @Override
  public void importInto(Sink sink) {
    if (outSize > 0) {
      int[] packet = Arrays.copyOf(out, outSize);
      synchronized (this) {
        shippedClauses += pending;
        shippedBytes += 4L * outSize;
      }
      outSize = 0;
      pending = 0;
      ship.accept(packet);
    }
    while (true) {
      int[] packet;
      synchronized (inbox) {
        packet = inbox.poll();
      }
      if (packet == null) {
        return;
      }
      unpack(packet, sink);
    }
  }

  /**
   * Passes each clause of a packet to the sink.
   *
   * @throws IllegalArgumentException when a record's length runs past the packet's end or is
   *     negative, naming the offset
   */
  public static void unpack(int[] packet, Sink sink) {
    int i = 0;
    while (i < packet.length) {
      int length = packet[i];
      if (length < 0 || i + 2 + (long) length > packet.length) {
        throw new IllegalArgumentException("malformed clause packet: the record at offset " + i + " has length "
            + length + ", but the packet has " + packet.length + " ints");
      }
      sink.add(Arrays.copyOfRange(packet, i + 2, i + 2 + length), packet[i + 1]);
      i += 2 + length;
    }
  }

  /** Clauses shipped so far. Any thread. */
  public synchronized long shippedClauses() {
    return shippedClauses;
  }

  /** Their weight in bytes: 4 per int of the packets. Any thread. */
  public synchronized long shippedBytes() {
    return shippedBytes;
  }

  /** Exports dropped because the buffer was full. Any thread. */
  public synchronized long dropped() {
    return dropped;
  }
}
