package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExitCodesTest {
  @Test
  void failedJobs_areCounted_upTo100_then101() {
    assertThat(ExitCodes.forFailedJobs(0)).isZero();
    assertThat(ExitCodes.forFailedJobs(1)).isEqualTo(1);
    assertThat(ExitCodes.forFailedJobs(100)).isEqualTo(100);
    assertThat(ExitCodes.forFailedJobs(101)).isEqualTo(101);
    assertThat(ExitCodes.forFailedJobs(5000)).isEqualTo(101);
  }

  @Test
  void negativeCount_isRejected() {
    assertThatThrownBy(() -> ExitCodes.forFailedJobs(-1)).hasMessageContaining("-1");
  }
}
