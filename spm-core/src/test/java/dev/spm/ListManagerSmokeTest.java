package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.testing.TestFunctions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListManagerSmokeTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static String name() {
    return "smoke-" + NAMES.incrementAndGet();
  }

  @Test
  void serialPool_countsPrimes() {
    long[] total = {0};
    ListManager<Long> m = ListManager.declare(name(), r -> total[0] += r.value());
    for (long a = 0; a < 100_000; a += 10_000) {
      m.submit(Task.of("b" + a, TestFunctions::countPrimes, a, a + 10_000));
    }
    m.manage(Pools.serial());
    assertThat(total[0]).isEqualTo(9592);
  }

  @Test
  void intraAll_countsPrimesOnTwoSpokes() {
    try (Session session = Session.open("local:1x2")) {
      long[] total = {0};
      Set<Long> pids = new HashSet<>();
      ListManager<Long> m = ListManager.declare(name(), r -> {
        total[0] += r.value();
        pids.add(r.origin().pid());
      });
      for (long a = 0; a < 2_000_000; a += 50_000) {
        m.submit(Task.of("b" + a, TestFunctions::countPrimes, a, a + 50_000));
      }
      ManageResult result = m.manage(Pools.intraAll(), ManageOptions.builder().nSpokesMin(2)
          .timeoutWaitForSpokes(Duration.ofSeconds(30)).build());
      assertThat(total[0]).isEqualTo(148933);
      assertThat(pids).hasSize(2).doesNotContain(ProcessHandle.current().pid());
      System.out.println(result);
    }
  }
}
