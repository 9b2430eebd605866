package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.internal.hub.ManageProgress;
import dev.spm.internal.hub.ManageProgress.Phase;
import dev.spm.internal.hub.ManageProgress.Snapshot;
import dev.spm.testing.Sessions;
import dev.spm.testing.TestFunctions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's progress hook: the seed's Waiting - ForSpokes, Tasks - Eval, Tasks - EvalDone. */
class ManageProgressTest {
  private final List<Snapshot> seen = new ArrayList<>();

  @AfterEach
  void stopListening() {
    ManageProgress.listen(null);
  }

  @Test
  void aRun_isSeenWaiting_thenRunning_thenDone_withItsCounts() {
    ManageProgress.listen(seen::add);
    Session session = Session.open("local:1x2");
    try {
      ListManager<Object> m = ListManager.declare("progress-cloud", r -> { });
      for (int i = 0; i < 4; i++) {
        m.submit(Task.of("sleep" + i, TestFunctions::sleepThenPid, 600L));
      }
      m.submit(Task.of("fails", TestFunctions::divide, 1, 0));
      m.manage(Pools.intraAll(), ManageOptions.builder().nSpokesMin(2).timeoutWaitForSpokes(Duration.ofSeconds(60))
          .build());
    } finally {
      Sessions.closeLeavingNothing(session);
    }
    assertThat(seen.getFirst().phase()).isEqualTo(Phase.WAITING_FOR_SPOKES);
    assertThat(seen.getFirst().slots()).isEqualTo(2);
    assertThat(seen).filteredOn(s -> s.phase() == Phase.EVAL).as("a look while two tasks ran")
        .anySatisfy(s -> assertThat(s.running()).isEqualTo(2));
    Snapshot last = seen.getLast();
    assertThat(last.phase()).isEqualTo(Phase.EVAL_DONE);
    assertThat(last.manager()).isEqualTo("progress-cloud");
    assertThat(List.of(last.done(), last.failed(), (long) last.running(), (long) last.waiting()))
        .containsExactly(4L, 1L, 0L, 0L);
    assertThat(seen).extracting(Snapshot::phase).containsSubsequence(Phase.WAITING_FOR_SPOKES, Phase.EVAL,
        Phase.EVAL_DONE);
    for (int i = 1; i < seen.size() - 1; i++) {
      assertThat(seen.get(i).phase()).as("only the last look is done").isNotEqualTo(Phase.EVAL_DONE);
    }
  }

  @Test
  void noListener_noLooks_andAThrowingListener_changesNothing() {
    ListManager<Object> quiet = ListManager.declare("progress-quiet", r -> { });
    quiet.submit(Task.of("t", TestFunctions::pid));
    assertThat(quiet.manage(Pools.serial()).succeeded()).isEqualTo(1);
    assertThat(seen).isEmpty();

    ManageProgress.listen(s -> {
      throw new IllegalStateException("a broken display");
    });
    ListManager<Object> m = ListManager.declare("progress-throws", r -> { });
    m.submit(Task.of("t", TestFunctions::pid));
    assertThat(m.manage(Pools.serial()).succeeded()).isEqualTo(1);
  }
}
