package dev.spm.internal.mapreduce;

import dev.spm.internal.task.Values;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Encodes the maps that travel between map-reduce tasks: a map task's partitions, and a reduce
 * task's result. A map from {@code String} to {@code Long} (counts, the commonest shape by far)
 * gets a compact encoding of its own, read straight into the map it is folded into; any other map
 * goes through {@link Values}, which takes any value.
 *
 * <p>Why not always {@link Values}: measured on {@code spm demo wordcount} (200 MB, two spokes),
 * each cold spoke spent about 300 ms of compiler time on the general serializer's map code, and
 * the reduce decoded every partition into a map only to merge it into another.
 */
final class PartitionCodec {
  private PartitionCodec() {}

  private static final byte GENERAL = 0;
  private static final byte STRING_TO_LONG = 1;

  /** Encodes {@code map}, which may be empty but not null. */
  static byte[] encode(Map<?, ?> map) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof Long) || !wellFormed(key)) {
        return general(map);
      }
    }
    Out out = new Out(16 + map.size() * 12);
    out.writeByte(STRING_TO_LONG);
    out.writeVarLong(map.size());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      byte[] key = ((String) e.getKey()).getBytes(StandardCharsets.UTF_8);
      out.writeVarLong(key.length);
      out.write(key);
      out.writeVarLong(zigZag((Long) e.getValue()));
    }
    return out.toArray();
  }

  /**
   * Whether {@code s} has no unpaired surrogate: UTF-8 cannot carry one (the encoder writes '?'),
   * and two keys that differ only there would become one.
   */
  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] general(Map<?, ?> map) {
    byte[] encoded = Values.encode(map);
    byte[] out = new byte[encoded.length + 1];
    out[0] = GENERAL;
    System.arraycopy(encoded, 0, out, 1, encoded.length);
    return out;
  }

  /**
   * Hands each entry of an encoded map to {@code action}, in no particular order.
   *
   * @throws IllegalArgumentException if {@code bytes} is not in the compact form {@link #encode}
   *     makes (the general form fails as {@link Values#decode} does)
   */
  static void forEach(byte[] bytes, BiConsumer<Object, Object> action) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("an encoded partition is never empty");
    }
    if (bytes[0] == GENERAL) {
      Map<?, ?> map = (Map<?, ?>) Values.decode(Arrays.copyOfRange(bytes, 1, bytes.length));
      map.forEach(action);
      return;
    }
    if (bytes[0] != STRING_TO_LONG) {
      throw new IllegalArgumentException("not an encoded partition: its first byte is " + bytes[0]);
    }
    In in = new In(bytes, 1);
    long n = in.readVarLong();
    for (long i = 0; i < n; i++) {
      long len = in.readVarLong();
      if (len < 0 || len > bytes.length - in.at) {
        throw new IllegalArgumentException("an encoded partition ends inside a key");
      }
      String key = new String(bytes, in.at, (int) len, StandardCharsets.UTF_8);
      in.at += (int) len;
      action.accept(key, unZigZag(in.readVarLong()));
    }
    if (in.at != bytes.length) {
      throw new IllegalArgumentException("an encoded partition has " + (bytes.length - in.at) + " bytes after its end");
    }
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** A growing byte array; the JDK's streams synchronize and check more than this needs. */
  private static final class Out {
    private byte[] buf;
    private int size;

    Out(int capacity) {
      buf = new byte[capacity];
    }

    private void room(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    void writeByte(int b) {
      room(1);
      buf[size++] = (byte) b;
    }

    void write(byte[] b) {
      room(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    void writeVarLong(long v) {
      room(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, size);
    }
  }

  private static final class In {
    private final byte[] buf;
    int at;

    In(byte[] buf, int at) {
      this.buf = buf;
      this.at = at;
    }

    long readVarLong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at >= buf.length) {
          throw new IllegalArgumentException("an encoded partition ends inside a number");
        }
        byte b = buf[at++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("an encoded partition has a number longer than 10 bytes");
    }
  }
}
