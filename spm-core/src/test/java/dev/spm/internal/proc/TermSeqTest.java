package dev.spm.internal.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermSeqTest {
  @Test
  void gnuDefault_isTermTermTermKill() {
    assertThat(TermSeq.gnuDefault().steps()).containsExactly(new TermSeq.Step(15, 200), new TermSeq.Step(15, 100),
        new TermSeq.Step(15, 50), new TermSeq.Step(9, 25));
    assertThat(TermSeq.gnuDefault().totalWaitMillis()).isEqualTo(375);
    assertThat(TermSeq.gnuDefault()).hasToString(TermSeq.GNU_DEFAULT);
  }

  @Test
  void parse_takesNamesWithOrWithoutSig_numbers_andMissingWaits() {
    assertThat(TermSeq.parse("SIGINT,100,hup,15,2,KILL").steps())
        .containsExactly(new TermSeq.Step(2, 100), new TermSeq.Step(1, 15), new TermSeq.Step(2, 0),
            new TermSeq.Step(9, 0));
  }

  @Test
  void grace_isTermThenTheWait_orKillAtOnce() {
    assertThat(TermSeq.grace(Duration.ofMillis(300)).steps()).containsExactly(new TermSeq.Step(15, 300));
    assertThat(TermSeq.grace(Duration.ZERO).steps()).containsExactly(new TermSeq.Step(9, 0));
  }

  @Test
  void parse_rejectsBadText_namingThePart() {
    assertThatThrownBy(() -> TermSeq.parse("TERM,x")).hasMessageContaining("'x' is not a signal");
    assertThatThrownBy(() -> TermSeq.parse("FOO,100")).hasMessageContaining("'FOO' is not a signal");
    assertThatThrownBy(() -> TermSeq.parse("")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> new TermSeq(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
