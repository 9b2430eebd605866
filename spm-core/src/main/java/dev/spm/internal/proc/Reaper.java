package dev.spm.internal.proc;

import dev.spm.internal.proc.ProcFs.Stat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * Reaps the orphans that this JVM adopts as a subreaper ({@link ProcessTrees#becomeSubreaper}).
 * The JDK reaps only the children it started; an adopted orphan that ends would stay a zombie.
 *
 * <p>A daemon thread looks every 200 ms for zombie children of this JVM (those of its first
 * thread, where Linux puts adopted orphans, or, where that cannot be read, all of {@code /proc}) and reaps
 * each with {@code waitpid(pid, WNOHANG)}, by its own pid. It never calls {@code waitpid(-1)},
 * which would steal the exit status of a child the JDK waits for and break
 * {@link Process#waitFor}. For the same reason it leaves alone every pid for which
 * {@code ownedByJdk} is true, every child started by this package, and every zombie not yet seen
 * on an earlier scan (the JDK reaps its own children at once, so a zombie that lasts a whole
 * period is an orphan).
 *
 * <p>Without libc (Java 21, or native access not enabled) a reaper does nothing; a JVM is then
 * never a subreaper either, so orphans go to init (or the nearest subreaper), which reaps them.
 */
public final class Reaper implements AutoCloseable {
  private static final long PERIOD_MILLIS = 200;

  private final LongPredicate ownedByJdk;
  private final Optional<Libc> libc;
  private final AtomicLong reaped = new AtomicLong();
  private final Thread thread;
  private Set<Long> seenBefore = new HashSet<>(); // touched only by the reaper thread

  private Reaper(LongPredicate ownedByJdk, Optional<Libc> libc) {
    this.ownedByJdk = ownedByJdk;
    this.libc = libc;
    this.thread = libc.isEmpty() ? null : Thread.ofPlatform().daemon().name("spm-reaper").unstarted(this::loop);
  }

  /**
   * Starts a reaper on a daemon thread named {@code spm-reaper}.
   *
   * @param ownedByJdk true for the pids this JVM started through {@link ProcessBuilder}; those
   *     are the JDK's to reap
   * @return a reaper; one that does nothing when libc is unavailable (see {@link #active()})
   */
  public static Reaper start(LongPredicate ownedByJdk) {
    Reaper reaper = new Reaper(ownedByJdk, Libc.get());
    if (reaper.thread != null) {
      reaper.thread.start();
    }
    return reaper;
  }

  /** Whether this reaper runs; false when libc is unavailable. */
  public boolean active() {
    return thread != null && thread.isAlive();
  }

  /** How many orphans this reaper has reaped so far. */
  public long reapedCount() {
    return reaped.get();
  }

  /** Stops the thread and waits for it to end. Orphans that end later stay zombies. */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    thread.interrupt();
    Interrupts.awaitUninterruptibly(thread);
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        reapOnce();
        TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
      }
    } catch (InterruptedException closing) {
      // close() asked us to stop
    }
  }

  private void reapOnce() {
    Set<Long> zombies = new HashSet<>();
    for (Stat stat : children()) {
      long pid = stat.pid();
      if (stat.ppid() == ProcFs.SELF && !stat.alive()
          && !JdkChildren.contains(pid) && !ownedByJdk.test(pid)) {
        zombies.add(pid);
        if (seenBefore.contains(pid) && libc.orElseThrow().reap(pid) == pid) {
          reaped.incrementAndGet();
        }
      }
    }
    seenBefore = zombies;
  }

  /**
   * This JVM's children that may be adopted orphans: those of its first thread, which is where
   * Linux puts them (see Adoptees), read cheaply; else every process, from a scan of /proc.
   */
  private List<Stat> children() {
    long[] pids = libc.orElseThrow().leaderChildren();
    if (pids == null) {
      return ProcFs.scan();
    }
    ProcFs.Reader reader = new ProcFs.Reader(512);
    List<Stat> stats = new ArrayList<>(pids.length);
    for (long pid : pids) {
      Stat stat = reader.stat(pid);
      if (stat != null) {
        stats.add(stat);
      }
    }
    return stats;
  }
}
