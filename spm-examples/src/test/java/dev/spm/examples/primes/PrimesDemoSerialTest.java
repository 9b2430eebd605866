package dev.spm.examples.primes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.Pools;
import org.junit.jupiter.api.Test;

class PrimesDemoSerialTest {
  @Test
  void serialPool_countsTheSeedsRange_withZeroSpokesAndOneServer() {
    PrimesDemo.Result result = PrimesDemo.run(Pools.serial(), 3, 502_347, 10);
    assertThat(result.primes()).isEqualTo(41_714);
    assertThat(result.exitCode()).isZero();
    assertThat(result.line()).matches("primes=41714 tasks=10 spokes=0 servers=1 seconds=\\d+\\.\\d{3}");
  }
}
