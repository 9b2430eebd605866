package dev.spm.internal.hub;

import dev.spm.internal.hub.ListEngine.Attempt;
import java.util.List;

/** One spoke, as a manager drives it: a remote process, or the hub itself for the serial pool. */
public interface SpokeLink {
  /** The slot it fills, such as {@code server-1/slot-0}; stable across incarnations. */
  String slot();

  /** This incarnation's name, such as {@code server-1/slot-0#2}. */
  String name();

  String server();

  long pid();

  /**
   * Sends tasks, in order. The outcome of each arrives later as an {@link Event.Reports} in the
   * inbox that the link's backend was opened with. A broken link is not an error here: its loss
   * arrives as an {@link Event.SpokeDown}.
   */
  void send(List<Attempt> attempts);

  /** Asks for this spoke's whole process tree to be killed; its loss then arrives as SpokeDown. */
  void kill(String reason);
}
