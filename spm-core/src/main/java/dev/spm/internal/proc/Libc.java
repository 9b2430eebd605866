package dev.spm.internal.proc;

import java.util.Optional;

/**
 * The few libc calls this package needs, made through the FFM API. The implementation,
 * {@code FfmLibc}, lives in the Java 22 source root and is loaded by name, so a Java 21 JVM never
 * touches it. It is also not used when native access is not enabled for its module (run with
 * {@code --enable-native-access=ALL-UNNAMED}, or {@code Enable-Native-Access} in a jar's
 * manifest): the JVM would print a warning on stderr, and later JDKs refuse.
 */
interface Libc {
  /** {@code kill(2)}; returns 0, or the errno ({@code ESRCH} = 3 for no such process). */
  int kill(long pidOrNegativeGroup, int signal);

  /** {@code prctl(PR_SET_CHILD_SUBREAPER, on)}; returns whether the call succeeded. */
  boolean setChildSubreaper(boolean on);

  /**
   * {@code waitpid(pid, &status, WNOHANG)}: reaps that one child if it has ended. Returns the
   * pid if it was reaped, 0 if it has not ended, -1 if it is not a child (or already reaped).
   */
  long reap(long pid);

  /** The implementation, if this JVM can use it; decided once. */
  static Optional<Libc> get() {
    return Holder.LIBC;
  }

  /** Loads {@code FfmLibc} lazily and once. */
  final class Holder {
    static final Optional<Libc> LIBC = load();

    private Holder() {}

    private static Optional<Libc> load() {
      if (Runtime.version().feature() < 22) {
        return Optional.empty();
      }
      try {
        Class<?> type = Class.forName("dev.spm.internal.proc.FfmLibc");
        return Optional.of((Libc) type.getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
        return Optional.empty();
      }
    }
  }
}
