package dev.spm.examples.primes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BucketsTest {
  @Test
  void buckets_coverTheRangeExactly_inOrder() {
    long[][] cases = {{3, 502_347, 10}, {1, 30_000_000, 64}, {0, 5, 10}, {7, 7, 3}, {1, 2, 1}, {100, 1_000, 7}};
    for (long[] c : cases) {
      List<Buckets.Bucket> buckets = Buckets.equalCost(c[0], c[1], (int) c[2]);
      assertThat(buckets).hasSize((int) c[2]);
      assertThat(buckets.getFirst().from()).isEqualTo(c[0]);
      assertThat(buckets.getLast().to()).isEqualTo(c[1]);
      for (int i = 0; i < buckets.size(); i++) {
        assertThat(buckets.get(i).width()).isNotNegative();
        if (i > 0) {
          assertThat(buckets.get(i).from()).isEqualTo(buckets.get(i - 1).to());
        }
      }
    }
  }

  @Test
  void bucketCounts_sumToTheCountOfTheRange() {
    long sum = 0;
    for (Buckets.Bucket b : Buckets.equalCost(3, 502_347, 10)) {
      sum += Primes.ctRange(b.from(), b.to());
    }
    assertThat(sum).isEqualTo(41_714);
    sum = 0;
    for (Buckets.Bucket b : Buckets.equalCost(1, 1_000_000, 37)) {
      sum += Primes.ctRange(b.from(), b.to());
    }
    assertThat(sum).isEqualTo(78_498); // pi(10^6)
  }

  @Test
  void buckets_areNarrowerAtTheHighEnd_becauseTheyCostMore() {
    List<Buckets.Bucket> buckets = Buckets.equalCost(1, 30_000_000, 64);
    assertThat(buckets.getLast().width()).isLessThan(buckets.getFirst().width());
    for (int i = 2; i < buckets.size(); i++) {
      assertThat(buckets.get(i).width()).isLessThanOrEqualTo(buckets.get(i - 1).width() + 1);
    }
  }

  @Test
  void badArguments_areRejectedWithTheValue() {
    assertThatThrownBy(() -> Buckets.equalCost(1, 10, 0)).hasMessageContaining("0");
    assertThatThrownBy(() -> Buckets.equalCost(10, 1, 2)).hasMessageContaining("[10, 1)");
  }
}
