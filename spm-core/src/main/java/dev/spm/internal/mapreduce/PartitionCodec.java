package dev.spm.internal.mapreduce;

import dev.spm.internal.task.Values;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;

/**
 * Encodes the maps that travel between map-reduce tasks: a map task's partitions, and a reduce
 * task's result. A map from {@code String} to {@code Long} (counts, the commonest shape by far)
 * gets a compact encoding of its own, which a reduce folds on its bytes ({@link #foldCompact}) and
 * the hub reads straight into the result; any other map goes through {@link Values}, which takes
 * any value.
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
    Out out = new Out(16 + map.size() * 12);
    out.writeByte(STRING_TO_LONG);
    out.writeVarLong(map.size());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!writeCompact(out, e.getKey(), e.getValue())) {
        return general(map);
      }
    }
    return out.toArray();
  }

  /**
   * Writes one entry in the compact form, if it has that shape. A method of its own so that a
   * cold JVM compiles it after a few hundred entries (a loop is compiled only after tens of
   * thousands of turns: a cold spoke encoded its first partitions interpreted).
   */
  private static boolean writeCompact(Out out, Object k, Object v) {
    if (!(k instanceof String key) || !(v instanceof Long value) || !wellFormed(key)) {
      return false;
    }
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    out.writeVarLong(bytes.length);
    out.write(bytes);
    out.writeVarLong(zigZag(value));
    return true;
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
    for (long i = 0, n = in.readVarLong(); i < n; i++) {
      int len = in.readKeyLength();
      String key = new String(bytes, in.at, len, StandardCharsets.UTF_8);
      in.at += len;
      action.accept(key, unZigZag(in.readVarLong()));
    }
    in.expectEnd();
  }

  /**
   * Folds encoded maps that are all in the compact form ({@code String} to {@code Long}) with
   * {@code reducer}, on their bytes: a key is compared and hashed as its UTF-8 bytes, never made a
   * String (the compact form holds only well-formed text, whose UTF-8 is one-to-one). Returns the
   * result in the compact form, or null when a part is in the general form or the reducer returned
   * something other than a {@code Long}: the caller then folds them as maps.
   *
   * @throws IllegalArgumentException if a part is damaged, as {@link #forEach} says
   */
  static byte[] foldCompact(List<byte[]> parts, BinaryOperator<Object> reducer) {
    for (byte[] part : parts) {
      if (part.length == 0 || part[0] != STRING_TO_LONG) {
        return null;
      }
    }
    ByteKeyTable table = new ByteKeyTable();
    for (byte[] part : parts) {
      In in = new In(part, 1);
      for (long i = 0, n = in.readVarLong(); i < n; i++) {
        int len = in.readKeyLength();
        int at = in.at;
        in.at += len;
        if (!table.merge(part, at, len, unZigZag(in.readVarLong()), reducer)) {
          return null;
        }
      }
      in.expectEnd();
    }
    return table.encode();
  }

  /**
   * Keys that are byte ranges of the parts themselves, with a long each: open addressing, linear
   * probing, doubled at half full. Not thread-safe: one per fold.
   */
  private static final class ByteKeyTable {
    private byte[][] source = new byte[1 << 12][];
    private int[] offset = new int[1 << 12];
    private int[] length = new int[1 << 12];
    private int[] hash = new int[1 << 12];
    private long[] value = new long[1 << 12];
    private int size;
    private int keyBytes;

    /** Adds {@code v} under the key {@code b[at, at + len)}; false if the reducer gave a non-Long. */
    boolean merge(byte[] b, int at, int len, long v, BinaryOperator<Object> reducer) {
      int h = hashOf(b, at, len);
      int mask = source.length - 1;
      int s = h & mask;
      while (source[s] != null) {
        if (hash[s] == h && length[s] == len
            && Arrays.equals(source[s], offset[s], offset[s] + len, b, at, at + len)) {
          if (!(reducer.apply(value[s], v) instanceof Long merged)) {
            return false;
          }
          value[s] = merged;
          return true;
        }
        s = (s + 1) & mask;
      }
      source[s] = b;
      offset[s] = at;
      length[s] = len;
      hash[s] = h;
      value[s] = v;
      keyBytes += len;
      if (++size * 2 > source.length) {
        grow();
      }
      return true;
    }

    /** A polynomial hash of the bytes, then a finalizer (MurmurHash3's), so that keys alike spread. */
    private static int hashOf(byte[] b, int at, int len) {
      int h = len;
      for (int j = at, end = at + len; j < end; j++) {
        h = 31 * h + b[j];
      }
      h ^= h >>> 16;
      h *= 0x85EBCA6B;
      h ^= h >>> 13;
      h *= 0xC2B2AE35;
      return h ^ (h >>> 16);
    }

    private void grow() {
      byte[][] oldSource = source;
      int[] oldOffset = offset;
      int[] oldLength = length;
      int[] oldHash = hash;
      long[] oldValue = value;
      int capacity = oldSource.length * 2;
      int mask = capacity - 1;
      source = new byte[capacity][];
      offset = new int[capacity];
      length = new int[capacity];
      hash = new int[capacity];
      value = new long[capacity];
      for (int o = 0; o < oldSource.length; o++) {
        if (oldSource[o] == null) {
          continue;
        }
        int s = oldHash[o] & mask;
        while (source[s] != null) {
          s = (s + 1) & mask;
        }
        source[s] = oldSource[o];
        offset[s] = oldOffset[o];
        length[s] = oldLength[o];
        hash[s] = oldHash[o];
        value[s] = oldValue[o];
      }
    }

    byte[] encode() {
      Out out = new Out(16 + keyBytes + size * 12);
      out.writeByte(STRING_TO_LONG);
      out.writeVarLong(size);
      for (int s = 0; s < source.length; s++) {
        if (source[s] != null) {
          out.writeVarLong(length[s]);
          out.write(source[s], offset[s], length[s]);
          out.writeVarLong(zigZag(value[s]));
        }
      }
      return out.toArray();
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
      write(b, 0, b.length);
    }

    void write(byte[] b, int from, int n) {
      room(n);
      System.arraycopy(b, from, buf, size, n);
      size += n;
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

    /** The length of the next key, which must lie within the bytes. */
    int readKeyLength() {
      long len = readVarLong();
      if (len < 0 || len > buf.length - at) {
        throw new IllegalArgumentException("an encoded partition ends inside a key");
      }
      return (int) len;
    }

    /** Checks that the bytes end where the last entry did. */
    void expectEnd() {
      if (at != buf.length) {
        throw new IllegalArgumentException("an encoded partition has " + (buf.length - at) + " bytes after its end");
      }
    }
  }
}
