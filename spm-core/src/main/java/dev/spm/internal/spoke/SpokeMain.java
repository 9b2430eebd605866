package dev.spm.internal.spoke;

import dev.spm.internal.Roles;
import dev.spm.internal.task.FunctionRef;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import dev.spm.internal.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A spoke: a JVM that evaluates one task at a time for the hub. Its command line says
 * {@code --spoke}, so {@code ps} finds it. It connects to the hub itself, proves the session's
 * token, then runs the tasks it is sent in order and sends their reports back in batches: a
 * batch is flushed when the spoke has nothing more to run, or every millisecond while it has.
 *
 * <p>It exits when the hub's connection closes, and when its stdin (a pipe from its agent)
 * closes: a spoke never outlives its agent.
 */
public final class SpokeMain {
  private static final long FLUSH_NANOS = 1_000_000;

  public static void main(String[] args) throws IOException {
    Roles.becomeSpoke();
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String[] hostPort = options.get("--hub").split(":");
    byte[] token = HexFormat.of().parseHex(Files.readString(Path.of(options.get("--token-file"))).trim());
    Connection hub = new Connection(new Socket(hostPort[0], Integer.parseInt(hostPort[1])));
    hub.send(new Message.Hello(Wire.PROTOCOL, Wire.buildId(), token, Message.Role.SPOKE, options.get("--server"),
        Integer.parseInt(options.get("--slot")), Integer.parseInt(options.get("--incarnation")),
        ProcessHandle.current().pid(), 0));
    Message answer = hub.receive();
    if (answer instanceof Message.Refused refused) {
      System.err.println("spm spoke: the hub refused this spoke: " + refused.reason());
      Runtime.getRuntime().halt(2);
    }
    Thread.ofVirtual().name("spm-spoke-stdin").start(SpokeMain::watchStdin);
    Thread.ofVirtual().name("spm-spoke-heartbeat").start(() -> heartbeat(hub));
    try {
      serve(hub);
    } catch (IOException e) {
      // the hub is gone or closed this spoke: nothing to report to
    }
    Runtime.getRuntime().halt(0);
  }

  private static void serve(Connection hub) throws IOException {
    Evaluator evaluator = new Evaluator();
    Map<Integer, FunctionRef> functions = new HashMap<>();
    Message.ReportBatch.Builder reports = new Message.ReportBatch.Builder(64);
    while (true) {
      Message message = hub.receive();
      switch (message) {
        case Message.DefineFunction define -> functions.put(define.id(), define.function());
        case Message.TaskBatch batch -> {
          long lastFlush = System.nanoTime();
          int n = batch.attempts().length;
          for (int i = 0; i < n; i++) {
            if (batch.timed()[i]) {
              hub.send(new Message.EvalStarted(batch.attempts()[i]));
            }
            evaluator.evaluate(batch.attempts()[i], functions.get(batch.functions()[i]), batch.args()[i], reports);
            long now = System.nanoTime();
            if (i < n - 1 && now - lastFlush >= FLUSH_NANOS) {
              hub.send(reports.build());
              lastFlush = now;
            }
          }
          hub.send(reports.build());
        }
        case Message.Shutdown ignored -> {
          return;
        }
        default -> { }
      }
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
