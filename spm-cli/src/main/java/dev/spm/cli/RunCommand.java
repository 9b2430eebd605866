package dev.spm.cli;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.ListManager;
import dev.spm.ManageException;
import dev.spm.ManageOptions;
import dev.spm.Pool;
import dev.spm.Report;
import dev.spm.Session;
import dev.spm.Task;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spm run}: stand-alone programs in parallel, with GNU parallel's meaning.
 *
 * <pre>
 * Overview.
 * Each argument makes a job: a shell line (see JobLines) run as a Coprocess task, in this
 * process's directory and environment, with the --timeout as the coprocess's own deadline (TERM
 * to its process group, KILL after the grace). Jobs are read lazily from the arguments (or stdin
 * lines), so the manager holds only those in flight.
 *
 * A spoke runs one task at a time, so -j N jobs at once need N spokes. When N exceeds what the
 * pool gets on the cloud, the cloud is opened with more slots per server (local becomes
 * local:1xN; local:SxM becomes local:SxK with S*K >= N for inter), and the manager is capped at N
 * spokes. The pools of one slot per server, and the serial pool, cannot grow that way: their -j
 * is capped at their slots.
 * </pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs COMMAND once per ARG, in parallel, as GNU parallel does: {} is replaced by the ARG, quoted; "
        + "without {}, the ARG is appended. Exit status: the number of failed jobs (101 if more than 100).")
final class RunCommand implements Callable<Integer> {
  /** Between TERM and KILL at a deadline. */
  static final Duration GRACE = Duration.ofSeconds(1);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  CloudOption cloud;

  @Option(names = "--pool", defaultValue = "intra-all", converter = Converters.PoolConverter.class,
      description = "The pool (default: ${DEFAULT-VALUE}).")
  Pool pool;

  @Option(names = {"-j", "--jobs"}, description = "Jobs at once (default: the pool's slots); may exceed them.")
  Integer jobs;

  @Option(names = "--timeout", converter = Converters.DurationConverter.class,
      description = "Each job's deadline, as 1.5, 30s, 2m, 1h, 1d; 0 for none.")
  Duration timeout;

  @Parameters(arity = "0..*", paramLabel = "COMMAND ::: ARG", description = "The command, then ::: and its arguments.")
  List<String> words = List.of();

  @Override
  @SuppressWarnings("try") // the session is held open for the run and closed after it
  public Integer call() {
    if (jobs != null && jobs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "-j must be at least 1, but was " + jobs);
    }
    JobLines.Split split = JobLines.split(words);
    if (split.command().isEmpty() && !split.hasSeparator()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no command given; write spm run COMMAND ::: ARG...");
    }
    Iterator<String> args = split.hasSeparator() ? split.args().iterator() : stdinLines();
    if (!args.hasNext()) {
      return ExitCodes.OK;
    }
    int width = jobs != null ? jobs : Clouds.slots(pool, Clouds.Shape.of(cloud.cloud));
    String openCloud = Clouds.grownFor(cloud.cloud, pool, width);
    width = Math.min(width, Clouds.slots(pool, Clouds.Shape.of(openCloud)));
    Duration deadline = timeout == null || timeout.isZero() ? null : timeout;
    try (Session session = Clouds.openFor(pool, openCloud)) {
      return run(split.command(), args, width, deadline);
    }
  }

  private int run(List<String> command, Iterator<String> args, int width, Duration deadline) {
    Path cwd = Path.of("").toAbsolutePath();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("SPM_TAG");
    env.remove("SPM_SESSION");
    env.remove("SPM_SPOKE");
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
    long[] failed = {0};
    ListManager<CoprocessResult> manager = ListManager.declare("spm::run", (Report<CoprocessResult> r) -> {
      if (!r.succeeded()) {
        failed[0]++;
        err.println("spm: " + r.failure().orElseThrow().getMessage());
        err.flush();
        return;
      }
      CoprocessResult c = r.value();
      write(out, c.stdoutBytes());
      write(err, c.stderrBytes());
      if (c.exitCode() != 0 || c.timedOut() || c.signal().isPresent()) {
        failed[0]++;
      }
    });
    long[] seq = {0};
    manager.submitAll(new Iterator<Task<CoprocessResult>>() {
      @Override
      public boolean hasNext() {
        return args.hasNext();
      }

      @Override
      public Task<CoprocessResult> next() {
        String line = JobLines.line(command, args.next());
        Coprocess c = Coprocess.shell(line).cwd(cwd).env(env).grace(GRACE);
        if (deadline != null) {
          c = c.timeout(deadline);
        }
        return Task.of("job " + (++seq[0]), Coprocess::run, c);
      }
    });
    try {
      manager.manage(pool, ManageOptions.builder().nSpokesMax(width).timeoutWaitForSpokes(Duration.ofSeconds(60))
          .build());
    } catch (ManageException e) {
      err.println("spm: " + e.getMessage());
      err.flush();
      failed[0] += e.unreported().size();
    }
    return ExitCodes.forFailedJobs(failed[0]);
  }

  private static void write(OutputStream stream, byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    try {
      stream.write(bytes);
      stream.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Arguments from stdin, one per line, read lazily (GNU parallel without :::). */
  private static Iterator<String> stdinLines() {
    BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return new Iterator<>() {
      private String next = read();

      private String read() {
        try {
          return reader.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public String next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String line = next;
        next = read();
        return line;
      }
    };
  }
}
