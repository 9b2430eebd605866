package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.MapReduceManager.Aggregation;
import dev.spm.testing.TestFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Map-reduce on the serial pool, every aggregation with and without a combiner. */
class MapReduceManagerTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final List<String> TEXT = List.of("the cat sat", "on the mat", "The END the", "", "mat mat");
  private static final Map<String, Long> COUNTS = Map.of("the", 4L, "cat", 1L, "sat", 1L, "on", 1L, "mat", 3L,
      "end", 1L);

  @ParameterizedTest
  @CsvSource({"CENTRALIZED,true", "CENTRALIZED,false", "DECENTRALIZED,true", "DECENTRALIZED,false"})
  void countsWords(Aggregation aggregation, boolean combine) {
    MapReduceManager<String, String, Long> wc = MapReduceManager.declare("mr-" + NAMES.incrementAndGet(),
        TestFunctions::words, Long::sum).aggregation(aggregation).partitions(3);
    if (combine) {
      wc.combiner(Long::sum);
    }
    List<String> labels = new ArrayList<>();
    wc.onReport(r -> labels.add(r.label()));
    TEXT.forEach(wc::submit);
    wc.manage(Pools.serial());
    assertThat(wc.result()).isEqualTo(COUNTS);
    assertThat(labels).hasSize(aggregation == Aggregation.DECENTRALIZED ? TEXT.size() + 3 : TEXT.size());
  }

  @Test
  void inputsFromAnIterator_areMappedLazily() {
    MapReduceManager<String, String, Long> wc = MapReduceManager.declare("mr-" + NAMES.incrementAndGet(),
        TestFunctions::words, Long::sum);
    wc.submitAll(TEXT.iterator());
    wc.manage(Pools.serial());
    assertThat(wc.result()).isEqualTo(COUNTS);
  }

  @Test
  void aFailedMapTask_meansNoResult() {
    MapReduceManager<Object, String, Long> wc = MapReduceManager.declare("mr-" + NAMES.incrementAndGet(),
        TestFunctions::wordsOfAnything, Long::sum);
    wc.submit("fine text");
    wc.submit(42);
    ManageResult run = wc.manage(Pools.serial());
    assertThat(run.failed()).isEqualTo(1);
    assertThatThrownBy(wc::result).isInstanceOf(SpmUsageException.class).hasMessageContaining("incomplete");
  }

  @ParameterizedTest
  @CsvSource({"CENTRALIZED,true", "CENTRALIZED,false", "DECENTRALIZED,true", "DECENTRALIZED,false"})
  void aReducerThatReturnsNull_failsTheRun_insteadOfDroppingTheKey(Aggregation aggregation, boolean combine) {
    MapReduceManager<String, String, Long> wc = MapReduceManager.declare("mr-" + NAMES.incrementAndGet(),
        TestFunctions::words, TestFunctions::sumOrNullPastTwo).aggregation(aggregation);
    if (combine) {
      wc.combiner(TestFunctions::sumOrNullPastTwo);
    }
    List<String> failures = new ArrayList<>();
    wc.onReport(r -> r.failure().ifPresent(f -> failures.add(f.getMessage())));
    wc.submit("a a a a b");
    wc.submit("a b");
    wc.manage(Pools.serial());

    // a + a + a would be null: the key a must not vanish and come back as a = 2
    assertThatThrownBy(wc::result).isInstanceOf(SpmUsageException.class).hasMessageContaining("incomplete");
    if (aggregation == Aggregation.CENTRALIZED && !combine) { // the hub folds: no task failed
      assertThat(failures).isEmpty();
      assertThatThrownBy(wc::result).hasMessageContaining("sumOrNullPastTwo returned null");
    } else { // the combiner in a map task, or the reducer in a reduce task
      assertThat(failures).singleElement().asString().contains("sumOrNullPastTwo returned null");
    }
  }

  @Test
  void centralized_aReducerThatThrows_failsTheResult_notTheManage_andEveryReportArrives() {
    MapReduceManager<String, String, Long> wc = MapReduceManager.declare("mr-" + NAMES.incrementAndGet(),
        TestFunctions::words, TestFunctions::refuseToReduce).aggregation(Aggregation.CENTRALIZED);
    List<String> reports = new ArrayList<>();
    wc.onReport(r -> reports.add(r.label() + (r.succeeded() ? "" : " failed")));
    TEXT.forEach(wc::submit);

    ManageResult run = wc.manage(Pools.serial());

    assertThat(run.failed()).isZero();
    assertThat(reports).hasSize(TEXT.size()).noneMatch(r -> r.endsWith(" failed"));
    assertThatThrownBy(wc::result).isInstanceOf(SpmUsageException.class)
        .hasMessageContaining("could not aggregate").hasMessageContaining("refuseToReduce")
        .hasMessageContaining("will not add 1 and 1");
  }

  @Test
  void aMapperThatEmitsANullValue_failsItsTask_namingTheKey() {
    MapReduceManager<String, String, Long> wc = MapReduceManager.declare("mr-" + NAMES.incrementAndGet(),
        TestFunctions::wordsWithNull, Long::sum);
    List<String> failures = new ArrayList<>();
    wc.onReport(r -> r.failure().ifPresent(f -> failures.add(f.getMessage())));
    wc.submit("cat");

    assertThat(wc.manage(Pools.serial()).failed()).isEqualTo(1);
    assertThat(failures).singleElement().asString().contains("null value for the key cat");
  }

  @Test
  void anInputThatCannotBeSerialized_isRefusedAtSubmit_andTheOthersStillRun() {
    MapReduceManager<Object, String, Long> wc = MapReduceManager.declare("mr-" + NAMES.incrementAndGet(),
        TestFunctions::wordsOfAnything, Long::sum);
    wc.submit("the cat");

    assertThatThrownBy(() -> wc.submit(new Thread())).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("input 2 of map-reduce").hasMessageContaining("java.lang.Thread");
    wc.manage(Pools.serial());
    assertThat(wc.result()).isEqualTo(Map.of("the", 1L, "cat", 1L));
  }

  @Test
  void anInputSubmittedFromAMapReport_joinsTheRun_butNotOnceTheReducesHaveStarted() {
    MapReduceManager<String, String, Long> wc = MapReduceManager.declare("mr-" + NAMES.incrementAndGet(),
        TestFunctions::words, Long::sum).partitions(1);
    List<Throwable> refused = new ArrayList<>();
    wc.onReport(r -> {
      if (r.label().equals("map-1")) {
        wc.submit("extra words");
      } else if (r.label().startsWith("reduce")) {
        try {
          wc.submit("too late");
        } catch (SpmUsageException e) {
          refused.add(e);
        }
      }
    });
    wc.submit("the cat");

    wc.manage(Pools.serial());

    assertThat(wc.result()).isEqualTo(Map.of("the", 1L, "cat", 1L, "extra", 1L, "words", 1L));
    assertThat(refused).singleElement().extracting(Throwable::getMessage).asString().contains("ended its map phase");
    assertThatThrownBy(() -> wc.manage(Pools.serial())).as("nothing was kept for a later manage")
        .isInstanceOf(SpmInputException.class);
  }
}
