package dev.spm;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What a {@link Coprocess} run produced: its whole stdout and stderr, exit code, the signal that
 * ended it, whether its deadline passed, and its wall time. An immutable value that serializes
 * (Java serialization and Fory alike) so it can travel from a spoke back to the hub.
 *
 * @param stdoutBytes everything the program and its children wrote to stdout
 * @param stderrBytes everything they wrote to stderr
 * @param exitCode the exit status; for a death by signal {@code 128 + signal}, as the shell
 *     reports it
 * @param signalNumber the signal that ended it, or -1; see {@link #signal()}
 * @param timedOut whether the deadline passed and spm killed the program
 * @param wallNanos the time from start to confirmed end, including the kill
 */
public record CoprocessResult(
    byte[] stdoutBytes,
    byte[] stderrBytes,
    int exitCode,
    int signalNumber,
    boolean timedOut,
    long wallNanos)
    implements Serializable {

  /** Copies the arrays, so the result stays immutable. */
  public CoprocessResult {
    stdoutBytes = stdoutBytes.clone();
    stderrBytes = stderrBytes.clone();
    if (signalNumber < -1) {
      throw new IllegalArgumentException("signalNumber must be -1 or a signal, but was " + signalNumber);
    }
  }

  /** A copy of the raw stdout. */
  @Override
  public byte[] stdoutBytes() {
    return stdoutBytes.clone();
  }

  /** A copy of the raw stderr. */
  @Override
  public byte[] stderrBytes() {
    return stderrBytes.clone();
  }

  /** The stdout decoded as UTF-8; malformed bytes become U+FFFD. */
  public String stdout() {
    return new String(stdoutBytes, StandardCharsets.UTF_8);
  }

  /** The stderr decoded as UTF-8; malformed bytes become U+FFFD. */
  public String stderr() {
    return new String(stderrBytes, StandardCharsets.UTF_8);
  }

  /**
   * The signal that ended the program, if any. Read, like the shell does, from an exit code of
   * {@code 128 + n}: a program that calls {@code exit(130)} looks the same as one ended by
   * SIGINT, and a shell that reports its child's death by signal passes it on.
   */
  public OptionalInt signal() {
    return signalNumber < 0 ? OptionalInt.empty() : OptionalInt.of(signalNumber);
  }

  /** {@link #wallNanos()} as a duration. */
  public Duration wallTime() {
    return Duration.ofNanos(wallNanos);
  }

  /** Whether the program exited with 0 before its deadline. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoprocessResult r
        && Arrays.equals(stdoutBytes, r.stdoutBytes)
        && Arrays.equals(stderrBytes, r.stderrBytes)
        && exitCode == r.exitCode
        && signalNumber == r.signalNumber
        && timedOut == r.timedOut
        && wallNanos == r.wallNanos;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(stdoutBytes) + Arrays.hashCode(stderrBytes)) + exitCode;
  }

  @Override
  public String toString() {
    return "CoprocessResult[exitCode=" + exitCode
        + (signalNumber < 0 ? "" : ", signal=" + signalNumber)
        + (timedOut ? ", timedOut" : "")
        + ", wallTime=" + wallTime()
        + ", stdout=" + stdoutBytes.length + " bytes, stderr=" + stderrBytes.length + " bytes]";
  }
}
