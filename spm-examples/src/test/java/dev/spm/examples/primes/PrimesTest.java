package dev.spm.examples.primes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrimesTest {
  @Test
  void am_agreesWithTheFirstPrimes() {
    StringBuilder found = new StringBuilder();
    for (long n = -3; n < 40; n++) {
      if (Primes.am(n)) {
        found.append(n).append(' ');
      }
    }
    assertThat(found.toString()).isEqualTo("2 3 5 7 11 13 17 19 23 29 31 37 ");
  }

  @Test
  void ctRange_countsHalfOpenRanges() {
    assertThat(Primes.ctRange(1, 100)).isEqualTo(25);
    assertThat(Primes.ctRange(2, 3)).isEqualTo(1);
    assertThat(Primes.ctRange(3, 3)).isZero();
    assertThat(Primes.ctRange(4, 5)).isZero();
    assertThat(Primes.ctRange(5, 6)).isEqualTo(1);
    assertThat(Primes.ctRange(10, 2)).isZero();
    assertThat(Primes.ctRange(3, 502_347)).isEqualTo(41_714);
  }
}
