package dev.spm.examples.sat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark formulas, each a pure function of its parameters: the same arguments give the same
 * clauses, on any JDK (the randomness is {@link java.util.Random}, whose algorithm is specified).
 *
 * <p>Every method rejects a parameter outside its range with an {@link IllegalArgumentException}
 * that names it.
 */
public final class Generators {
  private Generators() {}

  /**
   * Uniform random 3-SAT: {@code round(ratio × vars)} clauses of three distinct variables, each
   * negated with probability 1/2. At ratio 4.26 about half are satisfiable.
   */
  public static Cnf random3Sat(int vars, double ratio, long seed) {
    return randomKSat(3, vars, (int) Math.round(ratio * vars), seed);
  }

  /** Uniform random k-SAT with {@code clauses} clauses of {@code k} distinct variables each. */
  public static Cnf randomKSat(int k, int vars, int clauses, long seed) {
    require("k", k, 1, 64);
    require("vars", vars, k, Integer.MAX_VALUE / 2);
    require("clauses", clauses, 0, Integer.MAX_VALUE / 2);
    Random random = new Random(seed);
    List<int[]> out = new ArrayList<>(clauses);
    for (int i = 0; i < clauses; i++) {
      int[] c = new int[k];
      for (int j = 0; j < k; j++) {
        int v;
        do {
          v = 1 + random.nextInt(vars);
        } while (contains(c, j, v));
        c[j] = random.nextBoolean() ? v : -v;
      }
      out.add(c);
    }
    return Cnf.owning(vars, out.toArray(new int[0][]));
  }

  private static boolean contains(int[] c, int upTo, int v) {
    for (int i = 0; i < upTo; i++) {
      if (Math.abs(c[i]) == v) {
        return true;
      }
    }
    return false;
  }

  /**
   * The pigeonhole principle PHP(holes + 1, holes): each of {@code holes + 1} pigeons sits in one
   * of {@code holes} holes, no two in the same. Unsatisfiable, and exponentially hard for
   * resolution, hence for CDCL. Variable {@code p × holes + h + 1} says pigeon p sits in hole h.
   */
  public static Cnf pigeonhole(int holes) {
    require("holes", holes, 1, 1000);
    int pigeons = holes + 1;
    List<int[]> out = new ArrayList<>();
    for (int p = 0; p < pigeons; p++) {
      int[] c = new int[holes];
      for (int h = 0; h < holes; h++) {
        c[h] = p * holes + h + 1;
      }
      out.add(c);
    }
    for (int h = 0; h < holes; h++) {
      for (int p = 0; p < pigeons; p++) {
        for (int q = p + 1; q < pigeons; q++) {
          out.add(new int[] {-(p * holes + h + 1), -(q * holes + h + 1)});
        }
      }
    }
    return Cnf.owning(pigeons * holes, out.toArray(new int[0][]));
  }

  /**
   * A Tseitin parity formula on a random {@code degree}-regular graph: a variable per edge, and at
   * each vertex the constraint that its edges' XOR equals the vertex's charge ({@code 2^(degree-1)}
   * clauses). Satisfiable instances take their charges from a random edge assignment; the
   * unsatisfiable ones then flip one charge, so that the charges' sum is odd. Exponentially hard
   * for resolution on expander graphs, which random regular graphs are.
   *
   * @throws IllegalArgumentException when {@code vertices × degree} is odd, {@code degree} is
   *     outside 2..12, or {@code vertices} is not above {@code degree}
   */
  public static Cnf tseitin(int vertices, int degree, boolean satisfiable, long seed) {
    require("degree", degree, 2, 12);
    require("vertices", vertices, degree + 1, 1 << 20);
    if ((vertices * degree) % 2 != 0) {
      throw new IllegalArgumentException("vertices × degree must be even, but was " + vertices + " × " + degree);
    }
    Random random = new Random(seed);
    int[][] edges = randomRegularGraph(vertices, degree, random);
    int[][] incident = new int[vertices][degree];
    int[] filled = new int[vertices];
    int[] charge = new int[vertices];
    for (int e = 0; e < edges.length; e++) {
      int value = random.nextInt(2);
      for (int end : edges[e]) {
        incident[end][filled[end]++] = e + 1;
        charge[end] ^= value;
      }
    }
    if (!satisfiable) {
      charge[random.nextInt(vertices)] ^= 1;
    }
    List<int[]> out = new ArrayList<>();
    for (int v = 0; v < vertices; v++) {
      for (int mask = 0; mask < 1 << degree; mask++) {
        if (Integer.bitCount(mask) % 2 == charge[v]) {
          continue;
        }
        int[] c = new int[degree];
        for (int i = 0; i < degree; i++) {
          c[i] = (mask >> i & 1) != 0 ? -incident[v][i] : incident[v][i];
        }
        out.add(c);
      }
    }
    return Cnf.owning(edges.length, out.toArray(new int[0][]));
  }

