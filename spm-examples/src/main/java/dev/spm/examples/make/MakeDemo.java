package dev.spm.examples.make;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.DagManager;
import dev.spm.ManageException;
import dev.spm.ManageOptions;
import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Report;
import dev.spm.Session;
import dev.spm.SpmException;
import dev.spm.Task;
import dev.spm.TaskDropped;
import dev.spm.TaskException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code spm demo make}: a parallel make on {@link DagManager}, each recipe line a coprocess task.
 *
 * <pre>
 * DIR [-j N] [-k] [--cloud C] [--pool P] [TARGET...]
 * </pre>
 *
 * <p>It reads {@code DIR/Makefile} (the subset {@link MakefileParser} describes), plans what is
 * out of date ({@link BuildPlan}) and runs it in {@code DIR} over a pool: by default
 * {@code intra-all} on a session it opens on cloud {@code local}, or {@code local:1xN} with
 * {@code -j N} (then at most N recipe lines run at once); {@code --pool serial} runs them one at
 * a time in this process and opens no session. If a session is already open in this process it is
 * used, and left open. A session this demo opens is closed before {@link #run} returns.
 *
 * <p>As make does, each recipe line runs in its own shell ({@code sh -c line}, in order: a line
 * starts when the previous line of its recipe has succeeded). A line is echoed unless it starts
 * with {@code @}; a line starting with {@code -} may fail. As make does, a line is echoed when it
 * is started (handed to the pool); its whole output is printed when it ends, as GNU make's
 * {@code --output-sync} does: the stdout of a line goes to {@code out}, its stderr to {@code err}.
 *
 * <p>A failing line stops the build as make does: nothing new starts, running lines finish, and
 * {@code make: *** [Makefile:LINE: target] Error N} goes to {@code err}; with {@code -k} the build
 * goes on with everything that does not depend on the failure. Either way the exit status is 2.
 * With nothing to do it prints {@code make: 'target' is up to date.}, and opens no session.
 *
 * <p>The library never exits the JVM; {@link #main} does, with {@link #run}'s status.
 */
public final class MakeDemo {
  /** Exit status of a successful build. */
  public static final int OK = 0;
  /** Exit status of a failed build, a bad Makefile or bad arguments, as make's. */
  public static final int FAILED = 2;

  private static final String USAGE = "usage: make DIR [-j N] [-k] [--cloud C] [--pool P] [TARGET...]";
  private static final AtomicInteger RUNS = new AtomicInteger();
  /** The JVM options of the spokes of a session this demo opens. */
  static final List<String> SPOKE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private MakeDemo() {}

  /** The parsed command line. {@code jobs} is 0 when {@code -j} was not given. */
  record Options(Path dir, int jobs, boolean keepGoing, String cloud, Pool pool, List<String> goals) {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /**
   * Builds as described in the class comment. Runs on the calling thread; not to be called
   * concurrently with another {@code manage} in this process.
   *
   * @return 0 if everything asked for is built or up to date; 2 if a recipe failed, the Makefile
   *     or the arguments are bad, or the runtime could not run the build (the message says which)
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, id -> { });
  }

  /** {@link #run(List, PrintStream, PrintStream)}, telling the id of a session it opens, for tests. */
  static int run(List<String> args, PrintStream out, PrintStream err, Consumer<String> sessionOpened) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("make: " + e.getMessage());
      err.println(USAGE);
      return FAILED;
    }
    Path makefilePath = options.dir().resolve("Makefile");
    if (!Files.isRegularFile(makefilePath)) {
      err.println("make: *** No targets specified and no makefile found in " + options.dir() + ".  Stop.");
      return FAILED;
    }
    BuildPlan plan;
    try {
      String text = Files.readString(makefilePath, StandardCharsets.UTF_8);
      Makefile makefile = MakefileParser.parse(text, "Makefile", new Variables(System.getenv(), options.dir()), err);
      plan = BuildPlan.of(makefile, options.dir(), options.goals());
    } catch (MakeError e) {
      err.println("make: *** " + e.getMessage() + ".  Stop.");
      return FAILED;
    } catch (IOException e) {
      err.println("make: *** cannot read " + makefilePath + ": " + e + ".  Stop.");
      return FAILED;
    }
    if (!plan.steps().isEmpty()) {
      int status = build(plan, options, out, err, sessionOpened);
      if (status != OK) {
        return status;
      }
    }
    for (String goal : plan.goals()) {
      if (!plan.hasWork(goal)) {
        out.println(plan.isFileWithRecipe(goal) ? "make: '" + goal + "' is up to date."
            : "make: Nothing to be done for '" + goal + "'.");
      }
    }
    out.flush();
    return OK;
  }

  /* Overview: the plan's steps become the DAG's tasks, labelled as the steps are, each waiting
   * for the steps its target's prerequisites need. The handler runs on this thread, one report
   * at a time, so the bookkeeping below needs no locks. */
  private static int build(BuildPlan plan, Options options, PrintStream out, PrintStream err,
      Consumer<String> sessionOpened) {
    Map<String, BuildPlan.Step> byLabel = new HashMap<>();
    for (BuildPlan.Step step : plan.steps()) {
      byLabel.put(step.label(), step);
    }
    Set<String> unmade = new HashSet<>();
    boolean[] failed = {false};
    DagManager<CoprocessResult> dag = DagManager.<CoprocessResult>declare("make-" + RUNS.incrementAndGet(),
        report -> {
          BuildPlan.Step step = byLabel.get(report.label());
          if (!report.succeeded()) {
            unmade.add(step.target().name);
            failed[0] = true;
          }
          print(step, report, out, err);
        }).onFailure(options.keepGoing() ? DagManager.OnFailure.KEEP_GOING : DagManager.OnFailure.FINISH_RUNNING)
        .onRelease(label -> {
          BuildPlan.Step step = byLabel.get(label);
          if (step.echo()) {
            out.println(step.command()); // as make: echoed when started, output when done
            out.flush();
          }
        });
    for (BuildPlan.Step step : plan.steps()) {
      Coprocess line = Coprocess.shell(step.command()).cwd(options.dir());
      dag.add(Task.of(step.label(), RecipeLine::run, line, step.ignoreErrors()), step.dependsOn());
    }
    ManageOptions manageOptions = options.jobs() > 0
        ? ManageOptions.builder().nSpokesMax(options.jobs()).build() : ManageOptions.defaults();
    Session opened = null;
    try {
      if (!options.pool().isSerial() && Session.current().isEmpty()) {
        // Spokes that run recipes mostly wait for gcc: the quick compiler alone costs them less CPU,
        // which is the CPU the recipes want (measured: about half a second of C2 per spoke per build).
        opened = Session.builder(options.cloud()).spokeJvmOptions(SPOKE_JVM_OPTIONS).open();
        sessionOpened.accept(opened.id());
      }
      dag.manage(options.pool(), manageOptions);
    } catch (ManageException e) {
      err.println("make: *** " + e.getMessage());
      return FAILED;
    } catch (SpmException e) {
      err.println("make: *** " + e.getMessage() + ".  Stop.");
      return FAILED;
    } finally {
      out.flush();
      if (opened != null) {
        opened.close();
      }
    }
    if (!failed[0]) {
      return OK;
    }
    if (options.keepGoing()) {
      for (String goal : plan.goals()) {
        Set<String> needs = plan.closure(goal);
        needs.retainAll(unmade);
        if (!needs.isEmpty()) {
          err.println("make: Target '" + goal + "' not remade because of errors.");
        }
      }
    }
    err.flush();
    return FAILED;
  }

  private static void print(BuildPlan.Step step, Report<CoprocessResult> report, PrintStream out, PrintStream err) {
    String where = "[Makefile:" + step.lineNo() + ": " + step.target().name + "]";
    TaskException failure = report.failure().orElse(null);
    if (failure instanceof TaskDropped) {
      return; // make says nothing of what it did not start
    }
    if (failure == null) {
      CoprocessResult result = report.value();
      out.print(result.stdout());
      out.flush();
      err.print(result.stderr());
      if (result.exitCode() != 0) {
        err.println("make: " + where + " Error " + result.exitCode() + " (ignored)");
      }
      err.flush();
      return;
    }
    out.flush();
    RecipeLine.Failure line = RecipeLine.failure(failure.getCause()).orElse(null);
    if (line != null) {
      out.print(line.stdout());
      out.flush();
      err.print(line.stderr());
      err.println("make: *** " + where + (line.timedOut() ? " timed out" : " Error " + line.exitCode()));
    } else {
      err.println("make: *** " + where + " " + failure.getMessage());
    }
    err.flush();
  }

  static Options parse(List<String> args) {
    Path dir = null;
    int jobs = 0;
    boolean keepGoing = false;
    String cloud = null;
    String pool = "intra-all";
    List<String> goals = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-k") || a.equals("--keep-going")) {
        keepGoing = true;
      } else if (a.equals("-j") || a.startsWith("-j") && a.length() > 2) {
        String n = a.length() > 2 ? a.substring(2) : value(args, ++i, "-j");
        try {
          jobs = Integer.parseInt(n);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("-j takes a positive number, but was '" + n + "'");
        }
        if (jobs < 1) {
          throw new IllegalArgumentException("-j takes a positive number, but was " + jobs);
        }
      } else if (a.equals("--cloud")) {
        cloud = value(args, ++i, a);
      } else if (a.equals("--pool")) {
        pool = value(args, ++i, a);
      } else if (a.startsWith("-") && !a.equals("-")) {
        throw new IllegalArgumentException("unknown option '" + a + "'");
      } else if (dir == null) {
        dir = Path.of(a).toAbsolutePath().normalize();
      } else {
        goals.add(a);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("missing DIR");
    }
    Pool parsed;
    try {
      parsed = Pools.parse(pool);
    } catch (SpmException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    if (cloud == null) {
      cloud = jobs > 0 ? "local:1x" + jobs : "local";
    }
    return new Options(dir, jobs, keepGoing, cloud, parsed, List.copyOf(goals));
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("option '" + option + "' needs a value");
    }
    return args.get(i);
  }
}
