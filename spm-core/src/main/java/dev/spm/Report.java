package dev.spm;

import dev.spm.internal.task.Values;
import java.util.Objects;
import java.util.Optional;

/**
 * The final report of one task: its value, or how it failed. The seed's {@code task.spm.stat}.
 * Each task's report reaches the status handler exactly once, whatever the number of attempts.
 *
 * <p>The value is decoded on the first call to {@link #value()}, on the calling thread.
 *
 * @param <R> the type of the task's result
 */
public final class Report<R> {
  private final TaskOrigin origin;
  private final byte[] encoded;
  private final TaskException failure;
  private Object decoded;
  private boolean isDecoded;

  Report(TaskOrigin origin, byte[] encoded, TaskException failure) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.encoded = encoded;
    this.failure = failure;
  }

  /**
   * The task's result.
   *
   * @throws TaskException the subclass that says how the task failed ({@link TaskEvalUncaught},
   *     {@link TaskEvalTimeout}, {@link TaskDropped}, …), carrying the remote cause and origin
   */
  @SuppressWarnings("unchecked")
  public R value() {
    if (failure != null) {
      throw failure;
    }
    if (!isDecoded) {
      decoded = Values.decode(encoded);
      isDecoded = true;
    }
    return (R) decoded;
  }

  public boolean succeeded() {
    return failure == null;
  }

  /**
   * Whether the task was stopped because its work was no longer needed ({@link TaskStopped}: a
   * gang member whose gang's result another member declared), which is not a failure.
   */
  public boolean stopped() {
    return failure instanceof TaskStopped;
  }

  /** How the task failed, if it did. */
  public Optional<TaskException> failure() {
    return Optional.ofNullable(failure);
  }

  /** Where and how the final attempt ran. */
  public TaskOrigin origin() {
    return origin;
  }

  public String label() {
    return origin.label();
  }

  @Override
  public String toString() {
    return "Report[" + origin.describe() + ", " + (failure == null ? "ok" : failure.getClass().getSimpleName()) + "]";
  }
}
