package dev.spm.cli;

import dev.spm.internal.hub.ManageProgress;
import dev.spm.internal.hub.ManageProgress.Phase;
import dev.spm.internal.hub.ManageProgress.Snapshot;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the progress of each {@code manage} as the seed's status lines, whole lines on stderr:
 *
 * <pre>
 * #: primes::main#1 (hub): Waiting - ForSpokes [ 1 of 4 up, for up to 60 s ]
 * #: primes::main#1 (hub): Tasks - Eval [ done 3, running 4, failed 0, waiting 3 ]
 * #: primes::main#1 (hub): Tasks - EvalDone [ done 10, failed 0, in 1.234 s ]
 * </pre>
 *
 * The first line of each phase is printed at once; further lines of a phase only when what they
 * say changed, at most once every {@link #EVERY_NANOS}, so that a long run stays readable.
 * Called on the thread that called {@code manage}; not thread-safe otherwise.
 */
final class ProgressLines implements ManageProgress.Listener {
  static final long EVERY_NANOS = 1_000_000_000L;

  private final PrintStream err;
  private Phase phase;
  private String said;
  private long saidAt;

  ProgressLines(PrintStream err) {
    this.err = err;
  }

  @Override
  public void progress(Snapshot s) {
    String text = switch (s.phase()) {
      case WAITING_FOR_SPOKES -> String.format(Locale.ROOT, "Waiting - ForSpokes [ %d of %d up, for up to %d s ]",
          s.spokesUp(), s.slots(), s.waitLimit().toSeconds());
      case EVAL -> String.format(Locale.ROOT, "Tasks - Eval [ done %d, running %d, failed %d, waiting %d ]", s.done(),
          s.running(), s.failed(), s.waiting());
      case EVAL_DONE -> String.format(Locale.ROOT, "Tasks - EvalDone [ done %d, failed %d, in %.3f s ]", s.done(),
          s.failed(), s.elapsed().toNanos() / 1e9);
    };
    long now = System.nanoTime();
    boolean newPhase = s.phase() != phase;
    if (!newPhase && (text.equals(said) || now - saidAt < EVERY_NANOS)) {
      return;
    }
    phase = s.phase() == Phase.EVAL_DONE ? null : s.phase(); // the next manage starts afresh
    said = text;
    saidAt = now;
    err.println("#: " + s.manager() + " (hub): " + text);
    err.flush();
  }
}
