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
}
