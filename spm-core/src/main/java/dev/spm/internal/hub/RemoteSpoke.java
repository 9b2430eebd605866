package dev.spm.internal.hub;

import dev.spm.internal.hub.ListEngine.Attempt;
import dev.spm.internal.task.FunctionRef;
import dev.spm.internal.task.ShippedClasses;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A spoke process, reached over its own connection; killed through its server's agent. */
final class RemoteSpoke implements SpokeLink {
  private final Connection connection;
  private final Tracker.Server server;
  private final int slot;
  private final int incarnation;
  private final long pid;
  private final String slotName;
  private final String name;
  private final String peerAddress;
  private final Map<FunctionRef, Integer> functionIds = new HashMap<>();
  /** The spoke's coarse failures the engine has taken in (manage thread only). */
  private int failuresSeen;
  /** The StopStarting messages sent to this spoke (manage thread only). */
  private int stopsSent;
  /** The shipped classes this spoke has: a generation, and how many of its classes. */
  private ShippedClasses.Generation shippedGeneration;
  private int shippedCount;
  volatile long lastHeard = System.nanoTime();

  RemoteSpoke(Connection connection, Tracker.Server server, int slot, int incarnation, long pid, int peerPort) {
    this.connection = connection;
    this.server = server;
    this.slot = slot;
    this.incarnation = incarnation;
    this.pid = pid;
    this.slotName = server.name() + Tracker.SLOT + slot;
    this.name = slotName + "#" + incarnation;
    this.peerAddress = connection.remoteAddress().getHostAddress() + ":" + peerPort;
  }

  @Override
  public String slot() {
    return slotName;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String server() {
    return server.name();
  }

  @Override
  public long pid() {
    return pid;
  }

  int slotIndex() {
    return slot;
  }

  int incarnation() {
    return incarnation;
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void failuresTakenIn(int failuresReported) {
    failuresSeen = Math.max(failuresSeen, failuresReported);
  }

  @Override
  public void send(List<Attempt> attempts, byte mode, boolean fenced) {
    int n = attempts.size();
    long[] ids = new long[n];
    int[] functions = new int[n];
    byte[][] args = new byte[n][];
    boolean[] timed = new boolean[n];
    try {
      ShippedClasses.Generation classes = ShippedClasses.current();
      if (classes != null && (classes != shippedGeneration || classes.size() != shippedCount)) {
        ship(classes);
      }
      for (int i = 0; i < n; i++) {
        Attempt attempt = attempts.get(i);
        TaskSpec task = attempt.task();
        Integer id = functionIds.get(task.function());
        if (id == null) {
          id = functionIds.size();
          functionIds.put(task.function(), id);
          connection.send(new Message.DefineFunction(id, task.function()));
        }
        ids[i] = attempt.id();
        functions[i] = id;
        args[i] = task.args();
        timed[i] = attempt.announces();
      }
      connection.send(new Message.TaskBatch(ids, functions, args, timed, mode,
          fenced ? failuresSeen : Integer.MAX_VALUE));
    } catch (IOException e) {
      broken(e);
    }
  }

  @Override
  public int stopStarting() {
    int number = ++stopsSent;
    try {
      connection.send(new Message.StopStarting(number));
    } catch (IOException e) {
      broken(e);
    }
    return number;
  }

  /** Sends the classes of the generation that this spoke has not received yet. */
  private void ship(ShippedClasses.Generation classes) throws IOException {
    int from = classes == shippedGeneration ? shippedCount : 0;
    ShippedClasses.Slice slice = classes.since(from);
    connection.send(new Message.DefineClasses(classes.id(), slice.names(), slice.bytes()));
    shippedGeneration = classes;
    shippedCount = from + slice.size();
  }

  @Override
  public void startGang(Message.GangStart start) {
    try {
      connection.send(start);
    } catch (IOException e) {
      broken(e);
    }
  }

  @Override
  public void reply(Message.ChannelReply reply) {
    try {
      connection.send(reply);
    } catch (IOException e) {
      broken(e);
    }
  }

  @Override
  public String peerAddress() {
    return peerAddress;
  }

  /** The spoke is going or gone; its agent reports the exit, which fails its attempts over. */
  private void broken(IOException e) {
    connection.close();
    server.askKill(this, "its connection broke: " + e.getMessage());
  }

  @Override
  public void kill(String reason) {
    server.askKill(this, reason);
  }

  @Override
  public String toString() {
    return name + " (pid " + pid + ")";
  }
}
