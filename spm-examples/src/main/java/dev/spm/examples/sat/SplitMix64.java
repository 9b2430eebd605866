package dev.spm.examples.sat;

/** A small, fast, seeded random generator (Steele, Lea and Flood's SplitMix64). Not thread-safe. */
final class SplitMix64 {
  private long state;

  SplitMix64(long seed) {
    state = seed;
  }

  long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound), for bound > 0. */
  int nextInt(int bound) {
    return (int) ((nextLong() >>> 33) % bound);
  }
}
