package dev.spm.examples.primes;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a range of n into buckets of equal <em>cost</em> for trial division, not equal width.
 *
 * <pre>
 * Overview.
 * Testing a prime n costs about sqrt(n)/2 divisions, and about one n in ln(n) is prime, while
 * most composites leave at once. So the cost of counting near x is modelled as
 * c(x) = 1 + sqrt(x)/ln(x) per unit of width, and the cumulative cost over [from, to) is found
 * by integrating c over a few thousand cells. Cut points are placed where the cumulative cost
 * crosses k/K of the total, rounded to whole numbers, so the buckets are contiguous, cover the
 * range exactly, and never overlap. With equal costs, a run on S spokes ends at most one small
 * bucket after the ideal, instead of waiting for the dearest bucket at the high end.
 * </pre>
 */
public final class Buckets {
  private static final int CELLS = 4096;

  private Buckets() {}

  /** One bucket: the half-open range [from, to). */
  public record Bucket(long from, long to) {
    public long width() {
      return to - from;
    }
  }

  /**
   * K contiguous buckets covering [from, to) exactly, in ascending order, of about equal cost.
   * When the range is narrower than K, some buckets are empty.
   *
   * @throws IllegalArgumentException if from &gt; to or buckets &lt; 1
   */
  public static List<Bucket> equalCost(long from, long to, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be positive, but was " + buckets);
    }
    if (from > to) {
      throw new IllegalArgumentException("the range [" + from + ", " + to + ") is reversed");
    }
    long width = to - from;
    int cells = (int) Math.max(1, Math.min(CELLS, width));
    double[] edge = new double[cells + 1];
    double[] cumulative = new double[cells + 1];
    for (int i = 0; i <= cells; i++) {
      edge[i] = from + (double) width * i / cells;
    }
    for (int i = 0; i < cells; i++) {
      double mid = (edge[i] + edge[i + 1]) / 2;
      cumulative[i + 1] = cumulative[i] + cost(mid) * (edge[i + 1] - edge[i]);
    }
    double total = cumulative[cells];
    List<Bucket> result = new ArrayList<>(buckets);
    long previous = from;
    int cell = 0;
    for (int k = 1; k <= buckets; k++) {
      long cut;
      if (k == buckets) {
        cut = to;
      } else {
        double target = total * k / buckets;
        while (cell < cells && cumulative[cell + 1] < target) {
          cell++;
        }
        double x;
        if (cell >= cells) {
          x = to;
        } else {
          double span = cumulative[cell + 1] - cumulative[cell];
          double t = span <= 0 ? 0 : (target - cumulative[cell]) / span;
          x = edge[cell] + t * (edge[cell + 1] - edge[cell]);
        }
        cut = Math.min(to, Math.max(previous, Math.round(x)));
      }
      result.add(new Bucket(previous, cut));
      previous = cut;
    }
    return result;
  }

  /** The modelled cost, per unit of width, of counting primes near x. */
  static double cost(double x) {
    return x < 3 ? 1 : 1 + Math.sqrt(x) / Math.log(x);
  }
}
