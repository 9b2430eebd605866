package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.testing.Sessions;
import dev.spm.testing.TestFunctions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The seed's {@code createVirtualCloud -async}: a session opened in the background. */
class SessionOpenAsyncTest {
  private static final ManageOptions OPTIONS = ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
      .build();

  @Test
  void openAsync_returnsBeforeTheCloudIsUp_andManageWaitsForIt() {
    CompletableFuture<Session> opening = Session.openAsync("local:2x1");
    try {
      assertThat(opening).as("the agents take a JVM start each").isNotDone();
      assertThatThrownBy(() -> Session.open("local")).isInstanceOf(SpmUsageException.class)
          .hasMessageContaining("being opened");
      ListManager<Long> first = ListManager.declare("async-first", r -> r.value());
      first.submit(Task.of("t", TestFunctions::sleepThenPid, 1L));
      assertThat(first.manage(Pools.interOnePerServer(), OPTIONS).succeeded()).isEqualTo(1);
      assertThat(opening).isCompletedWithValue(Session.current().orElseThrow());
      // A second command, a sequence point after the first, using the resources differently.
      ListManager<Long> second = ListManager.declare("async-second", r -> r.value());
      for (int i = 0; i < 4; i++) {
        second.submit(Task.of("t" + i, TestFunctions::sleepThenPid, 300L));
      }
      ManageOptions both = ManageOptions.builder().nSpokesMin(2).timeoutWaitForSpokes(Duration.ofSeconds(60)).build();
      assertThat(second.manage(Pools.inter(), both).slots()).hasSize(2);
    } finally {
      Sessions.closeLeavingNothing(opening.join());
    }
  }

  @Test
  void aFailedAsyncOpen_failsManage_andLeavesRoomForAnother() {
    CompletableFuture<Session> opening = Session.builder("local:1x1").baseDir(java.nio.file.Path.of("/proc/none"))
        .openAsync();
    assertThat(opening).failsWithin(Duration.ofSeconds(30));
    ListManager<Long> m = ListManager.declare("async-failed", r -> r.value());
    m.submit(Task.of("t", TestFunctions::sleepThenPid, 1L));
    assertThatThrownBy(() -> m.manage(Pools.intraAll(), OPTIONS)).isInstanceOf(SpmSessionException.class)
        .hasMessageContaining("no session is open");
    assertThat(Session.current()).isEmpty();
  }
}
