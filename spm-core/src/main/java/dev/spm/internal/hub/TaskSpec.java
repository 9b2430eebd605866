package dev.spm.internal.hub;

import dev.spm.internal.task.FunctionRef;

/** A submitted task as the engine sees it: an id within its manager, and what travels to a spoke. */
public record TaskSpec(long id, String label, FunctionRef function, byte[] args, long timeoutNanos) {
  public boolean timed() {
    return timeoutNanos > 0;
  }
}
