package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.testing.Sessions;
import dev.spm.testing.TestFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DAG manager's policy, on the serial pool and on one spoke; the contract suite runs it on more. */
class DagManagerTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static String name() {
    return "dag-" + NAMES.incrementAndGet();
  }

  @Test
  void aTaskRunsAfterItsDependencies_andReceivesTheirResults() {
    List<String> order = new ArrayList<>();
    Map<String, Object> results = new HashMap<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> {
      order.add(r.label());
      results.put(r.label(), r.value());
    });
    dag.add(Task.of("link", TestFunctions::echoObject, DagManager.inputs()), "a.o", "b.o");
    dag.add(Task.of("a.o", TestFunctions::echo, "A"));
    dag.add(Task.of("b.o", TestFunctions::echo, "B"), "a.o");
    dag.manage(Pools.serial());
    assertThat(order).containsExactly("a.o", "b.o", "link");
    assertThat(results.get("link")).isEqualTo(Map.of("a.o", "A", "b.o", "B"));
  }

  @Test
  void aFailure_dropsItsDependents_namingTheFailedDependency_andKeepGoingRunsTheRest() {
    Map<String, Report<Object>> reports = new LinkedHashMap<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> reports.put(r.label(), r))
        .onFailure(DagManager.OnFailure.KEEP_GOING);
    dag.add(Task.of("bad", TestFunctions::divide, 1, 0));
    dag.add(Task.of("child", TestFunctions::echo, "c"), "bad");
    dag.add(Task.of("grandchild", TestFunctions::echo, "g"), "child");
    dag.add(Task.of("other", TestFunctions::echo, "o"));
    ManageResult result = dag.manage(Pools.serial());
    assertThat(reports).containsOnlyKeys("bad", "child", "grandchild", "other");
    assertThat(reports.get("bad").failure()).get().isInstanceOf(TaskEvalUncaught.class);
    assertThatThrownBy(reports.get("child")::value).isInstanceOf(TaskDropped.class)
        .hasMessageContaining("dependency 'bad' failed");
    assertThatThrownBy(reports.get("grandchild")::value).isInstanceOf(TaskDropped.class)
        .hasMessageContaining("dependency 'bad' failed");
    assertThat(reports.get("other").value()).isEqualTo("o");
    assertThat(result.failed()).isEqualTo(3);
    assertThat(result.succeeded()).isEqualTo(1);
  }

  @Test
  void finishRunning_startsNothingNew_andReportsTheRestDropped() {
    Map<String, Report<Object>> reports = new LinkedHashMap<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> reports.put(r.label(), r));
    dag.add(Task.of("bad", TestFunctions::divide, 1, 0));
    dag.add(Task.of("later", TestFunctions::echo, "x"), "first");
    dag.add(Task.of("first", TestFunctions::echo, "x"), "bad");
    dag.add(Task.of("independent", TestFunctions::echo, "x"), "slow");
    dag.add(Task.of("slow", TestFunctions::echo, "x"), "bad2");
    dag.add(Task.of("bad2", TestFunctions::echo, "x"));
    dag.manage(Pools.serial());
    assertThat(reports).hasSize(6);
    assertThat(reports.values().stream().filter(Report::succeeded).map(Report::label)).doesNotContain("independent");
    assertThatThrownBy(reports.get("independent")::value).isInstanceOf(TaskDropped.class)
        .hasMessageContaining("was not started");
  }

  @Test
  void finishRunning_onASpoke_startsNoTaskThatWaitedBehindTheFailure(@TempDir Path dir) {
    // Dear tasks go to a spoke one at a time here, unlike in a List manager, which lets a spoke
    // hold the next.
    Session session = Session.open("local:1x1");
    try {
      Map<String, Report<Object>> reports = new LinkedHashMap<>();
      DagManager<Object> dag = DagManager.declare(name(), r -> reports.put(r.label(), r));
      dag.add(Task.of("bad", TestFunctions::markThenWork, dir.resolve("no-such-dir/x").toString(), 20L));
      for (int i = 0; i < 5; i++) {
        dag.add(Task.of("t" + i, TestFunctions::markThenWork, dir.resolve("started-" + i).toString(), 20L));
      }
      dag.manage(Pools.intraAll(), ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());

      assertThat(reports).hasSize(6);
      assertThat(reports.get("bad").failure()).isPresent();
      assertThat(dir.toFile().list()).as("tasks started after the failure").isEmpty();
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(reports.get("t" + i)::value).isInstanceOf(TaskDropped.class)
            .hasMessageContaining("was not started");
      }
    } finally {
      Sessions.closeLeavingNothing(session);
    }
  }

  @ParameterizedTest // cheap tasks go to a spoke in batches: none after the failure may start
  @CsvSource({"serial, FINISH_RUNNING", "spoke, FINISH_RUNNING", "serial, STOP_NOW", "spoke, STOP_NOW"})
  void aStoppingPolicy_startsNoCheapTaskSentInTheSameBatchAsTheFailure(String where, DagManager.OnFailure policy,
      @TempDir Path dir) throws Exception {
    // Under STOP_NOW too, they are reported not started, not killed: the failing spoke runs nothing.
    Session session = where.equals("spoke") ? Session.open("local:1x1") : null;
    try {
      // Whether cheap tasks share the failing task's batch depends on how the batches grew, which
      // a loaded machine can change: each attempt checks that nothing started after the failure,
      // and one of three must have had tasks in that batch (they come back not started).
      for (int attempt = 1; ; attempt++) {
        Path markers = Files.createDirectory(dir.resolve("attempt-" + attempt));
        if (stopsWithTasksInTheFailingBatch(session, policy, markers)) {
          return;
        }
        assertThat(attempt).as("attempts in which the failing task's batch held cheap tasks").isLessThan(3);
      }
    } finally {
      if (session != null) {
        Sessions.closeLeavingNothing(session);
      }
    }
  }

  /**
   * One run of the scenario above, on the session's spoke or the serial pool: checks that nothing
   * started after the failure; returns whether some tasks of the failing batch came back not started.
   */
  private static boolean stopsWithTasksInTheFailingBatch(Session session, DagManager.OnFailure policy, Path dir) {
    Map<String, Report<Object>> reports = new LinkedHashMap<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> reports.put(r.label(), r)).onFailure(policy);
    for (int i = 0; i < 400; i++) {
      dag.add(Task.of("warm" + i, TestFunctions::echo, "x")); // the window grows: batches of many
    }
    // It takes a while to fail, so that a spoke holds the next batch of cheap tasks when it does.
    dag.add(Task.of("bad", TestFunctions::workThenFail, 50L));
    for (int i = 0; i < 200; i++) {
      dag.add(Task.of("after" + i, TestFunctions::markThenWork, dir.resolve("started-" + i).toString(), 0L));
    }
    dag.manage(session == null ? Pools.serial() : Pools.intraAll(),
        ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());

    assertThat(reports).hasSize(601);
    assertThat(reports.get("bad").failure()).isPresent();
    assertThat(dir.toFile().list()).as("tasks started after the failure").isEmpty();
    for (int i = 0; i < 200; i++) {
      assertThatThrownBy(reports.get("after" + i)::value).isInstanceOf(TaskDropped.class)
          .hasMessageContaining("was not started");
    }
    if (session != null) { // the failing spoke ran nothing more, so STOP_NOW had nothing of it to kill
      List<Report<Object>> next = new ArrayList<>();
      ListManager<Object> after = ListManager.declare(name(), next::add);
      after.submit(Task.of("next", TestFunctions::echo, "x"));
      after.manage(Pools.intraAll());
      assertThat(next.get(0).origin().spoke()).isEqualTo(reports.get("bad").origin().spoke());
    }
    // Only tasks that came back not started are dropped with the engine's words: then some were sent.
    return reports.values().stream().anyMatch(r -> r.failure().isPresent()
        && r.failure().get().getMessage().contains("its manager stopped starting tasks"));
  }

  @ParameterizedTest // over TLS too: a session that listens beyond loopback
  @CsvSource({"FINISH_RUNNING, false", "STOP_NOW, false", "FINISH_RUNNING, true"})
  void aFailureOnOneSpoke_startsNothingThatAnotherSpokeHeld(DagManager.OnFailure policy, boolean tls,
      @TempDir Path dir) throws Exception {
    // Many tasks in batches on two spokes: the first to start holds its spoke until the gate opens,
    // the first on the other spoke fails. The gate opens once the DAG has applied its policy (the
    // policy's drops reach the handler only once every spoke told to stop starting has confirmed),
    // so whatever the holding spoke had queued behind the holder must not start: under
    // FINISH_RUNNING it comes back not started, under STOP_NOW the holding spoke is killed. (When
    // the drops went out as soon as the hub had sent the stop, the holder could see the gate before
    // its spoke had read the stop, and the next task started: once in a CI run.)
    String address = tls ? Sessions.outerAddress().orElse(null) : null;
    org.junit.jupiter.api.Assumptions.assumeTrue(!tls || address != null, "this machine has no address beyond loopback");
    Session session = tls ? Session.builder("local:1x2").listen(address).open() : Session.open("local:1x2");
    try {
      Map<String, Report<Object>> reports = new LinkedHashMap<>();
      Path gate = dir.resolve("gate");
      DagManager<Object> dag = DagManager.declare(name(), r -> {
        reports.put(r.label(), r);
        if (r.failure().isPresent() && r.failure().get().getMessage().contains("stops on failure")
            && !Files.exists(gate)) {
          Files.createFile(gate);
        }
      }).onFailure(policy);
      for (int i = 0; i < 600; i++) {
        dag.add(Task.of("warm" + i, TestFunctions::echo, "x")); // the window grows: batches of many
      }
      List<String> all = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        dag.add(Task.of("x" + i, TestFunctions::holdOrFail, dir.toString()));
        all.add("x" + i);
      }
      dag.add(Task.of("last", TestFunctions::echo, "x"), all.toArray(String[]::new));
      dag.manage(Pools.intraAll(), ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());

      assertThat(reports.size()).isEqualTo(3601);
      assertThat(Files.exists(gate)).as("the policy was applied").isTrue();
      assertThat(reports.values().stream().filter(r -> r.failure().isPresent()
          && r.failure().get() instanceof TaskEvalUncaught)).hasSize(1);
      assertThat(dir.resolve("started")).as("tasks started after the hub heard of the failure").doesNotExist();
      if (policy == DagManager.OnFailure.FINISH_RUNNING) {
        assertThat(reports.values().stream().filter(r -> r.succeeded() && "held".equals(r.value()))).hasSize(1);
      }
      // Only tasks that came back not started, or were killed, are dropped with the engine's words.
      assertThat(reports.values().stream().filter(r -> r.failure().isPresent()
          && r.failure().get().getMessage().contains("its manager stopped starting tasks"))).isNotEmpty();
    } finally {
      Sessions.closeLeavingNothing(session);
    }
  }

  @Test
  void aTaskThatLeavesItsThreadInterrupted_doesNotStopTheSpokeFromRunningTheNext() {
    // Under a DAG that stops on failure, a spoke runs its tasks on a thread that waits on a queue
    // between batches: a leftover interrupt must not end that thread (the DAG would wait forever).
    Session session = Session.open("local:1x1");
    try {
      Map<String, Report<Object>> reports = new LinkedHashMap<>();
      DagManager<Object> dag = DagManager.declare(name(), r -> reports.put(r.label(), r));
      dag.add(Task.of("a", TestFunctions::leaveInterrupted));
      dag.add(Task.of("b", TestFunctions::echo, "b"), "a"); // sent after a's report: another batch
      dag.manage(Pools.intraAll(), ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
          .timeoutExecution(Duration.ofSeconds(30)).build());
      assertThat(reports.get("a").value()).isEqualTo("interrupted");
      assertThat(reports.get("b").value()).isEqualTo("b");
    } finally {
      Sessions.closeLeavingNothing(session);
    }
  }

  @Test
  void aHandlerThatThrowsOnADroppedReport_leavesManageWithItsOwnException() {
    DagManager<Object> dag = DagManager.declare(name(), r -> {
      if (r.failure().orElse(null) instanceof TaskDropped) {
        throw new IllegalStateException("handler bug on " + r.label());
      }
    }).onFailure(DagManager.OnFailure.KEEP_GOING);
    dag.add(Task.of("bad", TestFunctions::divide, 1, 0));
    dag.add(Task.of("child", TestFunctions::echo, "c"), "bad");
    assertThatThrownBy(() -> dag.manage(Pools.serial())).isInstanceOf(ManageException.class)
        .hasMessageContaining("task 'child'")
        .cause().isInstanceOf(IllegalStateException.class).hasMessage("handler bug on child");
  }

  @Test
  void timeoutExecution_listsTheTasksThatWaitedForTheirDependencies_asWithoutReport() {
    DagManager<Object> dag = DagManager.declare(name(), r -> { });
    dag.add(Task.of("slow", TestFunctions::sleepThenPid, 60_000L));
    dag.add(Task.of("child", TestFunctions::echo, "c"), "slow");
    dag.add(Task.of("grandchild", TestFunctions::echo, "g"), "child");
    Session session = Session.open("local:1x1");
    try {
      assertThatThrownBy(() -> dag.manage(Pools.intraAll(), ManageOptions.builder()
          .timeoutWaitForSpokes(Duration.ofSeconds(60)).timeoutExecution(Duration.ofMillis(500)).build()))
          .isInstanceOfSatisfying(ManageException.class, e -> {
            assertThat(e.reason()).isEqualTo(ManageException.Reason.EXECUTION_TIMEOUT);
            assertThat(e.unreported()).containsExactly("slow", "child", "grandchild");
          });
    } finally {
      Sessions.closeLeavingNothing(session);
    }
  }

  @Test
  void aCycle_isRejectedBeforeAnythingRuns_namingIt() {
    List<String> ran = new ArrayList<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> ran.add(r.label()));
    dag.add(Task.of("root", TestFunctions::echo, "x"));
    dag.add(Task.of("a", TestFunctions::echo, "x"), "root", "c");
    dag.add(Task.of("b", TestFunctions::echo, "x"), "a");
    dag.add(Task.of("c", TestFunctions::echo, "x"), "b");
    assertThatThrownBy(() -> dag.manage(Pools.serial())).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("form a cycle: a -> b -> c -> a");
    assertThat(ran).isEmpty();
  }

  @Test
  void aTaskThatDependsOnItself_isACycleOfOne() {
    DagManager<Object> dag = DagManager.declare(name(), r -> { });
    dag.add(Task.of("a", TestFunctions::echo, "x"));
    dag.add(Task.of("b", TestFunctions::echo, "x"), "a", "b");
    assertThatThrownBy(() -> dag.manage(Pools.serial())).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("form a cycle: b -> b");
  }

  @Test
  void aSecondManage_runsOnlyWhatWasAddedSince_underLabelsTheFirstHadUsed() {
    Map<String, Object> results = new HashMap<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> results.put(r.label(), r.value()));
    dag.add(Task.of("a", TestFunctions::echo, "first"));
    dag.add(Task.of("b", TestFunctions::echoObject, DagManager.inputs()), "a");
    dag.manage(Pools.serial());
    assertThat(results).containsOnlyKeys("a", "b");
    results.clear();
    dag.add(Task.of("c", TestFunctions::echoObject, DagManager.inputs()), "a");
    dag.add(Task.of("a", TestFunctions::echo, "second"));
    dag.manage(Pools.serial());
    assertThat(results).containsOnlyKeys("a", "c");
    assertThat(results.get("c")).isEqualTo(Map.of("a", "second"));
  }

  @Test
  void aMissingDependency_isRejectedNamingIt() {
    DagManager<Object> dag = DagManager.declare(name(), r -> { });
    dag.add(Task.of("a", TestFunctions::echo, "x"), "nowhere");
    assertThatThrownBy(() -> dag.manage(Pools.serial())).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("task 'a'").hasMessageContaining("depends on 'nowhere', which was not added");
  }

  @Test
  void aDuplicateLabel_isRejected() {
    DagManager<Object> dag = DagManager.declare(name(), r -> { });
    dag.add(Task.of("a", TestFunctions::echo, "x"));
    assertThatThrownBy(() -> dag.add(Task.of("a", TestFunctions::echo, "y"))).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("'a' is already in DAG");
  }

  @Test
  void aLargeRandomDag_runsEveryNodeOnceInDependencyOrder() {
    int n = 5_000;
    Random random = new Random(42);
    Map<String, Integer> position = new HashMap<>();
    List<List<String>> deps = new ArrayList<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> position.put(r.label(), position.size()));
    for (int i = 0; i < n; i++) {
      List<String> d = new ArrayList<>();
      for (int k = 0; k < 4 && i > 0; k++) {
        d.add("n" + random.nextInt(i));
      }
      deps.add(d);
      dag.add(Task.of("n" + i, TestFunctions::noop), d.stream().distinct().toList());
    }
    dag.manage(Pools.serial(), ManageOptions.builder().timeoutExecution(Duration.ofMinutes(2)).build());
    assertThat(position).hasSize(n);
    for (int i = 0; i < n; i++) {
      for (String d : deps.get(i)) {
        assertThat(position.get(d)).isLessThan(position.get("n" + i));
      }
    }
  }

  @Test
  void aGraphRejectedForAMissingDependency_keepsItsTasks_soThatItCanBeCompletedAndRun() {
    List<String> ran = new ArrayList<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> ran.add(r.label()));
    dag.add(Task.of("app", TestFunctions::echoObject, DagManager.inputs()), "lib");

    assertThatThrownBy(() -> dag.manage(Pools.serial())).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("depends on 'lib', which was not added");
    dag.add(Task.of("lib", TestFunctions::echo, "L"));
    dag.manage(Pools.serial());

    assertThat(ran).containsExactly("lib", "app");
  }

  @Test
  void aHandlerThatChangesAResult_doesNotChangeWhatTheDependentReceives() {
    Map<String, Object> results = new HashMap<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> {
      results.put(r.label(), r.value());
      if (r.value() instanceof List<?> list) {
        list.clear();
      }
    });
    dag.add(Task.of("p", TestFunctions::echoObject, new ArrayList<>(List.of("payload"))));
    dag.add(Task.of("c", TestFunctions::echoObject, DagManager.inputs()), "p");
    dag.manage(Pools.serial());

    assertThat(results.get("c")).isEqualTo(Map.of("p", List.of("payload")));
  }

  @Test
  void aLongCycle_isNamedByItsEnds_withItsLength() {
    DagManager<Object> dag = DagManager.declare(name(), r -> { });
    for (int i = 0; i < 1000; i++) {
      dag.add(Task.of("n" + i, TestFunctions::echo, "x"), "n" + ((i + 1) % 1000));
    }
    assertThatThrownBy(() -> dag.manage(Pools.serial())).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("form a cycle: n0 -> ").hasMessageContaining(" -> ... 980 more ... -> ")
        .hasMessageEndingWith(" -> n0 (1000 tasks)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
  }

  @ParameterizedTest
  @CsvSource({"FINISH_RUNNING", "STOP_NOW"})
  void aHandlerThatThrowsOnADrop_leavesEveryOtherTaskReportedOrListedUnreported(DagManager.OnFailure policy) {
    List<String> heard = new ArrayList<>();
    DagManager<Object> dag = DagManager.declare(name(), r -> {
      heard.add(r.label());
      if (r.failure().isPresent() && r.failure().get().getMessage().contains("was not started")) {
        throw new IllegalStateException("the handler fails on " + r.label());
      }
    }).onFailure(policy);
    dag.add(Task.of("bad", TestFunctions::divide, 1, 0));
    List<String> all = new ArrayList<>(List.of("bad", "child"));
    for (int i = 0; i < 5; i++) {
      dag.add(Task.of("r" + i, TestFunctions::echo, "x"));
      all.add("r" + i);
    }
    dag.add(Task.of("child", TestFunctions::echo, "x"), "r0");

    assertThatThrownBy(() -> dag.manage(Pools.serial())).isInstanceOfSatisfying(ManageException.class, e -> {
      List<String> accounted = new ArrayList<>(heard);
      accounted.addAll(e.unreported());
      assertThat(accounted).as("heard %s, unreported %s", heard, e.unreported()).containsExactlyInAnyOrderElementsOf(all);
    });
  }
}
