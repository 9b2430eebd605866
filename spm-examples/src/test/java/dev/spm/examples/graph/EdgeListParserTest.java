package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edge-list grammar, its errors, and reading files of any size. */
class EdgeListParserTest {
  @TempDir
  Path dir;

  private static EdgeList parse(String text) {
    return EdgeListParser.parse("g.txt", text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static List<String> pairs(EdgeList edges) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      out.add(edges.src(i) + ">" + edges.dst(i));
    }
    return out;
  }

  @Test
  void edges_areReadInOrder_withCommentsBlanksTabsCrlfAndSignsAllowed() {
    EdgeList edges = parse("# header\n\n1 2\n  3\t4  \r\n# 5 6\n7 8 # trailing comment\n-9 10#tight\n"
        + "9223372036854775807 0\n   \n\t\n1 2\n0 0");
    assertThat(pairs(edges)).containsExactly("1>2", "3>4", "7>8", "-9>10", "9223372036854775807>0", "1>2", "0>0");
  }

  @Test
  void emptyTextOrOnlyComments_haveNoEdges() {
    assertThat(parse("").size()).isZero();
    assertThat(parse("# nothing\n\n  # here\n").size()).isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1 2\\nx 3\\n                 | 2 | expected a node id (an integer), but found 'x'",
      "1 2\\n\\n12,3\\n             | 3 | expected a node id (an integer), but found '12,3'",
      "1\\n                         | 1 | expected two node ids, but the line ends after one",
      "1 # 2\\n                     | 1 | expected two node ids, but the line ends after one",
      "1 2 3\\n                     | 1 | expected the end of the line after two node ids, but found '3'",
      "1 2.5\\n                     | 1 | expected a second node id (an integer), but found '2.5'",
      "1 - \\n                      | 1 | expected a second node id (an integer), but found '-'",
      "--1 2\\n                     | 1 | expected a node id (an integer), but found '--1'",
      "9223372036854775808 1\\n     | 1 | the node id does not fit in a 64-bit signed integer: '9223372036854775808'",
      "1 2\\n1 2\\n3 \\u00e9\\n       | 3 | expected a second node id (an integer), but found '\\xe9'",
  })
  void badLine_isNamedWithItsNumberAndText(String text, long line, String problem) {
    String unescaped = text.strip().replace("\\n", "\n").replace("\\u00e9", "\u00e9");
    assertThatThrownBy(() -> parse(unescaped))
        .isInstanceOfSatisfying(EdgeListException.class, e -> {
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.file()).isEqualTo("g.txt");
        })
        .hasMessage("g.txt:" + line + ": " + problem);
  }

  @Test
  void longToken_isQuotedShortened() {
    String junk = "x".repeat(100);
    assertThatThrownBy(() -> parse("1 " + junk + "\n"))
        .hasMessage("g.txt:1: expected a second node id (an integer), but found '" + "x".repeat(40) + "…'");
  }

  @Test
  void file_largerThanTheBufferAndWithALongLine_readsAsTheStringParserDoes() throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 300_000; i++) {
      long s = rnd.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
      long d = rnd.nextInt(1000);
      text.append(s).append(i % 3 == 0 ? "\t" : " ").append(d).append(i % 7 == 0 ? "\r\n" : "\n");
      expected.add(s + ">" + d);
      if (i == 150_000) {
        text.append("# ").append("a long comment ".repeat(200_000)).append('\n'); // 3 MB: the buffer grows
      }
    }
    text.append("1 2"); // no final newline
    expected.add("1>2");
    Path file = Files.writeString(dir.resolve("big.txt"), text);
    assertThat(Files.size(file)).isGreaterThan(3L << 20);
    assertThat(pairs(EdgeList.read(file))).isEqualTo(expected);
  }

  @Test
  void errorInAFile_namesTheFileAndTheLineAcrossBlocks() throws IOException {
    String good = "123456 654321\n".repeat(200_000); // 2.8 MB
    Path file = Files.writeString(dir.resolve("bad.txt"), good + "1 two\n");
    assertThatThrownBy(() -> EdgeList.read(file))
        .isInstanceOf(EdgeListException.class)
        .hasMessage(file + ":200001: expected a second node id (an integer), but found 'two'");
  }

  @Test
  void missingFile_isAnIoError() {
    assertThatThrownBy(() -> EdgeList.read(dir.resolve("absent.txt"))).isInstanceOf(NoSuchFileException.class);
  }
}
