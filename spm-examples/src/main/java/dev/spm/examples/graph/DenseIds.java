package dev.spm.examples.graph;

import java.util.Arrays;

/**
 * The nodes of an edge list and their dense indices: node ids sorted ascending are numbered
 * {@code 0, 1, …, N-1}. Only ids that appear in an edge are nodes.
 *
 * <p>Because the numbering is the sorted order of the ids, it is a function of the file's set of
 * ids alone: every gang member that reads the same file derives the same numbering, without
 * talking, and comparing dense indices is comparing ids (ties of rank break the same way on
 * either). Immutable and safe to share between threads once built.
 *
 * <p>Overview: when the ids span a range no larger than a few times the number of endpoints
 * (generated and most real files), a table indexed by {@code id - min} gives the index, and the
 * ids come out sorted from a scan of that table. Otherwise the distinct ids go into an
 * open-addressing hash table, are sorted, and the table is updated with their ranks.
 */
final class DenseIds {
  private final long[] ids;   // sorted, distinct
  private final long min;
  private final int[] table;  // index + 1 by id - min, 0 if absent; null when hashed
  private final LongIntTable hash; // null when tabled

  private DenseIds(long[] ids, long min, int[] table, LongIntTable hash) {
    this.ids = ids;
    this.min = min;
    this.table = table;
    this.hash = hash;
  }

  /** The nodes of the first {@code size()} edges of {@code edges}. */
  static DenseIds of(EdgeList edges) {
    long[] s = edges.srcArray();
    long[] d = edges.dstArray();
    int n = edges.size();
    if (n == 0) {
      return new DenseIds(new long[0], 0, new int[0], null);
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, Math.min(s[i], d[i]));
      hi = Math.max(hi, Math.max(s[i], d[i]));
    }
    long span = hi - lo + 1; // may overflow to <= 0 for ids spanning the whole long range
    if (span > 0 && span <= 4L * n + 1024 && span <= GraphPart.MAX_ARRAY) {
      return tabled(s, d, n, lo, (int) span);
    }
    return hashed(s, d, n);
  }

  private static DenseIds tabled(long[] s, long[] d, int n, long lo, int span) {
    int[] table = new int[span];
    for (int i = 0; i < n; i++) {
      table[(int) (s[i] - lo)] = 1;
      table[(int) (d[i] - lo)] = 1;
    }
    int count = 0;
    for (int v : table) {
      count += v;
    }
    long[] ids = new long[count];
    int next = 0;
    for (int k = 0; k < span; k++) {
      if (table[k] != 0) {
        ids[next] = lo + k;
        table[k] = ++next;
      }
    }
    return new DenseIds(ids, lo, table, null);
  }

  private static DenseIds hashed(long[] s, long[] d, int n) {
    LongIntTable hash = new LongIntTable(1024);
    for (int i = 0; i < n; i++) {
      hash.putIfAbsent(s[i], 1);
      hash.putIfAbsent(d[i], 1);
    }
    long[] ids = hash.keys();
    Arrays.sort(ids);
    for (int k = 0; k < ids.length; k++) {
      hash.put(ids[k], k + 1);
    }
    return new DenseIds(ids, 0, null, hash);
  }

  /** The number of nodes. */
  int size() {
    return ids.length;
  }

  /** The id of the node with this dense index. */
  long id(int index) {
    return ids[index];
  }

  /** The dense index of a node id, or -1 if no edge names it. */
  int indexOf(long id) {
    if (table != null) {
      long k = id - min;
      return k >= 0 && k < table.length ? table[(int) k] - 1 : -1;
    }
    return hash.get(id) - 1;
  }

  /** The dense indices of {@code ids[0, n)}, each of which must be a node. */
  int[] indicesOf(long[] ids, int n) {
    int[] out = new int[n];
    if (table != null) {
      int[] t = table;
      long m = min;
      for (int i = 0; i < n; i++) {
        out[i] = t[(int) (ids[i] - m)] - 1;
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = hash.get(ids[i]) - 1;
      }
    }
    return out;
  }

  /**
   * A map from long keys to positive ints by open addressing with linear probing; 0 means absent.
   * Grows at half full.
   */
  private static final class LongIntTable {
    private long[] keys;
    private int[] values;
    private int size;

    LongIntTable(int capacity) {
      keys = new long[Integer.highestOneBit(Math.max(16, capacity) - 1) << 1];
      values = new int[keys.length];
    }

    private static int spread(long key) {
      long h = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL; // MurmurHash3's finalizer, first half
      return (int) (h ^ (h >>> 33));
    }

    private int slot(long key) {
      int mask = keys.length - 1;
      int i = spread(key) & mask;
      while (values[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    int get(long key) {
      return values[slot(key)];
    }

    void putIfAbsent(long key, int value) {
      int i = slot(key);
      if (values[i] == 0) {
        keys[i] = key;
        values[i] = value;
        if (++size > keys.length / 2) {
          grow();
        }
      }
    }

    void put(long key, int value) {
      int i = slot(key);
      if (values[i] == 0) {
        throw new IllegalStateException("no key " + key); // callers only update present keys
      }
      values[i] = value;
    }

    long[] keys() {
      long[] out = new long[size];
      int n = 0;
      for (int i = 0; i < keys.length; i++) {
        if (values[i] != 0) {
          out[n++] = keys[i];
        }
      }
      return out;
    }

    private void grow() {
      if (keys.length >= 1 << 30) {
        throw new IllegalStateException("more than 2^29 distinct node ids");
      }
      long[] oldKeys = keys;
      int[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new int[keys.length];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldValues[i] != 0) {
          int j = slot(oldKeys[i]);
          keys[j] = oldKeys[i];
          values[j] = oldValues[i];
        }
      }
    }
  }
}
