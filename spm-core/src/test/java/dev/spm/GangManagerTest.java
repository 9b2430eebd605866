package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.spm.testing.CommFunctions;
import dev.spm.testing.LocalSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine grain (general): every spoke of the pool runs one member, members talk spoke to spoke, and
 * the premature end of any member is the premature end of all.
 */
class GangManagerTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ManageOptions OPTIONS = ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
      .build();

  @RegisterExtension
  static final LocalSession SESSION = new LocalSession("local:1x3");

  private static String name(String what) {
    return "gang-" + what + "-" + NAMES.incrementAndGet();
  }

  private static <R> GangManager<R> gang(String what, List<Report<R>> reports, HubChannel<?, ?>... channels) {
    return GangManager.declare(name(what), reports::add, channels);
  }

  @Test
  void everySpokeRunsOneMember_andMembersTalkDirectly() {
    List<Report<String>> reports = new ArrayList<>();
    ManageResult run = gang("collectives", reports).manage(Task.of("c", CommFunctions::collectives, "hi"),
        Pools.intraAll(), OPTIONS);

    assertThat(run.succeeded()).isEqualTo(3);
    assertThat(run.slots()).hasSize(3);
    assertThat(reports).extracting(Report::value).containsExactly(
        "0/3 sum=3 root=hi left=from-2 big=2",
        "1/3 sum=3 root=hi left=from-0 big=0",
        "2/3 sum=3 root=hi left=from-1 big=1");
    assertThat(reports).extracting(Report::label).containsExactly("c#0", "c#1", "c#2");
    assertThat(reports).extracting(r -> r.origin().pid()).doesNotHaveDuplicates();
  }

  @Test
  void onTheSerialPool_theGangHasOneMember() {
    List<Report<String>> reports = new ArrayList<>();
    gang("serial", reports).manage(Task.of("c", CommFunctions::collectives, "hi"), Pools.serial(), OPTIONS);

    assertThat(reports).extracting(Report::value).containsExactly("0/1 sum=0 root=hi left=from-0 big=0");
  }

  @Test
  void aMemberThatThrows_endsTheGang_andNoMemberWaitsForever() {
    List<Report<String>> reports = new ArrayList<>();
    ManageResult run = gang("throws", reports).manage(Task.of("t", CommFunctions::throwOrWait, 1), Pools.intraAll(),
        OPTIONS);

    assertThat(run.failed()).isEqualTo(3);
    assertThat(reports).hasSize(3);
    assertThatThrownBy(reports.get(1)::value).isInstanceOf(TaskEvalUncaught.class)
        .hasMessageContaining("member 1 gives up");
    for (int rank : new int[] {0, 2}) {
      assertThatThrownBy(reports.get(rank)::value).isInstanceOfSatisfying(TaskGangAborted.class, e -> {
        assertThat(e.member()).isEqualTo("t#1");
        assertThat(e).hasMessageContaining("member 't#1' (rank 1) threw java.lang.IllegalStateException: member 1 gives up");
      });
    }
  }

  @Test
  void aMemberThatDies_endsTheGang_whileTheOthersWaitInABarrier() {
    List<Report<String>> reports = new ArrayList<>();
    gang("dies", reports).manage(Task.of("d", CommFunctions::dieOrBarrier, 2), Pools.intraAll(), OPTIONS);

    assertThat(reports).hasSize(3);
    assertThatThrownBy(reports.get(2)::value).isInstanceOfSatisfying(TaskEvalFatal.class,
        e -> assertThat(e.origin().exitCode()).hasValue(7));
    assertThatThrownBy(reports.get(0)::value).isInstanceOfSatisfying(TaskGangAborted.class,
        e -> assertThat(e.member()).isEqualTo("d#2"));
    assertThatThrownBy(reports.get(1)::value).isInstanceOf(TaskGangAborted.class);
  }

  @Test
  void aMemberPastItsDeadline_endsTheGang() {
    List<Report<String>> reports = new ArrayList<>();
    gang("deadline", reports).manage(Task.of("s", CommFunctions::sleepOrWait, 0).withTimeout(Duration.ofMillis(1500)),
        Pools.intraAll(), OPTIONS);

    // Every member passes the same deadline (the others wait for rank 0 in receive), at nearly the
    // same moment: the one whose end the hub sees first is the gang's culprit, whichever it is.
    List<Throwable> failures = reports.stream().map(r -> catchThrowable(r::value)).toList();
    assertThat(failures).hasSizeGreaterThan(1);
    assertThat(failures).filteredOn(TaskEvalTimeout.class::isInstance).hasSize(1);
    assertThat(failures).filteredOn(e -> !(e instanceof TaskEvalTimeout)).allSatisfy(e ->
        assertThat(e).isInstanceOf(TaskGangAborted.class).hasMessageContaining("passed its deadline"));
  }

  @Test
  void aDeclaredResult_stopsTheOtherMembers_whoAreNotFailures() {
    List<Report<String>> reports = new ArrayList<>();
    GangManager<String> manager = gang("declares", reports);
    ManageResult run = manager.manage(Task.of("d", CommFunctions::declareOrWait, "the answer"), Pools.intraAll(),
        OPTIONS);

    assertThat(manager.result()).hasValue("the answer");
    assertThat(run.failed()).isZero();
    assertThat(run.succeeded()).isEqualTo(1);
    assertThat(run.stopped()).isEqualTo(2);
    assertThat(reports.get(0).value()).isEqualTo("declared");
    assertThat(reports.subList(1, 3)).allSatisfy(r -> {
      assertThat(r.stopped()).isTrue();
      assertThatThrownBy(r::value).isInstanceOf(TaskStopped.class);
    });
  }

  @Test
  void byPolicy_aFailedGangIsRelaunchedWhole(@TempDir Path dir) {
    List<Report<String>> reports = new ArrayList<>();
    Path marker = dir.resolve("failed-once");
    ManageResult run = gang("relaunch", reports).relaunch(1).manage(
        Task.of("r", CommFunctions::failFirstRun, marker.toString()), Pools.intraAll(), OPTIONS);

    assertThat(Files.exists(marker)).isTrue();
    assertThat(run.succeeded()).isEqualTo(3);
    assertThat(reports).extracting(Report::value).containsExactly("ok 0", "ok 1", "ok 2");
    assertThat(reports).allSatisfy(r -> assertThat(r.origin().attempt()).isEqualTo(2));
  }

  @Test
  void aMemberThatReturns_leavesNoOtherWaitingForeverForIt() {
    List<Report<String>> reports = new ArrayList<>();
    gang("returns", reports).manage(Task.of("e", CommFunctions::returnEarlyOrWait, 1), Pools.intraAll(), OPTIONS);

    assertThat(reports).hasSize(3);
    // The first member left waiting fails with GangBrokenException; the gang then ends.
    assertThat(reports).filteredOn(r -> r.failure().filter(f -> f instanceof TaskEvalUncaught).isPresent())
        .singleElement().satisfies(r -> assertThatThrownBy(r::value)
            .hasMessageContaining("GangBrokenException").hasMessageContaining("member 1, which is gone"));
  }

  @Test
  void aMemberThatTalksThenThrows_isTheOneBlamed() {
    for (int run = 0; run < 3; run++) { // the member's peers see it leave about when the hub hears why
      List<Report<String>> reports = new ArrayList<>();
      gang("talks", reports).manage(Task.of("t", CommFunctions::talkThenThrow, 2), Pools.intraAll(), OPTIONS);

      assertThatThrownBy(reports.get(2)::value).isInstanceOf(TaskEvalUncaught.class)
          .hasMessageContaining("member 2 talked, then failed");
      assertThat(reports.subList(0, 2)).allSatisfy(r -> assertThatThrownBy(r::value)
          .isInstanceOfSatisfying(TaskGangAborted.class, e -> assertThat(e.member()).isEqualTo("t#2")));
    }
  }

  @Test
  void whenRelaunchesAreUsedUp_theLastRunsFailureIsReported() {
    List<Report<String>> reports = new ArrayList<>();
    gang("used-up", reports).relaunch(1).manage(Task.of("u", CommFunctions::lastAlwaysFails), Pools.intraAll(),
        OPTIONS);

    assertThat(reports).hasSize(3).allSatisfy(r -> assertThat(r.origin().attempt()).isEqualTo(2));
    assertThatThrownBy(reports.get(2)::value).isInstanceOf(TaskEvalUncaught.class)
        .hasMessageContaining("the last member always fails");
    assertThatThrownBy(reports.get(0)::value).isInstanceOfSatisfying(TaskGangAborted.class,
        e -> assertThat(e).hasMessageContaining("gang run 2"));
  }

  @Test
  void membersMayAlsoAskTheHub() {
    HubChannel<Integer, Long> shares = HubChannel.declare(name("shares"), (rank, from) -> 100L + rank);
    List<Report<Long>> reports = new ArrayList<>();
    gang("asks", reports, shares).manage(Task.of("a", CommFunctions::memberAsks, shares), Pools.intraAll(), OPTIONS);

    assertThat(reports).extracting(Report::value).containsExactly(303L, 303L, 303L);
  }

  @Test
  void theGangIsOnlyForGangMembers() {
    List<Report<Integer>> reports = new ArrayList<>();
    ListManager<Integer> list = ListManager.declare(name("list"), reports::add);
    list.submit(Task.of("n", CommFunctions::notAMember));
    list.manage(Pools.serial(), OPTIONS);

    assertThatThrownBy(reports.get(0)::value).hasMessageContaining(
        "Gang.current() is for the members of a GangManager, but this task runs under ListManager");
    assertThatThrownBy(Gang::current).isInstanceOf(SpmUsageException.class)
        .hasMessageContaining("Gang.current() is for task code");
    assertThatThrownBy(() -> GangManager.declare(name("neg"), r -> { }).relaunch(-1))
        .isInstanceOf(SpmInputException.class);
  }
}
