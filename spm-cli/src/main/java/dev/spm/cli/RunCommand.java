package dev.spm.cli;

import dev.spm.Coprocess;
import dev.spm.Pool;
import dev.spm.Session;
import dev.spm.internal.proc.ProcessTrees;
import dev.spm.internal.proc.Reaper;
import dev.spm.internal.proc.TermSeq;
import dev.spm.internal.proc.Watchdog;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 * lines, the first source read lazily) makes a Job (JobSource): a shell line (Replacements),
 * skipped if an earlier run's joblog or results say it is done (--resume). A runner runs the jobs,
 * each as a Coprocess tried up to --retries times with --timeout as its deadline and --termseq
 * as its kill sequence, and hands each end to EndedJobs: joblog, results or printed output,
 * counts, --halt, --bar.
 *
 * Runners. On this machine's own cloud (--cloud local, an intra pool or serial) LocalLanes runs
 * the jobs from this JVM, which becomes a subreaper, with a Watchdog that kills the jobs if this
 * JVM is killed. On a virtual cloud or an inter pool SpokeJobs runs them as tasks on the spokes;
 * the agents clean up there. A spoke runs one task at a time, so -j N jobs at once need N spokes:
 * when N exceeds what the pool gets on the cloud, the cloud is opened with more slots per server
 * (local:SxM becomes local:SxK with S*K >= N for inter). The pools of one slot per server, and
 * the serial pool, cannot grow: their -j is capped at their slots.
 *
 * Stops. SIGINT and SIGTERM (StopSignals) and --halt now stop the runner now; --halt soon and
 * SIGHUP close the source.
 *
 * Arguments. Main parses them with QuickArgs from quickOptions(), which repeats the annotations
 * below, so that a short run loads no picocli class; --help and --version go through picocli.
 * </pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs COMMAND once per ARG, in parallel, as GNU parallel does: several ::: give the cross product, "
        + ":::: FILE reads arguments from a file (- for stdin), and without either the lines of stdin are the "
        + "arguments. {} {.} {/} {//} {/.} {#} {%%} {1} {2}... are replaced, quoted; without any, the ARGs are "
        + "appended. Exit status: the number of failed jobs (101 if more than 100), or as --halt says; 255 for bad "
        + "input or when stopped by SIGINT or SIGTERM.")
final class RunCommand implements Callable<Integer> {
  @CommandLine.Mixin
  CloudOption cloud;

  @CommandLine.Mixin
  PoolOption pool;

  @Option(names = {"-j", "--jobs"}, description = "Jobs at once (default: the pool's slots); may exceed them.")
  Integer jobs;

  @Option(names = "--timeout", converter = Converters.DurationConverter.class,
      description = "Each job's deadline, as 1.5, 30s, 2m, 1h, 1d; 0 for none.")
  Duration timeout;

  @Option(names = "--termseq", paramLabel = "SEQ", converter = Converters.TermSeqConverter.class,
      description = "How a job is killed at its deadline or a stop: signals and waits in ms "
          + "(default: " + TermSeq.GNU_DEFAULT + "); whatever survives gets KILL.")
  TermSeq termseq;

  @Option(names = {"-k", "--keep-order"}, description = "Print the jobs' outputs in the order of their input.")
  boolean keepOrder;

  @Option(names = "--tag", description = "Prefix each output line with the job's arguments and a TAB.")
  boolean tag;

  @Option(names = "--dry-run", description = "Print each job's command line; run nothing.")
  boolean dryRun;

  @Option(names = {"--joblog", "--jl"}, paramLabel = "FILE",
      description = "Log each job, with GNU parallel's columns; +FILE appends.")
  String joblog;

  @Option(names = "--resume", description = "Skip the jobs whose Seq the --joblog (or whose --results) holds.")
  boolean resume;

  @Option(names = "--resume-failed", description = "Skip the jobs that the --joblog holds as succeeded.")
  boolean resumeFailed;

