package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./spm run} at its limits, after {@code package}: killed with SIGKILL, fed endless or huge
 * input, or a huge output, each under a small heap ({@code SPM_JAVA_OPTS}).
 */
class RunLifecycleIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String LIB = ROOT.resolve("spm-cli/target/lib").toString();

  private record Run(int status, String out, String err) {}

  @AfterEach
  void nothingLeftBehind() {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> Leftovers.withCommandLineContaining(LIB, "sleep 40.25").isEmpty());
  }

  private static Process start(String javaOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("spm").toString(), "run"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().put("SPM_NO_BUILD", "1");
    pb.environment().put("SPM_JAVA_OPTS", javaOptions);
    return pb.start();
  }

  /** Runs with stdin from {@code feed} (which may never end by itself) and stdout counted, not kept. */
  private static Run run(String javaOptions, StdinFeed feed, String... args) throws Exception {
    Process p = start(javaOptions, args);
    try {
      CompletableFuture<long[]> out = CompletableFuture.supplyAsync(() -> count(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      Thread feeder = Thread.ofVirtual().start(() -> {
        try (OutputStream in = p.getOutputStream()) {
          feed.write(in);
        } catch (IOException stoppedReading) {
          // spm run ended and closed its stdin
        }
      });
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("spm run %s ended in time", List.of(args)).isTrue();
      feeder.join(Duration.ofSeconds(10));
      long[] counted = out.join();
      return new Run(p.exitValue(), counted[0] + " bytes, " + counted[1] + " lines, last: " + counted[2], err.join());
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private interface StdinFeed {
    void write(OutputStream in) throws IOException;
  }

  /** Bytes, lines and the last number seen at a line start (or -1). */
  private static long[] count(InputStream in) {
    long bytes = 0;
    long lines = 0;
    long last = -1;
    long number = 0;
    boolean digits = false;
    byte[] buf = new byte[1 << 16];
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        bytes += n;
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            lines++;
            if (digits) {
              last = number;
            }
            number = 0;
            digits = false;
          } else if (b >= '0' && b <= '9') {
            number = number * 10 + (b - '0');
            digits = true;
          } else {
            digits = false;
            number = 0;
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    return new long[] {bytes, lines, last};
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void sigkill_ofSpmRun_leavesNoneOfItsJobsProcesses_grandchildrenToo() throws Exception {
    Process p = start("", "-j", "2", "sh -c 'setsid sleep 40.25 & sleep 40.25 & wait'", ":::", "1", "2");
    try {
      p.getOutputStream().close();
      // per job: the shell, the inner shell, and two sleeps, one of which left the process group
      await().atMost(Duration.ofSeconds(60)).until(() -> Leftovers.withCommandLineContaining("sleep 40.25").size() >= 6);

      p.destroyForcibly(); // SIGKILL: no handler, no cleanup in spm run itself

      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
          .until(() -> Leftovers.withCommandLineContaining("sleep 40.25").isEmpty());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void endlessStdin_isReadOnlyAsJobsStart() throws Exception {
    Run run = run("-Xmx32m", in -> {
      byte[] lines = "1\n2\n3\n4\n5\n6\n7\n8\n".repeat(8192).getBytes(StandardCharsets.UTF_8);
      while (true) {
        in.write(lines);
      }
    }, "-j", "2", "--halt", "now,done=5", "echo", "{#}");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("10 bytes, 5 lines");
  }

  @Test
  void tenMillionStdinLines_inA24MiBHeap() throws Exception {
    Run run = run("-Xmx24m", in -> {
      StringBuilder chunk = new StringBuilder();
      for (int i = 1; i <= 10_000_000; i++) {
        chunk.append(i).append('\n');
        if (chunk.length() > 1 << 16) {
          in.write(chunk.toString().getBytes(StandardCharsets.US_ASCII));
          chunk.setLength(0);
        }
      }
      in.write(chunk.toString().getBytes(StandardCharsets.US_ASCII));
    }, "--dry-run", "echo", "{#}");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("10000000 lines, last: 10000000");
  }

  @Test
  void aHugeOutput_isSpooledToDisk_notHeldInMemory() throws Exception {
    // 300 MB of output through a 48 MiB heap, one job holding its output for -k behind another
    Run run = run("-Xmx48m", in -> { }, "-k", "-j", "2", "true; x={}; sleep ${x% *}; head -c ${x#* } /dev/zero", ":::",
        "0.5 300000000", "0 1000");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("300001000 bytes");
  }
}
