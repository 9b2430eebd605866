package dev.spm.internal.proc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pids of the children that this package started with {@link ProcessBuilder} and that the
 * JDK still waits for. A {@link Reaper} never reaps them: the JDK's own reaper would then lose
 * their exit status.
 */
final class JdkChildren {
  private static final Set<Long> PIDS = ConcurrentHashMap.newKeySet();

  private JdkChildren() {}

  static void add(long pid) {
    PIDS.add(pid);
  }

  static void remove(long pid) {
    PIDS.remove(pid);
  }

  static boolean contains(long pid) {
    return PIDS.contains(pid);
  }
}
