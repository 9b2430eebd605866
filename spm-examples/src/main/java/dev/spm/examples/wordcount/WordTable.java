package dev.spm.examples.wordcount;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * Counts the words of one byte buffer without making a String per occurrence: an open-addressing
 * hash table whose keys are ranges of the buffer itself (the first occurrence of each word), which
 * {@link #scan} lower-cases in place. Strings are made once per distinct word, by {@link #forEach}.
 * Not thread-safe: one per map task.
 */
final class WordTable {
  /* Overview: slots[] holds entry index + 1 (0 = empty), probed linearly from the mixed hash.
   * Entry i is the word buf[start[i], start[i] + len[i]) with hash[i] and count[i]. The buffer
   * must not change under the table after scan, except by scan itself lower-casing bytes it has
   * not yet used as a key. */
  private final byte[] buf;
  private int[] slots = new int[1 << 14];
  private int[] start = new int[1 << 13];
  private int[] len = new int[1 << 13];
  private int[] hash = new int[1 << 13];
  private long[] count = new long[1 << 13];
  private int size;

  /** A table over {@code buf}, which it will lower-case in place. */
  WordTable(byte[] buf) {
    this.buf = buf;
  }

  /** Counts every word of {@code buf[from, to)}, lower-casing it in place. */
  void scan(int from, int to) {
    byte[] b = buf;
    byte[] lower = Words.LOWER;
    int i = from;
    while (i < to) {
      while (i < to && lower[b[i] & 0xff] == 0) {
        i++;
      }
      if (i >= to) {
        break;
      }
      int wordStart = i;
      int h = 0;
      while (i < to) {
        byte c = lower[b[i] & 0xff];
        if (c == 0) {
          break;
        }
        b[i] = c;
        h = 31 * h + c;
        i++;
      }
      add(wordStart, i - wordStart, h);
    }
  }

  private void add(int wordStart, int wordLen, int h) {
    int mask = slots.length - 1;
    int idx = mix(h) & mask;
    while (true) {
      int e = slots[idx];
      if (e == 0) {
        insert(idx, wordStart, wordLen, h);
        return;
      }
      e--;
      if (hash[e] == h && len[e] == wordLen
          && Arrays.equals(buf, start[e], start[e] + wordLen, buf, wordStart, wordStart + wordLen)) {
        count[e]++;
        return;
      }
      idx = (idx + 1) & mask;
    }
  }

  private void insert(int idx, int wordStart, int wordLen, int h) {
    if (size == start.length) {
      int n = size * 2;
      start = Arrays.copyOf(start, n);
      len = Arrays.copyOf(len, n);
      hash = Arrays.copyOf(hash, n);
      count = Arrays.copyOf(count, n);
    }
    start[size] = wordStart;
    len[size] = wordLen;
    hash[size] = h;
    count[size] = 1;
    size++;
    slots[idx] = size;
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
  }

  private void rehash(int capacity) {
    int[] next = new int[capacity];
    int mask = capacity - 1;
    for (int e = 0; e < size; e++) {
      int idx = mix(hash[e]) & mask;
      while (next[idx] != 0) {
        idx = (idx + 1) & mask;
      }
      next[idx] = e + 1;
    }
    slots = next;
  }

  private static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** The number of distinct words counted. */
  int size() {
    return size;
  }

  /** Hands each distinct word, as a String, with its count (which fits an int: one buffer's worth). */
  void forEach(ObjIntConsumer<String> action) {
    for (int e = 0; e < size; e++) {
      action.accept(new String(buf, start[e], len[e], StandardCharsets.ISO_8859_1), (int) count[e]);
    }
  }
}
