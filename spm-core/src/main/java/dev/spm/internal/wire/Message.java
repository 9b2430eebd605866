package dev.spm.internal.wire;

import dev.spm.internal.task.ErrorData;
import dev.spm.internal.task.FunctionRef;

/**
 * The protocol: every message that crosses a connection between hub, agents and spokes. Each is a
 * record of this one sealed interface, so the whole contract reads here, and {@link Codec}
 * registers exactly these classes with Fory.
 *
 * <pre>
 * agent → hub   Hello(AGENT), ClassPathRequest, FetchJar, SpokeExited, Heartbeat
 * hub → agent   Welcome | Refused, ClassPathManifest, JarChunk, KillSpoke, Shutdown
 * spoke → hub   Hello(SPOKE), ReportBatch, EvalStarted, ChannelMessage, GangResult, Heartbeat
 * hub → spoke   Welcome | Refused, DefineClasses, DefineFunction, GangStart, TaskBatch, ChannelReply, Shutdown
 * spoke → spoke PeerHello, PeerData (a gang's members, over their own connections)
 * </pre>
 */
public sealed interface Message {

  /** Who is on the other end of a connection. */
  enum Role { AGENT, SPOKE }

  /**
   * The first message of every connection to the hub: proves the session token and names the peer.
   *
   * @param slots an agent's slot count; 0 for a spoke
   * @param peerPort a spoke's port for its gang peers, on the address it reached the hub from; 0 for an agent
   */
  record Hello(int protocol, String buildId, byte[] token, Role role, String server, int slot, int incarnation,
      long pid, int slots, int peerPort) implements Message {}

  /**
   * The hub accepted the Hello.
   *
   * @param keystore over TLS, the session's certificate and key (PKCS#12), with which gang members
   *     serve each other beyond loopback; null in the clear
   */
  record Welcome(String sessionId, byte[] keystore, String keystorePassword) implements Message {}

  /** The hub refused the Hello; the reason is for a person to read. The hub closes the connection. */
  record Refused(String reason) implements Message {}

  /** Gives a function a number on this connection, before the first task that uses it. */
  record DefineFunction(int id, FunctionRef function) implements Message {}

  /**
   * Tasks for a spoke, in order. Arrays, not lists of records: this is the hot path.
   *
   * @param timed whether the spoke must announce the start of evaluation ({@link EvalStarted})
   * @param mode the manager's kind, one of {@link dev.spm.internal.comm.CommMode}'s constants: it
   *     says whether the tasks may talk (to the hub, or to their gang) before they end
   * @param failuresSeen how many coarse tasks this spoke had reported failed when the hub, having
   *     taken those reports in (its manager's failure policy applied), sent this batch; or
   *     Integer.MAX_VALUE when the manager does not fence failures. A spoke that has reported more
   *     starts none of these tasks and reports them {@link ReportStatus#NOT_STARTED}: no task sent
   *     to it before the hub heard of its failure starts after that failure (a DAG that stops on
   *     failure starts nothing new on that spoke)
   */
  record TaskBatch(long[] attempts, int[] functions, byte[][] args, boolean[] timed, byte mode, int failuresSeen)
      implements Message {}

  /** A spoke finished loading a timed task and is about to evaluate it. */
  record EvalStarted(long attempt) implements Message {}

