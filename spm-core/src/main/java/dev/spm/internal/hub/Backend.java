package dev.spm.internal.hub;

import dev.spm.Pool;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/** Where a manager's spokes come from: the session's tracker, or the hub itself (serial). */
public interface Backend {
  /**
   * Selects the pool's slots and routes their events to {@code inbox} until {@link #close}.
   *
   * @return the selected slots, each with its live spoke or null when none is up yet; spokes that
   *     come up later arrive as {@link Event.SpokeUp}
   */
  List<Lane> open(Pool pool, int max, BlockingQueue<Event> inbox);

  /** Stops routing events to the inbox. */
  void close();

  /** Whether a slot without a live spoke may still get one (its server's agent is alive). */
  boolean canGrow();

  /** Whether this slot may still get a live spoke (its server's agent is alive). */
  default boolean canGrow(String slot) {
    return canGrow();
  }

  /** Where a person should look when spokes misbehave, such as {@code "; see the logs in /tmp/…"}. */
  default String logHint() {
    return "";
  }

  /** The hub's server name, for reports of the serial pool. */
  String hubServer();

  /**
   * Whether what is sent to a spoke reaches it a round trip later (true), or runs at once on the
   * manage thread (the serial pool), where holding a task ahead would only delay its report.
   */
  default boolean remote() {
    return true;
  }

  /** A selected slot. */
  final class Lane {
    final String slot;
    SpokeLink spoke;
    /** Attempts sent to the current spoke, in the order it runs them; the head is running. */
    final java.util.ArrayDeque<ListEngine.Attempt> queue = new java.util.ArrayDeque<>();
    /** Tasks that may run only here (the Clone pattern), in order. */
    final java.util.ArrayDeque<ListEngine.Pending> pinned = new java.util.ArrayDeque<>();
    /** Batches sent to the current spoke whose last attempt has not been reported. */
    int batches;
    /** The spoke was asked to die (why), and the engine waits for its SpokeDown. */
    String killReason;
    long killAskedNanos;

    public Lane(String slot, SpokeLink spoke) {
      this.slot = slot;
      this.spoke = spoke;
    }

    public String slot() {
      return slot;
    }
  }
}
