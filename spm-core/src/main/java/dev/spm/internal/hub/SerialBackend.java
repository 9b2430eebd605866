package dev.spm.internal.hub;

import dev.spm.Pool;
import dev.spm.internal.hub.Backend.Lane;
import dev.spm.internal.hub.ListEngine.Attempt;
import dev.spm.internal.comm.CommMode;
import dev.spm.internal.comm.GangMember;
import dev.spm.internal.comm.HubLink;
import dev.spm.internal.comm.TaskComm;
import dev.spm.internal.spoke.Evaluator;
import dev.spm.internal.task.Values;
import dev.spm.internal.wire.Message;
import dev.spm.internal.wire.Message.ReportBatch;
import dev.spm.internal.wire.ReportStatus;
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
  private InlineHub hub;

  /**
   * The engine's side of a task's messages, for tasks that run on the engine's own thread: it
   * handles each at once and returns the reply.
   */
  interface InlineHub {
    Message.ChannelReply channel(SpokeLink spoke, Message.ChannelMessage message);

    void declared(SpokeLink spoke, Message.GangResult result);
  }

  void attach(InlineHub hub) {
    this.hub = hub;
  }

  public SerialBackend(String server) {
    this.server = server;
  }

  @Override
  public List<Lane> open(Pool pool, int max, BlockingQueue<Event> inbox) {
    return List.of(new Lane("serial", new InlineSpoke(server, inbox, hub)));
  }

  @Override
  public void close() {}

  /** A serial task's messages, handled by the engine on this very thread. */
  private record InlineLink(InlineSpoke spoke) implements HubLink {
    @Override
    public Message.ChannelReply ask(Message.ChannelMessage message, long timeoutNanos) {
      return spoke.hub.channel(spoke, message);
    }

    @Override
    public void post(Message message) {
      switch (message) {
        case Message.ChannelMessage tell -> spoke.hub.channel(spoke, tell);
        case Message.GangResult result -> spoke.hub.declared(spoke, result);
        default -> throw new IllegalArgumentException("not a task's message: " + message);
      }
    }
  }

  @Override
  public boolean canGrow() {
    return false;
  }

  @Override
  public String hubServer() {
    return server;
  }

  @Override
  public boolean remote() {
    return false;
  }

  private static final class InlineSpoke implements SpokeLink {
    private final String server;
    private final BlockingQueue<Event> inbox;
    private final InlineHub hub;
    private final Evaluator evaluator = new Evaluator();
    private Message.GangStart gangStart;

    InlineSpoke(String server, BlockingQueue<Event> inbox, InlineHub hub) {
      this.server = server;
      this.inbox = inbox;
      this.hub = hub;
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
    public void send(List<Attempt> attempts, byte mode, boolean fenced) {
      int n = attempts.size();
      ReportBatch.Builder reports = new ReportBatch.Builder(n);
      boolean failed = false;
      for (Attempt attempt : attempts) {
        TaskSpec task = attempt.task();
        if (!CommMode.mayTalkToHub(mode)) {
          if (failed && fenced) { // as on a spoke: nothing after a failure starts before the engine has seen it
            reports.add(attempt.id(), ReportStatus.NOT_STARTED, Values.NONE, 0, null);
            continue;
          }
          TaskComm.enterCoarse(mode);
          try {
            failed = !evaluator.evaluate(attempt.id(), task.function(), task.args(), reports);
          } finally {
            TaskComm.exit();
          }
          continue;
        }
        long id = attempt.id();
        InlineLink link = new InlineLink(this);
        GangMember member = gangStart == null ? null
            : GangMember.alone(gangStart.gangId(), value -> link.post(new Message.GangResult(id, value)));
        gangStart = null;
        TaskComm.enter(new TaskComm(id, mode, link, member));
        try {
          evaluator.evaluate(id, task.function(), task.args(), reports);
        } finally {
          TaskComm.exit();
        }
      }
      inbox.add(new Event.Reports(this, reports.build()));
    }

    @Override
    public void startGang(Message.GangStart start) {
      gangStart = start;
    }

    @Override
    public void reply(Message.ChannelReply reply) {
      throw new IllegalStateException("the serial pool answers asks inline");
    }

    @Override
    public String peerAddress() {
      return "self";
    }

    @Override
    public void kill(String reason) {
      // Nothing runs between calls: a serial task is over by the time the engine can ask.
      inbox.add(new Event.SpokeDown(this, -1, 0, reason));
    }
  }
}
