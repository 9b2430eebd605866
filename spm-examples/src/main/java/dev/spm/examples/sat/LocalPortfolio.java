package dev.spm.examples.sat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A portfolio of {@link CdclSolver}s on threads of this JVM: the first member to decide the formula
 * wins and the others are stopped. Members share clauses through {@link PackedExchange}s, as
 * gang members would over the wire, each packet handed straight to the others' inboxes. It is the
 * gang's algorithm without the gang, for tests of the sharing logic and for measuring it.
 *
 * <p>{@link #solve()} blocks until every member thread has ended. {@link #stop()} may be called
 * from another thread; {@code solve} then returns UNKNOWN soon. When a member throws, the others
 * are stopped and {@code solve} throws an {@link IllegalStateException} whose cause is that
 * exception and whose message names the member.
 */
public final class LocalPortfolio {
  /**
   * What a portfolio run gave.
   *
   * @param result the winner's result, or UNKNOWN when stopped first
   * @param winner the winner's index in the configuration list, or -1
   * @param sharedClauses clauses shipped by any member (each counted once, however many members
   *     received it); a member ships its exports at its restarts
   * @param sharedBytes their weight in packets: {@code 4 × (literals + 2)} bytes per clause
   * @param members each member's search statistics, in configuration order
   */
  public record Outcome(SatResult result, int winner, long sharedClauses, long sharedBytes, Duration wallTime,
      List<SatResult.Stats> members) {}

  /** The most ints a member buffers between two restarts: 4 MiB. */
  private static final int MAX_BUFFERED_INTS = 1 << 20;

  private final Cnf cnf;
  private final List<Config> configs;
  private final List<PackedExchange> exchanges = new ArrayList<>();
  private final List<CdclSolver> solvers = new ArrayList<>();
  private volatile boolean stopRequested;

  /** @throws IllegalArgumentException when {@code configs} is empty */
  public LocalPortfolio(Cnf cnf, List<Config> configs) {
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("a portfolio needs at least one member");
    }
    this.cnf = cnf;
    this.configs = List.copyOf(configs);
    for (int i = 0; i < configs.size(); i++) {
      int rank = i;
      exchanges.add(new PackedExchange(packet -> {
        for (int j = 0; j < exchanges.size(); j++) {
          if (j != rank) {
            exchanges.get(j).offer(packet);
          }
        }
      }, MAX_BUFFERED_INTS));
    }
  }

  /** A portfolio of {@code members} members configured by {@link Config#portfolio(int)}. */
  public static LocalPortfolio of(Cnf cnf, int members) {
    List<Config> configs = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      configs.add(Config.portfolio(i));
    }
    return new LocalPortfolio(cnf, configs);
  }

  /** Stops every member; {@link #solve()} returns UNKNOWN unless one has already won. */
  public void stop() {
    stopRequested = true;
    synchronized (solvers) {
      solvers.forEach(CdclSolver::stop);
    }
  }

  /**
   * Runs the members and returns the first answer. May be called once.
   *
   * @throws IllegalStateException when a member threw (the cause), or when called twice
   * @throws InterruptedException when interrupted while waiting; the members are stopped and
   *     joined first
   */
  public Outcome solve() throws InterruptedException {
    long start = System.nanoTime();
    int n = configs.size();
    synchronized (solvers) {
      if (!solvers.isEmpty()) {
        throw new IllegalStateException("solve() may be called once per LocalPortfolio");
      }
      for (int i = 0; i < n; i++) {
        solvers.add(new CdclSolver(cnf, configs.get(i), exchanges.get(i)));
      }
      if (stopRequested) {
        solvers.forEach(CdclSolver::stop);
      }
    }
    SatResult[] results = new SatResult[n];
    AtomicReference<Integer> winner = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int rank = i;
      threads.add(Thread.ofPlatform().name("portfolio-" + rank).start(() -> {
        try {
          results[rank] = solvers.get(rank).solve();
          if (results[rank].status() != SatResult.Status.UNKNOWN && winner.compareAndSet(null, rank)) {
            stopAll();
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, new IllegalStateException("portfolio member " + rank + " failed: " + e, e));
          stopAll();
        }
      }));
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      stopAll();
      for (Thread t : threads) {
        t.join();
      }
      throw e;
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    Integer w = winner.get();
    List<SatResult.Stats> stats = new ArrayList<>();
    for (SatResult r : results) {
      stats.add(r.stats());
    }
    SatResult result = w != null ? results[w]
        : new SatResult(SatResult.Status.UNKNOWN, new int[0], results[0].stats());
    return new Outcome(result, w == null ? -1 : w, sharedClauses(),
        exchanges.stream().mapToLong(PackedExchange::shippedBytes).sum(), Duration.ofNanos(System.nanoTime() - start),
        stats);
  }

  /** The clauses shared so far; any thread, any time, also while {@link #solve()} runs. */
  public long sharedClauses() {
    return exchanges.stream().mapToLong(PackedExchange::shippedClauses).sum();
  }

  private void stopAll() {
    synchronized (solvers) {
      solvers.forEach(CdclSolver::stop);
    }
  }
}