  /**
   * Reports for tasks, in the order they finished (or, NOT_STARTED, were passed over).
   *
   * @param statuses one of the {@code STATUS_} constants of {@link ReportStatus}
   * @param errors for a failed entry, what happened; null for a success
   * @param failuresReported how many coarse tasks the spoke has reported failed, this batch
   *     included; -1 from a path that does not count them (tasks that talk, the serial pool)
   */
  record ReportBatch(long[] attempts, byte[] statuses, byte[][] values, long[] evalNanos, ErrorData[] errors,
      int failuresReported) implements Message {

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

      /** The batch so far, from a path that does not count failures; the builder starts empty again. */
      public ReportBatch build() {
        return build(-1);
      }

      /** The batch so far, with the count of coarse tasks reported failed; the builder starts empty again. */
      public ReportBatch build(int failuresReported) {
        ReportBatch batch = new ReportBatch(java.util.Arrays.copyOf(attempts, size),
            java.util.Arrays.copyOf(statuses, size), java.util.Arrays.copyOf(values, size),
            java.util.Arrays.copyOf(evalNanos, size), errors == null ? null : java.util.Arrays.copyOf(errors, size),
            failuresReported);
        size = 0;
        errors = null;
        return batch;
      }
    }
  }

  /**
   * A running task's message on one of the hub's channels: a {@code tell}, or an {@code ask} that
   * waits for a {@link ChannelReply} with the same attempt and sequence number.
   */
  record ChannelMessage(long attempt, long seq, String channel, byte[] value, boolean ask) implements Message {}

  /** The hub's answer to an ask: a value, or an error that the ask throws on the spoke. */
  record ChannelReply(long attempt, long seq, byte[] value, ErrorData error) implements Message {}

  /**
   * Sent before the TaskBatch of a gang member: who it is in its gang and where its peers listen.
   *
   * @param peers {@code host:port} of each member, by rank
   */
  record GangStart(long attempt, long gangId, int rank, String[] peers) implements Message {}

  /** A gang member declared the gang's result: the hub stops the other members. */
  record GangResult(long attempt, byte[] value) implements Message {}

  /** The first message on a connection from one gang member to another. */
  record PeerHello(byte[] token, long gangId, int rank) implements Message {}

  /**
   * A value from one gang member to another.
   *
   * @param collective whether it belongs to a collective (broadcast, barrier, all-reduce) rather
   *     than to the user's send and receive
   */
  record PeerData(boolean collective, byte[] value) implements Message {}

  /** An agent of another server asks for the hub's class path, to start its spokes on the same code. */
  record ClassPathRequest() implements Message {}

  /** The hub's class path as jars, in order: names for people, SHA-256 hashes (hex) to fetch and cache them by. */
  record ClassPathManifest(String[] names, String[] sha256, long[] sizes) implements Message {}

  /** An agent asks for one jar of the manifest. */
  record FetchJar(String sha256) implements Message {}

  /** A piece of a jar, in order; the last piece says so. An unknown hash gets one empty last piece. */
  record JarChunk(String sha256, byte[] data, boolean last) implements Message {}

  /** Asks an agent to kill a spoke's whole process tree; the agent answers with SpokeExited. */
  record KillSpoke(int slot, int incarnation, String reason) implements Message {}

  /** An agent's spoke exited, by itself or because it was killed. */
  record SpokeExited(int slot, int incarnation, long pid, int exitCode, int signal, String reason) implements Message {}

  /** Asks a peer to stop: an agent kills its spokes and exits; a spoke exits. */
  record Shutdown() implements Message {}

  /**
   * Hub to spoke, when a manager that stops on failure has taken a failure in: start no task of a
   * coarse {@link TaskBatch} received before this message (report each
   * {@link ReportStatus#NOT_STARTED}). Batches sent after it run as usual. A spoke runs fenced
   * batches on a thread of their own and reads this while they run: once it is read, no further
   * task of those batches starts, and the spoke answers {@link StopConfirmed} with the same number.
   *
   * @param number counts the stops sent to this spoke, from 1
   */
  record StopStarting(int number) implements Message {}

  /**
   * Spoke to hub: from now on it starts no task of the batches it read before {@link StopStarting}
   * {@code number} (a task that had passed its check before still runs); the hub holds the drops
   * of its failure policy until it has this.
   */
  record StopConfirmed(int number) implements Message {}

  /** Sent every second by agents and spokes, so a silent peer is found within a bound. */
  record Heartbeat() implements Message {}

  /**
   * Class files a spoke cannot find on its class path (those of {@code spm shell}), sent before
   * the first batch that may need them; see {@link dev.spm.internal.task.ShippedClasses}.
   *
   * @param generation a new id replaces the classes sent before (the shell was reset)
   * @param names binary class names, each with its class file in {@code bytes}
   */
  record DefineClasses(int generation, String[] names, byte[][] bytes) implements Message {}
}
