package dev.spm.examples.graph;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes a deterministic directed edge list that looks like a web or citation graph: a skewed
 * (Zipf) distribution of in-degrees and of out-degrees, about one node in eight dangling (no
 * out-edge), 1% of the lines copies of earlier ones (and a few percent more repeated by chance
 * between busy nodes), 0.2% self-loops, node ids scattered over
 * {@code [0, 3N)} (not every integer is a node), and about 2% of the nodes in small separate
 * components (2 to 6 nodes each), so that weakly connected components are not one giant alone.
 * Lines are in random order, after a {@code #} header. The same (edges, seed) give the same bytes.
 *
 * <pre>
 * java … dev.spm.examples.graph.GraphGen FILE [EDGES [SEED]]     (1,000,000 edges, seed 1 by default)
 * </pre>
 */
public final class GraphGen {
  private static final double DUPLICATES = 0.01;
  private static final double SELF_LOOPS = 0.002;
  private static final int DANGLING_ONE_IN = 8;

  private GraphGen() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: GraphGen FILE [EDGES [SEED]]");
      System.exit(255);
    }
    int edges = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    write(Path.of(args[0]), edges, seed);
  }

  /**
   * Writes {@code edges} edge lines to {@code file}, replacing it.
   *
   * @throws IllegalArgumentException if edges is not in [1, 2^30]
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, int edges, long seed) throws IOException {
    if (edges < 1 || edges > 1 << 30) {
      throw new IllegalArgumentException("edges must be in [1, 2^30], but was " + edges);
    }
    long[][] g = generate(edges, seed);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(("# GraphGen edges=" + edges + " seed=" + seed + "\n").getBytes(StandardCharsets.US_ASCII));
      byte[] line = new byte[48];
      for (int i = 0; i < edges; i++) {
        int n = digits(g[0][i], line, 0);
        line[n++] = ' ';
        n = digits(g[1][i], line, n);
        line[n++] = '\n';
        out.write(line, 0, n);
      }
    }
  }

  /** The edges that {@link #write} would write, without a file. */
  static EdgeList edgeList(int edges, long seed) {
    long[][] g = generate(edges, seed);
    return new EdgeList(g[0], g[1], edges);
  }

  /** The edges as {src ids, dst ids}, in output order. */
  static long[][] generate(int edges, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int nodes = Math.max(16, edges / 8);
    int islandNodes = nodes / 50;
    int main = nodes - islandNodes;
    long[] id = new long[nodes];
    for (int i = 0; i < nodes; i++) {
      id[i] = 3L * i + rnd.nextInt(3);
    }
    long[] src = new long[edges];
    long[] dst = new long[edges];
    int e = 0;
    // small components: a path with a shortcut back, over 2 to 6 consecutive island nodes
    for (int at = main; at < nodes && e < edges / 4; ) {
      int k = Math.min(2 + rnd.nextInt(5), nodes - at);
      for (int j = 0; j + 1 < k && e < edges / 4; j++) {
        src[e] = id[at + j];
        dst[e++] = id[at + j + 1];
      }
      if (k > 2 && rnd.nextBoolean() && e < edges / 4) {
        src[e] = id[at + k - 1];
        dst[e++] = id[at];
      }
      at += k;
    }
    int[] sources = permutation(main, rnd, true);
    int[] targets = permutation(main, rnd, false);
    Zipf outDegree = new Zipf(sources.length, 0.8);
    Zipf inDegree = new Zipf(targets.length, 1.0);
    while (e < edges) {
      double u = rnd.nextDouble();
      if (u < DUPLICATES && e > 0) {
        int j = rnd.nextInt(e);
        src[e] = src[j];
        dst[e++] = dst[j];
        continue;
      }
      int s = sources[outDegree.sample(rnd)];
      int d = u < DUPLICATES + SELF_LOOPS ? s : targets[inDegree.sample(rnd)];
      src[e] = id[s];
      dst[e++] = id[d];
    }
    for (int i = edges - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      long t = src[i];
      src[i] = src[j];
      src[j] = t;
      t = dst[i];
      dst[i] = dst[j];
      dst[j] = t;
    }
    return new long[][] {src, dst};
  }

  /**
   * The main nodes {@code [0, n)} in random order, so that the busiest ranks of a Zipf law land on
   * random nodes; without the dangling ones (every eighth, by a hash) when {@code sourcesOnly}.
   */
  private static int[] permutation(int n, SplittableRandom rnd, boolean sourcesOnly) {
    int[] p = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!sourcesOnly || Long.remainderUnsigned(mix(i), DANGLING_ONE_IN) != 0) {
        p[k++] = i;
      }
    }
    for (int i = k - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return Arrays.copyOf(p, k);
  }

  private static long mix(long x) {
    long h = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  /** Ranks {@code [0, n)} drawn with probability proportional to {@code 1 / (rank + 10)^s}. */
  private static final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double s) {
      cumulative = new double[n];
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += Math.pow(k + 10, -s);
        cumulative[k] = sum;
      }
    }

    int sample(SplittableRandom rnd) {
      double u = rnd.nextDouble() * cumulative[cumulative.length - 1];
      int lo = 0;
      int hi = cumulative.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** Writes the decimal digits of a non-negative {@code v} at {@code at}; returns the end. */
  private static int digits(long v, byte[] into, int at) {
    int start = at;
    do {
      into[at++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    for (int i = start, j = at - 1; i < j; i++, j--) {
      byte t = into[i];
      into[i] = into[j];
      into[j] = t;
    }
    return at;
  }
}
