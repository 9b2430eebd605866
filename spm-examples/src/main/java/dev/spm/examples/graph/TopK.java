package dev.spm.examples.graph;

/** The k largest values of an array, by a simple bounded insertion (k is small). */
final class TopK {
  private TopK() {}

  /**
   * The indices of the {@code k} largest values, largest first; equal values by index, ascending.
   * Fewer if the array is shorter. O(n k) at worst, O(n) when most values are below the k-th.
   */
  static int[] indices(double[] values, int k) {
    int[] best = new int[Math.min(k, values.length)];
    if (best.length == 0) {
      return best;
    }
    int size = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (size == best.length && !(v > values[best[size - 1]])) {
        continue; // not better than the worst kept; on a tie, the kept one has the lower index
      }
      int at = size == best.length ? size - 1 : size++;
      while (at > 0 && v > values[best[at - 1]]) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = i;
    }
    return best;
  }
}
