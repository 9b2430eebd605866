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

  /** {@code prctl(PR_GET_CHILD_SUBREAPER)}: whether this process is a subreaper now. */
  boolean isChildSubreaper();

  /**
   * {@code waitpid(pid, &status, WNOHANG)}: reaps that one child if it has ended. Returns the
   * pid if it was reaped, 0 if it has not ended, -1 if it is not a child (or already reaped).
   */
  long reap(long pid);

  /**
   * Starts a program as {@code posix_spawnp} does, with {@code POSIX_SPAWN_SETSID}: one clone of
   * this process that execs at once, no helper program in between.
   *
   * @return the new pid, or minus the error number if the program could not be started (for
   *     instance {@code -ENOENT} = -2 when it is not found, {@code -EACCES} = -13)
   * @throws UnsupportedOperationException unless {@link #canSpawn()}
   */
  long spawn(SpawnRequest request);

  /** Whether {@link #spawn} works here: glibc 2.34 or newer (it needs {@code addclosefrom_np}). */
  boolean canSpawn();

  /** {@code pidfd_open(pid, 0)}: a descriptor that polls readable once the process has ended; or -errno. */
  int pidfdOpen(long pid);

  /**
   * {@code poll} for {@code POLLIN} on one descriptor, retried on {@code EINTR} with the time left.
   *
   * @return 1 if readable, 0 if the timeout passed first, or -errno
   */
  int pollReadable(int fd, int timeoutMillis);

  /**
   * {@code waitpid(pid, &status, 0)}, retried on {@code EINTR}: reaps that child.
   *
   * @return the raw wait status (as {@code WIFEXITED} and friends read it), or -errno
   */
  int waitExit(long pid);

  /**
   * {@code pipe2(fds, O_CLOEXEC)}: a pipe whose ends no program started later inherits.
   *
   * @return the read end and the write end
   * @throws IllegalStateException if the pipe cannot be made (too many open files)
   */
  int[] pipe();

  /**
   * The pids in {@code /proc/SELF/task/SELF/children}, the children of this process's first
   * thread, read through a descriptor kept open (a procfs file read anew at offset 0); null if
   * the file cannot be read.
   */
  long[] leaderChildren();

  /** {@code close(fd)}; errors are ignored. */
  void close(int fd);

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
