package dev.spm.internal.spoke;

import dev.spm.internal.Roles;
import dev.spm.internal.comm.CommMode;
import dev.spm.internal.comm.GangMember;
import dev.spm.internal.comm.PeerNet;
import dev.spm.internal.comm.TaskComm;
import dev.spm.internal.proc.ProcessTrees;
import dev.spm.internal.proc.Reaper;
import dev.spm.internal.task.FunctionRef;
import dev.spm.internal.task.ShippedClasses;
import dev.spm.internal.task.Values;
import dev.spm.internal.wire.Codec;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.ConnectionFile;
import dev.spm.internal.wire.Tls;
import dev.spm.internal.wire.Message;
import dev.spm.internal.wire.ReportStatus;
import dev.spm.internal.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A spoke: a JVM that evaluates one task at a time for the hub. Its command line says
 * {@code --spoke}, so {@code ps} finds it. It connects to the hub itself, proves the session's
 * token, then runs the tasks it is sent in order and sends their reports back in batches: a
 * batch is flushed when the spoke has nothing more to run, or every millisecond while it has.
 *
 * <p>Tasks of a manager that lets them talk (HubChannelManager, GangManager) run on a thread of
 * their own, so that this one keeps reading the hub's replies to their asks. A spoke also listens
 * for its gang peers ({@link PeerNet}) on the address it reached the hub from.
 *
 * <p>It exits when the hub's connection closes, and when its stdin (a pipe from its agent)
 * closes: a spoke never outlives its agent.
 */
public final class SpokeMain {
  private static final long FLUSH_NANOS = 1_000_000;

  public static void main(String[] args) throws IOException {
    Roles.becomeSpoke();
    // The start-up work that needs no hub runs beside the handshake, on threads of its own: the
    // wire's codec (Fory builds its serializers: about 250 ms in a cold JVM) and becoming a
    // subreaper (the first FFM call: 70-100 ms). Measured, the hub had every spoke about 150 ms
    // sooner. Encoding the Hello waits for the codec's class to be initialized, as Java does.
    Thread.ofPlatform().name("spm-spoke-codec").daemon().start(Codec::warmUp);
    // Orphans of its tasks' programs come to the spoke, not its agent: a coprocess that exited and
    // left none needs no sweep of /proc for its stragglers (CoprocessRunner). The JDK reaps the
    // children that task code starts through ProcessBuilder at once, before the reaper would look.
    Thread subreaper = Thread.ofPlatform().name("spm-spoke-subreaper").daemon().start(() -> {
      if (ProcessTrees.becomeSubreaper()) {
        Reaper.start(pid -> false);
      }
    });
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    ConnectionFile joining = ConnectionFile.read(Path.of(options.get("--token-file")));
    byte[] token = joining.token();
    Socket socket = Tls.connect(options.get("--hub"), joining.tls());
    PeerNet peers = new PeerNet(socket.getLocalAddress(), token);
    Connection hub = new Connection(socket);
    hub.send(new Message.Hello(Wire.PROTOCOL, Wire.buildId(), token, Message.Role.SPOKE, options.get("--server"),
        Integer.parseInt(options.get("--slot")), Integer.parseInt(options.get("--incarnation")),
        ProcessHandle.current().pid(), 0, peers.port()));
    Message answer = hub.receive();
    if (answer instanceof Message.Refused refused) {
      System.err.println("spm spoke: the hub refused this spoke: " + refused.reason());
      Runtime.getRuntime().halt(2);
    }
    Message.Welcome welcome = (Message.Welcome) answer;
    peers.open(welcome.keystore() == null ? null : Tls.serverContext(welcome.keystore(), welcome.keystorePassword()),
        joining.tls());
    // The serializers of task traffic and of task values, which the first task would otherwise
    // build (a cold spoke took 10-40 ms to resolve its first map-reduce task before, 2 ms after).
    // Here, while nothing else uses the codec: Fory gives a second thread a second, cold instance.
    Codec.warmUpForTasks();
    Values.warmUp();
    Thread.ofVirtual().name("spm-spoke-stdin").start(SpokeMain::watchStdin);
    Thread.ofVirtual().name("spm-spoke-heartbeat").start(() -> heartbeat(hub));
    try {
      subreaper.join(); // before any task can start a process
    } catch (InterruptedException e) {
      Runtime.getRuntime().halt(2); // nothing interrupts this thread
    }
    try {
      new SpokeMain(hub, peers).serve();
    } catch (IOException e) {
      // the hub is gone or closed this spoke: nothing to report to
    }
    Runtime.getRuntime().halt(0);
  }

