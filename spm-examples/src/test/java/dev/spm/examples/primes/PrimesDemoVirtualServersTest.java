package dev.spm.examples.primes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.Pools;
import dev.spm.Session;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The primes demo on {@code local:3x1}: three virtual servers of one slot each. */
class PrimesDemoVirtualServersTest {
  private static Session session;

  @BeforeAll
  static void open() {
    session = Session.open("local:3x1");
    session.awaitSpokes(Duration.ofSeconds(60));
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void inter_countsTheSeedsRange_onThreeServers() {
    PrimesDemo.Result result = PrimesDemo.run(Pools.inter(), 3, 502_347, 30);
    assertThat(result.primes()).isEqualTo(41_714);
    assertThat(result.line()).matches("primes=41714 tasks=30 spokes=\\d servers=\\d seconds=\\d+\\.\\d{3}");
    assertThat(result.servers()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void interOnePerServer_countsTheSeedsRange() {
    PrimesDemo.Result result = PrimesDemo.run(Pools.interOnePerServer(), 3, 502_347, 30);
    assertThat(result.primes()).isEqualTo(41_714);
    assertThat(result.line()).matches("primes=41714 tasks=30 spokes=\\d servers=\\d seconds=\\d+\\.\\d{3}");
    assertThat(result.spokes()).isEqualTo(result.servers());
  }
}
