package dev.spm.examples.wordcount;

import java.nio.charset.StandardCharsets;
import java.util.function.ObjIntConsumer;

/**
 * Counts the words of one byte buffer without making a String per occurrence: an open-addressing
 * hash table whose keys are ranges of the buffer itself (the first occurrence of each word).
 * Strings are made once per distinct word, by {@link #forEach}. It never changes the buffer. Not
 * thread-safe: one per map task.
 */
final class WordTable {
  /* Overview: slot s is empty when lens[s] == 0; otherwise it holds the word of length lens[s]
   * that first occurred at buf[starts[s]], seen counts[s] times. packed[s] is the word's last
   * (up to) eight bytes, lower-cased, one per byte of the long: for a word of at most 8 bytes it
   * is the whole word, so length and packed bytes decide equality without reading the buffer,
   * which is what most words need. Longer words compare the rest of their bytes, lower-cased, in
   * the buffer. The hash mixes packed and length, and for a longer word a hash of its other bytes
   * too (else words alike in their last eight bytes and length, such as numbered names, would all
   * probe one run of slots). Slots are probed linearly; the table doubles at half full.
   *
   * Written for a JIT that compiles it while it runs: scan hands blocks of about BLOCK bytes,
   * ending at word boundaries, to scanBlock, so that every branch of the hot loop is taken many
   * times in each chunk. One loop over a whole chunk was compiled mid-chunk (on-stack replacement)
   * with its end-of-buffer exits never yet taken; they trapped back to the interpreter at the
   * chunk's end, and the compile-trap-recompile rounds kept a cold spoke 3-4x slower for its first
   * five chunks.
   *
   * Measured against the table this replaced (keys were hash and length, words were compared with
   * Arrays.equals after being lower-cased in place, slots pointed into separate entry arrays):
   * 8 MiB chunks of English text, warm, 22-33 ms against 28-46 ms. */
  private static final int BLOCK = 4096;
  private static final int FIRST_CAPACITY = 1 << 15;
  private final byte[] buf;
  private long[] packed = new long[FIRST_CAPACITY];
  private int[] lens = new int[FIRST_CAPACITY];
  private int[] starts = new int[FIRST_CAPACITY];
  private int[] counts = new int[FIRST_CAPACITY];
  private int size;

  /** A table over {@code buf}, which must not change while the table is in use. */
  WordTable(byte[] buf) {
    this.buf = buf;
  }

  /** Counts every word of {@code buf[from, to)}; the range must start and end at word boundaries. */
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
      int c = lower[b[i] & 0xff] & 0xff;
      if (c == 0) {
        i++;
        continue;
      }
      int wordStart = i;
      long p = 0;
      do {
        p = p << 8 | c;
        i++;
      } while (i < limit && (c = lower[b[i] & 0xff] & 0xff) != 0);
      add(wordStart, i - wordStart, p);
    }
  }

  private void add(int wordStart, int len, long p) {
    int mask = lens.length - 1;
    int s = hash(wordStart, len, p) & mask;
    int m;
    while ((m = lens[s]) != 0) {
      if (m == len && packed[s] == p && (len <= 8 || sameHead(starts[s], wordStart, len - 8))) {
        counts[s]++;
        return;
      }
      s = (s + 1) & mask;
    }
    lens[s] = len;
    packed[s] = p;
    starts[s] = wordStart;
    counts[s] = 1;
    if (++size * 2 > lens.length) {
      grow();
    }
  }

  /** Whether the first {@code n} bytes at {@code a} and {@code b} are the same, lower-cased. */
  private boolean sameHead(int a, int b, int n) {
    byte[] x = buf;
    byte[] lower = Words.LOWER;
    for (int j = 0; j < n; j++) {
      if (lower[x[a + j] & 0xff] != lower[x[b + j] & 0xff]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    long[] oldPacked = packed;
    int[] oldLens = lens;
    int[] oldStarts = starts;
    int[] oldCounts = counts;
    int capacity = oldLens.length * 2;
    int mask = capacity - 1;
    packed = new long[capacity];
    lens = new int[capacity];
    starts = new int[capacity];
    counts = new int[capacity];
    for (int o = 0; o < oldLens.length; o++) {
      if (oldLens[o] == 0) {
        continue;
      }
      int s = hash(oldStarts[o], oldLens[o], oldPacked[o]) & mask;
      while (lens[s] != 0) {
        s = (s + 1) & mask;
      }
      lens[s] = oldLens[o];
      packed[s] = oldPacked[o];
      starts[s] = oldStarts[o];
      counts[s] = oldCounts[o];
    }
  }

  /** The hash of the word at {@code start}: of its packed last bytes and length, and of the rest. */
  private int hash(int start, int len, long p) {
    long x = p ^ len;
    if (len > 8) {
      byte[] b = buf;
      byte[] lower = Words.LOWER;
      long h = 0;
      for (int j = start, end = start + len - 8; j < end; j++) {
        h = 31 * h + lower[b[j] & 0xff];
      }
      x ^= h * 0xC2B2AE3D27D4EB4FL;
    }
    x *= 0x9E3779B97F4A7C15L;
    return (int) (x >>> 32) ^ (int) x;
  }

  /** The longest way, in slots, from a word's hashed slot to where it sits: a check of the hash, for tests. */
  int longestProbe() {
    int mask = lens.length - 1;
    int longest = 0;
    for (int s = 0; s < lens.length; s++) {
      if (lens[s] != 0) {
        longest = Math.max(longest, (s - hash(starts[s], lens[s], packed[s])) & mask);
      }
    }
    return longest;
  }

  /** The number of distinct words counted. */
  int size() {
    return size;
  }

  /** Hands each distinct word, lower-cased, with its count (which fits an int: one buffer's worth). */
  void forEach(ObjIntConsumer<String> action) {
    for (int s = 0; s < lens.length; s++) {
      if (lens[s] != 0) {
        action.accept(word(s), counts[s]);
      }
    }
  }

  /** The word in slot {@code s}, lower-cased: a method of its own, compiled after a few hundred words. */
  private String word(int s) {
    byte[] lower = Words.LOWER;
    int len = lens[s];
    byte[] word = new byte[len];
    for (int j = 0; j < len; j++) {
      word[j] = lower[buf[starts[s] + j] & 0xff];
    }
    return new String(word, StandardCharsets.ISO_8859_1);
  }
}
