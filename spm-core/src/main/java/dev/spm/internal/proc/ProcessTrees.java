package dev.spm.internal.proc;

import dev.spm.internal.proc.ProcFs.Stat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds and kills trees of processes on Linux through {@code /proc}.
 *
 * <p>A process is found three ways, because each alone misses some: by an environment entry
 * ({@link #TAG_ENV}, {@link #SESSION_ENV}), which children inherit even after they leave their
 * parent's session or are re-parented, unless they clear their environment; by descent from a
 * root pid, which holds until a child is orphaned; and by process group, which holds until a
 * child calls {@code setsid}. The kill methods combine all three.
 *
 * <p>All methods are thread-safe and exclude the current process. Processes that vanish or whose
 * files cannot be read (another user's) are skipped silently. The kill methods block until
 * done; they finish even when the calling thread is interrupted, and keep its interrupt flag.
 */
public final class ProcessTrees {
  /** The environment entry that marks every process of one spm session. */
  public static final String SESSION_ENV = "SPM_SESSION";
  /** The environment entry that marks every process of one coprocess run. */
  public static final String TAG_ENV = "SPM_TAG";

  /**
   * Set by an agent on each spoke it starts, with the spoke's incarnation as value. Distinct from
   * {@link #TAG_ENV}, which each coprocess sets anew, so that a spoke's tree can be found even
   * through programs its coprocesses started and that then left their process group.
   */
  public static final String SPOKE_ENV = "SPM_SPOKE";

  private static final long MIN_PAUSE_NANOS = 200_000;
  private static final long MAX_PAUSE_NANOS = 10_000_000;
  /**
   * How long a kill that finds no target goes on scanning while it is unsure (see Kill#run): while
   * a young process's environment reads empty, or scans do not close.
   */
  private static final long UNSURE_NANOS = 50_000_000;

  private ProcessTrees() {}

  /**
   * The processes whose environment holds exactly {@code key=value}, other than this one, from
   * one closed scan ({@link ProcFs#closedScan}): a chain of processes that fork and end as fast
   * as they are read is still found. Takes a few milliseconds for a few hundred processes.
   * Zombies have no environment and are never found, nor is a process between the steps of an
   * exec.
   */
  public static List<ProcInfo> findByEnv(String key, String value) {
    byte[] entry = envEntry(key, value);
    ProcFs.Reader reader = new ProcFs.Reader();
    List<Stat> found = new ArrayList<>();
    ProcFs.closedScan(reader, stat -> {
      if (stat.pid() != ProcFs.SELF && reader.hasEnv(stat, entry)) {
        found.add(stat);
      }
    });
    return found.stream().map(ProcFs::info).toList();
  }

  /** The children of {@code pid} that have ended and wait to be reaped. */
  public static List<ProcInfo> zombieChildrenOf(long pid) {
    return ProcFs.scan().stream()
        .filter(stat -> stat.ppid() == pid && !stat.alive())
        .map(ProcFs::info)
        .toList();
  }

  /** The pids of the children of {@code pid}, their children, and so on; not {@code pid}. */
  public static List<Long> descendants(long pid) {
    return descendants(pid, childrenByParent(ProcFs.scan()));
  }

  /**
   * Kills every process whose environment holds {@code key=value}: SIGTERM first, SIGKILL to
   * those still alive after {@code grace} (at once if {@code grace} is zero). It scans again
   * and again, so a tree that forks while it dies is killed too.
   *
   * @return true once none is alive (a zombie counts as dead); false if some still are when
   *     {@code confirmWithin} has passed
   */
  public static boolean killTagged(String key, String value, Duration grace, Duration confirmWithin) {
    return new Kill(null, envEntry(key, value), grace, confirmWithin, 0).run();
  }

  /**
   * Kills {@code rootPid}, its descendants, every process whose environment holds
   * {@code tagKey=tagValue}, and the members of every process group that one of them leads, as
   * {@link #killTagged} does. The process group of this JVM is never signalled.
   *
   * @return true once none is alive (a zombie counts as dead); false if some still are when
   *     {@code confirmWithin} has passed
   */
  public static boolean killTree(
      long rootPid, String tagKey, String tagValue, Duration grace, Duration confirmWithin) {
    return new Kill(rootPid, envEntry(tagKey, tagValue), grace, confirmWithin, 0).run();
  }

  /**
   * {@link #killTree(long, String, String, Duration, Duration)} for a tree whose root started at
   * {@code rootStartTicks} (see {@link #startTicks}): no process older than the root can carry
   * its tag, so only younger ones have their environment read. That makes the common case, a
   * tree with nothing left, one cheap scan.
   */
  public static boolean killTree(long rootPid, long rootStartTicks, String tagKey, String tagValue, Duration grace,
      Duration confirmWithin) {
    return new Kill(rootPid, envEntry(tagKey, tagValue), grace, confirmWithin, rootStartTicks).run();
  }

  /**
   * {@link #killTree(long, long, String, String, Duration, Duration)} with a kill sequence instead
   * of a grace: each step's signal, then its wait, and SIGKILL for whatever is left at the end.
   * {@code rootPid} may be null to kill by tag (and the groups the tagged processes lead) alone.
   *
   * @param confirmWithin counted from the start of the kill; should exceed the sequence's waits
   * @return true once none is alive (a zombie counts as dead); false if some still are when
   *     {@code confirmWithin} has passed
   */
  public static boolean killTree(Long rootPid, long rootStartTicks, String tagKey, String tagValue, TermSeq sequence,
      Duration confirmWithin) {
    return new Kill(rootPid, envEntry(tagKey, tagValue), sequence, confirmWithin, rootStartTicks).run();
  }

  /** When a process started, in clock ticks since boot, or 0 if it is gone. */
  public static long startTicks(long pid) {
    return ProcFs.stat(pid).map(Stat::startTicks).orElse(0L);
  }

  /**
   * Makes this JVM the reaper of every orphaned descendant ({@code PR_SET_CHILD_SUBREAPER}), so
   * a grandchild whose parent exits becomes this process's child instead of init's and can
   * still be found and killed. Orphans adopted this way are not reaped by the JDK: run a
   * {@link Reaper} too.
   *
   * @return false when it is not available: on Java 21, or without native access enabled
   */
  public static boolean becomeSubreaper() {
    boolean became = Libc.get().map(libc -> libc.setChildSubreaper(true)).orElse(false);
    subreaper |= became;
    return became;
  }

  /**
   * Makes the native calls ready (loads libc through FFM and makes its first call), which takes
   * tens of milliseconds: a command may do it on another thread while it reads its arguments.
   * Does nothing where libc cannot be used.
   */
  public static void prepareNativeCalls() {
    Libc.get().ifPresent(Libc::isChildSubreaper);
  }

  /** Stops being a subreaper (for tests: one JVM runs them all). */
  public static void stopBeingSubreaper() {
    Libc.get().ifPresent(libc -> libc.setChildSubreaper(false));
    subreaper = false;
  }

  /** Whether {@link #becomeSubreaper} made this JVM a subreaper (and it has not stopped since). */
  static boolean isSubreaper() {
    return subreaper;
  }

  private static volatile boolean subreaper;

  /**
   * Whether this process ignores {@code signal}, as a process started in the background by a
   * non-interactive shell, or under {@code nohup}, ignores SIGINT, SIGQUIT or SIGHUP. Programs it
   * starts inherit that, as exec leaves it; false if it cannot be told.
   */
  public static boolean ignores(int signal) {
    long ignored = ProcFs.ignoredSignals();
    return ignored != -1L && (ignored & (1L << (signal - 1))) != 0;
  }

  /** Whether signals go through libc now; false on Java 21 or when the fallback is forced. */
  public static boolean signalsAreNative() {
    return Signals.current().isNative();
  }

  static byte[] envEntry(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return (key + "=" + value).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<Long, List<Stat>> childrenByParent(List<Stat> all) {
    Map<Long, List<Stat>> children = new HashMap<>();
    for (Stat stat : all) {
      children.computeIfAbsent(stat.ppid(), parent -> new ArrayList<>()).add(stat);
    }
    return children;
  }

  private static List<Long> descendants(long pid, Map<Long, List<Stat>> children) {
    List<Long> found = new ArrayList<>();
    Deque<Long> todo = new ArrayDeque<>(List.of(pid));
    while (!todo.isEmpty()) {
      for (Stat child : children.getOrDefault(todo.pop(), List.of())) {
        if (!found.contains(child.pid())) {
          found.add(child.pid());
          todo.push(child.pid());
        }
      }
    }
    return found;
  }

  /**
   * One kill of a tree.
   *
   * <p>Overview: each round scans {@code /proc} and collects the live targets: processes marked
   * in an earlier round (the same pid with the same start time), the root and its descendants,
   * tagged processes, and members of groups that a target leads. The kill walks a
   * {@link TermSeq}: each step's signal goes once to every live target, and to every target found
   * while the step waits; a step ends when its wait has passed. After the last step every live
   * target, and every group with a live member, gets SIGKILL each round. Rounds are spaced by a
   * pause that grows from 0.2 ms to 10 ms. Marking by start time means an orphan stays a target
   * after it leaves the tree, and a reused pid never becomes one.
   */
  private static final class Kill {
    private final Long root;
    private final byte[] tag;
    private final long start = System.nanoTime();
    private final List<TermSeq.Step> steps;
    private final long giveUpAt;
    private final long ownGroup = ProcFs.stat(ProcFs.SELF).map(Stat::pgid).orElse(-1L);
    private final Map<Long, Long> marked = new HashMap<>(); // pid -> start time
    private final Set<Long> groups = new HashSet<>();
    /**
     * Whether the last scan cannot prove that no target is left: it saw a process, new enough to
     * be ours, whose environment read empty, or it did not close.
     */
    private boolean unsure;
    private final Set<Long> signalledThisStep = new HashSet<>(); // pids, and -pgid for groups
    private final long notBeforeTicks;
    private int step; // steps.size(): past the sequence, SIGKILL every round
    private long stepEndsAt;

    Kill(Long root, byte[] tag, Duration grace, Duration confirmWithin, long notBeforeTicks) {
      this(root, tag, TermSeq.grace(nonNegative(grace, "grace")), confirmWithin, notBeforeTicks);
    }

    Kill(Long root, byte[] tag, TermSeq sequence, Duration confirmWithin, long notBeforeTicks) {
      this.root = root;
      this.notBeforeTicks = notBeforeTicks;
      this.tag = tag;
      this.steps = sequence.steps();
      this.stepEndsAt = start + millisToNanos(steps.get(0).waitMillis());
      this.giveUpAt = start + cappedNanos(nonNegative(confirmWithin, "confirmWithin"));
    }

    boolean run() {
      boolean interrupted = Thread.interrupted();
      try {
        // A kill is done at the first closed scan (see liveTargets) that finds no target, unless
        // it is unsure: a young process's environment reads empty, as a process between the steps
        // of an exec shows for longer than a moment on a loaded machine, so the scan cannot tell
        // whether it carries the tag; or the scan did not close. Then it scans on, for at most
        // UNSURE_NANOS since targets ran out (a process of somebody else's may have no
        // environment at all, or processes may start without pause).
        long emptySince = 0;
        for (long pause = MIN_PAUSE_NANOS; ; pause = Math.min(2 * pause, MAX_PAUSE_NANOS)) {
          unsure = false;
          List<Stat> live = liveTargets();
          if (live.isEmpty()) {
            long now = System.nanoTime();
            if (emptySince == 0) {
              emptySince = now;
            }
            if (!unsure || now - emptySince >= UNSURE_NANOS) {
              return true;
            }
            LockSupport.parkNanos(MIN_PAUSE_NANOS);
            continue;
          }
          emptySince = 0;
          long now = System.nanoTime();
          if (now - giveUpAt >= 0) {
            return false;
          }
          while (step < steps.size() && now - stepEndsAt >= 0) {
            step++;
            signalledThisStep.clear();
            if (step < steps.size()) {
              stepEndsAt = now + millisToNanos(steps.get(step).waitMillis());
            }
          }
          signal(live);
          LockSupport.parkNanos(pause);
          interrupted |= Thread.interrupted();
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void signal(List<Stat> live) {
      Set<Long> targets = new LinkedHashSet<>();
      for (Stat stat : live) {
        targets.add(stat.pid());
        if (groups.contains(stat.pgid())) {
          targets.add(-stat.pgid());
        }
      }
      if (step >= steps.size()) {
        Signals.current().send(Signals.KILL, targets);
      } else {
        targets.removeAll(signalledThisStep);
        signalledThisStep.addAll(targets);
        Signals.current().send(steps.get(step).signal(), targets);
      }
    }

    /**
     * The live targets, from one closed scan ({@link ProcFs#closedScan}). Each young process's
     * environment is read once, right after its stat: read later, it might have forked and ended.
     * So a tagged process alive after a scan that finds no target descends from a process the scan
     * read alive but found untagged and not mid-exec. This rests on each ancestor's tag being
     * readable: a process made non-dumpable (a setuid program, {@code PR_SET_DUMPABLE}) reads as
     * unreadable, and one that overwrites its environment (to change its title) or clears it
     * hides the tag from its children's ancestry; the root's descendants and process groups
     * still catch those while they last. Sets {@link #unsure} when the scan did not close or
     * showed a young process mid-exec.
     */
    private List<Stat> liveTargets() {
      ProcFs.Reader reader = new ProcFs.Reader();
      Map<Long, ProcFs.Env> envs = new HashMap<>();
      ProcFs.Snapshot snapshot = ProcFs.closedScan(reader, stat -> {
        if (mayCarryTag(stat)) {
          envs.put(stat.pid(), reader.env(stat, tag));
        }
      });
      unsure |= !snapshot.closed();
      List<Stat> all = snapshot.stats();
      Set<Long> tree = new HashSet<>();
      if (root != null) {
        tree.add(root);
        tree.addAll(descendants(root, childrenByParent(all)));
      }
      List<Stat> live = new ArrayList<>();
      for (Stat stat : all) {
        if (stat.alive() && stat.pid() != ProcFs.SELF && stat.pid() > 1 && isTarget(stat, tree, envs)) {
          live.add(stat);
          marked.put(stat.pid(), stat.startTicks());
          if (stat.pid() == stat.pgid() && stat.pgid() != ownGroup) {
            groups.add(stat.pgid());
          }
        }
      }
      for (Stat stat : all) { // members of groups found in this round
        if (stat.alive() && groups.contains(stat.pgid()) && !marked.containsKey(stat.pid())
            && stat.pid() != ProcFs.SELF) {
          live.add(stat);
          marked.put(stat.pid(), stat.startTicks());
        }
      }
      return live;
    }

    /** Whether the environment of this process must be read: alive, young enough, not yet known. */
    private boolean mayCarryTag(Stat stat) {
      Long seen = marked.get(stat.pid());
      return stat.alive() && stat.pid() != ProcFs.SELF && stat.pid() > 1 && stat.startTicks() >= notBeforeTicks
          && (seen == null || seen != stat.startTicks())
          // Kernel threads have no environment, for good. Known by their flag, not as pid 2 and its
          // children: in a pid namespace (a container, bwrap) pid 2 may be this JVM, and every
          // program it starts its child.
          && !stat.kernelThread();
    }

    private boolean isTarget(Stat stat, Set<Long> tree, Map<Long, ProcFs.Env> envs) {
      Long seen = marked.get(stat.pid());
      if ((seen != null && seen == stat.startTicks()) || tree.contains(stat.pid()) || groups.contains(stat.pgid())) {
        return true;
      }
      ProcFs.Env env = envs.get(stat.pid());
      // Mid-exec, or a process whose main thread has ended and none of whose other threads could be read.
      unsure |= env == ProcFs.Env.EMPTY || (env == ProcFs.Env.UNREADABLE && !ProcFs.alive(stat.state()));
      return env == ProcFs.Env.HAS;
    }

    /** Milliseconds to nanoseconds, capped far below overflow when added to System.nanoTime(). */
    private static long millisToNanos(long millis) {
      return millis > Long.MAX_VALUE / 4 / 1_000_000 ? Long.MAX_VALUE / 4 : millis * 1_000_000;
    }

    private static long cappedNanos(Duration d) {
      return d.compareTo(Duration.ofNanos(Long.MAX_VALUE / 4)) > 0 ? Long.MAX_VALUE / 4 : d.toNanos();
    }

    private static Duration nonNegative(Duration d, String name) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, but was " + d);
      }
      return d;
    }
  }
}
