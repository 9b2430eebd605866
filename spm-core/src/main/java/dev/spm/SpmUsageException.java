package dev.spm;

/**
 * The program broke a rule of the API: a manager name declared twice, a declaration while a
 * manager is online, a {@code manage} called from inside a handler, or a guard such as
 * {@link Spm#requireOffline()} that did not hold. Fix the program; retrying will not help.
 */
public class SpmUsageException extends SpmException {
  private static final long serialVersionUID = 1L;

  public SpmUsageException(String message) {
    super(message);
  }
}
