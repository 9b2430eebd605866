package dev.spm.examples.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The edges of a file as read, in file order, duplicates and self-loops included: the raw input
 * of {@link DenseIds} and {@link GraphPart}. Not thread-safe to build; immutable once read.
 *
 * <p>The file holds one edge {@code src dst} per line: two integer node ids (64-bit signed, an
 * optional {@code -} sign) separated by spaces or tabs. Blank lines, lines that start with
 * {@code #} and anything after a {@code #} are ignored; a {@code \r} before the line end is
 * allowed. See {@link EdgeListParser}.
 */
public final class EdgeList {
  private final long[] src;
  private final long[] dst;
  private final int size;

  EdgeList(long[] src, long[] dst, int size) {
    this.src = src;
    this.dst = dst;
    this.size = size;
  }

  /**
   * Reads a whole edge-list file.
   *
   * @throws IOException if the file cannot be read
   * @throws EdgeListException at the first line that is not an edge, blank or a comment
   */
  public static EdgeList read(Path file) throws IOException {
    return EdgeListParser.read(file);
  }

  /** The edges given as {@code src0, dst0, src1, dst1, …}, for tests and small graphs. */
  public static EdgeList of(long... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("edges come in pairs, but " + pairs.length + " ids were given");
    }
    int n = pairs.length / 2;
    long[] s = new long[n];
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      s[i] = pairs[2 * i];
      d[i] = pairs[2 * i + 1];
    }
    return new EdgeList(s, d, n);
  }

  /** The number of edge lines read, duplicates included. */
  public int size() {
    return size;
  }

  public long src(int edge) {
    return src[edge];
  }

  public long dst(int edge) {
    return dst[edge];
  }

  /** The backing arrays, valid up to {@link #size()}; callers must not modify them. */
  long[] srcArray() {
    return src;
  }

  long[] dstArray() {
    return dst;
  }

  @Override
  public String toString() {
    int shown = Math.min(size, 4);
    StringBuilder b = new StringBuilder("EdgeList[").append(size).append(" edges");
    for (int i = 0; i < shown; i++) {
      b.append(i == 0 ? ": " : ", ").append(src[i]).append("->").append(dst[i]);
    }
    return b.append(size > shown ? ", …]" : "]").toString();
  }

  /** A growable pair of id arrays, for the parser. */
  static final class Builder {
    private long[] src;
    private long[] dst;
    private int size;

    Builder(int capacity) {
      src = new long[Math.max(16, capacity)];
      dst = new long[src.length];
    }

    /** Adds an edge; false if the arrays cannot grow any more. */
    boolean add(long s, long d) {
      if (size == src.length) {
        int grown = (int) Math.min(GraphPart.MAX_ARRAY, src.length + (src.length >> 1) + 16L);
        if (grown == size) {
          return false;
        }
        src = Arrays.copyOf(src, grown);
        dst = Arrays.copyOf(dst, grown);
      }
      src[size] = s;
      dst[size] = d;
      size++;
      return true;
    }

    EdgeList build() {
      return new EdgeList(src, dst, size);
    }
  }
}
