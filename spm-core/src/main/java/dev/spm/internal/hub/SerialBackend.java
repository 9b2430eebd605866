package dev.spm.internal.hub;

import dev.spm.Pool;
import dev.spm.internal.hub.Backend.Lane;
import dev.spm.internal.hub.ListEngine.Attempt;
import dev.spm.internal.spoke.Evaluator;
import dev.spm.internal.wire.Message.ReportBatch;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The serial pool: one lane whose "spoke" is the hub itself. Tasks run on the thread that called
 * manage, through the same {@link Evaluator} a spoke uses, so arguments and results are encoded
 * and decoded exactly as on a cluster. Deadlines are not enforced here (a thread cannot be killed
 * cleanly); a coprocess still enforces its own.
 */
public final class SerialBackend implements Backend {
  private final String server;

  public SerialBackend(String server) {
    this.server = server;
  }

  @Override
  public List<Lane> open(Pool pool, int max, BlockingQueue<Event> inbox) {
    return List.of(new Lane("serial", new InlineSpoke(server, inbox)));
  }

  @Override
  public void close() {}

  @Override
  public boolean canGrow() {
    return false;
  }

  @Override
  public String hubServer() {
    return server;
  }

  private static final class InlineSpoke implements SpokeLink {
    private final String server;
    private final BlockingQueue<Event> inbox;
    private final Evaluator evaluator = new Evaluator();

    InlineSpoke(String server, BlockingQueue<Event> inbox) {
      this.server = server;
      this.inbox = inbox;
    }

    @Override
    public String slot() {
      return "serial";
    }

    @Override
    public String name() {
      return "serial";
    }

    @Override
    public String server() {
      return server;
    }

    @Override
    public long pid() {
      return ProcessHandle.current().pid();
    }

    @Override
    public void send(List<Attempt> attempts) {
      int n = attempts.size();
      ReportBatch.Builder reports = new ReportBatch.Builder(n);
      for (Attempt attempt : attempts) {
        TaskSpec task = attempt.task();
        evaluator.evaluate(attempt.id(), task.function(), task.args(), reports);
      }
      inbox.add(new Event.Reports(this, reports.build()));
    }

    @Override
    public void kill(String reason) {
      // Nothing runs between calls: a serial task is over by the time the engine can ask.
      inbox.add(new Event.SpokeDown(this, -1, 0, reason));
    }
  }
}
