package dev.spm.internal.proc;

import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a program named without a '/' is on this JVM's {@code PATH}, found once and remembered:
 * {@code posix_spawnp} tries every directory of the PATH before the right one, each try a failed
 * {@code execve} in the child while the parent waits, for every job.
 */
final class ProgramPaths {
  private static final Map<String, String> FOUND = new ConcurrentHashMap<>();

  private ProgramPaths() {}

  /**
   * The program's path: the name itself if it holds a '/', else the first executable file of that
   * name in a directory of the PATH, as {@code execvp} finds it; the name itself if there is none
   * (spawning it then fails as {@code execvp} would).
   */
  static String resolve(String name) {
    if (name.indexOf('/') >= 0) {
      return name;
    }
    String found = FOUND.get(name);
    if (found != null) {
      return found;
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/bin:/usr/bin" : path).split(":", -1)) {
      File candidate = new File(dir.isEmpty() ? "." : dir, name);
      if (candidate.isFile() && candidate.canExecute()) {
        String absolute = candidate.getAbsolutePath();
        if (FOUND.size() < 256) {
          FOUND.put(name, absolute);
        }
        return absolute;
      }
    }
    return name;
  }

  /** Forgets where a program was (it was not there any more). */
  static void forget(String name) {
    FOUND.remove(name);
  }
}
