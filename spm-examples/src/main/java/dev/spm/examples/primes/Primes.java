package dev.spm.examples.primes;

/**
 * The seed's Appendix A serial module: a trial-division primality test and a prime count over a
 * range. Plain serial Java; {@link #countRange(long, long)} is the static task function that
 * spokes resolve by name.
 */
public final class Primes {
  private Primes() {}

  /** The seed's {@code am(n)}: is n prime, by trial division by odd numbers up to its root. */
  public static boolean am(long n) {
    if (n < 2) {
      return false;
    }
    if (n < 4) {
      return true;
    }
    if (n % 2 == 0) {
      return false;
    }
    for (long d = 3; d * d <= n; d += 2) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The seed's {@code ctRange(nMin, nMax)}: the number of primes p with nMin &le; p &lt; nMax,
   * testing odd n only and counting 2 when it is in range. An empty range counts 0.
   */
  public static long ctRange(long nMin, long nMax) {
    long count = nMin <= 2 && 2 < nMax ? 1 : 0;
    long n = Math.max(nMin, 3);
    if (n % 2 == 0) {
      n++;
    }
    for (; n < nMax; n += 2) {
      if (am(n)) {
        count++;
      }
    }
    return count;
  }

  /** The task function: {@code Task.of(label, Primes::countRange, nMin, nMax)}. */
  public static Long countRange(Long nMin, Long nMax) {
    return ctRange(nMin, nMax);
  }
}
