package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellQuoteTest {
  @Test
  void safeCharacters_stayUnquoted() {
    assertThat(ShellQuote.gnuParallel("a")).isEqualTo("a");
    assertThat(ShellQuote.gnuParallel("a/b-c_d.e+f9")).isEqualTo("a/b-c_d.e+f9");
  }

  @Test
  void emptyString_becomesTwoQuotes() {
    assertThat(ShellQuote.gnuParallel("")).isEqualTo("''");
  }

  @Test
  void otherCharacters_areSingleQuoted_asGnuParallelDoes() {
    assertThat(ShellQuote.gnuParallel("b c")).isEqualTo("'b c'");
    assertThat(ShellQuote.gnuParallel("x=y")).isEqualTo("'x=y'");
    assertThat(ShellQuote.gnuParallel("$HOME")).isEqualTo("'$HOME'");
    assertThat(ShellQuote.gnuParallel("é")).isEqualTo("'é'");
    assertThat(ShellQuote.gnuParallel("a\tb")).isEqualTo("'a\tb'");
  }

  @Test
  void singleQuotes_becomeDoubleQuoted_andEmptyEndsAreDropped() {
    assertThat(ShellQuote.gnuParallel("it's")).isEqualTo("'it'\"'\"'s'");
    assertThat(ShellQuote.gnuParallel("'")).isEqualTo("\"'\"");
    assertThat(ShellQuote.gnuParallel("''")).isEqualTo("\"'\"''\"'\"");
    assertThat(ShellQuote.gnuParallel("'a")).isEqualTo("\"'\"'a'");
  }
}
