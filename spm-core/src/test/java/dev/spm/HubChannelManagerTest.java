package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.testing.CommFunctions;
import dev.spm.testing.LocalSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fine grain (limited): tasks message the hub before they end, on the channels their manager enables. */
class HubChannelManagerTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ManageOptions OPTIONS = ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
      .build();

  @RegisterExtension
  static final LocalSession SESSION = new LocalSession("local:1x2");

  static Stream<Pool> pools() {
    return Stream.of(Pools.serial(), Pools.intraAll());
  }

  private static String name(String what) {
    return "hub-" + what + "-" + NAMES.incrementAndGet();
  }

  @ParameterizedTest
  @MethodSource("pools")
  void tasksAskAndTell_theHandlerRunsOnTheManageThread(Pool pool) {
    Thread caller = Thread.currentThread();
    List<Long> heard = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    HubChannel<Long, Long> channel = HubChannel.declare(name("sum"), (n, from) -> {
      if (Thread.currentThread() != caller || !Spm.amOnline()) {
        problems.add("handler ran on " + Thread.currentThread() + ", online=" + Spm.amOnline());
      }
      heard.add(n);
      return n * 10;
    });
    List<Long> replies = new ArrayList<>();
    HubChannelManager<Long> manager = HubChannelManager.declare(name("manager"), report -> replies.add(report.value()),
        channel);
    for (long i = 1; i <= 20; i++) {
      manager.submit(Task.of("t" + i, CommFunctions::askAndTell, channel, i));
    }
    ManageResult run = manager.manage(pool, OPTIONS);

    assertThat(problems).isEmpty();
    assertThat(run.succeeded()).isEqualTo(20);
    assertThat(replies).containsExactlyInAnyOrderElementsOf(Stream.iterate(10L, r -> r + 10).limit(20).toList());
    assertThat(heard).hasSize(40).filteredOn(n -> n < 0).hasSize(20); // every ask and every tell
    assertThat(run.staleMessages()).isZero();
  }

  @ParameterizedTest
  @MethodSource("pools")
  void communicationIsDisabledUnderACoarseGrainManager(Pool pool) {
    HubChannel<String, String> channel = HubChannel.declare(name("unused"), (m, from) -> m);
    List<Report<String>> reports = new ArrayList<>();
    ListManager<String> list = ListManager.declare(name("list"), reports::add);
    list.submit(Task.of("asks", CommFunctions::askOnce, channel, "hello"));
    list.manage(pool, OPTIONS);

    assertThat(reports).singleElement().satisfies(r -> assertThatThrownBy(r::value)
        .isInstanceOf(TaskEvalUncaught.class)
        .hasMessageContaining("communication is disabled under ListManager"));
  }

  @ParameterizedTest
  @MethodSource("pools")
  void aChannelTheManagerDoesNotEnable_isRefused(Pool pool) {
    HubChannel<String, String> enabled = HubChannel.declare(name("enabled"), (m, from) -> m);
    HubChannel<String, String> other = HubChannel.declare(name("other"), (m, from) -> m);
    List<Report<String>> reports = new ArrayList<>();
    HubChannelManager<String> manager = HubChannelManager.declare(name("manager"), reports::add, enabled);
    manager.submit(Task.of("asks", CommFunctions::askOnce, other, "hello"));
    manager.manage(pool, OPTIONS);

    assertThat(reports).singleElement().satisfies(r -> assertThatThrownBy(r::value)
        .isInstanceOf(TaskEvalUncaught.class)
        .hasMessageContaining("channel '" + other.name() + "' is not enabled under HubChannelManager"));
  }

  @ParameterizedTest
  @MethodSource("pools")
  void aThrowingChannelHandler_endsManageWithItsCause_andTheNextManageWorks(Pool pool) {
    HubChannel<String, String> failing = HubChannel.declare(name("failing"), (m, from) -> {
      throw new IllegalStateException("bug in the channel handler");
    });
    HubChannelManager<String> first = HubChannelManager.declare(name("first"), report -> { }, failing);
    first.submit(Task.of("asks", CommFunctions::askOnce, failing, "hello"));
    assertThatThrownBy(() -> first.manage(pool, OPTIONS)).isInstanceOfSatisfying(ManageException.class, e -> {
      assertThat(e.reason()).isEqualTo(ManageException.Reason.HANDLER_THREW);
      assertThat(e.getCause()).hasMessage("bug in the channel handler");
    });
    assertThat(Spm.amOffline()).isTrue();

    HubChannel<String, String> echo = HubChannel.declare(name("echo"), (m, from) -> m + "!");
    List<String> values = new ArrayList<>();
    HubChannelManager<String> next = HubChannelManager.declare(name("next"), r -> values.add(r.value()), echo);
    next.submit(Task.of("asks", CommFunctions::askOnce, echo, "hello"));
    next.manage(pool, OPTIONS);
    assertThat(values).containsExactly("hello!");
  }

  /**
   * The seed's stale replies: the handler answers attempt 1 only after that attempt passed its
   * deadline, so the hub drops the reply instead of sending it; attempt 2 asks again and gets its
   * answer. (The serial pool enforces no task deadline, so this runs on spokes; see below.)
   */
  @Test
  void aReplyForAnAttemptThatWasKilled_isDroppedAtTheHub() {
    Duration deadline = Duration.ofSeconds(1);
    HubChannel<String, String> slow = HubChannel.declare(name("slow"), (m, from) -> {
      if (from.attempt() == 1) {
        // The handler's work takes longer than the attempt may live: wait out its deadline.
        Thread.sleep(deadline.minus(from.wallTime()).plusMillis(200).toMillis());
      }
      return "answer to attempt " + from.attempt();
    });
    List<Report<String>> reports = new ArrayList<>();
    HubChannelManager<String> manager = HubChannelManager.declare(name("stale"), reports::add, slow);
    manager.submit(Task.of("asks", CommFunctions::askOnce, slow, "hello").withTimeout(deadline));
    ManageResult run = manager.manage(Pools.intraAll(), ManageOptions.builder()
        .timeoutWaitForSpokes(Duration.ofSeconds(60)).retryTimeouts(true).maxAttempts(2).build());

    assertThat(run.staleMessages()).isEqualTo(1);
    assertThat(reports).singleElement().satisfies(r -> {
      assertThat(r.value()).isEqualTo("answer to attempt 2");
      assertThat(r.origin().attempt()).isEqualTo(2);
    });
  }

  /** The serial pool enforces no deadline: a timed task whose ask takes long still gets its reply, and the pool goes on. */
  @Test
  void onTheSerialPool_aSlowHandlerDoesNotEndATimedTask() {
    HubChannel<String, String> slow = HubChannel.declare(name("slow-serial"), (m, from) -> {
      Thread.sleep(400); // longer than the task's deadline
      return m + "!";
    });
    List<String> values = new ArrayList<>();
    HubChannelManager<String> manager = HubChannelManager.declare(name("serial-deadline"), r -> values.add(r.value()),
        slow);
    manager.submit(Task.of("first", CommFunctions::askOnce, slow, "a").withTimeout(Duration.ofMillis(300)));
    manager.submit(Task.of("second", CommFunctions::askOnce, slow, "b"));
    manager.manage(Pools.serial(), OPTIONS);

    assertThat(values).containsExactly("a!", "b!");
  }

  @Test
  void channelsAreDeclaredOnceAndOnlyOffline_andAskIsForTaskCode() {
    String taken = name("taken");
    HubChannel<String, String> channel = HubChannel.declare(taken, (m, from) -> m);
    assertThatThrownBy(() -> HubChannel.declare(taken, (m, from) -> m)).isInstanceOf(SpmUsageException.class)
        .hasMessageContaining("already declared");
    assertThatThrownBy(() -> channel.ask("x", Duration.ofSeconds(1))).isInstanceOf(SpmUsageException.class)
        .hasMessageContaining("HubChannel.ask is for task code");
    assertThatThrownBy(() -> HubChannelManager.declare(name("twice"), r -> { }, channel, channel))
        .isInstanceOf(SpmInputException.class).hasMessageContaining("named twice");

    ListManager<String> list = ListManager.declare(name("declares-online"), report -> HubChannel.declare(
        name("online"), (m, from) -> m));
    list.submit(Task.of("t", dev.spm.testing.TestFunctions::echo, "x"));
    assertThatThrownBy(() -> list.manage(Pools.serial(), OPTIONS)).isInstanceOf(ManageException.class)
        .hasRootCauseInstanceOf(SpmUsageException.class).hasStackTraceContaining("while offline");
  }
}
