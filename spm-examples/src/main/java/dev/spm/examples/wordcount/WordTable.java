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
   * Entry i is the word buf[start[i], start[i] + len) where key[i] packs its hash (high half) and
   * length len (low half), with count[i]. The buffer must not change under the table after scan,
   * except by scan itself lower-casing bytes it has not yet used as a key.
   *
   * Written for a JIT that compiles it while it runs: scan hands blocks of about BLOCK bytes,
   * ending at word boundaries, to scanBlock, so that every branch of the hot loop is taken many
   * times in each chunk. One loop over a whole chunk was compiled mid-chunk (on-stack replacement)
   * with its end-of-buffer exits never yet taken; they trapped back to the interpreter at the
   * chunk's end, and the compile-trap-recompile rounds kept a cold spoke 3-4x slower for its first
   * five chunks. */
  private static final int BLOCK = 4096;
  private final byte[] buf;
  private int[] slots = new int[1 << 14];
  private int[] start = new int[1 << 13];
  private long[] key = new long[1 << 13];
  private int[] count = new int[1 << 13];
  private int size;

  /** A table over {@code buf}, which it will lower-case in place. */
  WordTable(byte[] buf) {
    this.buf = buf;
  }

  /** Counts every word of {@code buf[from, to)}, lower-casing it in place. */
  void scan(int from, int to) {
    byte[] b = buf;
    int i = from;
    while (i < to) {
      int limit = to - i > BLOCK ? i + BLOCK : to;
      while (limit < to && Words.isWordByte(b[limit])) {
        limit++; // a block ends where a word does
      }
      scanBlock(i, limit);
      i = limit;
    }
  }

  /** Counts the words of {@code buf[i, limit)}, where no word crosses {@code limit}. */
  private void scanBlock(int i, int limit) {
    byte[] b = buf;
    byte[] lower = Words.LOWER;
    while (i < limit) {
      byte c = lower[b[i] & 0xff];
      if (c == 0) {
        i++;
        continue;
      }
      int wordStart = i;
      int h = 0;
      do {
        b[i] = c;
        h = 31 * h + c;
        i++;
      } while (i < limit && (c = lower[b[i] & 0xff]) != 0);
      add(wordStart, i - wordStart, h);
    }
  }

  private void add(int wordStart, int wordLen, int h) {
    long k = (long) h << 32 | wordLen;
    int mask = slots.length - 1;
    int idx = mix(h) & mask;
    int e;
    while ((e = slots[idx]) != 0) {
      e--;
      if (key[e] == k && Arrays.equals(buf, start[e], start[e] + wordLen, buf, wordStart, wordStart + wordLen)) {
        count[e]++;
        return;
      }
      idx = (idx + 1) & mask;
    }
    insert(idx, wordStart, k);
  }

  private void insert(int idx, int wordStart, long k) {
    if (size == start.length) {
      int n = size * 2;
      start = Arrays.copyOf(start, n);
      key = Arrays.copyOf(key, n);
      count = Arrays.copyOf(count, n);
    }
    start[size] = wordStart;
    key[size] = k;
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
      int idx = mix((int) (key[e] >>> 32)) & mask;
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
      action.accept(new String(buf, start[e], (int) key[e], StandardCharsets.ISO_8859_1), count[e]);
    }
  }
}
