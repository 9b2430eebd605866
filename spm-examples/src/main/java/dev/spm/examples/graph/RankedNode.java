package dev.spm.examples.graph;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;

/**
 * A node and its PageRank. {@link #ORDER} is the output order: rank descending, then node id
 * ascending.
 */
public record RankedNode(long node, double rank) {
  /** Significant digits printed for a rank. */
  public static final int DIGITS = 12;

  /** Highest rank first; equal ranks by node id, ascending. */
  public static final Comparator<RankedNode> ORDER =
      Comparator.comparingDouble(RankedNode::rank).reversed().thenComparingLong(RankedNode::node);

  /** {@code node rank}, the rank in plain decimal with {@value #DIGITS} significant digits. */
  public String line() {
    return node + " " + format(rank);
  }

  /**
   * A finite positive number in plain decimal notation with exactly {@value #DIGITS} significant
   * digits, trailing zeros kept: {@code 0.0123456789012}, {@code 0.500000000000}.
   */
  public static String format(double value) {
    if (!Double.isFinite(value) || value == 0) {
      return Double.toString(value);
    }
    BigDecimal d = new BigDecimal(value).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
    if (d.precision() < DIGITS) {
      d = d.setScale(d.scale() + DIGITS - d.precision(), RoundingMode.UNNECESSARY);
    }
    return d.toPlainString();
  }
}
