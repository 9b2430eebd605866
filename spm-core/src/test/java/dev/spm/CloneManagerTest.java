package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.testing.LocalSession;
import dev.spm.testing.TestFunctions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Clone manager on three virtual servers of two slots. */
class CloneManagerTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ManageOptions ONE_PER_SERVER = ManageOptions.builder().nSpokesMin(3)
      .timeoutWaitForSpokes(Duration.ofSeconds(60)).build();
  private static final ManageOptions ALL_UP = ManageOptions.builder().nSpokesMin(6)
      .timeoutWaitForSpokes(Duration.ofSeconds(60)).build();

  @RegisterExtension
  static final LocalSession SESSION = new LocalSession("local:3x2");

  @Test
  void once_runsTheTaskOnEverySpoke_andReportsPerServer() {
    List<Long> pids = new ArrayList<>();
    CloneManager<Long> clone = CloneManager.declare("clone-" + NAMES.incrementAndGet(), r -> pids.add(r.value()));
    ManageResult run = clone.once(Task.of("pid", TestFunctions::pid), Pools.inter(), ALL_UP);
    assertThat(pids).hasSize(6).doesNotHaveDuplicates();
    assertThat(run.slots()).hasSize(6);
    assertThat(clone.byServer()).hasSize(3).allSatisfy((server, reports) -> assertThat(reports).hasSize(2));
  }

  @Test
  void once_onePerServer_checksEachServer() {
    CloneManager<CoprocessResult> clone = CloneManager.declare("clone-" + NAMES.incrementAndGet(), r -> { });
    clone.once(Task.coprocess("sh?", Coprocess.argv("sh", "-c", "echo yes")), Pools.interOnePerServer(), ONE_PER_SERVER);
    assertThat(clone.byServer()).hasSize(3).allSatisfy((server, reports) ->
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.value().stdout()).isEqualTo("yes\n")));
  }

  @Test
  void repeat_runsAgainEachPeriod_untilStopped() {
    Set<String> servers = new HashSet<>();
    int[] runs = {0};
    CloneManager<Long>[] clone = new CloneManager[1];
    clone[0] = CloneManager.declare("clone-" + NAMES.incrementAndGet(), r -> {
      servers.add(r.origin().server());
      if (++runs[0] == 9) {
        clone[0].stop();
      }
    });
    clone[0].repeat(Task.of("pid", TestFunctions::pid), Duration.ofMillis(20), Pools.interOnePerServer(), ONE_PER_SERVER);
    assertThat(runs[0]).isBetween(9, 11);
    assertThat(servers).hasSize(3);
  }

  @Test
  void repeat_endsAtTimeoutExecution() {
    int[] runs = {0};
    CloneManager<Long> clone = CloneManager.declare("clone-" + NAMES.incrementAndGet(), r -> runs[0]++);
    ManageResult run = clone.repeat(Task.of("pid", TestFunctions::pid), Duration.ofMillis(50), Pools.intraOnePerServer(),
        ManageOptions.builder().timeoutExecution(Duration.ofMillis(500)).build());
    assertThat(runs[0]).isBetween(2, 11);
    assertThat(run.failed()).isZero();
  }
}
