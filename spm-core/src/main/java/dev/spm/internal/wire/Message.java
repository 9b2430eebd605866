package dev.spm.internal.wire;

import dev.spm.internal.task.ErrorData;
import dev.spm.internal.task.FunctionRef;

/**
 * The protocol: every message that crosses a connection between hub, agents and spokes. Each is a
 * record of this one sealed interface, so the whole contract reads here, and {@link Codec}
 * registers exactly these classes with Fory.
 *
 * <pre>
 * agent → hub   Hello(AGENT), SpokeExited, Heartbeat
 * hub → agent   Welcome | Refused, KillSpoke, Shutdown
 * spoke → hub   Hello(SPOKE), ReportBatch, EvalStarted, Heartbeat
 * hub → spoke   Welcome | Refused, DefineFunction, TaskBatch, Shutdown
 * </pre>
 */
public sealed interface Message {

  /** Who is on the other end of a connection. */
  enum Role { AGENT, SPOKE }

  /** The first message of every connection: proves the session token and names the peer. */
  record Hello(int protocol, String buildId, byte[] token, Role role, String server, int slot, int incarnation,
      long pid, int slots) implements Message {}

  /** The hub accepted the Hello. */
  record Welcome(String sessionId) implements Message {}

  /** The hub refused the Hello; the reason is for a person to read. The hub closes the connection. */
  record Refused(String reason) implements Message {}

  /** Gives a function a number on this connection, before the first task that uses it. */
  record DefineFunction(int id, FunctionRef function) implements Message {}

  /**
   * Tasks for a spoke, in order. Arrays, not lists of records: this is the hot path.
   *
   * @param timed whether the spoke must announce the start of evaluation ({@link EvalStarted})
   */
  record TaskBatch(long[] attempts, int[] functions, byte[][] args, boolean[] timed) implements Message {}

  /** A spoke finished loading a timed task and is about to evaluate it. */
  record EvalStarted(long attempt) implements Message {}

  /**
   * Reports for tasks, in the order they finished.
   *
   * @param statuses one of the {@code STATUS_} constants of {@link ReportStatus}
   * @param errors for a failed entry, what happened; null for a success
   */
  record ReportBatch(long[] attempts, byte[] statuses, byte[][] values, long[] evalNanos, ErrorData[] errors)
      implements Message {

    /** Collects reports; not thread-safe. */
    public static final class Builder {
      private long[] attempts;
      private byte[] statuses;
      private byte[][] values;
      private long[] evalNanos;
      private ErrorData[] errors;
      private int size;

      public Builder(int capacity) {
        int n = Math.max(capacity, 1);
        attempts = new long[n];
        statuses = new byte[n];
        values = new byte[n][];
        evalNanos = new long[n];
      }

      public void add(long attempt, byte status, byte[] value, long nanos, ErrorData error) {
        if (size == attempts.length) {
          int n = size * 2;
          attempts = java.util.Arrays.copyOf(attempts, n);
          statuses = java.util.Arrays.copyOf(statuses, n);
          values = java.util.Arrays.copyOf(values, n);
          evalNanos = java.util.Arrays.copyOf(evalNanos, n);
          if (errors != null) {
            errors = java.util.Arrays.copyOf(errors, n);
          }
        }
        if (error != null && errors == null) {
          errors = new ErrorData[attempts.length];
        }
        attempts[size] = attempt;
        statuses[size] = status;
        values[size] = value;
        evalNanos[size] = nanos;
        if (errors != null) {
          errors[size] = error;
        }
        size++;
      }

      public int size() {
        return size;
      }

      /** The batch so far; the builder starts empty again. */
      public ReportBatch build() {
        ReportBatch batch = new ReportBatch(java.util.Arrays.copyOf(attempts, size),
            java.util.Arrays.copyOf(statuses, size), java.util.Arrays.copyOf(values, size),
            java.util.Arrays.copyOf(evalNanos, size), errors == null ? null : java.util.Arrays.copyOf(errors, size));
        size = 0;
        errors = null;
        return batch;
      }
    }
  }

  /** Asks an agent to kill a spoke's whole process tree; the agent answers with SpokeExited. */
  record KillSpoke(int slot, int incarnation, String reason) implements Message {}

  /** An agent's spoke exited, by itself or because it was killed. */
  record SpokeExited(int slot, int incarnation, long pid, int exitCode, int signal, String reason) implements Message {}

  /** Asks a peer to stop: an agent kills its spokes and exits; a spoke exits. */
  record Shutdown() implements Message {}

  /** Sent every second by agents and spokes, so a silent peer is found within a bound. */
  record Heartbeat() implements Message {}
}
