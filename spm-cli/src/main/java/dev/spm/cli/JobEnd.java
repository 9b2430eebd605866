package dev.spm.cli;

/**
 * How a job ended: its last try.
 *
 * @param job the job
 * @param startMillis when the last try started, in milliseconds since the epoch
 * @param runtimeNanos how long it ran
 * @param exitCode its exit status; {@code 128 + signal} after a death by signal
 * @param signal the signal that ended it, or -1
 * @param timedOut whether its --timeout passed and it was killed
 * @param stdout what it wrote on stdout
 * @param stderr what it wrote on stderr
 */
record JobEnd(Job job, long startMillis, long runtimeNanos, int exitCode, int signal, boolean timedOut,
    JobOutput stdout, JobOutput stderr) {

  /**
   * GNU parallel's Exitval: the exit status; 0 after a death by signal; -1 after a timeout,
   * unless the job then exited with a status of its own (as GNU parallel overwrites its -1 with
   * a non-zero status).
   */
  int exitval() {
    if (signal >= 0) {
      return timedOut ? -1 : 0;
    }
    return timedOut && exitCode == 0 ? -1 : exitCode;
  }

  /** GNU parallel's Signal column: the signal that ended the job, or 0. */
  int signalColumn() {
    return Math.max(signal, 0);
  }

  /** Whether the job failed, as GNU parallel counts it: a non-zero Exitval or a signal. */
  boolean failed() {
    return exitval() != 0 || signalColumn() != 0;
  }
}
