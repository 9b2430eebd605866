package dev.spm.cli;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.ListManager;
import dev.spm.ManageException;
import dev.spm.ManageOptions;
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
 * Each tuple of arguments (InputSources: the cross product of the ::: and :::: sources, or stdin
 * lines) makes a job: a shell line (Replacements) run as a RunJob task, tried up to --retries
 * times, in this process's directory and environment, with the --timeout as the coprocess's own
 * deadline (TERM to its process group, KILL after the grace). Jobs are made lazily, so the
 * manager holds only those in flight. Outputs are printed whole, in job order with -k
 * (OrderedOutput); {%} comes from Slots; --joblog rows are written as jobs end (JobLog).
 *
 * A spoke runs one task at a time, so -j N jobs at once need N spokes. When N exceeds what the
 * pool gets on the cloud, the cloud is opened with more slots per server (local becomes
 * local:1xN; local:SxM becomes local:SxK with S*K >= N for inter), and the manager is capped at N
 * spokes. The pools of one slot per server, and the serial pool, cannot grow that way: their -j
 * is capped at their slots.
 * </pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs COMMAND once per ARG, in parallel, as GNU parallel does: several ::: give the cross product, "
        + ":::: FILE reads arguments from a file, and without either the lines of stdin are the arguments. "
        + "{} {.} {/} {//} {/.} {#} {%} {1} {2}... are replaced, quoted; without any, the ARGs are appended. "
        + "Exit status: the number of failed jobs (101 if more than 100).")
final class RunCommand implements Callable<Integer> {
  /** Between TERM and KILL at a deadline. */
  static final Duration GRACE = Duration.ofSeconds(1);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  CloudOption cloud;

  @CommandLine.Mixin
  PoolOption pool;

  @Option(names = {"-j", "--jobs"}, description = "Jobs at once (default: the pool's slots); may exceed them.")
  Integer jobs;

  @Option(names = "--timeout", converter = Converters.DurationConverter.class,
      description = "Each job's deadline, as 1.5, 30s, 2m, 1h, 1d; 0 for none.")
  Duration timeout;

  @Option(names = {"-k", "--keep-order"}, description = "Print the jobs' outputs in the order of their input.")
  boolean keepOrder;

  @Option(names = "--tag", description = "Prefix each output line with the job's arguments and a TAB.")
  boolean tag;

  @Option(names = "--dry-run", description = "Print each job's command line; run nothing.")
  boolean dryRun;

  @Option(names = "--joblog", paramLabel = "FILE", description = "Log each job, with GNU parallel's columns.")
  Path joblog;

  @Option(names = "--retries", paramLabel = "N", description = "Try a failing job up to N times in all.")
  Integer retries;

  @Parameters(arity = "0..*", paramLabel = "COMMAND ::: ARG",
      description = "The command, then ::: and its arguments (several ::: give the cross product), or :::: FILE; "
          + "without either, the lines of stdin.")
  List<String> words = List.of();

  /** A job's arguments, number and command line. */
  private record Job(long seq, List<String> args, String line, int slot) {}

