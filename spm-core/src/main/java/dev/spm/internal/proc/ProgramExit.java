package dev.spm.internal.proc;

import java.util.OptionalInt;

/**
 * How one run of a program ended, its output left in files (see
 * {@link CoprocessRunner#runToFiles}).
 *
 * @param exitCode the exit status; for a death by signal {@code 128 + signal}, as a shell reports it
 * @param signalNumber the signal that ended the main process, or -1 if it exited. Where the JVM
 *     started the program (Java 21, or the fallback forced), an exit status above 128 is taken
 *     for a signal, as the JDK reports both alike
 * @param timedOut whether the deadline passed and the program was killed
 * @param startMillis when it started, in milliseconds since the epoch
 * @param wallNanos from its start to the confirmed end of all its processes
 */
public record ProgramExit(int exitCode, int signalNumber, boolean timedOut, long startMillis, long wallNanos) {
  /** The signal that ended the main process, if one did. */
  public OptionalInt signal() {
    return signalNumber < 0 ? OptionalInt.empty() : OptionalInt.of(signalNumber);
  }

  /** The exit code and signal of a raw {@code waitpid} status. */
  static ProgramExit fromWaitStatus(int status, boolean timedOut, long startMillis, long wallNanos) {
    int termSignal = status & 0x7f;
    if (termSignal == 0) {
      return new ProgramExit((status >> 8) & 0xff, -1, timedOut, startMillis, wallNanos);
    }
    return new ProgramExit(128 + termSignal, termSignal, timedOut, startMillis, wallNanos);
  }
}