  /**
   * A random simple {@code degree}-regular graph: a random pairing of the vertices' edge ends,
   * then random switches that replace each self-loop or repeated edge {@code (a,b)} and another
   * edge {@code (c,d)} by {@code (a,c), (b,d)}.
   */
  static int[][] randomRegularGraph(int vertices, int degree, Random random) {
    int[] ends = new int[vertices * degree];
    for (int i = 0; i < ends.length; i++) {
      ends[i] = i / degree;
    }
    for (int i = ends.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = ends[i];
      ends[i] = ends[j];
      ends[j] = t;
    }
    int m = ends.length / 2;
    int[][] edges = new int[m][];
    for (int e = 0; e < m; e++) {
      edges[e] = new int[] {ends[2 * e], ends[2 * e + 1]};
    }
    for (int round = 0; round < 1000; round++) {
      Set<Long> present = new HashSet<>();
      boolean clean = true;
      for (int e = 0; e < m; e++) {
        int a = edges[e][0];
        int b = edges[e][1];
        if (a == b || !present.add(key(a, b))) {
          clean = false;
          int f = random.nextInt(m);
          int c = edges[f][0];
          int d = edges[f][1];
          if (f != e && a != c && b != d && !present.contains(key(a, c)) && !present.contains(key(b, d))) {
            present.remove(key(c, d));
            edges[e] = new int[] {a, c};
            edges[f] = new int[] {b, d};
            present.add(key(a, c));
            present.add(key(b, d));
          }
        }
      }
      if (clean) {
        return edges;
      }
    }
    throw new IllegalStateException("no simple " + degree + "-regular graph on " + vertices
        + " vertices found after 1000 rounds of switches");
  }

  private static long key(int a, int b) {
    return a < b ? (long) a << 32 | b : (long) b << 32 | a;
  }

  /**
   * Graph colouring: can the vertices of a random graph with {@code round(averageDegree ×
   * vertices / 2)} distinct edges get one of {@code colours} colours each, adjacent vertices
   * different? Variable {@code v × colours + c + 1} says vertex v has colour c. For 3 colours the
   * threshold is near average degree 4.69.
   */
  public static Cnf colouring(int vertices, int colours, double averageDegree, long seed) {
    require("vertices", vertices, 2, 1 << 20);
    require("colours", colours, 1, 1000);
    long maxEdges = (long) vertices * (vertices - 1) / 2;
    long m = Math.round(averageDegree * vertices / 2);
    if (averageDegree < 0 || m > maxEdges) {
      throw new IllegalArgumentException("averageDegree must be in [0, " + (vertices - 1) + "], but was "
          + averageDegree);
    }
    Random random = new Random(seed);
    Set<Long> seen = new HashSet<>();
    List<int[]> edges = new ArrayList<>();
    while (edges.size() < m) {
      int a = random.nextInt(vertices);
      int b = random.nextInt(vertices);
      if (a != b && seen.add(key(a, b))) {
        edges.add(new int[] {a, b});
      }
    }
    List<int[]> out = new ArrayList<>();
    for (int v = 0; v < vertices; v++) {
      int[] some = new int[colours];
      for (int c = 0; c < colours; c++) {
        some[c] = v * colours + c + 1;
      }
      out.add(some);
      for (int c = 0; c < colours; c++) {
        for (int d = c + 1; d < colours; d++) {
          out.add(new int[] {-(v * colours + c + 1), -(v * colours + d + 1)});
        }
      }
    }
    for (int[] e : edges) {
      for (int c = 0; c < colours; c++) {
        out.add(new int[] {-(e[0] * colours + c + 1), -(e[1] * colours + c + 1)});
      }
    }
    return Cnf.owning(vertices * colours, out.toArray(new int[0][]));
  }

  private static void require(String name, long value, long low, long high) {
    if (value < low || value > high) {
      throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "], but was " + value);
    }
  }
}
