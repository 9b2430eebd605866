package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.testing.ProcessLeaks;
import dev.spm.testing.Sessions;
import dev.spm.testing.TestFunctions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every pool must keep: the same code, the same results, whatever the pool. One
 * suite, run against the serial pool, the cores of one machine, and virtual servers.
 */
class PoolContractTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  abstract static class Contract {
    abstract Pool pool();

    ManageOptions options() {
      return ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build();
    }

    static String name() {
      return "contract-" + NAMES.incrementAndGet();
    }

    @Test
    void valuesTravelBothWays() {
      List<Object> values = new ArrayList<>();
      ListManager<Object> m = ListManager.declare(name(), r -> values.add(r.value()));
      m.submit(Task.of("list", TestFunctions::echoObject, (Object) List.of(1, "two", 3.0)));
      m.submit(Task.of("map", TestFunctions::echoObject, (Object) Map.of("k", new long[] {1, 2})));
      m.submit(Task.of("null", TestFunctions::echoObject, (Object) null));
      m.manage(pool(), options());
      assertThat(values).hasSize(3).contains(List.of(1, "two", 3.0)).containsNull();
    }

    @Test
    void primesAreCountedTheSame() {
      long[] total = {0};
      ListManager<Long> m = ListManager.declare(name(), r -> total[0] += r.value());
      for (long a = 3; a < 502_347; a += 25_118) {
        m.submit(Task.of("b" + a, TestFunctions::countPrimes, a, Math.min(a + 25_118, 502_347)));
      }
      m.manage(pool(), options());
      assertThat(total[0]).isEqualTo(41_714);
    }

    @Test
    void eachTaskIsReportedExactlyOnce_inAnyOrder() {
      Map<String, Integer> seen = new HashMap<>();
      ListManager<String> m = ListManager.declare(name(), r -> seen.merge(r.label(), 1, Integer::sum));
      for (int i = 0; i < 500; i++) {
        m.submit(Task.of("t" + i, TestFunctions::echo, "x"));
      }
      ManageResult result = m.manage(pool(), options());
      assertThat(seen).hasSize(500).allSatisfy((k, v) -> assertThat(v).isOne());
      assertThat(result.succeeded()).isEqualTo(500);
      assertThat(result.failed()).isZero();
    }

    @Test
    void aThrowingTaskIsReportedAsEvalUncaught_andOthersGoOn() {
      List<Report<Integer>> reports = new ArrayList<>();
      ListManager<Integer> m = ListManager.declare(name(), reports::add);
      m.submit(Task.of("bad", TestFunctions::divide, 1, 0));
      m.submit(Task.of("good", TestFunctions::divide, 4, 2));
      m.manage(pool(), options());
      assertThat(reports).hasSize(2);
      for (Report<Integer> r : reports) {
        if (r.label().equals("bad")) {
          assertThatThrownBy(r::value).isInstanceOf(TaskEvalUncaught.class);
        } else {
          assertThat(r.value()).isEqualTo(2);
        }
      }
    }

    @Test
    void aTaskFunctionClassIsResolvedByName() {
      List<String> values = new ArrayList<>();
      ListManager<String> m = ListManager.declare(name(), r -> values.add(r.value()));
      m.submit(Task.ofClass("class", TestFunctions.Join.class, "a", "b"));
      m.manage(pool(), options());
      assertThat(values).containsExactly("a+b");
    }

    @Test
    void aCoprocessRunsAProgram() {
      List<CoprocessResult> results = new ArrayList<>();
      ListManager<CoprocessResult> m = ListManager.declare(name(), r -> results.add(r.value()));
      m.submit(Task.coprocess("echo", Coprocess.shell("echo out; echo err >&2; exit 3")));
      m.manage(pool(), options());
      assertThat(results).singleElement().satisfies(r -> {
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.exitCode()).isEqualTo(3);
      });
    }

    /** A program that exits leaving a child in a session of its own: the child does not outlive the task. */
    @Test
    void aCoprocessLeavesNothingBehind() {
      String mark = name();
      List<Report<CoprocessResult>> reports = new ArrayList<>();
      ListManager<CoprocessResult> m = ListManager.declare(name(), reports::add);
      m.submit(Task.coprocess("orphaning", Coprocess.shell("export SPM_TEST_MARK=" + mark
          + "; setsid sleep 37 </dev/null >/dev/null 2>&1 & exit 0")));
      m.manage(pool(), options());
      assertThat(reports).singleElement().satisfies(r -> assertThat(r.value().exitCode()).isZero());
      ProcessLeaks.assertNoneLeft("SPM_TEST_MARK", mark, Duration.ofSeconds(5));
    }
  }

  @Nested
  class Serial extends Contract {
    @Override
    Pool pool() {
      return Pools.serial();
    }
  }

  /** Pools over a session; the session is shared by the tests of one pool. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnACloud extends Contract {
    private final Session session;

    OnACloud(String cloud) {
      this.session = Session.open(cloud);
    }

    @AfterAll
    void close() {
      Sessions.closeLeavingNothing(session);
    }
  }

  @Nested
  class IntraAll extends OnACloud {
    IntraAll() {
      super("local");
    }

    @Override
    Pool pool() {
      return Pools.intraAll();
    }
  }

  @Nested
  class InterOnVirtualServers extends OnACloud {
    InterOnVirtualServers() {
      super("local:3x1");
    }

    @Override
    Pool pool() {
      return Pools.inter();
    }
  }
}
