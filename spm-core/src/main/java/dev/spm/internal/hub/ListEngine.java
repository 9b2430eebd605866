package dev.spm.internal.hub;

import dev.spm.ManageException;
import dev.spm.ManageException.Reason;
import dev.spm.ManageOptions;
import dev.spm.Pool;
import dev.spm.TaskOrigin;
import dev.spm.internal.hub.Backend.Lane;
import dev.spm.internal.hub.Outcome.Kind;
import dev.spm.internal.comm.CommMode;
import dev.spm.internal.task.ErrorData;
import dev.spm.internal.wire.Message;
import dev.spm.internal.wire.Message.ReportBatch;
import dev.spm.internal.wire.ReportStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one {@code manage} of a list of tasks: the Partition/List policy.
 *
 * <pre>
 * Overview.
 * Everything here runs on the thread that called manage; connection threads only put Events in
 * the inbox. So no field is shared and nothing is locked.
 *
 * A task waits in `ready` (submitted or to be retried) or in a source iterator (read lazily, only
 * when a lane has room). Sent to a lane, it becomes an Attempt with a fresh id, kept in
 * `inFlight` and in the lane's queue; the spoke runs its queue in order, so the head is running
 * (except behind a fenced failure, below). A report whose attempt id is not in `inFlight` is late
 * (its attempt was killed or relaunched) and is dropped: that is the fence that makes each task's
 * final outcome unique. With fenceFailures, a task sent before the hub took in its spoke's last
 * failure comes back NOT_STARTED (TaskBatch.failuresSeen) and goes back where it waited
 * (`ready`, or its lane's pinned queue), uncharged, or is dropped if nothing may start now.
 *
 * A lane holds up to `window` untimed attempts; the window follows the measured cost of a task
 * so that cheap tasks go in batches and dear ones one at a time, except that while many wait, a
 * lane running a task of up to PREFETCH_MAX_NANOS holds the next one too (laneLimit). A timed
 * attempt goes alone, so its deadline starts when it starts. At a deadline the engine asks the backend to kill the
 * spoke and waits for its SpokeDown, which carries the exit code or signal; the head attempt is
 * then reported as a timeout and the rest of the queue goes back to `ready`, unattempted.
 * </pre>
 */
public final class ListEngine {

  /** Receives final outcomes: the manager's status handler. May throw; may submit more tasks. */
  @FunctionalInterface
  public interface Sink {
    void accept(Outcome outcome) throws Exception;
  }

  /** A task with the attempts it has had. */
  static final class Pending {
    final TaskSpec task;
    int attempts;
    String avoidSlot;
    /** Runs only on this lane's slot (the Clone pattern), retried there too. */
    Lane pinnedTo;
    /**
     * Sent alone: it was in a batch whose spoke died before saying which task ran, so each task
     * of that batch runs alone until one of them is charged with the death.
     */
    boolean isolate;
    /** The gang it is a member of, and its rank there; null for a task of its own. */
    GangRun gang;
    int rank;

    boolean exclusive() {
      return isolate || task.timed() || gang != null;
    }

    Pending(TaskSpec task) {
      this.task = task;
    }
  }

  /** One attempt of a task on a lane. */
  public static final class Attempt {
    final long id;
    final Pending pending;
    final Lane lane;
    final long sentNanos;
    final SpokeLink spoke;
    long deadlineNanos;
    /** The last attempt of the batch it was sent in. */
    boolean endsBatch;
    /** Held behind another attempt: the spoke announces its start, so a death can be charged right. */
    boolean announces;
    boolean started;
    boolean timedOut;

    Attempt(long id, Pending pending, Lane lane, long sentNanos) {
      this.id = id;
      this.pending = pending;
      this.lane = lane;
      this.spoke = lane.spoke;
      this.sentNanos = sentNanos;
    }

    public long id() {
      return id;
    }

    /** Whether the spoke must announce the start of its evaluation. */
    public boolean announces() {
      return announces || pending.task.timed();
    }

    public TaskSpec task() {
      return pending.task;
    }
  }

  private static final int MAX_WINDOW = 512;
  private static final long SPIN_NANOS = 50_000;
  /** Batches a lane may have in flight: two keep a spoke busy across a round trip. */
  private static final int MAX_BATCHES_IN_FLIGHT = 2;
  private static final long TARGET_BATCH_NANOS = 2_000_000;
  /**
   * Dear tasks up to this long go two to a lane while at least two per live lane wait, so that a
   * spoke starts its next task as it ends one, not a round trip later. Measured on the word count
   * (8 MiB chunks, 30-250 ms each, two spokes): each spoke idled 3-70 ms between tasks. Longer
   * tasks gain little from it, and the task behind a slow one waits for it.
   */
  private static final long PREFETCH_MAX_NANOS = 250_000_000;
  private static final long KILL_BACKSTOP_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static long nextAttemptId = 1;

  private final String name;
  private final Backend backend;
  private final ManageOptions options;
  private final Sink sink;
  private final ArrayDeque<Pending> ready = new ArrayDeque<>();
  private final ArrayDeque<Iterator<TaskSpec>> sources = new ArrayDeque<>();
  private final Map<Long, Attempt> inFlight = new HashMap<>();
  private final LinkedBlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
  /** Events taken from the inbox and not yet handled; what an abort leaves here is handled by the cleanup. */
  private final ArrayDeque<Event> drained = new ArrayDeque<>();
  private List<Lane> lanes = List.of();
  private final List<String> usedSlots = new ArrayList<>();
  private final java.util.PriorityQueue<Delayed> delayed =
      new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Delayed::atNanos));
  private Hooks hooks = slots -> { };
  private Supplier<List<TaskSpec>> notYetSubmitted = List::of;
  private boolean starting = true;
  private double avgTaskNanos = TARGET_BATCH_NANOS; // until measured: one task at a time
  /**
   * What holding ahead goes by: the cost of recent tasks, from the first report on (half the last
   * report's weight), not avgTaskNanos, which starts low and moves slowly so as to batch with care.
   */
  private double recentTaskNanos = Double.MAX_VALUE;
  private long reportsMeasured;
  private int window = 1;
  private boolean holdAhead = true;
  private boolean fenceFailures;
  /**
   * Under fenceFailures, while its reports are taken in, the spoke that reported a failure: every
   * task it still holds was sent before the failure was taken in, so it will start none of them.
   */
  private SpokeLink failingSpoke;
  /**
   * After stopStarting: each spoke told to stop that has not confirmed it yet, with the number of
   * the confirmation awaited. While one is left, drops wait in heldDrops, so that the status
   * handler hears that nothing more starts only once it is true on every spoke.
   */
  private final Map<SpokeLink, Integer> stopsUnconfirmed = new HashMap<>();
  private final ArrayDeque<Outcome> heldDrops = new ArrayDeque<>(); // a DAG may drop a million nodes at once
  private long succeeded;
  private long failed;
  private long stopped;
  /** The manager's kind (a CommMode constant), sent with every batch. */
  private byte mode = CommMode.LIST;
  private Channels channels;
  private long staleMessages;
  /** A gang waiting for enough idle spokes to start, or to start again. */
  private GangRun waitingGang;
  private byte[] declaredResult;
  /** The gang running now, whose members' outcomes are held until every member has ended. */
  private GangRun activeGang;
  /**
   * How long a knock-on failure (a member left waiting for one that is gone) waits for the failure
   * that caused it, before the gang is stopped anyway: the cause usually arrives within
   * milliseconds, by report or from the agent.
   */
  private static final long KNOCK_ON_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private boolean awaitAllSpokes;
  /** Set when a serial task's message made the handler throw: thrown once the task returns. */
  private Abort deferred;
  /** The progress listener of this run, or null: then no work is done for it. */
  private final ManageProgress.Listener progress = ManageProgress.listener();
  private long startNanos;
  private long nextProgressNanos;
  private static long nextGangId = 1;

  public ListEngine(String name, Backend backend, ManageOptions options, Sink sink) {
    this.name = name;
    this.backend = backend;
    this.options = options;
    this.sink = sink;
  }

  /** Called on the manage thread once the spokes that {@code manage} waits for are up. */
  @FunctionalInterface
  public interface Hooks {
    /** @param liveSlots the selected slots that have a live spoke now, in the tracker's order */
    void started(List<String> liveSlots);
  }

  private record Delayed(long atNanos, String slot, TaskSpec task) {}

  public void hooks(Hooks hooks) {
    this.hooks = hooks;
  }

  /**
   * Tasks of the manager that this engine has not been given yet (a DAG's nodes that wait for
   * their dependencies): listed too when {@code run} ends early, as tasks that got no report.
   */
  public void notYetSubmitted(Supplier<List<TaskSpec>> tasks) {
    this.notYetSubmitted = tasks;
  }

  /** Whether a lane may hold a dear task behind the one it runs (true by default). */
  public void holdAhead(boolean holdAhead) {
    this.holdAhead = holdAhead;
  }

  /**
   * Whether a spoke that reported a failure starts nothing sent before this engine took the
   * failure in (false by default): it reports such tasks NOT_STARTED, and they come back here. For
   * a manager that must start nothing after a failure; for others it would only cost a round
   * trip per failure, for every task queued on that spoke.
   */
  public void fenceFailures(boolean fenceFailures) {
    this.fenceFailures = fenceFailures;
  }

  /** The hub's side of the channels that a manager enables: run on the manage thread. */
  public interface Channels {
    boolean enabled(String channel);

    /**
     * Handles one message; may throw (manage then ends, as when a status handler throws).
     *
     * @return the encoded reply of an ask; ignored for a tell
     */
    byte[] handle(String channel, byte[] value, boolean ask, TaskOrigin from) throws Exception;
  }

  /**
   * Sets the manager's kind (a {@link CommMode} constant), which decides whether its tasks may
   * talk, and the channels it enables (null for none).
   */
  public void comm(byte mode, Channels channels) {
    this.mode = mode;
    this.channels = channels;
  }

  /** Waits for every slot of the pool to have a spoke (or for timeoutWaitForSpokes, then nSpokesMin), as a gang needs. */
  public void awaitAllSpokes() {
    this.awaitAllSpokes = true;
  }

  /** Messages from attempts no longer current, and replies meant for them, dropped at the hub. */
  public long staleMessages() {
    return staleMessages;
  }

  public long stopped() {
    return stopped;
  }

  /** The value a gang member declared as the gang's result, encoded; null if none did. */
  public byte[] declaredResult() {
    return declaredResult;
  }

  /** Adds a task that runs only on the given slot, and is retried only there. */
  public void submitPinned(String slot, TaskSpec task) {
    Pending pending = new Pending(task);
    pending.pinnedTo = lane(slot);
    pending.pinnedTo.pinned.addLast(pending);
  }

  /** Adds a task at a time to come (System.nanoTime), pinned to a slot when {@code slot} is not null. */
  public void submitAt(long atNanos, String slot, TaskSpec task) {
    delayed.add(new Delayed(atNanos, slot, task));
  }

  /**
   * Starts nothing more: tasks waiting to be sent are taken out and returned (tasks not yet read
   * from a source are not read), and {@code run} returns once the attempts in flight have ended.
   * Under fenceFailures, spokes that hold tasks are told to start none of them (they come back
   * NOT_STARTED, then are dropped), and every {@link #drop} from now on reaches the sink only once
   * each of those spokes has confirmed, or is gone.
   */
  public List<TaskSpec> stopStarting() {
    starting = false;
    if (fenceFailures) {
      for (Lane lane : lanes) {
        if (lane.spoke != null && !lane.queue.isEmpty()) {
          int confirmation = lane.spoke.stopStarting();
          if (confirmation > 0) {
            stopsUnconfirmed.put(lane.spoke, confirmation);
          }
        }
      }
    }
    List<TaskSpec> dropped = new ArrayList<>();
    if (pushedBack != null) {
      dropped.add(pushedBack.task);
      pushedBack = null;
    }
    ready.forEach(p -> dropped.add(p.task));
    ready.clear();
    for (Lane lane : lanes) {
      lane.pinned.forEach(p -> dropped.add(p.task));
      lane.pinned.clear();
    }
    delayed.forEach(d -> dropped.add(d.task()));
    delayed.clear();
    sources.clear();
    return dropped;
  }

  /**
   * Kills every spoke that has work; its running attempt ends as a Kill, its queue goes back. Under
   * fenceFailures, a spoke whose reports of a failure are being taken in is not killed: it runs
   * nothing now and starts none of the tasks it holds, which come back NOT_STARTED.
   */
  public void killRunning(String reason) {
    long now = System.nanoTime();
    for (Lane lane : lanes) {
      if (lane.spoke != null && lane.spoke != failingSpoke && lane.killReason == null && !lane.queue.isEmpty()) {
        kill(lane, reason, now);
      }
    }
  }

  /**
   * Reports a task that will never run as {@code TaskDropped}, through the sink, counted; after a
   * {@link #stopStarting} not yet confirmed by every spoke, once it is.
   */
  public void drop(TaskSpec task, String why) {
    drop(task, why, "-", "-");
  }

  /** {@link #drop(TaskSpec, String)}, with the server and slot it was meant for in its origin. */
  private void drop(TaskSpec task, String why, String server, String slot) {
    Outcome dropped = new Outcome(task, Kind.DROPPED, null, null, why, new TaskOrigin(task.label(), task.id(), 0, server,
        slot, -1, Duration.ZERO, OptionalInt.empty(), OptionalInt.empty()));
    if (stopsUnconfirmed.isEmpty()) {
      deliver(dropped);
    } else {
      heldDrops.add(dropped);
    }
  }

  /** A spoke confirmed a stop, or is gone: once none is left to confirm, delivers the held drops. */
  private void stopSettled(SpokeLink spoke, int confirmation) {
    Integer awaited = stopsUnconfirmed.get(spoke);
    if (awaited == null || (confirmation > 0 && confirmation != awaited)) {
      return; // not awaited, or an older stop's
    }
    stopsUnconfirmed.remove(spoke);
    while (stopsUnconfirmed.isEmpty() && !heldDrops.isEmpty()) {
      deliver(heldDrops.pollFirst());
    }
  }

  private Lane lane(String slot) {
    for (Lane lane : lanes) {
      if (lane.slot.equals(slot)) {
        return lane;
      }
    }
    throw new IllegalArgumentException("slot " + slot + " is not in this manager's pool");
  }

  /** Adds a task; may be called before {@link #run} or, from the sink, during it. */
  public void submit(TaskSpec task) {
    ready.addLast(new Pending(task));
    submittedDuringDispatch = true;
  }

  /** Adds a source read lazily as lanes free up. */
  public void submitAll(Iterator<TaskSpec> source) {
    sources.addLast(source);
  }

  public List<String> usedSlots() {
    return usedSlots;
  }

  public long succeeded() {
    return succeeded;
  }

  public long failed() {
    return failed;
  }

  /**
   * Runs until every task has its final outcome.
   *
   * @throws ManageException when ended early (handler threw, not enough spokes, timeoutExecution,
   *     interrupt); by then every spoke that had work is dead and the backend is closed
   */
  public void run(Pool pool) {
    long start = System.nanoTime();
    startNanos = start;
    try {
      if (backend instanceof SerialBackend serial) {
        serial.attach(new SerialBackend.InlineHub() {
          @Override
          public Message.ChannelReply channel(SpokeLink spoke, Message.ChannelMessage message) {
            return inline(() -> onChannel(spoke, message));
          }

          @Override
          public void declared(SpokeLink spoke, Message.GangResult result) {
            inline(() -> {
              onDeclared(spoke, result);
              return null;
            });
          }
        });
      }
      lanes = backend.open(pool, options.nSpokesMax(), inbox);
      if (lanes.isEmpty()) {
        throw new Abort(Reason.NOT_ENOUGH_SPOKES, "has no slot to run on: pool " + pool
            + " selects none of the session's slots", null);
      }
      awaitSpokes(start);
      List<String> live = new ArrayList<>();
      for (Lane lane : lanes) {
        if (lane.spoke != null) {
          live.add(lane.slot);
        }
      }
      // timeoutExecution counts from here: waiting for spokes has its own timeout.
      long executionDeadline = options.timeoutExecution() == null ? Long.MAX_VALUE
          : System.nanoTime() + options.timeoutExecution().toNanos();
      hooks.started(live);
      nextProgressNanos = System.nanoTime(); // the loop's first turn tells, once tasks are sent
      loop(executionDeadline);
    } catch (Abort abort) {
      killBusyLanes(abort.reason == Reason.HANDLER_THREW || abort.reason == Reason.SOURCE_THREW);
      throw new ManageException(abort.reason, "manage of '" + name + "' " + abort.getMessage(), unreported(),
          abort.getCause());
    } finally {
      backend.close();
      progress(ManageProgress.Phase.EVAL_DONE);
    }
  }

  /** Tells the progress listener, if any, where the run is; see {@link ManageProgress}. */
  private void progress(ManageProgress.Phase phase) {
    if (progress == null) {
      return;
    }
    long now = System.nanoTime();
    nextProgressNanos = now + ManageProgress.PERIOD.toNanos();
    int running = 0;
    int waiting = ready.size() + (pushedBack != null ? 1 : 0);
    for (Lane lane : lanes) {
      running += lane.queue.isEmpty() ? 0 : 1;
      waiting += lane.pinned.size();
    }
    waiting += inFlight.size() - running;
    ManageProgress.tell(progress, new ManageProgress.Snapshot(name, phase, liveLanes(), lanes.size(), succeeded,
        failed + stopped, running, waiting, Duration.ofNanos(now - startNanos), options.timeoutWaitForSpokes()));
  }

  private void awaitSpokes(long start) {
    long deadline = start + options.timeoutWaitForSpokes().toNanos();
    if (options.nSpokesMin() > lanes.size()) {
      throw new Abort(Reason.NOT_ENOUGH_SPOKES, "needs at least " + options.nSpokesMin() + " spoke(s) but pool "
          + pool() + " selects only " + lanes.size() + " slot(s)", null);
    }
    int wanted = awaitAllSpokes ? Math.max(lanes.size(), options.nSpokesMin()) : options.nSpokesMin();
    progress(ManageProgress.Phase.WAITING_FOR_SPOKES);
    long period = ManageProgress.PERIOD.toNanos();
    while (liveLanes() < wanted) {
      long left = deadline - System.nanoTime();
      Event event = left <= 0 ? null : take(progress == null ? left : Math.min(left, period));
      if (event == null && progress != null && left > period) {
        progress(ManageProgress.Phase.WAITING_FOR_SPOKES); // the deadline is still ahead
        continue;
      }
      if (event == null && awaitAllSpokes && liveLanes() >= options.nSpokesMin()) {
        return; // a gang of the spokes that came up
      }
      if (event == null) {
        throw new Abort(Reason.NOT_ENOUGH_SPOKES, "needs at least " + options.nSpokesMin() + " spoke(s) but "
            + liveLanes() + " of the " + lanes.size() + " slot(s) that pool " + pool() + " selects came up within "
            + options.timeoutWaitForSpokes() + backend.logHint(), null);
      }
      handle(event);
    }
  }

  private String pool() {
    return lanes.isEmpty() ? "(none)" : lanes.stream().map(Lane::slot).toList().toString();
  }

  private void loop(long executionDeadline) {
    while (true) {
      releaseDelayed(System.nanoTime());
      if (starting) {
        dispatch();
      }
      dropPinnedOfLostSlots();
      if (inFlight.isEmpty() && !anyLaneKilling() && stopsUnconfirmed.isEmpty() && (!starting || nothingWaits())) {
        return; // a kill or stop asked for is confirmed first: its death, or its drops, belong to this manage
      }
      if (liveLanes() == 0 && inFlight.isEmpty() && !anyLaneKilling() && !backend.canGrow()) {
        throw new Abort(Reason.NO_SPOKES_LEFT, "lost every spoke of its pool" + backend.logHint(), null);
      }
      long now = System.nanoTime();
      long wakeAt = Math.min(executionDeadline, nextDeadline());
      if (progress != null) {
        wakeAt = Math.min(wakeAt, nextProgressNanos);
      }
      if (now >= executionDeadline) {
        throw new Abort(Reason.EXECUTION_TIMEOUT, "passed timeoutExecution (" + options.timeoutExecution() + ")",
            null);
      }
      Event event = take(wakeAt - now);
      if (event != null) {
        handle(event);
        inbox.drainTo(drained);
        for (Event next; (next = drained.pollFirst()) != null; ) {
          handle(next);
        }
      }
      checkDeadlines(System.nanoTime());
      if (progress != null && System.nanoTime() >= nextProgressNanos) {
        progress(ManageProgress.Phase.EVAL);
      }
    }
  }

  private boolean nothingWaits() {
    if (!ready.isEmpty() || !sources.isEmpty() || !delayed.isEmpty() || pushedBack != null || waitingGang != null) {
      return false;
    }
    for (Lane lane : lanes) {
      if (!lane.pinned.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private void releaseDelayed(long now) {
    while (!delayed.isEmpty() && delayed.peek().atNanos() <= now) {
      Delayed d = delayed.poll();
      if (d.slot() == null) {
        submit(d.task());
      } else {
        submitPinned(d.slot(), d.task());
      }
    }
  }

  private Event take(long nanos) {
    // A report usually follows within microseconds while tasks are in flight: spin briefly
    // before parking, which saves a futex wake-up on the hot path of a round trip.
    if (!inFlight.isEmpty()) {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      do {
        Event event = inbox.poll();
        if (event != null) {
          return event;
        }
        Thread.onSpinWait();
      } while (System.nanoTime() < spinUntil);
    }
    try {
      return nanos == Long.MAX_VALUE ? inbox.take() : inbox.poll(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Abort(Reason.INTERRUPTED, "was interrupted", e);
    }
  }

  // ---- dispatch ------------------------------------------------------------------------------

  /** A source's iterator may submit tasks as a side effect (a phase that follows another). */
  private boolean submittedDuringDispatch;

  private void dispatch() {
    if (waitingGang != null) {
      startGang();
    }
    do {
      submittedDuringDispatch = false;
      dispatchPass();
    } while (submittedDuringDispatch && !ready.isEmpty());
  }

  private void dispatchPass() {
    int live = liveLanes();
    for (Lane lane : lanes) {
      if (lane.spoke == null || lane.killReason != null) {
        continue;
      }
      Attempt head = lane.queue.peekFirst();
      if (head != null && head.pending.exclusive()) {
        continue; // a timed or isolated attempt runs alone
      }
      if (lane.batches >= MAX_BATCHES_IN_FLIGHT) {
        continue; // enough to keep the spoke busy; what waits goes in the next, larger batch
      }
      List<Attempt> batch = null;
      int limit = laneLimit(live);
      while (lane.queue.size() < limit || lane.queue.isEmpty()) {
        Pending next = next(lane);
        if (next == null) {
          break;
        }
        if (next.exclusive() && !lane.queue.isEmpty()) {
          unread(next);
          break;
        }
        Attempt attempt = new Attempt(nextAttemptId++, next, lane, System.nanoTime());
        attempt.announces = window == 1 && !lane.queue.isEmpty();
        if (next.task.timed()) {
          attempt.deadlineNanos = attempt.sentNanos + next.task.timeoutNanos();
        }
        inFlight.put(attempt.id, attempt);
        lane.queue.addLast(attempt);
        if (batch == null) {
          batch = new ArrayList<>();
          if (!usedSlots.contains(lane.slot)) {
            usedSlots.add(lane.slot);
          }
        }
        batch.add(attempt);
        if (next.exclusive()) {
          break;
        }
      }
      if (batch != null) {
        batch.get(batch.size() - 1).endsBatch = true;
        lane.batches++;
        lane.spoke.send(batch, mode, fenceFailures);
        throwDeferred();
      }
    }
  }

  /**
   * How many untimed attempts a lane may hold now: the window; or two, when tasks are dear but at
   * most PREFETCH_MAX_NANOS, each live lane has reported at least once on average, the spokes are
   * remote, and at least two tasks per live lane wait in `ready`. Tasks still in a source iterator
   * do not count, and must not: `spm run --halt soon` reads its jobs from one, and relies on a job
   * not reaching a spoke before the report ahead of it has been handled (reading two ahead to count
   * them let a job start after a failure that should have halted the run).
   */
  private int laneLimit(int liveLanes) {
    if (window > 1 || !holdAhead || !backend.remote() || reportsMeasured < liveLanes
        || recentTaskNanos > PREFETCH_MAX_NANOS) {
      return window;
    }
    int waiting = ready.size() + (pushedBack != null ? 1 : 0);
    return waiting >= 2 * liveLanes ? 2 : 1;
  }

  private Pending pushedBack;

  private void unread(Pending pending) {
    pushedBack = pending;
  }

  /** The next task for a lane: one pushed back, a retry or submitted task, else from a source. */
  private Pending next(Lane lane) {
    if (!lane.pinned.isEmpty()) {
      return lane.pinned.pollFirst();
    }
    if (pushedBack != null) {
      Pending p = pushedBack;
      pushedBack = null;
      return p;
    }
    Pending head = ready.peekFirst();
    if (head != null) {
      if (head.avoidSlot != null && head.avoidSlot.equals(lane.slot) && otherLaneCanTake(lane)) {
        return null;
      }
      return ready.pollFirst();
    }
    while (!sources.isEmpty()) {
      Iterator<TaskSpec> source = sources.peekFirst();
      try {
        if (source.hasNext()) {
          return new Pending(source.next());
        }
      } catch (RuntimeException e) {
        throw new Abort(Reason.SOURCE_THREW, "stopped: its task iterator threw " + e, e);
      }
      sources.pollFirst();
    }
    return null;
  }

  /** Whether a live lane other than this one could run a task this lane should avoid. */
  private boolean otherLaneCanTake(Lane lane) {
    for (Lane other : lanes) {
      if (other != lane && other.spoke != null && other.killReason == null) {
        return true;
      }
    }
    return false;
  }

  // ---- events --------------------------------------------------------------------------------

  private void handle(Event event) {
    switch (event) {
      case Event.Reports r -> onReports(r.spoke(), r.batch());
      case Event.Started s -> {
        Attempt attempt = inFlight.get(s.attempt());
        if (attempt != null) {
          attempt.started = true;
        }
      }
      case Event.SpokeUp up -> {
        for (Lane lane : lanes) {
          if (lane.slot.equals(up.spoke().slot()) && lane.spoke == null) {
            lane.spoke = up.spoke();
          }
        }
      }
      case Event.SpokeDown down -> onSpokeDown(down);
      case Event.StopConfirmed stop -> stopSettled(stop.spoke(), stop.number());
      case Event.Channel c -> {
        Message.ChannelReply reply = onChannel(c.spoke(), c.message());
        if (reply != null) {
          c.spoke().reply(reply);
        }
      }
      case Event.Declared d -> onDeclared(d.spoke(), d.result());
    }
  }

  private void onReports(SpokeLink spoke, ReportBatch batch) {
    failingSpoke = fenceFailures && reportsFailure(batch) ? spoke : null;
    try {
      takeReports(spoke, batch);
    } finally {
      failingSpoke = null;
    }
  }

  /** Whether a batch of reports tells of a task that ran and failed. */
  private static boolean reportsFailure(ReportBatch batch) {
    for (byte status : batch.statuses()) {
      if (status != ReportStatus.OK && status != ReportStatus.NOT_STARTED) {
        return true;
      }
    }
    return false;
  }

  private void takeReports(SpokeLink spoke, ReportBatch batch) {
    long now = System.nanoTime();
    List<Pending> notStarted = null;
    for (int i = 0; i < batch.attempts().length; i++) {
      Attempt attempt = inFlight.get(batch.attempts()[i]);
      if (attempt == null || attempt.spoke != spoke) {
        continue; // late: its attempt was killed or relaunched
      }
      inFlight.remove(attempt.id);
      Lane lane = attempt.lane;
      lane.queue.remove(attempt);
      if (attempt.endsBatch) {
        lane.batches--;
      }
      if (batch.statuses()[i] == ReportStatus.NOT_STARTED) {
        if (notStarted == null) {
          notStarted = new ArrayList<>();
        }
        notStarted.add(attempt.pending); // not charged: it never started
        continue;
      }
      long evalNanos = batch.evalNanos()[i];
      avgTaskNanos = 0.9 * avgTaskNanos + 0.1 * Math.max(evalNanos, 50);
      recentTaskNanos = reportsMeasured++ == 0 ? evalNanos : 0.5 * recentTaskNanos + 0.5 * evalNanos;
      byte status = batch.statuses()[i];
      Kind kind = switch (status) {
        case ReportStatus.OK -> Kind.OK;
        case ReportStatus.LOAD_UNCAUGHT -> Kind.LOAD_UNCAUGHT;
        case ReportStatus.EVAL_TIMEOUT -> Kind.EVAL_TIMEOUT;
        default -> Kind.EVAL_UNCAUGHT;
      };
      ErrorData error = batch.errors() == null ? null : batch.errors()[i];
      String what = switch (kind) {
        case OK -> null;
        case LOAD_UNCAUGHT -> "could not be loaded: " + error.summary();
        case EVAL_TIMEOUT -> "passed its deadline: " + error.summary();
        default -> "threw " + error.summary();
      };
      Outcome outcome = new Outcome(attempt.pending.task, kind, batch.values()[i], error, what,
          origin(attempt, now, -1, 0, attempt.pending.attempts + 1));
      if (attempt.pending.gang != null) {
        memberEnded(attempt, outcome);
      } else {
        deliver(outcome);
      }
    }
    window = (int) Math.max(1, Math.min(MAX_WINDOW, TARGET_BATCH_NANOS / Math.max(avgTaskNanos, 1)));
    if (notStarted != null) {
      for (int i = notStarted.size() - 1; i >= 0; i--) {
        requeue(notStarted.get(i)); // first again, in their order; dropped if nothing may start now
      }
    }
    if (batch.failuresReported() >= 0) {
      spoke.failuresTakenIn(batch.failuresReported()); // after the policy has seen each failure above
    }
  }

  private void onSpokeDown(Event.SpokeDown down) {
    long now = System.nanoTime();
    for (Lane lane : lanes) {
      if (lane.spoke != down.spoke()) {
        continue;
      }
      String reason = lane.killReason != null ? lane.killReason : down.reason();
      boolean onPurpose = lane.killReason != null;
      lane.spoke = null;
      lane.killReason = null;
      Attempt head = lane.queue.peekFirst();
      if (head == null) {
        continue;
      }
      // The spoke sends reports in batches, so with several attempts queued the first unreported
      // one need not be the one that was running: none is charged, and each runs alone next.
      // Attempts held ahead announce their start, after the report of the one before: while none
      // of them has started, the head was the one running.
      boolean heldOnly = true;
      for (Attempt held : lane.queue) {
        if (held != head && (!held.announces || held.started)) {
          heldOnly = false;
        }
      }
      boolean unknown = !onPurpose && !head.timedOut && !head.started && !heldOnly && lane.queue.size() > 1;
      List<Attempt> rest = new ArrayList<>(lane.queue);
      for (Attempt attempt : rest) {
        inFlight.remove(attempt.id);
      }
      for (int i = rest.size() - 1; i >= (unknown ? 0 : 1); i--) {
        Pending p = rest.get(i).pending;
        p.isolate |= unknown;
        requeue(p); // not charged: never started, or not known to have
      }
      lane.queue.clear();
      lane.batches = 0;
      if (!unknown) {
        Attempt attempt = head;
        Pending p = attempt.pending;
        p.attempts++;
        TaskOrigin origin = origin(attempt, now, down.exitCode(), down.signal(), p.attempts);
        boolean loading = p.task.timed() && !attempt.started;
        if (p.gang != null) {
          memberEnded(attempt, memberLoss(attempt, loading, onPurpose, reason, down, origin));
        } else if (attempt.timedOut) {
          if (starting && options.retryTimeouts() && p.attempts < options.maxAttempts()) {
            retry(p, lane);
          } else {
            deliver(new Outcome(p.task, loading ? Kind.LOAD_TIMEOUT : Kind.EVAL_TIMEOUT, null, null,
                "passed its deadline of " + Duration.ofNanos(p.task.timeoutNanos()) + " and was killed"
                    + signalText(down), origin));
          }
        } else if (onPurpose) {
          deliver(new Outcome(p.task, loading ? Kind.LOAD_KILL : Kind.EVAL_KILL, null, null,
              "was killed: " + reason, origin));
        } else if (starting && p.attempts < options.maxAttempts()) {
          retry(p, lane);
        } else {
          deliver(new Outcome(p.task, loading ? Kind.LOAD_FATAL : Kind.EVAL_FATAL, null, null,
              "lost its spoke " + attempt.lane.slot + " (" + reason + signalText(down) + ") on attempt "
                  + p.attempts + " of " + options.maxAttempts(), origin));
        }
      }
    }
    stopSettled(down.spoke(), 0); // a dead spoke starts nothing
  }

  /** Pinned tasks of a slot that is gone for good (its server left) can never run: drop them. */
  private void dropPinnedOfLostSlots() {
    for (Lane lane : lanes) {
      if (lane.spoke == null && !lane.pinned.isEmpty() && !backend.canGrow(lane.slot)) {
        for (Pending p; (p = lane.pinned.pollFirst()) != null; ) {
          drop(p.task, "was not run: its slot " + lane.slot + " is gone", Tracker.serverOf(lane.slot), lane.slot);
        }
      }
    }
  }

  /** Forgets the tasks submitted for a later time: they will not run, and need no report. */
  public void clearDelayed() {
    delayed.clear();
  }

  private void retry(Pending p, Lane lane) {
    if (p.pinnedTo != null) {
      p.pinnedTo.pinned.addFirst(p);
      return;
    }
    p.avoidSlot = lane.slot;
    ready.addFirst(p);
  }

  private void requeue(Pending p) {
    if (!starting) {
      drop(p.task, "was not started: its manager stopped starting tasks");
    } else if (p.pinnedTo != null) {
      p.pinnedTo.pinned.addFirst(p);
    } else {
      ready.addFirst(p);
    }
  }

  private static String signalText(Event.SpokeDown down) {
    if (down.signal() > 0) {
      return ", signal " + down.signal();
    }
    return down.exitCode() >= 0 ? ", exit code " + down.exitCode() : "";
  }

  private TaskOrigin origin(Attempt attempt, long now, int exitCode, int signal, int attemptNumber) {
    SpokeLink spoke = attempt.spoke;
    return new TaskOrigin(attempt.pending.task.label(), attempt.pending.task.id(), attemptNumber,
        spoke == null ? "?" : spoke.server(), spoke == null ? attempt.lane.slot : spoke.name(),
        spoke == null ? -1 : spoke.pid(), Duration.ofNanos(now - attempt.sentNanos),
        exitCode >= 0 ? OptionalInt.of(exitCode) : OptionalInt.empty(),
        signal > 0 ? OptionalInt.of(signal) : OptionalInt.empty());
  }

  private void deliver(Outcome outcome) {
    if (outcome.kind() == Kind.OK) {
      succeeded++;
    } else if (outcome.kind() == Kind.STOPPED) {
      stopped++;
    } else {
      failed++;
    }
    try {
      sink.accept(outcome);
    } catch (Abort nested) {
      throw nested; // from a report delivered inside this one: already carries its cause
    } catch (Exception | Error e) {
      throw new Abort(Reason.HANDLER_THREW, "stopped: its status handler threw on the report of task '"
          + outcome.task().label() + "'; its spokes were killed and are being relaunched", e);
    }
  }

  // ---- channels (fine grain, limited) --------------------------------------------------------

  /** Whether an attempt is still the one the engine waits for: not killed, relaunched or timed out. */
  private boolean current(Attempt attempt, SpokeLink spoke) {
    return attempt != null && attempt.spoke == spoke && !attempt.timedOut && attempt.lane.killReason == null
        && inFlight.get(attempt.id) == attempt;
  }

  /**
   * Handles a task's message on a channel, on this thread; returns the reply of an ask, or null.
   * A message of an attempt that is no longer current is dropped unread, and a reply whose
   * attempt stopped being current while the handler ran is dropped unsent: the seed's stale
   * replies, filtered at the hub.
   */
  private Message.ChannelReply onChannel(SpokeLink spoke, Message.ChannelMessage message) {
    Attempt attempt = inFlight.get(message.attempt());
    if (!current(attempt, spoke)) {
      staleMessages++;
      return null;
    }
    byte[] reply = null;
    ErrorData error = null;
    if (channels == null || !channels.enabled(message.channel())) {
      error = ErrorData.message("dev.spm.SpmUsageException", "channel '" + message.channel() + "' is not enabled under "
          + CommMode.managerName(mode) + " '" + name + "'; name it when declaring the manager");
    } else {
      try {
        reply = channels.handle(message.channel(), message.value(), message.ask(),
            origin(attempt, System.nanoTime(), -1, 0, attempt.pending.attempts + 1));
      } catch (Abort nested) {
        throw nested;
      } catch (Exception | Error e) {
        throw new Abort(Reason.HANDLER_THREW, "stopped: the handler of channel '" + message.channel()
            + "' threw on a message of task '" + attempt.pending.task.label() + "'; its spokes were killed and are "
            + "being relaunched", e);
      }
    }
    if (!message.ask()) {
      return null;
    }
    if (!(backend instanceof SerialBackend)) { // the serial pool enforces no deadline: its task runs right here
      checkDeadlines(System.nanoTime());
    }
    if (!current(attempt, spoke)) {
      staleMessages++;
      return null;
    }
    return new Message.ChannelReply(message.attempt(), message.seq(), reply == null ? dev.spm.internal.task.Values.NONE
        : reply, error);
  }

  /**
   * Runs the handling of a serial task's message. The task runs inside this engine's dispatch,
   * on this thread, so a failure of the handler must not unwind through the task's code (which
   * could catch it): it is kept, the task gets a ChannelException, and the failure is thrown
   * once the task returns.
   */
  private Message.ChannelReply inline(Supplier<Message.ChannelReply> handling) {
    try {
      return handling.get();
    } catch (Abort abort) {
      if (deferred == null) {
        deferred = abort;
      }
      return new Message.ChannelReply(0, 0, dev.spm.internal.task.Values.NONE,
          ErrorData.message("dev.spm.ChannelException", "the hub's handler failed: " + abort.getMessage()));
    }
  }

  private void throwDeferred() {
    Abort abort = deferred;
    if (abort != null) {
      deferred = null;
      throw abort;
    }
  }

  // ---- gangs (fine grain, general) -----------------------------------------------------------

  /** One run of a gang: its members by rank, and how they ended. */
  static final class GangRun {
    final long id = nextGangId++;
    final List<TaskSpec> members;
    final int relaunchesLeft;
    final int attemptNumber;
    final Outcome[] outcomes;
    int running;
    /** The member whose failure ended the gang, -1 while none; a primary failure is its own, not a knock-on. */
    int culprit = -1;
    boolean culpritPrimary;
    /** A member declared the result: the others are being stopped. */
    boolean declared;
    /** When to stop the members if only a knock-on failure (a member left waiting) has come: 0 for not set. */
    long stopAtNanos;
    final boolean[] delivered;

    GangRun(List<TaskSpec> members, int relaunchesLeft, int attemptNumber) {
      this.members = List.copyOf(members);
      this.relaunchesLeft = relaunchesLeft;
      this.attemptNumber = attemptNumber;
      this.outcomes = new Outcome[members.size()];
      this.delivered = new boolean[members.size()];
    }
  }

  /**
   * Adds a gang: its members (by rank) start together, one per spoke, once that many spokes of
   * the pool are up and idle. If one fails, the others are killed, and the whole gang runs again
   * up to {@code relaunches} times before every member is reported.
   */
  public void submitGang(List<TaskSpec> members, int relaunches) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a gang needs a member");
    }
    waitingGang = new GangRun(members, relaunches, 1);
  }

  private void startGang() {
    GangRun gang = waitingGang;
    int size = gang.members.size();
    List<Lane> idle = new ArrayList<>();
    int possible = 0;
    for (Lane lane : lanes) {
      if (lane.spoke != null && lane.killReason == null && lane.queue.isEmpty() && lane.pinned.isEmpty()) {
        idle.add(lane);
      }
      if (lane.spoke != null || backend.canGrow(lane.slot)) {
        possible++;
      }
    }
    if (possible < size) {
      waitingGang = null;
      for (TaskSpec member : gang.members) {
        drop(member, "was not started: its gang needs " + size + " spokes, and only " + possible
            + " of the pool's slots can still have one");
      }
      return;
    }
    if (idle.size() < size) {
      return; // relaunched spokes are still coming up
    }
    waitingGang = null;
    activeGang = gang;
    String[] peers = new String[size];
    for (int r = 0; r < size; r++) {
      peers[r] = idle.get(r).spoke.peerAddress();
    }
    long now = System.nanoTime();
    for (int r = 0; r < size; r++) {
      Lane lane = idle.get(r);
      Pending pending = new Pending(gang.members.get(r));
      pending.gang = gang;
      pending.rank = r;
      pending.attempts = gang.attemptNumber - 1;
      Attempt attempt = new Attempt(nextAttemptId++, pending, lane, now);
      if (pending.task.timed()) {
        attempt.deadlineNanos = now + pending.task.timeoutNanos();
      }
      attempt.endsBatch = true;
      inFlight.put(attempt.id, attempt);
      lane.queue.addLast(attempt);
      lane.batches++;
      gang.running++;
      if (!usedSlots.contains(lane.slot)) {
        usedSlots.add(lane.slot);
      }
    }
    for (int r = 0; r < size; r++) {
      Lane lane = idle.get(r);
      Attempt attempt = lane.queue.peekFirst();
      lane.spoke.startGang(new Message.GangStart(attempt.id, gang.id, r, peers));
      lane.spoke.send(List.of(attempt), mode, false);
      throwDeferred();
    }
  }

  /** A member's spoke died or was killed: what that means for the member. */
  private Outcome memberLoss(Attempt attempt, boolean loading, boolean onPurpose, String reason,
      Event.SpokeDown down, TaskOrigin origin) {
    TaskSpec task = attempt.pending.task;
    if (attempt.timedOut) {
      return new Outcome(task, loading ? Kind.LOAD_TIMEOUT : Kind.EVAL_TIMEOUT, null, null,
          "passed its deadline of " + Duration.ofNanos(task.timeoutNanos()) + " and was killed" + signalText(down), origin);
    }
    // A kill ends the spoke by a signal; a spoke that exited with a status died on its own, even
    // if a kill was asked for meanwhile: that member failed first.
    boolean ownDeath = down.signal() == 0 && down.exitCode() >= 0;
    if (onPurpose && !ownDeath) {
      return new Outcome(task, loading ? Kind.LOAD_KILL : Kind.EVAL_KILL, null, null, "was killed: " + reason, origin);
    }
    return new Outcome(task, loading ? Kind.LOAD_FATAL : Kind.EVAL_FATAL, null, null,
        "lost its spoke " + attempt.lane.slot + " (" + (ownDeath ? "exited" : reason) + signalText(down) + ")", origin);
  }

  private void memberEnded(Attempt attempt, Outcome outcome) {
    GangRun gang = attempt.pending.gang;
    int rank = attempt.pending.rank;
    gang.outcomes[rank] = outcome;
    gang.running--;
    if (outcome.kind() != Kind.OK && !gang.declared) {
      boolean primary = !knockOn(outcome);
      if (gang.culprit < 0 || (primary && !gang.culpritPrimary)) {
        gang.culprit = rank;
        gang.culpritPrimary = primary;
      }
      if (primary) {
        stopMembers(gang);
      } else if (gang.stopAtNanos == 0) {
        gang.stopAtNanos = System.nanoTime() + KNOCK_ON_GRACE_NANOS;
      }
    }
    if (gang.running == 0) {
      finishGang(gang);
    }
  }

  /** A failure caused by another member's: killed by the engine, or left waiting for a member that was gone. */
  private static boolean knockOn(Outcome outcome) {
    return outcome.kind() == Kind.EVAL_KILL || outcome.kind() == Kind.LOAD_KILL
        || (outcome.error() != null && "dev.spm.GangBrokenException".equals(outcome.error().className()));
  }

  /** Kills the members still running, at once, naming the member that failed. */
  private void stopMembers(GangRun gang) {
    gang.stopAtNanos = Long.MAX_VALUE;
    Outcome culprit = gang.outcomes[gang.culprit];
    String reason = "gang member '" + culprit.task().label() + "' " + culprit.what();
    long now = System.nanoTime();
    for (Attempt other : inFlight.values()) {
      if (other.pending.gang == gang && other.lane.killReason == null && other.lane.spoke != null) {
        kill(other.lane, reason, now);
      }
    }
  }

  private void onDeclared(SpokeLink spoke, Message.GangResult result) {
    Attempt attempt = inFlight.get(result.attempt());
    if (!current(attempt, spoke) || attempt.pending.gang == null) {
      staleMessages++;
      return;
    }
    GangRun gang = attempt.pending.gang;
    if (gang.declared || (gang.culprit >= 0 && gang.culpritPrimary)) {
      return; // the first declaration wins, and a failed gang has no result
    }
    // A knock-on failure seen first is no failure of the gang: the declarer's peers may see it
    // leave (and fail to receive from it) before its declaration reaches this thread.
    gang.culprit = -1;
    gang.stopAtNanos = 0;
    gang.declared = true;
    declaredResult = result.value();
    long now = System.nanoTime();
    for (Attempt other : inFlight.values()) {
      if (other.pending.gang == gang && other != attempt && other.lane.killReason == null && other.lane.spoke != null) {
        kill(other.lane, "member '" + attempt.pending.task.label() + "' declared the gang's result", now);
      }
    }
  }

  private void finishGang(GangRun gang) {
    int size = gang.members.size();
    if (gang.culprit >= 0 && !gang.declared && gang.relaunchesLeft > 0 && starting) {
      activeGang = null;
      waitingGang = new GangRun(gang.members, gang.relaunchesLeft - 1, gang.attemptNumber + 1);
      return;
    }
    Outcome culprit = gang.culprit < 0 ? null : gang.outcomes[gang.culprit];
    for (int r = 0; r < size; r++) {
      Outcome o = gang.outcomes[r];
      Outcome report;
      if (gang.declared) {
        report = o.kind() == Kind.OK || !knockOn(o) ? o : new Outcome(o.task(), Kind.STOPPED, null, null,
            "was stopped: another member declared the gang's result", o.origin());
      } else if (culprit == null || r == gang.culprit) {
        report = o;
      } else {
        String member = culprit.task().label();
        report = new Outcome(o.task(), Kind.GANG_ABORTED, null, culprit.error(), "ended with its gang: member '"
            + member + "' (rank " + gang.culprit + ") " + culprit.what() + (gang.attemptNumber > 1
            ? " (gang run " + gang.attemptNumber + ")" : ""), o.origin(), member);
      }
      gang.delivered[r] = true; // before the handler runs: a report is delivered once, even if it throws
      deliver(report);
    }
    activeGang = null;
  }

  // ---- deadlines and kills -------------------------------------------------------------------

  private long nextDeadline() {
    long next = delayed.isEmpty() ? Long.MAX_VALUE : delayed.peek().atNanos();
    if (activeGang != null && activeGang.stopAtNanos != 0) {
      next = Math.min(next, activeGang.stopAtNanos);
    }
    for (Lane lane : lanes) {
      Attempt head = lane.queue.peekFirst();
      if (lane.killReason != null) {
        next = Math.min(next, lane.killAskedNanos + KILL_BACKSTOP_NANOS);
      } else if (head != null && head.deadlineNanos != 0) {
        next = Math.min(next, head.deadlineNanos);
      }
    }
    return next;
  }

  private void checkDeadlines(long now) {
    if (activeGang != null && activeGang.stopAtNanos != 0 && now >= activeGang.stopAtNanos) {
      stopMembers(activeGang); // no failure of its own came to explain the knock-on one
    }
    for (Lane lane : lanes) {
      Attempt head = lane.queue.peekFirst();
      if (lane.killReason == null && head != null && head.deadlineNanos != 0 && now >= head.deadlineNanos) {
        head.timedOut = true;
        kill(lane, "task '" + head.pending.task.label() + "' passed its deadline", now);
      } else if (lane.killReason != null && now - lane.killAskedNanos >= KILL_BACKSTOP_NANOS && lane.spoke != null) {
        // The backend did not confirm the kill: give up on this spoke, as if it died.
        onSpokeDown(new Event.SpokeDown(lane.spoke, -1, 0, "no confirmation of its kill within "
            + Duration.ofNanos(KILL_BACKSTOP_NANOS)));
      }
    }
  }

  private void kill(Lane lane, String reason, long now) {
    lane.killReason = reason;
    lane.killAskedNanos = now;
    lane.spoke.kill(reason);
  }

  private boolean anyLaneKilling() {
    for (Lane lane : lanes) {
      if (lane.killReason != null) {
        return true;
      }
    }
    return false;
  }

  private int liveLanes() {
    int n = 0;
    for (Lane lane : lanes) {
      if (lane.spoke != null) {
        n++;
      }
    }
    return n;
  }

  /**
   * Kills the spokes that have work (every live spoke, when user code failed, so that none keeps
   * state from the failed run), and waits, bounded, for their deaths, so that when manage returns
   * nothing of it is left.
   */
  private void killBusyLanes(boolean all) {
    long now = System.nanoTime();
    for (Lane lane : lanes) {
      if (lane.spoke != null && lane.killReason == null && (all || !lane.queue.isEmpty())) {
        kill(lane, "manage of '" + name + "' stopped", now);
      }
    }
    long deadline = now + KILL_BACKSTOP_NANOS;
    boolean interrupted = Thread.interrupted();
    try {
      while (anyLaneKilling() && System.nanoTime() < deadline) {
        Event event = drained.pollFirst();
        try {
          if (event == null) {
            event = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          }
        } catch (InterruptedException e) {
          interrupted = true;
          continue;
        }
        if (event instanceof Event.SpokeDown down) {
          for (Lane lane : lanes) {
            if (lane.spoke == down.spoke()) {
              for (Attempt attempt : lane.queue) {
                inFlight.remove(attempt.id);
                ready.addFirst(attempt.pending);
              }
              lane.queue.clear();
              lane.batches = 0;
              lane.spoke = null;
              lane.killReason = null;
            }
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    for (Attempt attempt : inFlight.values()) {
      ready.addFirst(attempt.pending);
    }
    inFlight.clear();
  }

  private List<String> unreported() {
    List<Pending> all = new ArrayList<>(ready);
    if (pushedBack != null) {
      all.add(pushedBack);
    }
    for (Lane lane : lanes) {
      all.addAll(lane.pinned);
    }
    for (Delayed d : delayed) {
      all.add(new Pending(d.task()));
    }
    if (waitingGang != null) {
      waitingGang.members.forEach(m -> all.add(new Pending(m)));
    }
    heldDrops.forEach(d -> all.add(new Pending(d.task())));
    notYetSubmitted.get().forEach(t -> all.add(new Pending(t)));
    if (activeGang != null) { // members that ended, whose reports were held for the gang's end
      for (int r = 0; r < activeGang.outcomes.length; r++) {
        if (activeGang.outcomes[r] != null && !activeGang.delivered[r]) {
          all.add(new Pending(activeGang.members.get(r)));
        }
      }
    }
    all.sort((a, b) -> Long.compare(a.task.id(), b.task.id()));
    List<String> labels = new ArrayList<>(all.size());
    for (Pending p : all) {
      labels.add(p.task.label());
    }
    return labels;
  }

  /** Unwinds the loop to end manage early. */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Reason reason;

    Abort(Reason reason, String message, Throwable cause) {
      super(message, cause, false, false);
      this.reason = reason;
    }
  }
}
