package dev.spm;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code manage} call did: its pool, the slots it used, how many tasks ended each way, and
 * its wall time.
 *
 * @param pool the pool it was given
 * @param slots the slots it used, by name ({@code server-1/slot-0}), in the tracker's order
 * @param succeeded tasks whose final report carried a value
 * @param failed tasks whose final report carried a failure
 * @param stopped gang members stopped because another member declared the gang's result
 *     ({@link TaskStopped}): neither succeeded nor failed
 * @param staleMessages messages from task attempts that had been killed or relaunched, and
 *     replies meant for them, that the hub dropped (the seed's stale replies)
 * @param wallTime from the call to the return
 */
public record ManageResult(Pool pool, List<String> slots, long succeeded, long failed, long stopped,
    long staleMessages, Duration wallTime) {
  public ManageResult {
    slots = List.copyOf(slots);
  }

  /** A pool of exactly these slots, for a later manage; see {@link Pools#sameAs(ManageResult)}. */
  public Pool sameSlots() {
    return Pools.sameAs(this);
  }
}
