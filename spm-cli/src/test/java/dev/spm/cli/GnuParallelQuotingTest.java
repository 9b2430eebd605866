package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Compares our job lines with GNU parallel's own ({@code parallel --dry-run}). Needs the Debian
 * package {@code parallel}: skipped without it, except under {@code CI=true}, where it fails.
 */
class GnuParallelQuotingTest {
  private static final List<String> ARGS = List.of("a", "b c", "it's", "", "a/b-c_d.e+f", "x=y", "''", "'",
      "$HOME", "`date`", "a\tb", "é", "\\", "\"q\"", "*", "a;b", "--x", "~");

  @Test
  void jobLines_matchGnuParallelDryRun() throws IOException, InterruptedException {
    Path parallel = findParallel();
    for (String template : List.of("echo", "echo pre{}post", "printf %s {} {}")) {
      List<String> command = new ArrayList<>(List.of(parallel.toString(), "--will-cite", "--dry-run", "-k"));
      command.add(template);
      command.add(":::");
      command.addAll(ARGS);
      Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
      try {
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("parallel ended").isTrue();
        StringBuilder ours = new StringBuilder();
        for (String arg : ARGS) {
          ours.append(JobLines.line(List.of(template), arg)).append('\n');
        }
        assertThat(out).as("template %s", template).isEqualTo(ours.toString());
      } finally {
        p.destroyForcibly();
      }
    }
  }

  static Path findParallel() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, "parallel");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message = "GNU parallel is not installed; install the Debian package 'parallel' (apt-get install parallel)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
    return null;
  }
}
