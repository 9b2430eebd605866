package dev.spm.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
        List.of(Pools.serial(), Pools.serial()), 0, 3, Aggregation.DECENTRALIZED,
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
  void thePeer_countsTheSameWordsOnOneThreadAndOnMany_andGetsASpeedupLineOfItsOwn(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("text");
    Files.writeString(text, "The cat, the HAT and 42 cats\n".repeat(20_000) + "zebra\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WordCountBench.Result result = WordCountBench.run(WordCountBench.split(List.of(text), 16 << 10),
        List.of(Pools.serial()), 3, 2, Aggregation.DECENTRALIZED, new PrintStream(out, true, StandardCharsets.UTF_8));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(result.runs()).containsExactly("serial", "threads:1", "threads:3");
    // rounds rotate who goes first: round 2 starts with threads:1
    assertThat(lines.get(3)).matches("round=2 peer=threads:1 seconds=\\d+\\.\\d{3} words=7");
    assertThat(lines.stream().filter(l -> l.contains(" peer=threads:3 "))).hasSize(2).allMatch(l -> l.endsWith(" words=7"));
    assertThat(lines.getLast()).startsWith("speedup of threads:3 over threads:1 (the peer: plain threads in this JVM): ");
    assertThat(WordCountBench.countOnThreads(WordCountBench.split(List.of(text), 16 << 10), 3).counts())
        .containsEntry("the", 40_000L).containsEntry("cats", 20_000L).containsEntry("zebra", 1L).hasSize(7);
  }

  @Test
  void thePeer_saysWhichChunkItCouldNotRead(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("text");
    Files.writeString(text, "one two three\n".repeat(10_000));
    List<Chunk> chunks = WordCountBench.split(List.of(text), 16 << 10);
    Files.writeString(text, "one\n"); // shrank after the split

    assertThatThrownBy(() -> WordCountBench.countOnThreads(chunks, 2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the peer could not count").hasMessageContaining("did it change while being counted?");
  }

  @Test
  void theWarmSpeedup_isTheMedianOfRounds2On_ofEachRoundsRatio() {
    // pool 0 takes 1, 2, 4, 8 s; pool 1 1, 1, 1, 1 s: round ratios 2, 4, 8 past the first
    WordCountBench.Result result = new WordCountBench.Result(List.of("a", "b"),
        new double[][] {{1, 2, 4, 8}, {1, 1, 1, 1}}, 0);
    assertThat(result.warmSpeedup(1)).isCloseTo(4, within(1e-9));
    assertThat(result.warmMedian(0)).isCloseTo(4, within(1e-9));
    assertThat(result.warmSpeedup(1, 0)).isCloseTo(0.25, within(1e-9));
    assertThat(WordCountBench.median(new double[] {3, 1, 2, 10})).isCloseTo(2.5, within(1e-9));
  }
}
