package dev.spm.examples.primes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.Pools;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PrimesDemoSerialTest {
  @Test
  void serialPool_countsTheSeedsRange_withZeroSpokesAndOneServer() {
    PrimesDemo.Result result = PrimesDemo.run(Pools.serial(), 3, 502_347, 10);
    assertThat(result.primes()).isEqualTo(41_714);
    assertThat(result.exitCode()).isZero();
    assertThat(result.line()).matches("primes=41714 tasks=10 spokes=0 servers=1 seconds=\\d+\\.\\d{3}");
  }

  @Test
  void line_usesADotWhateverTheLocale_andNamesFailedBuckets() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      PrimesDemo.Result result = new PrimesDemo.Result(7, 3, 2, 1, Duration.ofMillis(1234), 1, List.of("b1 failed"));
      assertThat(result.line()).isEqualTo("primes=7 tasks=3 spokes=2 servers=1 seconds=1.234 failed=1");
      assertThat(result.exitCode()).isEqualTo(1);
    } finally {
      Locale.setDefault(saved);
    }
  }
}
