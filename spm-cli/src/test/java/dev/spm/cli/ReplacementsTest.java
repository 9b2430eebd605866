package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplacementsTest {
  private static String line(String command, List<String> args) {
    return Replacements.line(List.of(command), args, 7, 3);
  }

  @Test
  void eachReplacementString() {
    List<String> a = List.of("a/b.c/d.e");
    assertThat(line("x {} {.} {/} {//} {/.} {#} {%}", a)).isEqualTo("x a/b.c/d.e a/b.c/d d.e a/b.c d 7 3");
  }

  @Test
  void modifiers_matchGnuParallel_onEdgeCases() {
    assertThat(Replacements.noExtension("x.tar.gz")).isEqualTo("x.tar");
    assertThat(Replacements.noExtension("a.b/c")).isEqualTo("a.b/c");
    assertThat(Replacements.noExtension(".x")).isEmpty();
    assertThat(Replacements.noExtension("a.")).isEqualTo("a");
    assertThat(Replacements.basename("a/")).isEmpty();
    assertThat(Replacements.dirname("a/")).isEqualTo(".");
    assertThat(Replacements.dirname("/a")).isEqualTo("/");
    assertThat(Replacements.dirname("x")).isEqualTo(".");
    assertThat(Replacements.dirname("a//b")).isEqualTo("a");
  }

  @Test
  void numberedSources_andTheirModifiers() {
    assertThat(line("echo {2} {1} {} {1.} {2/}", List.of("a.x", "d/b c"))).isEqualTo("echo 'd/b c' a.x a.x 'd/b c' a 'b c'");
  }

  @Test
  void withoutReplacementString_appendsEveryArgument_quoted() {
    assertThat(line("echo", List.of("a", "b c"))).isEqualTo("echo a 'b c'");
  }

  @Test
  void aSourceNumberBeyondTheSources_isLeftAsItIs() {
    assertThat(line("echo {3} {}", List.of("a"))).isEqualTo("echo {3} a");
  }

  @Test
  void withoutCommand_theArgumentsAreTheCommandLine() {
    assertThat(Replacements.line(List.of(), List.of("echo", "a b"), 1, 1)).isEqualTo("echo a b");
  }

  @Test
  void aReplacementStringInTheFirstWord_turnsQuotingOff_asInGnuParallel() {
    assertThat(line("{}", List.of("echo a b"))).isEqualTo("echo a b");
    assertThat(line("x{} {}", List.of("a b"))).isEqualTo("xa b a b");
    assertThat(line(" {}", List.of("a b"))).isEqualTo(" 'a b'");
    assertThat(line("echo {}", List.of("a b"))).isEqualTo("echo 'a b'");
  }
}