  private final Connection hub;
  private final PeerNet peers;
  /**
   * Coarse tasks this spoke has reported failed. Batches run on this thread or on the fenced
   * runner, never on both at once (runnerBacklog orders them), so one thread writes at a time.
   */
  private volatile int coarseFailures;
  /** Coarse batches read so far; the number of each is its place in this count. Read thread only. */
  private int coarseBatchesRead;
  /** No task of a coarse batch numbered up to this is started (Message.StopStarting). */
  private volatile int stoppedThrough;
  private final Map<Integer, FunctionRef> functions = new ConcurrentHashMap<>();
  private final RemoteHubLink hubLink;
  private final Map<Long, Message.GangStart> gangStarts = new ConcurrentHashMap<>();
  /** Batches whose tasks may talk: run on their own thread, so this one keeps reading the replies. */
  private final LinkedBlockingQueue<Message.TaskBatch> talking = new LinkedBlockingQueue<>();
  private Thread talker;
  /**
   * Fenced batches (TaskBatch#failuresSeen), and any coarse batch read while one is queued or
   * running: run on a thread of their own, so that this one reads a StopStarting while they run.
   */
  private final LinkedBlockingQueue<Numbered> fenced = new LinkedBlockingQueue<>();
  /** Batches given to the fenced runner and not yet run to their end. */
  private final AtomicInteger runnerBacklog = new AtomicInteger();
  private Thread fencedRunner;

  private SpokeMain(Connection hub, PeerNet peers) {
    this.hub = hub;
    this.peers = peers;
    this.hubLink = new RemoteHubLink(hub);
  }

  /** A coarse batch with its number. */
  private record Numbered(Message.TaskBatch batch, int number) {}

  private void serve() throws IOException {
    Message.ReportBatch.Builder reports = new Message.ReportBatch.Builder(64);
    Evaluator evaluator = new Evaluator(); // one per thread: an Evaluator is not thread-safe
    try {
      while (true) {
        Message message = hub.receive();
        switch (message) {
          case Message.DefineFunction define -> functions.put(define.id(), define.function());
          case Message.DefineClasses classes -> ShippedClasses.received(classes.generation(), classes.names(), classes.bytes());
          case Message.TaskBatch batch when CommMode.mayTalkToHub(batch.mode()) -> {
            if (talker == null) {
              talker = Thread.ofPlatform().name("spm-spoke-talking-task").daemon().start(this::talk);
            }
            talking.add(batch);
          }
          case Message.TaskBatch batch -> {
            int number = ++coarseBatchesRead;
            if (batch.failuresSeen() == Integer.MAX_VALUE && runnerBacklog.get() == 0) {
              run(batch, number, reports, evaluator); // here: no thread hop for the common case
            } else {
              if (fencedRunner == null) {
                fencedRunner = Thread.ofPlatform().name("spm-spoke-fenced-tasks").daemon().start(this::runFenced);
              }
              runnerBacklog.incrementAndGet();
              fenced.add(new Numbered(batch, number));
            }
          }
          case Message.StopStarting stop -> {
            stoppedThrough = coarseBatchesRead;
            hub.send(new Message.StopConfirmed(stop.number())); // after the write that every check reads
          }
          case Message.GangStart start -> gangStarts.put(start.attempt(), start);
          case Message.ChannelReply reply -> hubLink.replied(reply);
          case Message.Shutdown ignored -> {
            return;
          }
          default -> { }
        }
      }
    } catch (IOException e) {
      hubLink.lost(e);
      throw e;
    }
  }

  /** The fenced runner: runs its batches in order, each to its end, then lowers the backlog. */
  private void runFenced() {
    Message.ReportBatch.Builder reports = new Message.ReportBatch.Builder(64);
    Evaluator evaluator = new Evaluator();
    try {
      while (true) {
        Numbered next = fenced.take();
        try {
          run(next.batch(), next.number(), reports, evaluator);
        } finally {
          Thread.interrupted(); // a task may leave its thread interrupted; the next take must wait
          runnerBacklog.decrementAndGet();
        }
      }
    } catch (InterruptedException | IOException e) {
      // the hub is gone: the main thread exits the process
    } catch (Throwable t) {
      die(t);
    }
  }

