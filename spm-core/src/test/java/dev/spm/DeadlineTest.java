package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.internal.proc.ProcInfo;
import dev.spm.internal.proc.ProcessTrees;
import dev.spm.testing.LocalSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A coprocess task past its task deadline: the agent kills the spoke's whole tree, including
 * programs that started grandchildren, ignore TERM, or daemonized out of the process group.
 */
class DeadlineTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @RegisterExtension
  static final LocalSession SESSION = new LocalSession("local:1x2");

  @ParameterizedTest
  @ValueSource(strings = {
      "sleep 100 & sleep 100",
      "trap '' TERM; sleep 100 & sleep 100",
      "setsid sh -c 'sleep 100 & sleep 100' & sleep 100",
      "(setsid sh -c 'trap \"\" TERM; sleep 100' &) ; sleep 100"})
  void aTaskPastItsDeadline_isKilledWithEveryProcessItStarted(String line) {
    String mark = UUID.randomUUID().toString();
    List<Report<CoprocessResult>> reports = new ArrayList<>();
    ListManager<CoprocessResult> m = ListManager.declare("deadline-" + NAMES.incrementAndGet(), reports::add);
    m.submit(Task.coprocess("stuck", Coprocess.shell(line).env(Map.of("SPM_TEST_MARK", mark)))
        .withTimeout(Duration.ofSeconds(2)));
    m.manage(Pools.intraAll(), ManageOptions.builder().nSpokesMin(2).timeoutWaitForSpokes(Duration.ofSeconds(60))
        .build());
    assertThat(reports).singleElement().satisfies(r ->
        assertThat(r.failure()).get().isInstanceOf(TaskEvalTimeout.class));
    assertThat(ProcessTrees.findByEnv("SPM_TEST_MARK", mark)).isEmpty();
    Awaitility.await().atMost(Duration.ofSeconds(2)).until(DeadlineTest::zombiesOfTheSession, List::isEmpty);
  }

  private static List<ProcInfo> zombiesOfTheSession() {
    List<ProcInfo> zombies = new ArrayList<>(ProcessTrees.zombieChildrenOf(ProcessHandle.current().pid()));
    for (ProcInfo p : ProcessTrees.findByEnv(ProcessTrees.SESSION_ENV, SESSION.session().id())) {
      zombies.addAll(ProcessTrees.zombieChildrenOf(p.pid()));
    }
    return zombies;
  }
}
