package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.testing.LocalSession;
import dev.spm.testing.TestFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The List manager on a session of one server with two slots; each test leaves the spokes warm. */
class ListManagerTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ManageOptions BOTH = ManageOptions.builder().nSpokesMin(2)
      .timeoutWaitForSpokes(Duration.ofSeconds(60)).build();

  @RegisterExtension
  static final LocalSession SESSION = new LocalSession("local:1x2");

  private static String name() {
    return "list-" + NAMES.incrementAndGet();
  }

  /** A status handler that keeps each report by label, and fails a label reported twice. */
  private static StatusHandler<Object> keepingEachOnce(Map<String, Report<Object>> reports) {
    return r -> reports.merge(r.label(), r, (a, b) -> {
      throw new AssertionError("reported twice: " + r.label());
    });
  }

  @Test
  void everyTaskIsReportedOnce_onTheCallingThread() {
    Thread caller = Thread.currentThread();
    Map<String, Integer> seen = new HashMap<>();
    ListManager<String> m = ListManager.declare(name(), r -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      assertThat(Spm.amOnline()).isTrue();
      seen.merge(r.value(), 1, Integer::sum);
    });
    for (int i = 0; i < 1000; i++) {
      m.submit(Task.of("t" + i, TestFunctions::echo, "v" + i));
    }
    ManageResult result = m.manage(Pools.intraAll(), BOTH);
    assertThat(seen).hasSize(1000).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    assertThat(result.succeeded()).isEqualTo(1000);
    assertThat(Spm.amOffline()).isTrue();
  }

  @Test
  void aTaskThatLeavesItsThreadInterrupted_doesNotInterruptTheNextOfItsBatch() {
    // Cheap tasks go to a spoke in batches, run one after the other on one thread: an interrupt
    // left by one used to be there when the next began (its first sleep or wait threw).
    Map<String, Report<Object>> reports = new HashMap<>();
    ListManager<Object> m = ListManager.declare(name(), keepingEachOnce(reports));
    for (int i = 0; i < 2000; i++) {
      m.submit(i % 2 == 0 ? Task.of("leave" + i, TestFunctions::leaveInterrupted)
          : Task.of("check" + i, TestFunctions::interruptedAtStart));
    }
    m.manage(Pools.intraAll(), BOTH);
    assertThat(reports).hasSize(2000);
    assertThat(reports.values().stream().filter(r -> r.label().startsWith("check") && !Boolean.FALSE.equals(r.value()))
        .map(Report::label)).as("tasks that began interrupted").isEmpty();
  }

  @Test
  void dearTasks_whileMoreWait_reachTheSpokeBeforeTheTaskAheadIsReported(@TempDir Path dir) throws Exception {
    // Task i marks its start, then waits for go-i, which the handler of report i-1 makes last: no
    // report can come in while a handler runs. The handler of report i first waits for task i+1
    // to start, which it can only do if the spoke held it already. Holding starts once a report
    // has measured the tasks, and stops when fewer than two tasks wait: so reports 1 to n-3.
    int n = 7;
    List<Integer> nextStartedFirst = new ArrayList<>();
    Files.createFile(dir.resolve("go-0"));
    ListManager<String> m = ListManager.declare(name(), r -> {
      int i = Integer.parseInt(r.label().substring(1));
      try {
        if (i >= 1 && i <= n - 3
            && TestFunctions.awaitFile(dir.resolve("started-" + (i + 1)), Duration.ofSeconds(10))) {
          nextStartedFirst.add(i);
        }
        if (i + 1 < n) {
          Files.createFile(dir.resolve("go-" + (i + 1)));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    for (int i = 0; i < n; i++) {
      m.submit(Task.of("t" + i, TestFunctions::markAwaitThenWork, dir.resolve("started-" + i).toString(),
          dir.resolve("go-" + i).toString(), 50L));
    }
    ManageResult result = m.manage(Pools.intraAll(),
        ManageOptions.builder().nSpokesMax(1).timeoutWaitForSpokes(Duration.ofSeconds(60)).build());

    assertThat(result.succeeded()).isEqualTo(n);
    assertThat(nextStartedFirst).containsExactly(1, 2, 3, 4);
  }

  @Test
  void onTheSerialPool_noDearTaskRunsBeforeTheReportAheadOfItIsHandled() {
    TestFunctions.RAN.clear();
    ListManager<String> m = ListManager.declare(name(), r -> TestFunctions.RAN.add("report " + r.label()));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      m.submit(Task.of("t" + i, TestFunctions::logThenWork, "t" + i, 20L));
      expected.add("run t" + i);
      expected.add("report t" + i);
    }
    m.manage(Pools.serial());
    assertThat(TestFunctions.RAN).containsExactlyElementsOf(expected);
  }

  @Test
  void tasksFromAnIterator_areReadLazily() {
    AtomicInteger made = new AtomicInteger();
    long[] sum = {0};
    ListManager<String> m = ListManager.declare(name(), r -> sum[0] += Long.parseLong(r.value()));
    Iterator<Task<String>> tasks = LongStream.range(0, 100_000).mapToObj(i -> {
      made.incrementAndGet();
      return Task.of("t" + i, TestFunctions::echo, Long.toString(i));
    }).iterator();
    m.submitAll(tasks);
    assertThat(made.get()).isZero();
    m.manage(Pools.intraAll(), BOTH);
    assertThat(sum[0]).isEqualTo(100_000L * 99_999 / 2);
  }

  @Test
  void statusHandler_maySubmitMoreTasks() {
    List<String> order = new ArrayList<>();
    ListManager<String>[] holder = new ListManager[1];
    holder[0] = ListManager.declare(name(), r -> {
      order.add(r.value());
      if (order.size() < 5) {
        holder[0].submit(Task.of("next", TestFunctions::echo, "n" + order.size()));
      }
    });
    holder[0].submit(Task.of("first", TestFunctions::echo, "n0"));
    holder[0].manage(Pools.intraAll(), BOTH);
    assertThat(order).containsExactly("n0", "n1", "n2", "n3", "n4");
  }

  @Test
  void anExceptionOnTheSpoke_isReportedWithItsRemoteCauseAndOrigin() {
    List<Report<Integer>> reports = new ArrayList<>();
    ListManager<Integer> m = ListManager.declare(name(), reports::add);
    m.submit(Task.of("div", TestFunctions::divide, 1, 0));
    m.manage(Pools.intraAll(), BOTH);
    Report<Integer> report = reports.get(0);
    assertThatThrownBy(report::value).isInstanceOf(TaskEvalUncaught.class)
        .hasMessageContaining("task 'div'").hasMessageContaining("java.lang.ArithmeticException: / by zero")
        .cause().isInstanceOf(RemoteThrowable.class).hasToString("java.lang.ArithmeticException: / by zero");
    TaskException failure = report.failure().orElseThrow();
    assertThat(failure.origin().attempt()).isEqualTo(1);
    assertThat(failure.origin().server()).isEqualTo(SESSION.session().servers().get(0));
    assertThat(failure.origin().pid()).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(failure.getCause().getStackTrace()[0].getMethodName()).isEqualTo("divide");
  }

  @Test
  void aResultThatCannotBeSerialized_isReportedAsTheTasksFailure() {
    List<Report<Object>> reports = new ArrayList<>();
    ListManager<Object> m = ListManager.declare(name(), reports::add);
    m.submit(Task.of("thread", TestFunctions::unserializableResult));
    m.manage(Pools.intraAll(), BOTH);
    assertThatThrownBy(reports.get(0)::value).isInstanceOf(TaskEvalUncaught.class)
        .hasMessageContaining("cannot be serialized");
  }

  @Test
  void aSpokeKilledMidTask_itsTaskRunsAgainOnAnotherSpoke_andIsReportedOnce(@TempDir Path dir) {
    Path marker = dir.resolve("died");
    List<Report<Long>> reports = new ArrayList<>();
    ListManager<Long> m = ListManager.declare(name(), reports::add);
    m.submit(Task.of("victim", TestFunctions::dieOnce, marker.toString()));
    m.manage(Pools.intraAll(), BOTH);
    assertThat(reports).hasSize(1);
    Report<Long> report = reports.get(0);
    assertThat(report.succeeded()).isTrue();
    assertThat(report.origin().attempt()).isEqualTo(2);
    assertThat(report.value()).isNotEqualTo(readPid(marker));
  }

  @Test
  void aSpokeThatKeepsDying_isReportedFatalAfterThreeAttempts_withItsExitCode() {
    List<Report<List<String>>> reports = new ArrayList<>();
    ListManager<List<String>> m = ListManager.declare(name(), reports::add);
    m.submit(Task.of("halt", TestFunctions::exitWith, 7));
    m.manage(Pools.intraAll(), BOTH);
    assertThat(reports).hasSize(1);
    TaskException failure = reports.get(0).failure().orElseThrow();
    assertThat(failure).isInstanceOf(TaskEvalFatal.class).hasMessageContaining("exit code 7");
    assertThat(failure.origin().attempt()).isEqualTo(3);
    assertThat(failure.origin().exitCode()).hasValue(7);
  }

  @Test
  void aTaskThatKillsItsSpokeInsideABatch_isTheOneCharged_andTheOthersSucceed() {
    Map<String, Report<Object>> reports = new HashMap<>();
    ListManager<Object> m = ListManager.declare(name(), keepingEachOnce(reports));
    for (int i = 0; i < 3000; i++) {
      if (i == 1500) {
        m.submit(Task.of("crash", TestFunctions::exitWith, 7));
      }
      m.submit(Task.of("t" + i, TestFunctions::echo, "x"));
    }
    m.manage(Pools.intraAll(), BOTH);
    assertThat(reports).hasSize(3001);
    assertThat(reports.get("crash").failure()).get().isInstanceOf(TaskEvalFatal.class)
        .satisfies(f -> assertThat(f.origin().attempt()).isEqualTo(3));
    assertThat(reports.values().stream().filter(r -> !r.succeeded()).map(Report::label)).containsExactly("crash");
  }

  @ParameterizedTest // at 1: the head of the first pair sent, unannounced; at 4: a task held ahead
  @ValueSource(ints = {1, 4})
  void aDearTaskThatKillsItsSpoke_withATaskHeldBehindIt_isChargedAtOnce(int at, @TempDir Path dir) throws Exception {
    Path ran = Files.createDirectory(dir.resolve("ran"));
    Map<String, Report<Object>> reports = new HashMap<>();
    ListManager<Object> m = ListManager.declare(name(), r -> reports.put(r.label(), r));
    for (int i = 0; i < 8; i++) {
      if (i == at) {
        m.submit(Task.of("crash", TestFunctions::markThenExit, ran.toString(), 7));
      }
      m.submit(Task.of("t" + i, TestFunctions::sleepThenPid, 30L));
    }
    m.manage(Pools.intraAll(), ManageOptions.builder().nSpokesMax(1).maxAttempts(1)
        .timeoutWaitForSpokes(Duration.ofSeconds(60)).build());

    assertThat(reports).hasSize(9);
    assertThat(reports.get("crash").failure()).get().isInstanceOf(TaskEvalFatal.class);
    assertThat(ran.toFile().list()).as("runs of the crashing task").hasSize(1);
    assertThat(reports.values().stream().filter(r -> !r.succeeded()).map(Report::label)).containsExactly("crash");
  }

  @Test
  void cheapTasksAmongFailures_areEachReportedOnce() {
    Map<String, Report<Object>> reports = new HashMap<>();
    ListManager<Object> m = ListManager.declare(name(), keepingEachOnce(reports));
    for (int i = 0; i < 3000; i++) {
      m.submit(i % 300 == 150 ? Task.of("t" + i, TestFunctions::divide, 1, 0) : Task.of("t" + i, TestFunctions::echo, "x"));
    }
    ManageResult result = m.manage(Pools.intraAll(), BOTH);
    assertThat(reports).hasSize(3000);
    assertThat(result.failed()).isEqualTo(10);
    assertThat(result.succeeded()).isEqualTo(2990);
    assertThat(reports.values().stream().filter(r -> !r.succeeded()).map(r -> Integer.parseInt(r.label().substring(1)) % 300))
        .containsOnly(150);
  }

  @Test
  void aTaskPastItsDeadline_isKilledAndReportedAsTimeout_andNotRetried() {
    List<Report<Long>> reports = new ArrayList<>();
    ListManager<Long> m = ListManager.declare(name(), reports::add);
    m.submit(Task.of("slow", TestFunctions::sleepThenPid, 60_000L).withTimeout(Duration.ofMillis(500)));
    m.submit(Task.of("fast", TestFunctions::sleepThenPid, 1L).withTimeout(Duration.ofSeconds(30)));
    m.manage(Pools.intraAll(), BOTH);
    assertThat(reports).hasSize(2);
    Report<Long> slow = reports.stream().filter(r -> r.label().equals("slow")).findFirst().orElseThrow();
    assertThat(slow.failure()).get().isInstanceOf(TaskEvalTimeout.class);
    assertThat(slow.failure().get().origin().attempt()).isEqualTo(1);
    assertThat(slow.failure().get().origin().signal()).hasValue(9);
  }

  @Test
  void aStatusHandlerThatThrows_leavesManage_andTheNextManageWorks() {
    ListManager<String> bad = ListManager.declare(name(), r -> {
      throw new IllegalStateException("handler bug");
    });
    for (int i = 0; i < 10; i++) {
      bad.submit(Task.of("t" + i, TestFunctions::echo, "x"));
    }
    assertThatThrownBy(() -> bad.manage(Pools.intraAll(), BOTH))
        .isInstanceOf(ManageException.class)
        .hasMessageContaining("status handler threw")
        .hasCauseInstanceOf(IllegalStateException.class)
        .satisfies(e -> assertThat(((ManageException) e).reason()).isEqualTo(ManageException.Reason.HANDLER_THREW));
    assertThat(Spm.amOffline()).isTrue();
    List<String> values = new ArrayList<>();
    ListManager<String> good = ListManager.declare(name(), r -> values.add(r.value()));
    good.submit(Task.of("after", TestFunctions::echo, "ok"));
    good.manage(Pools.intraAll(), BOTH);
    assertThat(values).containsExactly("ok");
  }

  @Test
  void timeoutExecution_endsManage_listingTheTasksWithoutReport() {
    ListManager<Long> m = ListManager.declare(name(), r -> { });
    m.submit(Task.of("a", TestFunctions::sleepThenPid, 60_000L));
    m.submit(Task.of("b", TestFunctions::sleepThenPid, 60_000L));
    m.submit(Task.of("c", TestFunctions::sleepThenPid, 60_000L));
    assertThatThrownBy(() -> m.manage(Pools.intraAll(), ManageOptions.builder().nSpokesMin(2)
        .timeoutWaitForSpokes(Duration.ofSeconds(60)).timeoutExecution(Duration.ofMillis(500)).build()))
        .isInstanceOfSatisfying(ManageException.class, e -> {
          assertThat(e.reason()).isEqualTo(ManageException.Reason.EXECUTION_TIMEOUT);
          assertThat(e.unreported()).containsExactly("a", "b", "c");
        });
  }

  @Test
  void interruptingTheCaller_cancelsManageCleanly() throws Exception {
    ListManager<Long> m = ListManager.declare(name(), r -> { });
    m.submit(Task.of("long", TestFunctions::sleepThenPid, 60_000L));
    Thread caller = Thread.currentThread();
    ListManager<Long> probe = ListManager.declare(name(), r -> { });
    Thread interrupter = Thread.ofVirtual().start(() -> {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Spm.amOnline());
      caller.interrupt();
    });
    try {
      assertThatThrownBy(() -> m.manage(Pools.intraAll(), BOTH))
          .isInstanceOfSatisfying(ManageException.class, e -> {
            assertThat(e.reason()).isEqualTo(ManageException.Reason.INTERRUPTED);
            assertThat(e.unreported()).containsExactly("long");
          });
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      interrupter.join();
    }
    probe.submit(Task.of("after", TestFunctions::pid));
    probe.manage(Pools.intraAll(), BOTH);
  }

  @Test
  void fewerSpokesThanNSpokesMin_isAClearError() {
    ListManager<String> m = ListManager.declare(name(), r -> { });
    m.submit(Task.of("t", TestFunctions::echo, "x"));
    assertThatThrownBy(() -> m.manage(Pools.intraAll(), ManageOptions.builder().nSpokesMin(3)
        .timeoutWaitForSpokes(Duration.ofMillis(300)).build()))
        .isInstanceOfSatisfying(ManageException.class, e -> {
          assertThat(e.reason()).isEqualTo(ManageException.Reason.NOT_ENOUGH_SPOKES);
          assertThat(e).hasMessageContaining("at least 3 spoke(s)").hasMessageContaining("selects only 2 slot(s)");
          assertThat(e.unreported()).containsExactly("t");
        });
  }

  @Test
  void aNestedManage_isAClearError() {
    List<Throwable> thrown = new ArrayList<>();
    ListManager<String> inner = ListManager.declare(name(), r -> { });
    inner.submit(Task.of("inner", TestFunctions::echo, "x"));
    ListManager<String> outer = ListManager.declare(name(), r -> {
      try {
        inner.manage(Pools.intraAll());
      } catch (SpmUsageException e) {
        thrown.add(e);
      }
    });
    outer.submit(Task.of("outer", TestFunctions::echo, "x"));
    outer.manage(Pools.intraAll(), BOTH);
    assertThat(thrown).singleElement().asString().contains("nested");
  }

  @Test
  void declaringWhileOnline_isAClearError() {
    List<Throwable> thrown = new ArrayList<>();
    ListManager<String> m = ListManager.declare(name(), r -> {
      try {
        ListManager.declare(name(), x -> { });
      } catch (SpmUsageException e) {
        thrown.add(e);
      }
    });
    m.submit(Task.of("t", TestFunctions::echo, "x"));
    m.manage(Pools.intraAll(), BOTH);
    assertThat(thrown).singleElement().asString().contains("while").contains("online");
  }

  @Test
  void theSameSlotsAsAPreviousManage_canBeSelectedAgain() {
    ListManager<Long> first = ListManager.declare(name(), r -> { });
    first.submit(Task.of("t", TestFunctions::pid));
    ManageResult previous = first.manage(Pools.intraOnePerServer(), ManageOptions.defaults());
    assertThat(previous.slots()).hasSize(1);
    Set<String> slots = new HashSet<>();
    ListManager<Long> second = ListManager.declare(name(), r -> slots.add(r.origin().spoke().replaceAll("#.*", "")));
    for (int i = 0; i < 20; i++) {
      second.submit(Task.of("t" + i, TestFunctions::pid));
    }
    second.manage(Pools.sameAs(previous), ManageOptions.defaults());
    assertThat(slots).containsExactlyElementsOf(previous.slots());
  }

  private static long readPid(Path marker) {
    try {
      return Long.parseLong(Files.readString(marker).trim());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
