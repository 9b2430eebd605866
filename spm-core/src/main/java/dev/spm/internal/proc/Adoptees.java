package dev.spm.internal.proc;

import dev.spm.internal.proc.ProcFs.Stat;
import java.nio.charset.StandardCharsets;

/**
 * The orphans that this JVM adopted as a subreaper, read cheaply: a cheap way to know that a
 * coprocess left nothing behind, without scanning all of {@code /proc}.
 *
 * <pre>
 * Overview.
 * When a coprocess's main process has ended (and is not yet reaped), each of its descendants that
 * is still alive is either an orphan, re-parented to the nearest subreaper, or the descendant of
 * such an orphan. When this JVM is that subreaper, the orphans are its children, listed in
 * /proc/SELF/task/SELF/children: Linux gives orphans to the subreaper's first live thread, the
 * thread group leader, which in a JVM started by the java launcher waits for the main thread for
 * the JVM's whole life. So if no live child there carries the coprocess's tag (or lacks a tag, or
 * cannot be read), nothing of that coprocess is left. Children that this package started and
 * still waits for are skipped; zombies are dead.
 * </pre>
 */
final class Adoptees {
  private static final byte[] TAG_PREFIX = (ProcessTrees.TAG_ENV + "=").getBytes(StandardCharsets.UTF_8);

  private Adoptees() {}

  /**
   * Whether a live orphan adopted by this JVM may belong to the coprocess whose environment holds
   * {@code tagEntry}; true also when that cannot be known (no children file). Only meaningful while
   * this JVM is a subreaper.
   */
  static boolean mayHold(byte[] tagEntry) {
    long[] children = Libc.get().map(Libc::leaderChildren).orElse(null); // one pread, most often empty
    ProcFs.Reader reader = new ProcFs.Reader(256);
    if (children == null) {
      children = reader.children(ProcFs.SELF, ProcFs.SELF);
    }
    if (children == null) {
      return true;
    }
    for (long pid : children) {
      if (JdkChildren.contains(pid)) {
        continue;
      }
      Stat stat = reader.stat(pid);
      if (stat == null || !stat.alive()) {
        continue;
      }
      if (reader.hasEntryOrLacksPrefix(pid, tagEntry, TAG_PREFIX)) {
        return true;
      }
    }
    return false;
  }
}
