package dev.spm.testing;

import dev.spm.Session;
import dev.spm.internal.proc.ProcessTrees;
import java.time.Duration;

/** Test sessions: closing one checks that it left no process behind. */
public final class Sessions {
  private Sessions() {}

  /** Closes the session, then waits (up to 2 s, the promise) until no process of it is left. */
  public static void closeLeavingNothing(Session session) {
    String id = session.id();
    session.close();
    ProcessLeaks.assertNoneLeft(ProcessTrees.SESSION_ENV, id, Duration.ofSeconds(2));
  }
}
