package dev.spm.examples.launcher;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.ListManager;
import dev.spm.ManageException;
import dev.spm.Pool;
import dev.spm.Report;
import dev.spm.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's launcher demo: each command runs as a coprocess task (a shell line, with a hard
 * deadline), and the status handler prints each one's stdout, stderr and status as the seed's
 * Demo C does. Progress lines ({@code Tasks - Eval}, {@code Tasks - EvalDone}) go to stderr.
 * The caller opens the session, if the pool needs one.
 */
public final class LauncherDemo {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private LauncherDemo() {}

  /**
   * Runs the commands over the pool and prints their reports to {@code out} as they arrive.
   *
   * @param timeout each command's deadline, or null for none
   * @return the number of commands that did not succeed
   */
  public static int run(Pool pool, Duration timeout, List<String> commands, PrintStream out, PrintStream err) {
    int[] failed = {0};
    ListManager<CoprocessResult> manager = ListManager.declare("launcher::main#" + RUNS.incrementAndGet(),
        (Report<CoprocessResult> r) -> {
          if (!print(r, commands, out)) {
            failed[0]++;
          }
        });
    Path cwd = Path.of("").toAbsolutePath();
    for (int i = 0; i < commands.size(); i++) {
      Coprocess c = Coprocess.shell(commands.get(i)).cwd(cwd);
      if (timeout != null) {
        c = c.timeout(timeout);
      }
      manager.submit(Task.of("cmd" + (i + 1), Coprocess::run, c));
    }
    err.println("Tasks - Eval");
    err.flush();
    int reported;
    try {
      manager.manage(pool);
      reported = commands.size();
    } catch (ManageException e) {
      err.println("spm: " + e.getMessage());
      reported = commands.size() - e.unreported().size();
      failed[0] += e.unreported().size();
    }
    err.println("Tasks - EvalDone");
    err.flush();
    return failed[0];
  }

  /** Prints one report in the seed's Demo C way; returns whether the command succeeded. */
  static boolean print(Report<CoprocessResult> r, List<String> commands, PrintStream out) {
    int index = Integer.parseInt(r.label().substring(3)) - 1;
    out.println("== " + r.label() + ": " + commands.get(index));
    boolean ok;
    if (r.succeeded()) {
      CoprocessResult c = r.value();
      if (!c.stdout().isEmpty()) {
        out.println("-- stdout");
        out.print(withNewline(c.stdout()));
      }
      if (!c.stderr().isEmpty()) {
        out.println("-- stderr");
        out.print(withNewline(c.stderr()));
      }
      String how = c.timedOut() ? "timed out"
          : c.signal().isPresent() ? "killed by signal " + c.signal().getAsInt()
          : "exit " + c.exitCode();
      ok = c.exitCode() == 0 && !c.timedOut() && c.signal().isEmpty();
      out.println(String.format(Locale.ROOT, "-- status: %s, %s, %.3f s on %s", ok ? "ok" : "failed", how,
          c.wallTime().toNanos() / 1e9, r.origin().spoke()));
    } else {
      out.println("-- status: " + r.failure().orElseThrow().getClass().getSimpleName() + ": "
          + r.failure().orElseThrow().getMessage());
      ok = false;
    }
    out.flush();
    return ok;
  }

  private static String withNewline(String s) {
    return s.endsWith("\n") ? s : s + "\n";
  }
}
