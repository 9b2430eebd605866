package dev.spm;

/**
 * The root of every exception that spm throws.
 *
 * <p>Its branches separate whose mistake it was:
 * <ul>
 *   <li>{@link SpmUsageException}: the program broke a rule of the API (a name declared twice, a
 *       declaration while online, a nested {@code manage}, a guard that failed);
 *   <li>{@link SpmInputException}: a value given to spm is bad (a pool or cloud spec, an option,
 *       a function no spoke can resolve, an argument that cannot be serialized);
 *   <li>{@link SpmSessionException}: the runtime could not do its job (a cloud did not start,
 *       a peer of another build);
 *   <li>{@link ManageException}: a {@code manage} call ended early; it lists the tasks that got no
 *       report;
 *   <li>{@link TaskException}: one task failed; thrown by {@link Report#value()}.
 * </ul>
 * All are unchecked. A cause is wrapped once, never twice.
 */
public abstract class SpmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected SpmException(String message) {
    super(message);
  }

  protected SpmException(String message, Throwable cause) {
    super(message, cause);
  }
}
