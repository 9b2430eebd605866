package dev.spm.examples.graph;

/**
 * Splits dense node indices {@code [0, N)} into {@code P} contiguous ranges of about equal work.
 *
 * <p>A node's work is its number of out-edge lines plus one (duplicates included, since they are
 * only removed after the split): PageRank's pass over a member's nodes costs one step per edge and
 * one per node. Member {@code r} owns {@code [bounds[r], bounds[r+1])}, where {@code bounds[r]} is
 * the first node at which the work before it reaches {@code r/P} of the total. A range may be empty
 * (more members than nodes, or a node with most of the edges). Deterministic: the same counts give
 * the same bounds on every member.
 */
final class Partitioning {
  /** The most members a graph may be split over. */
  static final int MAX_MEMBERS = 1 << 16;

  private Partitioning() {}

  /**
   * The {@code parts + 1} bounds, from 0 to {@code outCounts.length}.
   *
   * @throws IllegalArgumentException if parts is not in {@code [1, MAX_MEMBERS]}
   */
  static int[] balanced(int[] outCounts, int parts) {
    checkMembers(parts);
    int n = outCounts.length;
    long total = n;
    for (int c : outCounts) {
      total += c;
    }
    int[] bounds = new int[parts + 1];
    bounds[parts] = n;
    int r = 1;
    long before = 0; // the work of nodes [0, v)
    for (int v = 0; v < n && r < parts; v++) {
      while (r < parts && before * parts >= r * total) {
        bounds[r++] = v;
      }
      before += outCounts[v] + 1L;
    }
    while (r < parts) {
      bounds[r++] = n;
    }
    return bounds;
  }

  static void checkMembers(int parts) {
    if (parts < 1 || parts > MAX_MEMBERS) {
      throw new IllegalArgumentException("the number of members must be in [1, " + MAX_MEMBERS + "], but was " + parts);
    }
  }

  /** The member whose range holds dense index {@code v}: the last r with {@code bounds[r] <= v}. */
  static int owner(int[] bounds, int v) {
    int lo = 0;
    int hi = bounds.length - 2; // the last member
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (bounds[mid] <= v) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
