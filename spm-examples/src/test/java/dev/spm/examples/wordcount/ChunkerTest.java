package dev.spm.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a word is, how a chunk is counted, and where files are cut. */
class ChunkerTest {
  @TempDir
  Path tmp;

  /** The obvious word splitter, one String per word, as the reference. */
  private static Map<String, Long> naive(byte[] bytes) {
    Map<String, Long> counts = new HashMap<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= bytes.length; i++) {
      int c = i < bytes.length ? bytes[i] & 0xff : ' ';
      boolean alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      if (alnum) {
        word.append((char) Character.toLowerCase(c));
      } else if (!word.isEmpty()) {
        counts.merge(word.toString(), 1L, Long::sum);
        word.setLength(0);
      }
    }
    return counts;
  }

  /** Text with long and short words, every kind of separator, and UTF-8 (non-ASCII) bytes. */
  private static byte[] awkwardText(int words, long seed) {
    Random random = new Random(seed);
    String[] seps = {" ", "\n", ", ", "--", "\t", "é", "ß’", "\u0000", "_", ".\r\n"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      int len = random.nextInt(10) == 0 ? 50 + random.nextInt(200) : 1 + random.nextInt(8);
      for (int j = 0; j < len; j++) {
        int k = random.nextInt(62);
        sb.append((char) (k < 10 ? '0' + k : k < 36 ? 'a' + k - 10 : 'A' + k - 36));
      }
      sb.append(seps[random.nextInt(seps.length)]);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void wordsAreRunsOfAsciiLettersAndDigits_lowerCased() {
    byte[] text = "The cat, THE caf\u00e9 x1 X1 don't 3.14 na\u00efve_snake\u00a0end".getBytes(StandardCharsets.UTF_8);
    assertThat(WordCount.count(text)).containsOnly(Map.entry("the", 2L), Map.entry("cat", 1L), Map.entry("caf", 1L),
        Map.entry("x1", 2L), Map.entry("don", 1L), Map.entry("t", 1L), Map.entry("3", 1L), Map.entry("14", 1L),
        Map.entry("na", 1L), Map.entry("ve", 1L), Map.entry("snake", 1L), Map.entry("end", 1L));
  }

  @Test
  void wordsThatShareTheirLastEightBytes_areToldApart_byTheirHeads_caseBlind() {
    byte[] text = ("abcdefgh xabcdefgh yabcdefgh XABCDEFGH xAbCdEfGh internationalization "
        + "INTERNATIONALIZATION externationalization").getBytes(StandardCharsets.US_ASCII);
    byte[] before = text.clone();

    assertThat(WordCount.count(text)).containsOnly(Map.entry("abcdefgh", 1L), Map.entry("xabcdefgh", 3L),
        Map.entry("yabcdefgh", 1L), Map.entry("internationalization", 2L), Map.entry("externationalization", 1L));
    assertThat(text).as("the counted bytes are left as they were").isEqualTo(before);
  }

  @Test
  void manyLongWordsAlikeInTheirLastEightBytes_spreadOverTheTable() {
    // 60,000 words "000001abcdefgh"... share length and last eight bytes: hashed by those alone,
    // they all probed one run of slots (9 s to count them, against 13 ms).
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      sb.append(String.format("%06dabcdefgh ", i));
    }
    byte[] text = sb.toString().getBytes(StandardCharsets.US_ASCII);
    WordTable table = new WordTable(text);
    table.scan(0, text.length);
    assertThat(table.size()).isEqualTo(60_000);
    assertThat(table.longestProbe()).as("longest probe, in slots").isLessThan(100);
    assertThat(WordCount.count(text)).hasSize(60_000).containsEntry("000123abcdefgh", 1L);
  }

  @Test
  void emptyAndSeparatorOnlyText_hasNoWords() {
    assertThat(WordCount.count(new byte[0])).isEmpty();
    assertThat(WordCount.count(" \n\t--\u00e9".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void manyDistinctWords_growTheTable_andCountLikeTheNaiveSplitter() {
    byte[] text = awkwardText(200_000, 7);
    Map<String, Long> expected = naive(text);
    assertThat(expected.size()).isGreaterThan(50_000);
    assertThat(WordCount.count(text.clone())).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 64, 1000, 100_000})
  void chunks_coverTheFileExactly_andNeverSplitAWord(int target) throws IOException {
    byte[] text = awkwardText(20_000, target);
    Path file = Files.write(tmp.resolve("text"), text);

    List<Chunk> chunks = Chunker.split(file, target);

    assertThat(chunks.size()).isLessThanOrEqualTo((text.length + target - 1) / target);
    int evenShare = (text.length + chunks.size() - 1) / chunks.size();
    long at = 0;
    for (Chunk c : chunks) {
      assertThat(c.path()).isEqualTo(file.toAbsolutePath().toString());
      assertThat(c.offset()).isEqualTo(at);
      // at most an even share of what was left, moved on past one word (awkwardText's are < 250 bytes)
      assertThat(c.length()).isPositive().isLessThanOrEqualTo(Math.max(evenShare, target) + 250);
      if (c.end() < text.length) {
        assertThat(Words.isWordByte(text[(int) c.end() - 1])).as("byte before the cut at %d", c.end()).isFalse();
      }
      at = c.end();
    }
    assertThat(at).isEqualTo(text.length);

    Map<String, Long> summed = new HashMap<>();
    for (Chunk c : chunks) {
      WordCount.count(WordCount.read(c)).forEach((w, n) -> summed.merge(w, n, Long::sum));
    }
    assertThat(summed).isEqualTo(naive(text));
  }

  @Test
  void aWordLongerThanTheKernelsBlocks_isCountedWhole_wherever_itFalls() {
    String longWord = "Ab".repeat(5_000); // 10,000 bytes: longer than two of WordTable's 4 KiB blocks
    for (int lead : new int[] {0, 1, 4090, 4095, 4096, 4097}) {
      String text = "x ".repeat(lead / 2) + (lead % 2 == 1 ? " " : "") + longWord + " y " + longWord.toUpperCase()
          + "\n" + longWord;
      Map<String, Long> expected = naive(text.getBytes(StandardCharsets.US_ASCII));

      assertThat(WordCount.count(text.getBytes(StandardCharsets.US_ASCII))).as("word at byte %d", lead)
          .isEqualTo(expected).containsEntry(longWord.toLowerCase(), 3L);
    }
  }

  @Test
  void chunks_areOfNearlyEqualSize_soThatNoShortOneIsLeftAtTheEnd() throws IOException {
    byte[] text = "lorem ipsum dolor sit amet ".repeat(10_000).getBytes(StandardCharsets.US_ASCII); // 270,000 bytes
    Path file = Files.write(tmp.resolve("even"), text);

    List<Chunk> chunks = Chunker.split(file, 100_000);

    assertThat(chunks).hasSize(3);
    assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isBetween(90_000 - 6, 90_000 + 6));
  }

  @Test
  void anEmptyFile_hasNoChunks_andOneLongWord_isOneChunk() throws IOException {
    assertThat(Chunker.split(Files.write(tmp.resolve("empty"), new byte[0]), 10)).isEmpty();
    byte[] word = "a".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
    List<Chunk> chunks = Chunker.split(Files.write(tmp.resolve("word"), word), 10);
    assertThat(chunks).containsExactly(new Chunk(tmp.resolve("word").toAbsolutePath().toString(), 0, 200_000));
  }

  @Test
  void aFileThatShrank_failsTheMapTask_namingTheFile() throws IOException {
    Path file = Files.write(tmp.resolve("short"), "abc def".getBytes(StandardCharsets.US_ASCII));
    Chunk tooLong = new Chunk(file.toString(), 0, 100);
    List<String> emitted = new ArrayList<>();
    assertThatThrownBy(() -> WordCount.map(tooLong, (w, n) -> emitted.add(w)))
        .isInstanceOf(EOFException.class).hasMessageContaining(file.toString());
    assertThat(emitted).isEmpty();
  }
}
