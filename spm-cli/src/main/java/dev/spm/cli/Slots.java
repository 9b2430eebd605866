package dev.spm.cli;

import java.util.BitSet;

/**
 * GNU parallel's slot numbers ({@code {%}}): a job takes the lowest slot in 1..width that no
 * running job holds, and gives it back when it ends. When every slot is held (the manager may
 * take jobs ahead of the free spokes), the job number decides: ((seq - 1) mod width) + 1.
 */
final class Slots {
  private final int width;
  private final BitSet held = new BitSet();

  Slots(int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, but was " + width);
    }
    this.width = width;
  }

  /** A slot for job {@code seq}. */
  synchronized int take(long seq) {
    int free = held.nextClearBit(1);
    if (free > width) {
      return (int) ((seq - 1) % width) + 1;
    }
    held.set(free);
    return free;
  }

  /** Gives a slot back. */
  synchronized void give(int slot) {
    held.clear(slot);
  }
}