  @Option(names = "--retries", paramLabel = "N", description = "Try a failing job up to N times in all.")
  Integer retries;

  @Option(names = {"--halt", "--halt-on-error"}, paramLabel = "WHEN,WHY=N", converter = Converters.HaltConverter.class,
      description = "Stop early: never, soon (start no more) or now (kill the running), when fail=N, success=N or "
          + "done=N jobs (or N%) have ended so.")
  Halt halt;

  @Option(names = {"--results", "--res"}, paramLabel = "NAME",
      description = "Save each job's stdout, stderr and seq under NAME, in GNU parallel's layout; print nothing.")
  String results;

  @Option(names = "--bar", description = "Show a progress bar on stderr.")
  boolean bar;

  @Parameters(arity = "0..*", paramLabel = "COMMAND ::: ARG",
      description = "The command, then ::: and its arguments (several ::: give the cross product), or :::: FILE; "
          + "without either, the lines of stdin.")
  List<String> words = List.of();

  /**
   * This command's options for {@link QuickArgs}: the annotations above, repeated (QuickArgsTest
   * checks that they agree). Fills this command's fields.
   */
  List<QuickArgs.Opt> quickOptions() {
    cloud = new CloudOption();
    pool = new PoolOption();
    return List.of(
        QuickArgs.withDefault(QuickArgs.valued("<cloud>", Converters::cloud, v -> cloud.cloud = v, "--cloud"),
            "local"),
        QuickArgs.withDefault(QuickArgs.valued("<pool>", dev.spm.Pools::parse, v -> pool.pool = v, "--pool"),
            "intra-all"),
        QuickArgs.integer("<jobs>", v -> jobs = v, "-j", "--jobs"),
        QuickArgs.valued("<timeout>", Durations::parse, v -> timeout = v, "--timeout"),
        QuickArgs.valued("SEQ", TermSeq::parse, v -> termseq = v, "--termseq"),
        QuickArgs.flag(v -> keepOrder = v, "-k", "--keep-order"),
        QuickArgs.flag(v -> tag = v, "--tag"),
        QuickArgs.flag(v -> dryRun = v, "--dry-run"),
        QuickArgs.string("FILE", v -> joblog = v, "--joblog", "--jl"),
        QuickArgs.flag(v -> resume = v, "--resume"),
        QuickArgs.flag(v -> resumeFailed = v, "--resume-failed"),
        QuickArgs.integer("N", v -> retries = v, "--retries"),
        QuickArgs.valued("WHEN,WHY=N", Halt::parse, v -> halt = v, "--halt", "--halt-on-error"),
        QuickArgs.string("NAME", v -> results = v, "--results", "--res"),
        QuickArgs.flag(v -> bar = v, "--bar"));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (jobs != null && jobs < 1) {
      throw bad("-j must be at least 1, but was " + jobs);
    }
    if (retries != null && retries < 0) {
      throw bad("--retries must not be negative, but was " + retries);
    }
    if ((resume || resumeFailed) && joblog == null && results == null) {
      throw bad("--resume and --resume-failed require --joblog or --results.");
    }
    InputSources.Parsed parsed = InputSources.parse(words);
    if (parsed.command().isEmpty() && parsed.fromStdin()) {
      throw bad("no command given; write spm run COMMAND ::: ARG...");
    }
    String quoteProblem = quotesChecked(parsed.command()) ? ShellSyntax.unbalancedQuote(String.join(" ",
        parsed.command())) : null;
    if (quoteProblem != null) {
      throw bad(quoteProblem);
    }
    Halt haltPolicy = halt == null ? Halt.never() : halt;
    boolean appendLog = joblog != null && joblog.startsWith("+");
    boolean logToStdout = "-".equals(joblog);
    Path logFile = joblog == null || logToStdout ? null : Path.of(appendLog ? joblog.substring(1) : joblog);
    ResumeLog.Done done = (resume || resumeFailed) && logFile != null ? ResumeLog.read(logFile, resumeFailed)
        : ResumeLog.Done.none();
    InputSources.Tuples tuples = InputSources.tuples(parsed.sources(), System.in);
    long totalJobs = -1;
    if (haltPolicy.percent()) { // a share of all jobs needs their number: read the input whole
      List<List<String>> all = new ArrayList<>();
      tuples.forEachRemaining(all::add);
      totalJobs = all.size();
      tuples = listed(all);
    }
    int sources = Math.max(1, parsed.sources().size());
    Results resultsLayout = results == null ? null : new Results(results, sources);
    Predicate<Job> alreadyDone = job -> done.contains(job.seq())
        || (resume && resultsLayout != null && resultsLayout.exist(job));
    Pool chosen = pool.pool;
    boolean local = Clouds.isLocal(cloud.cloud, chosen);
    int width = width(local, chosen);
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    OutputStream err = new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16);
    PrintStream messages = new PrintStream(err, false, StandardCharsets.UTF_8);
    if (dryRun) {
      return dryRun(parsed.command(), tuples, width, alreadyDone, out);
    }
    try (JobLog log = logToStdout ? JobLog.onStream(out)
        : logFile == null ? null : JobLog.open(logFile, appendLog || resume || resumeFailed)) {
      if (!tuples.hasNext()) {
        return ExitCodes.OK;
      }
      Path spoolDir = spoolDir();
      try {
        InputSources.Tuples counted = tuples;
        ProgressBar progress = bar ? new ProgressBar(messages, counted::knownTotal) : null;
        EndedJobs ended = new EndedJobs(keepOrder, tag, log, resultsLayout, haltPolicy,
            new Halt.Tally(haltPolicy, totalJobs, done.count()), progress, out, err, messages, spoolDir);
        JobSource source = new JobSource(parsed.command(), tuples, alreadyDone, new Slots(width), ended);
        boolean stoppedBySignal = local ? runLocal(width, source, ended, spoolDir, messages)
            : runOnSpokes(chosen, width, source, ended, spoolDir, messages);
        int status = ended.finish();
        return stoppedBySignal ? ExitCodes.BAD_INPUT : status;
      } finally {
        out.flush();
        err.flush();
        deleteTree(spoolDir);
      }
    }
  }

  /** Bad input: one line naming it, exit status 255 (both the picocli and the quick paths print it so). */
  private static IllegalArgumentException bad(String message) {
    return new IllegalArgumentException(message);
  }

  /** Values are quoted (so quotes in the command must balance) unless the first word holds a replacement string. */
  private static boolean quotesChecked(List<String> command) {
    if (command.isEmpty()) {
      return false;
    }
    String first = String.join(" ", command).split("\\s", 2)[0];
    return !Replacements.hasReplacement(first, 9);
  }

  /** Jobs at once: -j, or the pool's slots; capped for the pools that cannot grow. */
  private int width(boolean local, Pool chosen) {
    if (local) {
      int slots = Clouds.slots(chosen, Clouds.Shape.of(cloud.cloud));
      int w = jobs != null && chosen.kind() == Pool.Kind.INTRA_ALL ? jobs : slots;
      if (chosen.kind() == Pool.Kind.INTRA_ALL && chosen.cap() > 0) {
        w = Math.min(w, chosen.cap());
      }
      return Math.min(w, jobs != null ? jobs : w);
    }
    return jobs != null ? jobs : Clouds.slots(chosen, Clouds.Shape.of(cloud.cloud));
  }

  private boolean runLocal(int width, JobSource source, EndedJobs ended, Path spoolDir, PrintStream messages)
      throws InterruptedException {
    String runKey = "SPM_RUN_" + ProcessHandle.current().pid() + "_" + Long.toHexString(System.nanoTime());
    Map<String, String> env = Map.of(runKey, "1");
    Function<Job, Coprocess> coprocessOf = coprocessOf(env, null);
    boolean subreaper = ProcessTrees.becomeSubreaper();
    try (Watchdog watchdog = Watchdog.start(runKey, "1");
        Reaper reaper = subreaper ? Reaper.start(pid -> pid == watchdog.pid()) : null) {
      LocalLanes lanes = new LocalLanes(width, coprocessOf, tries(), spoolDir);
      StopSignals signals = StopSignals.install(lanes::stopNow, source::close);
      try {
        lanes.run(source, ended);
      } finally {
        // Each job's tree is confirmed gone when it ends; only a subreaper can be sure of that
        // cheaply, and only for the jobs that ended (not those a stop cut short): else sweep.
        if ((!subreaper || signals.stopped() || ended.stoppedNow())
            && !ProcessTrees.killTagged(runKey, "1", Duration.ZERO, Duration.ofSeconds(5))) {
          messages.println("spm: some of the jobs' processes could not be confirmed dead");
        }
      }
      return signals.stopped();
    }
  }

  @SuppressWarnings("try") // the session is held open for the run and closed after it
  private boolean runOnSpokes(Pool chosen, int width, JobSource source, EndedJobs ended, Path spoolDir,
      PrintStream messages) {
    String openCloud = Clouds.grownFor(cloud.cloud, chosen, width);
    int capped = Math.min(width, Clouds.slots(chosen, Clouds.Shape.of(openCloud)));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove(ProcessTrees.TAG_ENV);
    env.remove(ProcessTrees.SESSION_ENV);
    env.remove(ProcessTrees.SPOKE_ENV);
    Function<Job, Coprocess> coprocessOf = coprocessOf(env, Path.of("").toAbsolutePath());
    SpokeJobs spokes = new SpokeJobs(chosen, capped, coprocessOf, tries(), spoolDir, messages);
    try (Session session = Clouds.openFor(chosen, openCloud)) {
      StopSignals signals = StopSignals.install(spokes::stopNow, source::close);
      spokes.run(source, ended);
      return signals.stopped();
    }
  }

  private int tries() {
    return retries == null || retries == 0 ? 1 : retries;
  }

  private Function<Job, Coprocess> coprocessOf(Map<String, String> env, Path cwd) {
    String sequence = (termseq == null ? TermSeq.gnuDefault() : termseq).toString();
    Duration deadline = timeout == null || timeout.isZero() ? null : timeout;
    return job -> {
      Coprocess c = Coprocess.shell(job.line().isBlank() ? ":" : job.line()).env(env).termseq(sequence);
      if (cwd != null) {
        c = c.cwd(cwd);
      }
      return deadline == null ? c : c.timeout(deadline);
    };
  }

  private static int dryRun(List<String> command, Iterator<List<String>> tuples, int width,
      Predicate<Job> alreadyDone, OutputStream out) throws IOException {
    long seq = 0;
    while (tuples.hasNext()) {
      List<String> args = tuples.next();
      seq++;
      int slot = (int) ((seq - 1) % width) + 1;
      Job job = new Job(seq, args, Replacements.line(command, args, seq, slot), slot);
      if (!alreadyDone.test(job)) {
        out.write((job.line() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static InputSources.Tuples listed(List<List<String>> all) {
    Iterator<List<String>> it = all.iterator();
    return new InputSources.Tuples() {
      @Override
      public long knownTotal() {
        return all.size();
      }

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public List<String> next() {
        return it.next();
      }
    };
  }

  /**
   * A private directory for the jobs' output. Not Files.createTempDirectory: its SecureRandom
   * costs more start-up than a whole short run; the pid and the clock make the name unique, and
   * creating it fails rather than reuse another's.
   */
  private static Path spoolDir() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    var owner = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    for (int attempt = 0; ; attempt++) {
      Path dir = tmp.resolve("spm-run-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
      try {
        return Files.createDirectory(dir, owner);
      } catch (java.nio.file.FileAlreadyExistsException taken) {
        if (attempt == 10) {
          throw taken;
        }
      }
    }
  }

  /** Deletes {@code dir} and everything in it, as far as it can; never throws. */
  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a leftover in the temporary directory is harmless
    }
  }
}
