package dev.spm.internal.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spm.testing.ProcessLeaks;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Turns the test JVM itself into a subreaper, as the agent will be, because a child JVM would
 * be hard to observe. Surefire runs all of this module's tests in one JVM, so each test here
 * turns the subreaper off again at its end; an orphan adopted meanwhile is reaped by the
 * {@link Reaper} before the test ends. Needs JDK 22+ with native access (the build runs
 * JDK 25 with {@code --enable-native-access=ALL-UNNAMED}).
 */
class ProcessTreesSubreaperTest {
  private static final String MARK = "SPM_SUBREAPER_TEST";
  private static final long SELF = ProcessHandle.current().pid();
  private final String mark = UUID.randomUUID().toString();

  @AfterEach
  void noLongerSubreaper() {
    ProcessTrees.stopBeingSubreaper();
    ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ofSeconds(5));
  }

  @Test
  void becomeSubreaper_worksOnThisJdk() {
    assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(22);
    assertThat(ProcessTrees.becomeSubreaper()).isTrue();
  }

  @Test
  void orphanedGrandchild_isAdopted_killed_andReaped() throws Exception {
    assertThat(ProcessTrees.becomeSubreaper()).isTrue();
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "setsid sleep 30 & exit");
    builder.environment().put(MARK, mark);
    assertThat(builder.start().waitFor()).isZero();

    await().atMost(Duration.ofSeconds(5)).until(() -> orphans().size() == 1);
    long orphan = orphans().get(0).pid();
    assertThat(ProcessHandle.current().children()).anyMatch(child -> child.pid() == orphan);

    assertThat(ProcessTrees.killTagged(MARK, mark, Duration.ZERO, Duration.ofSeconds(5))).isTrue();
    // The JDK does not reap the orphans it adopts: the dead sleep stays our zombie...
    assertThat(ProcessTrees.zombieChildrenOf(SELF)).extracting(ProcInfo::pid).contains(orphan);

    try (Reaper reaper = Reaper.start(pid -> false)) {
      assertThat(reaper.active()).isTrue();
      // ...until the reaper reaps it, by its pid.
      await().atMost(Duration.ofSeconds(5))
          .until(() -> ProcessTrees.zombieChildrenOf(SELF).isEmpty());
      assertThat(reaper.reapedCount()).isEqualTo(1);
    }
  }

  @Test
  void reaper_leavesTheJdksOwnChildrenAlone() throws Exception {
    assertThat(ProcessTrees.becomeSubreaper()).isTrue();
    try (Reaper reaper = Reaper.start(pid -> false)) {
      for (int i = 0; i < 30; i++) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exit 7");
        builder.environment().put(MARK, mark);
        Process process = builder.start();
        assertThat(process.waitFor()).isEqualTo(7);
      }
      assertThat(reaper.reapedCount()).isZero();
    }
  }

  private List<ProcInfo> orphans() {
    return ProcessTrees.findByEnv(MARK, mark).stream()
        .filter(p -> p.ppid() == SELF && p.commandLine().equals("sleep 30"))
        .toList();
  }
}