  @Override
  @SuppressWarnings("try") // the session is held open for the run and closed after it
  public Integer call() {
    if (jobs != null && jobs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "-j must be at least 1, but was " + jobs);
    }
    if (retries != null && retries < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--retries must not be negative, but was "
          + retries);
    }
    InputSources.Parsed parsed = InputSources.parse(words);
    if (parsed.command().isEmpty() && parsed.fromStdin()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no command given; write spm run COMMAND ::: ARG...");
    }
    Iterator<List<String>> args = parsed.fromStdin() ? InputSources.lines(System.in)
        : InputSources.crossProduct(InputSources.read(parsed.sources()));
    int width = jobs != null ? jobs : Clouds.slots(pool.pool, Clouds.Shape.of(cloud.cloud));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    if (dryRun) {
      long seq = 0;
      while (args.hasNext()) {
        seq++;
        out.println(Replacements.line(parsed.command(), args.next(), seq, (int) ((seq - 1) % width) + 1));
      }
      out.flush();
      return ExitCodes.OK;
    }
    if (!args.hasNext()) {
      return ExitCodes.OK;
    }
    String openCloud = Clouds.grownFor(cloud.cloud, pool.pool, width);
    width = Math.min(width, Clouds.slots(pool.pool, Clouds.Shape.of(openCloud)));
    Duration deadline = timeout == null || timeout.isZero() ? null : timeout;
    try (JobLog log = joblog == null ? null : JobLog.open(joblog);
        Session session = Clouds.openFor(pool.pool, openCloud)) {
      return run(parsed.command(), args, width, deadline, out, log);
    }
  }

  private int run(List<String> command, Iterator<List<String>> args, int width, Duration deadline, PrintStream out,
      JobLog log) {
    Path cwd = Path.of("").toAbsolutePath();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("SPM_TAG");
    env.remove("SPM_SESSION");
    env.remove("SPM_SPOKE");
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
    long[] failed = {0};
    Map<Long, Job> running = new java.util.concurrent.ConcurrentHashMap<>();
    Slots slots = new Slots(width);
    OrderedOutput<byte[][]> output = new OrderedOutput<>(keepOrder, o -> {
      write(out, o[0]);
      write(err, o[1]);
    });
    ListManager<RunJob.Outcome> manager = ListManager.declare("spm::run", (Report<RunJob.Outcome> r) -> {
      Job job = running.remove(Long.parseLong(r.label().substring("job ".length())));
      slots.give(job.slot());
      if (!r.succeeded()) {
        failed[0]++;
        err.println("spm: " + r.failure().orElseThrow().getMessage());
        err.flush();
        output.done(job.seq(), new byte[][] {new byte[0], new byte[0]});
        return;
      }
      RunJob.Outcome o = r.value();
      CoprocessResult c = o.result();
      if (o.failed()) {
        failed[0]++;
      }
      if (log != null) {
        log.write(JobLog.row(job.seq(), o.startMillis(), c.wallNanos(), c.stdoutBytes().length,
            JobLog.exitval(c), JobLog.signal(c), job.line()));
      }
      String prefix = tag ? String.join(" ", job.args()) + "\t" : null;
      output.done(job.seq(), new byte[][] {tagged(prefix, c.stdoutBytes()), tagged(prefix, c.stderrBytes())});
    });
    long[] seq = {0};
    int tries = retries == null || retries == 0 ? 1 : retries;
    manager.submitAll(new Iterator<Task<RunJob.Outcome>>() {
      @Override
      public boolean hasNext() {
        return args.hasNext();
      }

      @Override
      public Task<RunJob.Outcome> next() {
        List<String> jobArgs = args.next();
        long n = ++seq[0];
        int slot = slots.take(n);
        String line = Replacements.line(command, jobArgs, n, slot);
        running.put(n, new Job(n, jobArgs, line, slot));
        Coprocess c = Coprocess.shell(line).cwd(cwd).env(env).grace(GRACE);
        if (deadline != null) {
          c = c.timeout(deadline);
        }
        return Task.of("job " + n, RunJob::run, c, tries);
      }
    });
    try {
      manager.manage(pool.pool, ManageOptions.builder().nSpokesMax(width).timeoutWaitForSpokes(Duration.ofSeconds(60))
          .build());
    } catch (ManageException e) {
      err.println("spm: " + e.getMessage());
      err.flush();
      failed[0] += e.unreported().size();
    }
    output.flush();
    return ExitCodes.forFailedJobs(failed[0]);
  }

  /** Each line of the bytes with the prefix before it; the bytes as they are without one. */
  private static byte[] tagged(String prefix, byte[] bytes) {
    if (prefix == null || bytes.length == 0) {
      return bytes;
    }
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(bytes.length + p.length * 4);
    boolean atStart = true;
    for (byte x : bytes) {
      if (atStart) {
        b.write(p, 0, p.length);
      }
      b.write(x);
      atStart = x == '\n';
    }
    return b.toByteArray();
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
}
