package dev.spm.examples.graph;

import java.util.Arrays;

/**
 * What one member's edges reach in other members' ranges, and what theirs reach in its own: the
 * plan of every per-iteration exchange, agreed once before the first iteration.
 *
 * <p>A <em>ghost</em> is a node owned by another member that one of this member's out-edges
 * targets. Each edge target has a <em>slot</em>: its local index ({@code v - first}) if owned, or
 * {@code owned + k} for the {@code k}-th ghost in ascending dense order, so that a kernel can
 * scatter into one array of {@code owned + ghosts} entries. Because ranges are contiguous, the
 * ghosts of member {@code q} are one run, {@code [ghostStart[q], ghostStart[q+1])}. {@code wanted[q]}
 * lists, ascending, the local indices of this member's nodes that are member {@code q}'s ghosts:
 * what {@code q} will send values for, in that order, and the order in which values for {@code q}'s
 * copies must be sent back.
 *
 * <p>Building it costs one message to and from every peer: the sorted ghost indices. A message that
 * names a node outside this member's range means the members loaded different graphs; that fails
 * with {@link ExchangeException}, as does a disagreement on the number of nodes.
 */
final class Boundary {
  final int owned;
  final int[] slot;       // by CSR position of the part
  final int[] ghosts;     // global dense indices, ascending
  final int[] ghostStart; // by member, size()+1 entries
  final int[][] wanted;   // by member; empty for this member

  private Boundary(int owned, int[] slot, int[] ghosts, int[] ghostStart, int[][] wanted) {
    this.owned = owned;
    this.slot = slot;
    this.ghosts = ghosts;
    this.ghostStart = ghostStart;
    this.wanted = wanted;
  }

  static Boundary build(GraphPart part, Exchange ex) {
    checkSameGraph(part, ex);
    int lo = part.first();
    int hi = part.end();
    int n = part.owned();
    int[] targets = part.targets();
    int[] remote = new int[targets.length];
    int r = 0;
    for (int t : targets) {
      if (t < lo || t >= hi) {
        remote[r++] = t;
      }
    }
    Arrays.sort(remote, 0, r);
    int g = 0;
    for (int i = 0; i < r; i++) {
      if (i == 0 || remote[i] != remote[i - 1]) {
        remote[g++] = remote[i];
      }
    }
    int[] ghosts = Arrays.copyOf(remote, g);
    int[] slot = new int[targets.length];
    for (int e = 0; e < targets.length; e++) {
      int t = targets[e];
      slot[e] = t >= lo && t < hi ? t - lo : n + Arrays.binarySearch(ghosts, t);
    }
    int p = ex.size();
    int[] ghostStart = new int[p + 1];
    for (int q = 0; q <= p; q++) {
      int at = Arrays.binarySearch(ghosts, part.firstOf(q));
      ghostStart[q] = at >= 0 ? at : -at - 1;
    }
    int me = ex.rank();
    for (int q = 0; q < p; q++) {
      if (q != me) {
        ex.send(q, Arrays.copyOfRange(ghosts, ghostStart[q], ghostStart[q + 1]));
      }
    }
    int[][] wanted = new int[p][];
    wanted[me] = new int[0];
    for (int q = 0; q < p; q++) {
      if (q != me) {
        int[] theirs = ex.receiveInts(q);
        for (int i = 0; i < theirs.length; i++) {
          int v = theirs[i];
          if (v < lo || v >= hi) {
            throw new ExchangeException("member " + q + " names node " + v + " as member " + me + "'s, which owns ["
                + lo + ", " + hi + "): the members loaded different graphs");
          }
          theirs[i] = v - lo;
        }
        wanted[q] = theirs;
      }
    }
    return new Boundary(n, slot, ghosts, ghostStart, wanted);
  }

  private static void checkSameGraph(GraphPart part, Exchange ex) {
    if (part.members() != ex.size() || part.rank() != ex.rank()) {
      throw new IllegalArgumentException("the part is member " + part.rank() + " of " + part.members()
          + ", but the exchange is member " + ex.rank() + " of " + ex.size());
    }
    // equal counts on every member iff the spread around their mean is 0 (exact in doubles: N < 2^31)
    double mean = ex.allReduceSum((double) part.nodes()) / ex.size();
    double off = part.nodes() - mean;
    if (ex.allReduceSum(off * off) != 0) {
      throw new ExchangeException("member " + ex.rank() + " has " + part.nodes()
          + " nodes, but not every member has: the members loaded different graphs");
    }
  }

  /** The number of ghosts owned by member {@code q}. */
  int ghostsOf(int q) {
    return ghostStart[q + 1] - ghostStart[q];
  }

  /** The number of slots: owned nodes, then ghosts. */
  int slots() {
    return owned + ghosts.length;
  }

  /** The global dense index of a slot. */
  int node(int slot, int first) {
    return slot < owned ? first + slot : ghosts[slot - owned];
  }
}
