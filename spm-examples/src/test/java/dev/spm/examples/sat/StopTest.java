package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The stop flag ends a hard search promptly, in one solver and in a portfolio. */
class StopTest {
  /** PHP(13, 12): minutes of search for any CDCL solver. */
  private static final Cnf HARD = Generators.pigeonhole(12);

  /** Portfolio members that export every learnt clause, so that exports show the search going on. */
  private static final IntFunction<Config> EXPORT_ALL =
      member -> Config.portfolio(member).toBuilder().exportMaxSize(Integer.MAX_VALUE).build();

  /** Counts exports down a latch: proof that a search is under way. */
  private static ClauseExchange signalAfter(CountDownLatch latch) {
    return new ClauseExchange() {
      @Override
      public void export(int[] clause, int lbd) {
        latch.countDown();
      }

      @Override
      public void importInto(Sink sink) {}
    };
  }

  @Test
  void stopDuringAHardSearch_returnsUnknownPromptly() throws InterruptedException {
    CountDownLatch searching = new CountDownLatch(200);
    CdclSolver solver = new CdclSolver(HARD, EXPORT_ALL.apply(0), signalAfter(searching));
    AtomicReference<SatResult> result = new AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> result.set(solver.solve()));
    assertThat(searching.await(30, TimeUnit.SECONDS)).as("200 clauses exported").isTrue();
    long stopped = System.nanoTime();
    solver.stop();
    assertThat(t.join(Duration.ofSeconds(2))).as("solve returned within 2 s of stop").isTrue();
    assertThat(result.get().status()).isEqualTo(SatResult.Status.UNKNOWN);
    assertThat(result.get().model()).isEmpty();
    assertThat(result.get().stats().conflicts()).isGreaterThan(0);
    assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void stopBeforeSolve_returnsUnknownAtOnce() {
    CdclSolver solver = new CdclSolver(HARD, Config.defaults(), ClauseExchange.none());
    solver.stop();
    SatResult r = solver.solve();
    assertThat(r.status()).isEqualTo(SatResult.Status.UNKNOWN);
    assertThat(r.stats().conflicts()).isZero();
  }

  @Test
  void portfolioStop_endsEveryMember() throws InterruptedException {
    LocalPortfolio portfolio = new LocalPortfolio(HARD, List.of(EXPORT_ALL.apply(0), EXPORT_ALL.apply(1),
        EXPORT_ALL.apply(2)));
    AtomicReference<LocalPortfolio.Outcome> outcome = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> {
      try {
        outcome.set(portfolio.solve());
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    Awaitility.await("200 clauses shared").atMost(Duration.ofSeconds(30))
        .until(() -> portfolio.sharedClauses() >= 200);
    portfolio.stop();
    assertThat(t.join(Duration.ofSeconds(2))).as("solve returned within 2 s of stop").isTrue();
    assertThat(failure.get()).isNull();
    assertThat(outcome.get().result().status()).isEqualTo(SatResult.Status.UNKNOWN);
    assertThat(outcome.get().winner()).isEqualTo(-1);
    assertThat(outcome.get().members()).hasSize(3);
  }
}
