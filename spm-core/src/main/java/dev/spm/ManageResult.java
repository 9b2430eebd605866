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
 * @param wallTime from the call to the return
 */
public record ManageResult(Pool pool, List<String> slots, long succeeded, long failed, Duration wallTime) {
  public ManageResult {
    slots = List.copyOf(slots);
  }

  /** A pool of exactly these slots, for a later manage; see {@link Pools#sameAs(ManageResult)}. */
  public Pool sameSlots() {
    return Pools.sameAs(this);
  }
}
