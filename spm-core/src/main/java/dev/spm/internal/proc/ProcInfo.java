package dev.spm.internal.proc;

/**
 * One process as {@code /proc} showed it at one moment.
 *
 * @param pid the process id
 * @param ppid the parent's process id
 * @param pgid the process group id
 * @param state the state letter from {@code /proc/PID/stat}: {@code R}, {@code S}, {@code D},
 *     {@code Z} (zombie), {@code T}, ...
 * @param commandLine the command line with arguments joined by spaces; for a zombie, which has
 *     none, the command name in brackets, as {@code ps} shows it
 */
public record ProcInfo(long pid, long ppid, long pgid, char state, String commandLine) {

  /** Whether the process is still running; a zombie has ended and only waits to be reaped. */
  public boolean alive() {
    return ProcFs.alive(state);
  }

  @Override
  public String toString() {
    return pid + " " + state + " " + commandLine;
  }
}
