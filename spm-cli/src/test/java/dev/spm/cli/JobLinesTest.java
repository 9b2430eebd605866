package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobLinesTest {
  @Test
  void line_appendsTheQuotedArg_whenThereIsNoPlaceholder() {
    assertThat(JobLines.line(List.of("echo"), "b c")).isEqualTo("echo 'b c'");
    assertThat(JobLines.line(List.of("echo", "a  b"), "x")).isEqualTo("echo a  b x");
  }

  @Test
  void line_replacesEveryPlaceholder_withTheQuotedArg() {
    assertThat(JobLines.line(List.of("echo {}{}"), "x y")).isEqualTo("echo 'x y''x y'");
    assertThat(JobLines.line(List.of("echo", "pre{}post"), "a'b")).isEqualTo("echo pre'a'\"'\"'b'post");
    assertThat(JobLines.line(List.of("exit {}"), "2")).isEqualTo("exit 2");
  }

  @Test
  void line_withoutCommand_isTheArgItself() {
    assertThat(JobLines.line(List.of(), "echo foo")).isEqualTo("echo foo");
  }
}
