package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.MapReduceManager.Aggregation;
import dev.spm.testing.LocalSession;
import dev.spm.testing.TestFunctions.Color;
import dev.spm.testing.TestFunctions.Shade;
import dev.spm.testing.TestFunctions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Map-reduce across spoke JVMs, with keys whose {@code hashCode} differs from one JVM to the next
 * (an enum constant's is its identity): every spoke must put a key in the same partition, or two
 * reduce tasks each count part of it and the hub keeps one.
 */
class MapReduceOnSpokesTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ManageOptions OPTIONS = ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
      .build();
  private static final int INPUTS = 24;

  @RegisterExtension
  static final LocalSession SESSION = new LocalSession("local:1x2");

  @ParameterizedTest
  @EnumSource(Aggregation.class)
  void enumKeys_areCountedWhole(Aggregation aggregation) {
    MapReduceManager<String, Color, Long> m = MapReduceManager.<String, Color, Long>declare(
        "colors-" + NAMES.incrementAndGet(), TestFunctions::everyColor, Long::sum)
        .aggregation(aggregation).partitions(4);
    for (int i = 0; i < INPUTS; i++) {
      m.submit("input " + i);
    }
    assertThat(m.manage(Pools.intraAll(), OPTIONS).failed()).isZero();
    assertThat(m.result()).isEqualTo(Arrays.stream(Color.values())
        .collect(Collectors.toMap(Function.identity(), c -> (long) INPUTS)));
  }

  @ParameterizedTest
  @EnumSource(Aggregation.class)
  void recordKeysHoldingAnEnum_areCountedWhole_withTheCombiner(Aggregation aggregation) {
    MapReduceManager<String, Shade, Long> m = MapReduceManager.<String, Shade, Long>declare(
        "shades-" + NAMES.incrementAndGet(), TestFunctions::everyShade, Long::sum)
        .combiner(Long::sum).aggregation(aggregation).partitions(4);
    for (int i = 0; i < INPUTS; i++) {
      m.submit("input " + i);
    }
    m.manage(Pools.intraAll(), OPTIONS);
    Map<Shade, Long> result = m.result();
    assertThat(result).hasSize(2 * Color.values().length).allSatisfy((shade, n) -> assertThat(n).isEqualTo(INPUTS));
  }
}
