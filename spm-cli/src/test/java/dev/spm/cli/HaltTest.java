package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** --halt's parsing and GNU parallel's exit status rules; RunCompatIT compares whole runs. */
class HaltTest {
  private static JobEnd end(int exit, int signal) {
    Job job = new Job(1, List.of("a"), "cmd a", 1);
    return new JobEnd(job, 0, 0, signal >= 0 ? 128 + signal : exit, signal, false, JobOutput.NONE, JobOutput.NONE);
  }

  @Test
  void parse_longAndShortForms() {
    assertThat(Halt.parse("now,fail=1")).isEqualTo(new Halt(Halt.When.NOW, Halt.Why.FAIL, 1, false));
    assertThat(Halt.parse("soon,success=3%")).isEqualTo(new Halt(Halt.When.SOON, Halt.Why.SUCCESS, 3, true));
    assertThat(Halt.parse("now,done=2")).isEqualTo(new Halt(Halt.When.NOW, Halt.Why.DONE, 2, false));
    assertThat(Halt.parse("2")).isEqualTo(Halt.parse("now,fail=1"));
    assertThat(Halt.parse("-1")).isEqualTo(Halt.parse("soon,success=1"));
    assertThat(Halt.parse("20%")).isEqualTo(Halt.parse("soon,fail=20%"));
    assertThat(Halt.parse("0").isNever()).isTrue();
  }

  @Test
  void parse_rejectsWithGnuParallelsMessages() {
    assertThatThrownBy(() -> Halt.parse("later,fail=1")).hasMessage("--halt must have 'never', 'soon', or 'now'.");
    assertThatThrownBy(() -> Halt.parse("now,foo=1")).hasMessage("--halt now must be followed by ,success or ,fail.");
    assertThatThrownBy(() -> Halt.parse("now,fail=x"))
        .hasMessage("--halt now,fail must be followed by ,number or ,percent%.");
  }

  @Test
  void failOne_haltsWithTheFailingJobsStatus_orSignalPlus128() {
    Halt.Tally t = new Halt.Tally(Halt.parse("now,fail=1"), -1, 0);
    assertThat(t.ended(end(0, -1))).isEqualTo(Halt.When.NEVER);
    assertThat(t.ended(end(0, 9))).isEqualTo(Halt.When.NOW);
    assertThat(t.exitStatus()).isEqualTo(137);
  }

  @Test
  void failN_statusIsTheFailures_setOnceWhenDecided() {
    Halt.Tally t = new Halt.Tally(Halt.parse("soon,fail=2"), -1, 0);
    t.ended(end(3, -1));
    assertThat(t.ended(end(4, -1))).isEqualTo(Halt.When.SOON);
    t.ended(end(5, -1));
    assertThat(t.exitStatus()).isEqualTo(2);
  }

  @Test
  void percent_ofAllJobs_andTheShareOfStartedOnesWhenNeverReached() {
    Halt.Tally t = new Halt.Tally(Halt.parse("soon,fail=50%"), 6, 0);
    for (int exit : new int[] {0, 1, 1, 0}) {
      t.started();
      assertThat(t.ended(end(exit, -1))).isEqualTo(Halt.When.NEVER);
    }
    t.started();
    assertThat(t.ended(end(1, -1))).isEqualTo(Halt.When.SOON);
    assertThat(t.exitStatus()).isEqualTo(50);

    Halt.Tally never = new Halt.Tally(Halt.parse("soon,fail=60%"), 6, 0);
    for (int exit : new int[] {0, 1, 1, 0, 0, 0}) {
      never.started();
      never.ended(end(exit, -1));
    }
    assertThat(never.exitStatus()).isEqualTo(34);
  }

  @Test
  void success_haltsWithZero_andResumedJobsCountAsCompleted() {
    Halt.Tally t = new Halt.Tally(Halt.parse("now,success=3"), -1, 2);
    assertThat(t.ended(end(0, -1))).isEqualTo(Halt.When.NOW);
    assertThat(t.exitStatus()).isZero();
  }

  @Test
  void never_statusIsTheFailedJobs_101AboveAHundred() {
    Halt.Tally t = new Halt.Tally(Halt.never(), -1, 0);
    for (int i = 0; i < 102; i++) {
      t.ended(end(1, -1));
    }
    assertThat(t.exitStatus()).isEqualTo(101);
  }
}
