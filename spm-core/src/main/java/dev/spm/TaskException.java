package dev.spm;

/**
 * One task failed. {@link Report#value()} throws a subclass that says how:
 * <pre>
 * TaskException
 *  +-- TaskDropped                      never ran to an end: a dependency failed, manage stopped
 *  +-- TaskLoadException                failed while the spoke prepared it (resolving the function,
 *  |    +-- TaskLoadUncaught            decoding the arguments)
 *  |    +-- TaskLoadFatal / Kill / Timeout
 *  +-- TaskEvalException                failed while the function ran
 *       +-- TaskEvalUncaught            the function threw; {@link #getCause()} is the remote
 *       +-- TaskEvalFatal               the spoke died (its exit code or signal is in {@link #origin()})
 *       +-- TaskEvalKill                the spoke was killed on purpose (a handler threw, manage stopped)
 *       +-- TaskEvalTimeout             the task passed its deadline and was killed
 * </pre>
 * Every one carries its {@link TaskOrigin}: label, attempt, spoke, server, wall time, and the exit
 * code or signal of a process that ended badly. An exception thrown by the task itself is carried
 * as a {@link RemoteThrowable}, rebuilt from structured data, so its class need not be loadable on
 * the hub.
 */
public abstract class TaskException extends SpmException {
  private static final long serialVersionUID = 1L;

  private final transient TaskOrigin origin;

  protected TaskException(String what, TaskOrigin origin, Throwable cause) {
    super(origin.describe() + ": " + what, cause);
    this.origin = origin;
  }

  /** Where and how the failed attempt ran. */
  public TaskOrigin origin() {
    return origin;
  }
}
