package dev.spm.examples.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Weakly connected components (edge directions ignored), as
 * {@code networkx.weakly_connected_components} finds them, as a kernel that each gang member
 * runs on its {@link GraphPart}: their number, and the sizes of the {@value #TOP} largest.
 *
 * <p>How: each member first joins its nodes and its edges' targets (owned or ghost, see
 * {@link Boundary}) with a union-find, and labels each local set with the smallest dense index in
 * it. Then, in rounds, it sends every peer the labels of the nodes the two share (its copies of the
 * peer's nodes, and its own nodes the peer has copies of), and lowers each set's label to the
 * smallest it receives. A member whose labels did not change since it last sent sends empty
 * arrays. The rounds end when one changes nothing anywhere (an {@code allReduceSum} of the
 * changes); each component's label is then its smallest dense index. Each member then counts its
 * nodes by label and sends the counts to the member that owns the label's node, which thus learns
 * the whole size of each component whose smallest node it owns. Only the {@value #TOP} largest
 * sizes of each member are gathered.
 *
 * <p>Failures: the exchange's own exceptions.
 */
public final class Components {
  /** How many sizes the output lists. */
  public static final int TOP = 10;

  private Components() {}

  /**
   * This member's share; every member of the exchange must call it at once, with its own part of
   * the same graph.
   *
   * @return the same result on every member
   * @throws IllegalArgumentException if the part and the exchange disagree on rank or size
   * @throws ExchangeException (or the exchange's own) if a peer fails or the members' graphs differ
   */
  public static ComponentsResult run(GraphPart part, Exchange ex) {
    return new Member(part, ex).run();
  }

  /**
   * The serial driver: the whole graph in this thread, with {@link Exchange#solo()}.
   *
   * @throws IOException if the file cannot be read
   * @throws EdgeListException if it is not an edge list
   */
  public static ComponentsResult serial(Path file) throws IOException {
    return run(GraphPart.load(file, 0, 1), Exchange.solo());
  }

  /**
   * {@code members} members on threads of this process ({@link ThreadGang}).
   *
   * @throws ExchangeException if a member failed; its cause says why
   */
  public static List<ComponentsResult> threads(Path file, int members, Duration timeout) {
    return ThreadGang.run(members, timeout, ex -> run(GraphPart.load(file, ex.rank(), ex.size()), ex));
  }

  /**
   * One member's state. Overview: {@code parent} is a union-find over slots (owned nodes, then
   * ghosts); {@code label[root]} is the smallest dense index known to be in root's component.
   */
  private static final class Member {
    private final GraphPart part;
    private final Exchange ex;
    private final Boundary b;
    private final int[] parent;
    private final int[] label;
    private int rounds;

    Member(GraphPart part, Exchange ex) {
      this.part = part;
      this.ex = ex;
      this.b = Boundary.build(part, ex);
      this.parent = new int[b.slots()];
      this.label = new int[b.slots()];
    }

    ComponentsResult run() {
      joinLocally();
      propagate();
      int n = b.owned;
      int[] labels = new int[n];
      for (int v = 0; v < n; v++) {
        labels[v] = label[find(v)];
      }
      int[] sizes = componentSizes(labels);
      int roots = 0;
      for (int s : sizes) {
        roots += s > 0 ? 1 : 0;
      }
      long count = (long) ex.allReduceSum(roots);
      int[] all = Collectives.allGather(ex, largest(sizes));
      Arrays.sort(all);
      int k = Math.min(TOP, all.length);
      Integer[] top = new Integer[k];
      for (int i = 0; i < k; i++) {
        top[i] = all[all.length - 1 - i];
      }
      return new ComponentsResult(count, List.of(top), rounds);
    }

    private void joinLocally() {
      for (int s = 0; s < parent.length; s++) {
        parent[s] = s;
      }
      int[] rowStart = part.rowStart();
      for (int u = 0; u < b.owned; u++) {
        for (int e = rowStart[u]; e < rowStart[u + 1]; e++) {
          union(u, b.slot[e]);
        }
      }
      Arrays.fill(label, Integer.MAX_VALUE);
      for (int s = 0; s < parent.length; s++) {
        int r = find(s);
        label[r] = Math.min(label[r], b.node(s, part.first()));
      }
    }

    /** Rounds of label exchange until no label changes on any member. */
    private void propagate() {
      int me = ex.rank();
      boolean dirty = true;
      while (true) {
        rounds++;
        for (int q = 0; q < ex.size(); q++) {
          if (q != me) {
            ex.send(q, dirty ? outgoing(q) : new int[0]);
          }
        }
        int changed = 0;
        for (int q = 0; q < ex.size(); q++) {
          if (q != me) {
            changed += incoming(q, ex.receiveInts(q));
          }
        }
        dirty = changed > 0;
        if (ex.allReduceSum(changed) == 0) {
          return;
        }
      }
    }

    /**
     * To q: the labels of this member's nodes that q has as ghosts (in {@code wanted[q]} order),
     * then the labels of this member's ghosts that q owns (in ghost order).
     */
    private int[] outgoing(int q) {
      int[] mine = b.wanted[q];
      int ghosts = b.ghostsOf(q);
      int[] out = new int[mine.length + ghosts];
      for (int i = 0; i < mine.length; i++) {
        out[i] = label[find(mine[i])];
      }
      int from = b.owned + b.ghostStart[q];
      for (int i = 0; i < ghosts; i++) {
        out[mine.length + i] = label[find(from + i)];
      }
      return out;
    }

    /**
     * Applies a message from q, laid out as {@link #outgoing} makes it on q: first the labels of
     * q's nodes that are ghosts here (in ghost order: q's {@code wanted} lists them ascending, as
     * the ghosts are), then the labels of q's ghosts that are nodes here (in {@code wanted[q]}
     * order). An empty message changes nothing. Returns how many set labels it lowered.
     */
    private int incoming(int q, int[] in) {
      if (in.length == 0) {
        return 0;
      }
      int ghosts = b.ghostsOf(q);
      int[] mine = b.wanted[q];
      if (in.length != ghosts + mine.length) {
        throw new ExchangeException("member " + q + " sent " + in.length + " labels to member " + ex.rank()
            + ", which expected " + (ghosts + mine.length));
      }
      int changed = 0;
      int from = b.owned + b.ghostStart[q];
      for (int i = 0; i < ghosts; i++) {
        changed += lower(from + i, in[i]);
      }
      for (int i = 0; i < mine.length; i++) {
        changed += lower(mine[i], in[ghosts + i]);
      }
      return changed;
    }

    private int lower(int slot, int candidate) {
      int r = find(slot);
      if (candidate < label[r]) {
        label[r] = candidate;
        return 1;
      }
      return 0;
    }

    /**
     * The size of each component whose label (smallest node) this member owns, by that node's
     * local index; 0 for the other nodes. Each member sends its counts by label to the label's owner.
     */
    private int[] componentSizes(int[] labels) {
      int[] sorted = labels.clone();
      Arrays.sort(sorted);
      // runs of equal labels as (label, count) pairs, in label order, hence grouped by owner
      int[] pairs = new int[2 * sorted.length];
      int np = 0;
      for (int i = 0; i < sorted.length; ) {
        int j = i;
        while (j < sorted.length && sorted[j] == sorted[i]) {
          j++;
        }
        pairs[np++] = sorted[i];
        pairs[np++] = j - i;
        i = j;
      }
      int me = ex.rank();
      int first = part.first();
      int[] sizes = new int[b.owned];
      int at = 0;
      for (int q = 0; q < ex.size(); q++) {
        int start = at;
        while (at < np && pairs[at] < part.firstOf(q + 1)) {
          at += 2;
        }
        if (q == me) {
          addSizes(sizes, pairs, start, at, first, me);
        } else {
          ex.send(q, Arrays.copyOfRange(pairs, start, at));
        }
      }
      for (int q = 0; q < ex.size(); q++) {
        if (q != me) {
          int[] in = ex.receiveInts(q);
          addSizes(sizes, in, 0, in.length, first, q);
        }
      }
      return sizes;
    }

    private void addSizes(int[] sizes, int[] pairs, int from, int to, int first, int sender) {
      for (int i = from; i < to; i += 2) {
        int local = pairs[i] - first;
        if (local < 0 || local >= sizes.length) {
          throw new ExchangeException("member " + sender + " sent the size of component " + pairs[i]
              + " to member " + ex.rank() + ", which does not own that node");
        }
        sizes[local] += pairs[i + 1];
      }
    }

    /** The largest {@value #TOP} of this member's sizes, any order. */
    private static int[] largest(int[] sizes) {
      int[] nonzero = Arrays.stream(sizes).filter(s -> s > 0).sorted().toArray();
      return Arrays.copyOfRange(nonzero, Math.max(0, nonzero.length - TOP), nonzero.length);
    }

    private int find(int s) {
      int x = s;
      while (parent[x] != x) {
        parent[x] = parent[parent[x]]; // path halving
        x = parent[x];
      }
      return x;
    }

    private void union(int a, int c) {
      int ra = find(a);
      int rc = find(c);
      if (ra != rc) {
        if (ra < rc) {
          parent[rc] = ra;
        } else {
          parent[ra] = rc;
        }
      }
    }
  }
}
