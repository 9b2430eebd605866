package dev.spm.examples.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The part of a directed graph that one of {@code P} gang members owns: a contiguous range of
 * dense node indices ({@link DenseIds}), balanced by edges ({@link Partitioning}), and the
 * out-edges of those nodes, duplicates removed, in compressed sparse rows (CSR). With {@code P = 1}
 * it is the whole graph.
 *
 * <p>How a member loads its part: it reads the whole file, numbers every node the same way as
 * every other member does (ids sorted ascending), splits the indices into ranges the same way, and
 * keeps only the edges whose source it owns. Nothing is exchanged to load, and each member's
 * part is a function of the file alone, so any member can be relaunched and reload its part. The
 * cost is that every member parses the whole file (O(E) time, and O(E) transient memory); the part
 * kept is O(E/P + N) (the id table is kept whole, to name any node in the output).
 *
 * <p>Immutable and safe to share between threads once built.
 */
public final class GraphPart {
  /** The longest Java array this code makes. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final int rank;
  private final int[] bounds;
  private final DenseIds ids;
  private final int[] rowStart; // by local node, into col; length owned()+1
  private final int[] col;      // global dense targets, ascending and distinct within a row

  private GraphPart(int rank, int[] bounds, DenseIds ids, int[] rowStart, int[] col) {
    this.rank = rank;
    this.bounds = bounds;
    this.ids = ids;
    this.rowStart = rowStart;
    this.col = col;
  }

  /**
   * Reads {@code file} and keeps member {@code rank}'s part of {@code size}.
   *
   * @throws IOException if the file cannot be read
   * @throws EdgeListException if the file is not an edge list
   * @throws IllegalArgumentException if size is not in [1, 65536] or rank not in [0, size)
   */
  public static GraphPart load(Path file, int rank, int size) throws IOException {
    checkMember(rank, size);
    return of(EdgeList.read(file), rank, size);
  }

  /**
   * Member {@code rank}'s part of these edges, split over {@code size} members.
   *
   * @throws IllegalArgumentException if size is not in [1, 65536] or rank not in [0, size)
   */
  public static GraphPart of(EdgeList edges, int rank, int size) {
    checkMember(rank, size);
    DenseIds ids = DenseIds.of(edges);
    int e = edges.size();
    int[] src = ids.indicesOf(edges.srcArray(), e);
    int[] outCounts = new int[ids.size()];
    for (int i = 0; i < e; i++) {
      outCounts[src[i]]++;
    }
    int[] bounds = Partitioning.balanced(outCounts, size);
    int lo = bounds[rank];
    int hi = bounds[rank + 1];
    int[] rowStart = new int[hi - lo + 1];
    for (int v = lo; v < hi; v++) {
      rowStart[v - lo + 1] = rowStart[v - lo] + outCounts[v];
    }
    int[] fill = Arrays.copyOf(rowStart, hi - lo);
    int[] col = new int[rowStart[hi - lo]];
    long[] dst = edges.dstArray();
    for (int i = 0; i < e; i++) {
      int s = src[i];
      if (s >= lo && s < hi) {
        col[fill[s - lo]++] = ids.indexOf(dst[i]);
      }
    }
    int kept = dedupRows(rowStart, col);
    return new GraphPart(rank, bounds, ids, rowStart, kept == col.length ? col : Arrays.copyOf(col, kept));
  }

  /** Sorts each row and drops repeats, compacting in place; returns the number of entries kept. */
  private static int dedupRows(int[] rowStart, int[] col) {
    int out = 0;
    for (int u = 0; u + 1 < rowStart.length; u++) {
      int from = rowStart[u];
      int to = rowStart[u + 1];
      Arrays.sort(col, from, to);
      rowStart[u] = out;
      for (int k = from; k < to; k++) {
        if (k == from || col[k] != col[k - 1]) {
          col[out++] = col[k];
        }
      }
    }
    rowStart[rowStart.length - 1] = out;
    return out;
  }

  private static void checkMember(int rank, int size) {
    Partitioning.checkMembers(size);
    if (rank < 0 || rank >= size) {
      throw new IllegalArgumentException("the rank must be in [0, " + size + "), but was " + rank);
    }
  }

  /** This member's rank. */
  public int rank() {
    return rank;
  }

  /** The number of members the graph is split over. */
  public int members() {
    return bounds.length - 1;
  }

  /** N, the number of nodes of the whole graph. */
  public int nodes() {
    return ids.size();
  }

  /** The first dense index this member owns. */
  public int first() {
    return bounds[rank];
  }

  /** One past the last dense index this member owns. */
  public int end() {
    return bounds[rank + 1];
  }

  /** The number of nodes this member owns. */
  public int owned() {
    return end() - first();
  }

  /** The first dense index member {@code r} owns; {@code firstOf(members())} is N. */
  public int firstOf(int r) {
    return bounds[r];
  }

  /** The member that owns dense index {@code v}. */
  public int owner(int v) {
    return Partitioning.owner(bounds, v);
  }

  /** The node id of dense index {@code v} (any node, owned or not). */
  public long id(int v) {
    return ids.id(v);
  }

  /** The dense index of node id {@code id}, or -1 if it is not a node. */
  public int indexOf(long id) {
    return ids.indexOf(id);
  }

  /** The number of distinct out-edges of the owned nodes. */
  public int edges() {
    return col.length;
  }

  /** The distinct out-degree of owned node {@code local} (its dense index minus {@link #first()}). */
  public int outDegree(int local) {
    return rowStart[local + 1] - rowStart[local];
  }

  /** CSR offsets by local node into {@link #targets()}; the caller must not modify them. */
  int[] rowStart() {
    return rowStart;
  }

  /** The dense targets of the owned nodes' out-edges, row by row; the caller must not modify them. */
  int[] targets() {
    return col;
  }

  @Override
  public String toString() {
    return "GraphPart[member " + rank + " of " + members() + ", nodes [" + first() + ", " + end() + ") of "
        + nodes() + ", " + edges() + " edges]";
  }
}
