package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.testing.LocalSession;
import dev.spm.testing.TestFunctions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every manager keeps, whatever its pattern: each task's final report reaches the
 * status handler exactly once, on the thread that called manage, while online; a handler that
 * throws ends manage with the cause after cleanup, and the next manage works. Run against every
 * manager, on the serial pool and on spokes.
 */
class ManagerContractTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ManageOptions OPTIONS = ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
      .build();
  @RegisterExtension
  static final LocalSession SESSION = new LocalSession("local:1x2");

  /** One manager with some tasks; manage runs them and returns the number of reports to expect. */
  interface Subject {
    int manage(Pool pool);
  }

  interface Kind {
    Subject make(String name, StatusHandler<Object> handler);
  }

  static Stream<Arguments> managers() {
    Kind list = (name, handler) -> {
      ListManager<Object> m = ListManager.declare(name, handler);
      for (int i = 0; i < 50; i++) {
        m.submit(Task.of("t" + i, TestFunctions::echo, "v" + i));
      }
      return pool -> {
        m.manage(pool, OPTIONS);
        return 50;
      };
    };
    Kind dag = (name, handler) -> {
      DagManager<Object> m = DagManager.declare(name, handler);
      for (int i = 0; i < 50; i++) {
        m.add(Task.of("t" + i, TestFunctions::echo, "v" + i), i == 0 ? List.of() : List.of("t" + (i / 2)));
      }
      return pool -> {
        m.manage(pool, OPTIONS);
        return 50;
      };
    };
    Kind mapReduce = (name, handler) -> {
      MapReduceManager<String, String, Long> m = MapReduceManager.declare(name, TestFunctions::words, Long::sum)
          .partitions(2).onReport(handler);
      for (int i = 0; i < 20; i++) {
        m.submit("a b c " + i);
      }
      return pool -> {
        m.manage(pool, OPTIONS);
        return 22;
      };
    };
    Kind clone = (name, handler) -> {
      CloneManager<Object> m = CloneManager.declare(name, handler);
      return pool -> {
        ManageResult run = m.once(Task.of("pid", TestFunctions::echo, "x"), pool, OPTIONS);
        return run.slots().size();
      };
    };
    List<Arguments> all = new ArrayList<>();
    for (Pool pool : List.of(Pools.serial(), Pools.intraAll())) {
      all.add(Arguments.of("ListManager", list, pool));
      all.add(Arguments.of("DagManager", dag, pool));
      all.add(Arguments.of("MapReduceManager", mapReduce, pool));
      all.add(Arguments.of("CloneManager", clone, pool));
    }
    return all.stream();
  }

  private static String name(String kind) {
    return kind + "-contract-" + NAMES.incrementAndGet();
  }

  @ParameterizedTest(name = "{0} on {2}")
  @MethodSource("managers")
  void eachReportArrivesOnce_onTheCallingThread_whileOnline(String kind, Kind manager, Pool pool) {
    Thread caller = Thread.currentThread();
    Map<Long, Integer> perTask = new HashMap<>();
    List<String> problems = new ArrayList<>();
    Subject subject = manager.make(name(kind), report -> {
      if (Thread.currentThread() != caller) {
        problems.add("handler ran on " + Thread.currentThread());
      }
      if (!Spm.amOnline()) {
        problems.add("handler ran offline");
      }
      if (!report.succeeded()) {
        problems.add("task failed: " + report.failure().get());
      }
      perTask.merge(report.origin().taskId(), 1, Integer::sum);
    });
    int expected = subject.manage(pool);
    assertThat(problems).isEmpty();
    assertThat(perTask).hasSize(expected).allSatisfy((task, count) -> assertThat(count).isOne());
    assertThat(Spm.amOffline()).isTrue();
  }

  @ParameterizedTest(name = "{0} on {2}")
  @MethodSource("managers")
  void aThrowingHandler_endsManageWithItsCause_andTheNextManageWorks(String kind, Kind manager, Pool pool) {
    Subject failing = manager.make(name(kind), report -> {
      throw new IllegalStateException("bug in " + kind);
    });
    assertThatThrownBy(() -> failing.manage(pool)).isInstanceOfSatisfying(ManageException.class, e -> {
      assertThat(e.reason()).isEqualTo(ManageException.Reason.HANDLER_THREW);
      assertThat(e.getCause()).hasMessage("bug in " + kind);
    });
    assertThat(Spm.amOffline()).isTrue();
    int[] reports = {0};
    Subject next = manager.make(name(kind), report -> reports[0]++);
    int expected = next.manage(pool);
    assertThat(reports[0]).isEqualTo(expected);
  }
}
