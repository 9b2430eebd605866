package dev.spm.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spm.MapReduceManager.Aggregation;
import dev.spm.Pools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordCountBenchTest {
  @Test
  void rounds_timeEveryPool_andTheSpeedupsComeFromEachRoundsRatio(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("text");
    Files.writeString(text, "the cat and the hat\n".repeat(20_000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WordCountBench.Result result = WordCountBench.run(WordCountBench.split(List.of(text), 64 << 10),
        List.of(Pools.serial(), Pools.serial()), 3, Aggregation.DECENTRALIZED,
        new PrintStream(out, true, StandardCharsets.UTF_8));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.subList(0, 6)).allMatch(l -> l.matches("round=[123] pool=serial manage_seconds=\\d+\\.\\d{3} words=4"));
    assertThat(lines.get(6)).startsWith("speedup of serial over serial: round 1 (cold) ")
        .contains("rounds 2-3 (warm): median of each round's ratio ");
    assertThat(result.words()).isEqualTo(4);
    for (double[] pool : result.seconds()) {
      assertThat(pool).hasSize(3);
      assertThat(java.util.Arrays.stream(pool).min().orElseThrow()).isPositive();
    }
  }

  @Test
  void theWarmSpeedup_isTheMedianOfRounds2On_ofEachRoundsRatio() {
    // pool 0 takes 1, 2, 4, 8 s; pool 1 1, 1, 1, 1 s: round ratios 2, 4, 8 past the first
    WordCountBench.Result result = new WordCountBench.Result(List.of("a", "b"),
        new double[][] {{1, 2, 4, 8}, {1, 1, 1, 1}}, 0);
    assertThat(result.warmSpeedup(1)).isCloseTo(4, within(1e-9));
    assertThat(result.warmMedian(0)).isCloseTo(4, within(1e-9));
    assertThat(WordCountBench.median(new double[] {3, 1, 2, 10})).isCloseTo(2.5, within(1e-9));
  }
}
