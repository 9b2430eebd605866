package dev.spm.bench;

/** The task function of the benchmarks: does nothing, so that only spm's overhead is measured. */
public final class Noop {
  private Noop() {}

  /** Returns null at once. */
  public static Object noop() {
    return null;
  }
}
