package dev.spm.examples.primes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.Pools;
import dev.spm.Session;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The primes demo on the {@code local} cloud: one server, one slot per core. */
class PrimesDemoLocalTest {
  private static Session session;

  @BeforeAll
  static void open() {
    // `local` has one slot per core; on a one-core machine, ask for two slots so that the
    // two-spoke assertion below still means something.
    session = Session.open(Runtime.getRuntime().availableProcessors() >= 2 ? "local" : "local:1x2");
    session.awaitSpokes(Duration.ofSeconds(60));
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void intraAll_countsTheSeedsRange_onAtLeastTwoSpokesOtherThanTheHub() {
    PrimesDemo.Result result = PrimesDemo.run(Pools.intraAll(), 3, 502_347, 40);
    assertThat(result.primes()).isEqualTo(41_714);
    assertThat(result.line()).matches("primes=41714 tasks=40 spokes=\\d+ servers=1 seconds=\\d+\\.\\d{3}");
    assertThat(result.spokes()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void intraOnePerServer_countsTheSeedsRange_onOneSpoke() {
    PrimesDemo.Result result = PrimesDemo.run(Pools.intraOnePerServer(), 3, 502_347, 10);
    assertThat(result.line()).matches("primes=41714 tasks=10 spokes=1 servers=1 seconds=\\d+\\.\\d{3}");
  }
}