  /**
   * Ends the spoke over an error that escaped a thread that runs tasks (an OutOfMemoryError while
   * encoding a report, say): its queue would otherwise never be read again and the hub would wait.
   * The hub sees the spoke die, as when such an error ends the main thread.
   */
  private static void die(Throwable t) {
    try {
      System.err.println("spm spoke: " + Thread.currentThread().getName() + " ended by " + t);
      t.printStackTrace();
    } finally {
      Runtime.getRuntime().halt(1);
    }
  }

  /**
   * Runs batch number {@code number} of coarse grain tasks on this thread, flushing reports every
   * millisecond. A task is not started, but reported NOT_STARTED, when it was sent before the hub
   * took in this spoke's last failure (TaskBatch#failuresSeen), or its batch was read before a
   * StopStarting.
   */
  private void run(Message.TaskBatch batch, int number, Message.ReportBatch.Builder reports, Evaluator evaluator)
      throws IOException {
    long lastFlush = System.nanoTime();
    int n = batch.attempts().length;
    TaskComm.enterCoarse(batch.mode());
    try {
      BooleanSupplier notStopped = () -> number > stoppedThrough; // read again once the task is loaded
      for (int i = 0; i < n; i++) {
        long attempt = batch.attempts()[i];
        if (batch.failuresSeen() < coarseFailures || number <= stoppedThrough) {
          reports.add(attempt, ReportStatus.NOT_STARTED, Values.NONE, 0, null);
          continue;
        }
        if (batch.timed()[i]) {
          hub.send(new Message.EvalStarted(attempt));
        }
        if (!evaluator.evaluate(attempt, functions.get(batch.functions()[i]), batch.args()[i], reports, notStopped)) {
          coarseFailures++;
        }
        Thread.interrupted(); // a task may leave its thread interrupted; the next one starts without it
        long now = System.nanoTime();
        if (i < n - 1 && now - lastFlush >= FLUSH_NANOS) {
          hub.send(reports.build(coarseFailures));
          lastFlush = now;
        }
      }
    } finally {
      TaskComm.exit();
    }
    hub.send(reports.build(coarseFailures));
  }

  /** The thread of tasks that may talk: each runs with its TaskComm, and is reported alone. */
  private void talk() {
    Message.ReportBatch.Builder reports = new Message.ReportBatch.Builder(1);
    Evaluator evaluator = new Evaluator(); // one per thread: an Evaluator is not thread-safe
    try {
      while (true) {
        Message.TaskBatch batch = talking.take();
        for (int i = 0; i < batch.attempts().length; i++) {
          long attempt = batch.attempts()[i];
          if (batch.timed()[i]) {
            hub.send(new Message.EvalStarted(attempt));
          }
          Message.GangStart start = gangStarts.remove(attempt);
          GangMember member = start == null ? null
              : peers.join(start.gangId(), start.rank(), start.peers(),
                  value -> hubLink.post(new Message.GangResult(attempt, value)));
          TaskComm.enter(new TaskComm(attempt, batch.mode(), hubLink, member));
          try {
            evaluator.evaluate(attempt, functions.get(batch.functions()[i]), batch.args()[i], reports);
          } finally {
            TaskComm.exit();
          }
          // The report goes first: the member's peers see it leave (GangMember.close) only
          // after the hub knows how it ended, so a failure is blamed on the member that failed.
          hub.send(reports.build());
          if (member != null) {
            member.close();
          }
          Thread.interrupted(); // a task may leave its thread interrupted; the next take must wait
        }
      }
    } catch (InterruptedException | IOException e) {
      // the hub is gone: the main thread exits the process
    } catch (Throwable t) {
      die(t);
    }
  }

  private static void watchStdin() {
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // the agent never writes; a read returns only at EOF
      }
    } catch (IOException ignored) {
      // same as EOF
    }
    Runtime.getRuntime().halt(3);
  }

  private static void heartbeat(Connection hub) {
    while (hub.trySend(new Message.Heartbeat())) {
      try {
        Thread.sleep(1000); // the heartbeat period
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
