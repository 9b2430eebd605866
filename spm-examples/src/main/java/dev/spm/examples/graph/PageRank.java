package dev.spm.examples.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PageRank as {@code networkx.pagerank} computes it, as a kernel that each gang member runs on its
 * {@link GraphPart}, talking to the others through an {@link Exchange}.
 *
 * <p>The definition (networkx's, with its defaults): N is the number of nodes; every node starts
 * at {@code 1/N}; one iteration is
 * <pre>
 * x'[v] = alpha * (sum over edges u→v of x[u] / outdeg(u)  +  D / N)  +  (1 - alpha) / N
 * </pre>
 * where {@code outdeg} counts distinct out-edges, a self-loop included (so a self-loop keeps part
 * of a node's rank, and a node whose only edge is a self-loop is not dangling), and {@code D} is
 * the sum of {@code x} over dangling nodes (no out-edge), whose rank is thus spread over all
 * nodes. Personalization is uniform. Iterations stop when the L1 change {@code sum |x' - x|} is
 * below the tolerance (networkx compares with {@code N * tol}; here the tolerance is the L1 bound
 * itself), or after exactly {@link Options#iterations()} iterations when that is set.
 *
 * <p>On a gang: each member owns a range of nodes and their out-edges. Each iteration, it first
 * adds up its nodes' contributions to every other member's nodes and sends them to that member
 * directly, as one array aligned to the targets agreed in {@link Boundary}; then, while the
 * messages travel, it adds up the contributions to its own nodes; then it receives and adds what
 * the others sent it. One
 * {@code allReduceSum} of two numbers per iteration gives the L1 change (to stop) and the
 * dangling mass (for the next iteration). Ranks stay where they are computed: at the end, only
 * each member's 10 best are gathered, by every member.
 *
 * <p>Failures: {@link NotConvergedException} past {@link Options#maxIterations()} (never with
 * alpha below 1 and a tolerance above rounding noise); the exchange's own exceptions.
 */
public final class PageRank {
  /** How many nodes the output lists. */
  public static final int TOP = 10;

  private PageRank() {}

  /**
   * @param alpha the damping factor, in (0, 1)
   * @param tolerance stop when the L1 change of an iteration is below this; positive
   * @param iterations if positive, run exactly this many iterations and ignore the tolerance;
   *     0 to iterate until the tolerance is met
   * @param maxIterations when iterating to the tolerance, fail after this many
   */
  public record Options(double alpha, double tolerance, int iterations, int maxIterations) {
    /** Damping 0.85, L1 tolerance 1e-12, to convergence, at most 10,000 iterations. */
    public static final Options DEFAULT = new Options(0.85, 1e-12, 0, 10_000);

    /** @throws IllegalArgumentException naming the first value out of range */
    public Options {
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1), but was " + alpha);
      }
      if (!(tolerance > 0)) {
        throw new IllegalArgumentException("the tolerance must be positive, but was " + tolerance);
      }
      if (iterations < 0) {
        throw new IllegalArgumentException("the iterations must be positive (or 0: until converged), but were " + iterations);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be positive, but was " + maxIterations);
      }
    }

    /** These options, with exactly {@code n} iterations (0: until converged). */
    public Options withIterations(int n) {
      return new Options(alpha, tolerance, n, maxIterations);
    }
  }

  /**
   * This member's share of the computation; every member of the exchange must call it at once,
   * with its own part of the same graph.
   *
   * @return the same {@link PageRankResult#top()} on every member, and this member's own ranks
   * @throws NotConvergedException past {@code maxIterations}, on every member alike
   * @throws IllegalArgumentException if the part and the exchange disagree on rank or size
   * @throws ExchangeException (or the exchange's own) if a peer fails or the members' graphs differ
   */
  public static PageRankResult run(GraphPart part, Exchange ex, Options options) {
    return new Member(part, ex, options).run();
  }

  /**
   * The serial driver: the whole graph in this thread, with {@link Exchange#solo()}.
   *
   * @throws IOException if the file cannot be read
   * @throws EdgeListException if it is not an edge list
   * @throws NotConvergedException past {@code maxIterations}
   */
  public static PageRankResult serial(Path file, Options options) throws IOException {
    return run(GraphPart.load(file, 0, 1), Exchange.solo(), options);
  }

  /**
   * {@code members} members on threads of this process ({@link ThreadGang}), each loading its own
   * part of the file.
   *
   * @return the members' results by rank
   * @throws ExchangeException if a member failed; its cause says why (a bad file, say)
   */
  public static List<PageRankResult> threads(Path file, int members, Options options, Duration timeout) {
    return ThreadGang.run(members, timeout, ex -> run(GraphPart.load(file, ex.rank(), ex.size()), ex, options));
  }

  /**
   * One member's state. Overview: {@code x} holds the owned ranks; {@code acc} the slots' sums
   * (see {@link Boundary}). The out-edges are split by target into two CSR arrays, those to ghosts
   * and those to owned nodes, so that an iteration can add up and send the peers' sums first and
   * add up its own while the messages travel.
   */
  private static final class Member {
    private final Exchange ex;
    private final GraphPart part;
    private final Options options;
    private final Boundary b;
    private final int n;
    private final double[] invDegree; // 1 / outdeg, or 0 for a dangling node
    private final Edges toGhosts;
    private final Edges toOwned;

    /** Some of the member's out-edges in CSR: by owned node, offsets into their target slots. */
    private record Edges(int[] start, int[] slot) {
      /** The edges whose target slot is a ghost's ({@code ghosts}) or an owned node's. */
      static Edges of(GraphPart part, Boundary b, boolean ghosts) {
        int n = part.owned();
        int[] rowStart = part.rowStart();
        int[] start = new int[n + 1];
        int[] slot = new int[b.slot.length];
        int k = 0;
        for (int u = 0; u < n; u++) {
          for (int e = rowStart[u]; e < rowStart[u + 1]; e++) {
            if (b.slot[e] >= n == ghosts) {
              slot[k++] = b.slot[e];
            }
          }
          start[u + 1] = k;
        }
        return new Edges(start, Arrays.copyOf(slot, k));
      }
    }

    Member(GraphPart part, Exchange ex, Options options) {
      this.part = part;
      this.ex = ex;
      this.options = options;
      this.b = Boundary.build(part, ex);
      this.n = part.owned();
      this.invDegree = new double[n];
      for (int u = 0; u < n; u++) {
        int d = part.outDegree(u);
        invDegree[u] = d == 0 ? 0 : 1.0 / d;
      }
      this.toGhosts = Edges.of(part, b, true);
      this.toOwned = Edges.of(part, b, false);
    }

    PageRankResult run() {
      long t0 = System.nanoTime();
      int total = part.nodes();
      if (total == 0) {
        return new PageRankResult(List.of(), 0, 0, 0, part.first(), new double[0], 0);
      }
      double alpha = options.alpha();
      double invN = 1.0 / total;
      double[] x = new double[n];
      Arrays.fill(x, invN);
      double[] next = new double[n];
      double[] acc = new double[b.slots()];
      double dangling = ex.allReduceSum(dangling(x));
      double change;
      int it = 0;
      while (true) {
        it++;
        Arrays.fill(acc, 0);
        scatter(x, toGhosts, acc);
        send(acc);
        scatter(x, toOwned, acc);
        receive(acc);
        double base = alpha * dangling * invN + (1 - alpha) * invN;
        double l1 = 0;
        double danglingNext = 0;
        for (int v = 0; v < n; v++) {
          double r = alpha * acc[v] + base;
          l1 += Math.abs(r - x[v]);
          if (invDegree[v] == 0) {
            danglingNext += r;
          }
          next[v] = r;
        }
        double[] sums = ex.allReduceSum(new double[] {l1, danglingNext});
        double[] swap = x;
        x = next;
        next = swap;
        change = sums[0];
        dangling = sums[1];
        if (options.iterations() > 0 ? it == options.iterations() : change < options.tolerance()) {
          break;
        }
        if (options.iterations() == 0 && it >= options.maxIterations()) {
          throw new NotConvergedException(it, change, options.tolerance());
        }
      }
      long loop = System.nanoTime() - t0;
      List<RankedNode> top = Collectives.allGather(ex, localTop(x));
      top.sort(RankedNode.ORDER);
      return new PageRankResult(List.copyOf(top.subList(0, Math.min(TOP, top.size()))), it, change, total,
          part.first(), x, loop);
    }

    private double dangling(double[] x) {
      double d = 0;
      for (int u = 0; u < n; u++) {
        if (invDegree[u] == 0) {
          d += x[u];
        }
      }
      return d;
    }

    /** acc[slot] += x[u] / outdeg(u) for each of the given edges u→slot. */
    private void scatter(double[] x, Edges edges, double[] acc) {
      int[] start = edges.start();
      int[] slot = edges.slot();
      for (int u = 0; u < n; u++) {
        double c = x[u] * invDegree[u];
        for (int e = start[u], end = start[u + 1]; e < end; e++) {
          acc[slot[e]] += c;
        }
      }
    }

    /** Sends each peer the sums for its nodes. */
    private void send(double[] acc) {
      for (int q = 0; q < ex.size(); q++) {
        if (q != ex.rank()) {
          int from = n + b.ghostStart[q];
          ex.send(q, Arrays.copyOfRange(acc, from, from + b.ghostsOf(q)));
        }
      }
    }

    /** Adds what the peers sent into acc[0, n). */
    private void receive(double[] acc) {
      int me = ex.rank();
      for (int q = 0; q < ex.size(); q++) {
        if (q != me) {
          double[] in = ex.receiveDoubles(q);
          int[] into = b.wanted[q];
          if (in.length != into.length) {
            throw new ExchangeException("member " + q + " sent " + in.length + " sums to member " + me
                + ", which expected " + into.length);
          }
          for (int i = 0; i < in.length; i++) {
            acc[into[i]] += in[i];
          }
        }
      }
    }

    /** This member's best {@link #TOP} nodes, in output order. */
    private List<RankedNode> localTop(double[] x) {
      int[] best = TopK.indices(x, TOP);
      List<RankedNode> top = new ArrayList<>(best.length);
      for (int local : best) {
        top.add(new RankedNode(part.id(part.first() + local), x[local]));
      }
      return top;
    }
  }
}
