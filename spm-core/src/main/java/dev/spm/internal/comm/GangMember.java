package dev.spm.internal.comm;

import dev.spm.Gang;
import dev.spm.GangBrokenException;
import dev.spm.SpmInputException;
import dev.spm.SpmUsageException;
import dev.spm.internal.task.Values;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * One member of a gang, on its spoke. Connections to the other members are opened on first send
 * and used one way: each member receives on the connections the others opened to it. Collectives
 * go through rank 0: it gathers, combines in rank order, and sends the result back.
 */
public final class GangMember implements Gang, AutoCloseable {
  private final long gangId;
  private final int rank;
  private final String[] peers;
  private final PeerNet net;
  private final Mailbox mailbox;
  private final Connection[] out;
  private final PeerNet.TaskCommDeclare declare;

  GangMember(long gangId, int rank, String[] peers, PeerNet net, PeerNet.TaskCommDeclare declare) {
    this.gangId = gangId;
    this.rank = rank;
    this.peers = peers.clone();
    this.net = net;
    this.mailbox = net == null ? new Mailbox() : net.mailbox(gangId);
    this.out = new Connection[peers.length];
    this.declare = declare;
  }

  /** A gang of one, in a process with no peers (the serial pool). */
  public static GangMember alone(long gangId, PeerNet.TaskCommDeclare declare) {
    return new GangMember(gangId, 0, new String[] {"self"}, null, declare);
  }

  @Override
  public int rank() {
    return rank;
  }

  @Override
  public int size() {
    return peers.length;
  }

  @Override
  public void send(int to, Object value) {
    transmit(to, false, encode(value, "send"));
  }

  @Override
  public <T> T receive(int from) {
    return decode(take(from, false, Mailbox.forever(), "receive"));
  }

  @Override
  public <T> Optional<T> receive(int from, Duration timeout) {
    byte[] bytes = take(from, false, timeout.toNanos(), "receive");
    return bytes == null ? Optional.empty() : Optional.ofNullable(decode(bytes));
  }

  @Override
  public <T> Optional<Received<T>> poll() {
    Mailbox.Taken taken = mailbox.pollAny();
    return taken == null ? Optional.empty() : Optional.of(new Received<>(taken.from(), decode(taken.value())));
  }

  @Override
  public <T> T broadcast(int root, T value) {
    checkRank(root);
    if (rank == root) {
      byte[] bytes = encode(value, "broadcast");
      for (int r = 0; r < size(); r++) {
        if (r != rank) {
          transmit(r, true, bytes);
        }
      }
      return value;
    }
    return decode(take(root, true, Mailbox.forever(), "broadcast"));
  }

  @Override
  public void barrier() {
    allReduce(Boolean.TRUE, (a, b) -> a);
  }

  @Override
  public <T> T allReduce(T value, BinaryOperator<T> op) {
    if (rank != 0) {
      transmit(0, true, encode(value, "allReduce"));
      return decode(take(0, true, Mailbox.forever(), "allReduce"));
    }
    T acc = value;
    for (int r = 1; r < size(); r++) {
      acc = op.apply(acc, decode(take(r, true, Mailbox.forever(), "allReduce")));
    }
    return broadcast(0, acc);
  }

  @Override
  public void declareResult(Object value) {
    declare.declare(encode(value, "declareResult"));
  }

  /**
   * Leaves the gang: tells every other member that nothing more will come from this one (each
   * gets a connection from it, then its close), so that none waits for it forever, then forgets
   * the mailbox.
   */
  @Override
  public void close() {
    for (int r = 0; r < out.length; r++) {
      if (r == rank || net == null) {
        continue;
      }
      try {
        connection(r).close();
      } catch (IOException | RuntimeException e) {
        // that member is gone already
      }
    }
    if (net != null) {
      net.leave(gangId);
    }
  }

  private void transmit(int to, boolean collective, byte[] bytes) {
    checkRank(to);
    if (to == rank) {
      mailbox.add(rank, collective, bytes);
      return;
    }
    try {
      connection(to).send(new Message.PeerData(collective, bytes));
    } catch (IOException e) {
      throw new GangBrokenException("member " + rank + " cannot reach member " + to + " (" + peers[to]
          + "): " + e.getMessage(), e);
    }
  }

  private synchronized Connection connection(int to) throws IOException {
    Connection c = out[to];
    if (c == null || c.isClosed()) {
      c = new Connection(net.connect(peers[to]));
      c.send(new Message.PeerHello(net.token(), gangId, rank));
      out[to] = c;
    }
    return c;
  }

  private byte[] take(int from, boolean collective, long timeoutNanos, String what) {
    checkRank(from);
    if (size() == 1 && timeoutNanos == Mailbox.forever()) {
      byte[] value = collective ? null : mailbox.pollAny() instanceof Mailbox.Taken t ? t.value() : null;
      if (value == null) {
        throw new SpmUsageException(what + " in a gang of one would wait forever: nothing was sent to this member");
      }
      return value;
    }
    try {
      return mailbox.take(from, collective, timeoutNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GangBrokenException("member " + rank + " was interrupted in " + what, e);
    } catch (Mailbox.Gone e) {
      throw new GangBrokenException("member " + rank + " waited in " + what + " for member " + from
          + ", which is gone: its connection closed");
    }
  }

  private void checkRank(int r) {
    if (r < 0 || r >= size()) {
      throw new SpmInputException("rank " + r + " is not in this gang of " + size() + " (ranks 0 to " + (size() - 1) + ")");
    }
  }

  private static byte[] encode(Object value, String what) {
    try {
      return Values.encode(value);
    } catch (RuntimeException e) {
      throw new SpmInputException("the value given to " + what + " (" + value.getClass().getName()
          + ") cannot be serialized: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T decode(byte[] bytes) {
    return (T) Values.decode(bytes);
  }
}
