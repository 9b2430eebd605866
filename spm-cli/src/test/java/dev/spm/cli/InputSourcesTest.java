package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSourcesTest {
  private static List<List<String>> all(Iterator<List<String>> it) {
    List<List<String>> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void parse_splitsAtEachSeparator() {
    InputSources.Parsed p = InputSources.parse(List.of("echo", "-n", ":::", "a", "b", "::::", "f", ":::", "c"));
    assertThat(p.command()).containsExactly("echo", "-n");
    assertThat(p.sources()).containsExactly(new InputSources.Args(List.of("a", "b")),
        new InputSources.FileSource(Path.of("f")), new InputSources.Args(List.of("c")));
    assertThat(p.fromStdin()).isFalse();
  }

  @Test
  void parse_withoutSeparator_readsStdin() {
    assertThat(InputSources.parse(List.of("echo")).fromStdin()).isTrue();
  }

  @Test
  void crossProduct_lastSourceVariesFastest() {
    assertThat(all(InputSources.crossProduct(List.of(List.of("a", "b"), List.of("1", "2", "3")))))
        .containsExactly(List.of("a", "1"), List.of("a", "2"), List.of("a", "3"), List.of("b", "1"),
            List.of("b", "2"), List.of("b", "3"));
  }

  @Test
  void crossProduct_withAnEmptySource_isEmpty() {
    assertThat(all(InputSources.crossProduct(List.of(List.of("a"), List.of())))).isEmpty();
    assertThat(all(InputSources.crossProduct(List.of()))).isEmpty();
  }

  @Test
  void read_aFile_givesItsLines(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("f"), "x\n\ny z\n");
    assertThat(InputSources.read(List.of(new InputSources.FileSource(f)))).containsExactly(List.of("x", "", "y z"));
  }

  @Test
  void read_aMissingFile_namesIt(@TempDir Path tmp) {
    Path f = tmp.resolve("missing");
    assertThatThrownBy(() -> InputSources.read(List.of(new InputSources.FileSource(f))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(f.toString());
  }

  @Test
  void lines_areOneArgumentEach() {
    var in = new ByteArrayInputStream("a\nb c\n".getBytes(StandardCharsets.UTF_8));
    assertThat(all(InputSources.lines(in))).containsExactly(List.of("a"), List.of("b c"));
  }
}
