package dev.spm.cli;

import dev.spm.Coprocess;
import dev.spm.ListManager;
import dev.spm.ManageException;
import dev.spm.ManageOptions;
import dev.spm.Pool;
import dev.spm.Report;
import dev.spm.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs the jobs on a pool's spokes, through a List manager: each job is a {@link RunJob} task.
 * Used for virtual clouds and inter pools. The calling thread runs the manager and the status
 * handler.
 *
 * <pre>
 * Overview.
 * Jobs are made as the manager pulls tasks. --halt soon closes the source and creates the halt
 * file, which a spoke looks at before it starts a job, so that jobs already sent but not begun
 * do not start. --halt now throws from the status handler: the manager kills the spokes' trees
 * and throws, and the run ends. A stop by signal interrupts the manage thread, to the same end.
 * Spokes kill a program at its deadline with its kill sequence; the manager's own kills (halt
 * now, a signal) are SIGKILL to the spokes' trees.
 * </pre>
 */
final class SpokeJobs {
  private final Pool pool;
  private final int width;
  private final Function<Job, Coprocess> coprocessOf;
  private final int tries;
  private final Path spoolDir;
  private final Path haltFile;
  private final PrintStream messages;
  private volatile Thread manageThread;
  private JobSource source;
  private EndedJobs ended;

  /** Thrown from the status handler to stop the manager at once. */
  private static final class HaltNow extends RuntimeException {
    HaltNow() {
      super("--halt now", null, false, false);
    }
  }

  SpokeJobs(Pool pool, int width, Function<Job, Coprocess> coprocessOf, int tries, Path spoolDir,
      PrintStream messages) {
    this.pool = pool;
    this.width = width;
    this.coprocessOf = coprocessOf;
    this.tries = Math.max(1, tries);
    this.spoolDir = spoolDir;
    this.haltFile = spoolDir.resolve("halt");
    this.messages = messages;
  }

  void run(JobSource source, EndedJobs ended) {
    this.source = source;
    this.ended = ended;
    this.manageThread = Thread.currentThread();
    Map<Long, Job> running = new ConcurrentHashMap<>();
    ListManager<RunJob.Outcome> manager = ListManager.declare("spm::run", (Report<RunJob.Outcome> r) -> {
      Job job = running.remove(Long.parseLong(r.label().substring("job ".length())));
      source.release(job);
      if (!r.succeeded()) {
        ended.lost(job, r.failure().orElseThrow().getMessage());
        return;
      }
      RunJob.Outcome o = r.value();
      if (o.skipped()) {
        ended.withdrawn(job);
        return;
      }
      JobEnd end = new JobEnd(job, o.startMillis(), o.wallNanos(), o.exitCode(), o.signal(), o.timedOut(),
          output(o.stdoutFile(), o.stdout()), output(o.stderrFile(), o.stderr()));
      switch (ended.ended(end)) {
        case SOON -> haltSoon();
        case NOW -> throw new HaltNow();
        default -> { }
      }
    });
    manager.submitAll(new Iterator<Task<RunJob.Outcome>>() {
      private Job next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          next = source.next();
        }
        return next != null;
      }

      @Override
      public Task<RunJob.Outcome> next() {
        hasNext();
        Job job = next;
        next = null;
        running.put(job.seq(), job);
        return Task.of("job " + job.seq(), RunJob::run, coprocessOf.apply(job), tries, spoolDir.toString(),
            haltFile.toString());
      }
    });
    try {
      manager.manage(pool, ManageOptions.builder().nSpokesMax(width).timeoutWaitForSpokes(Duration.ofSeconds(60))
          .build());
    } catch (ManageException e) {
      if (!(e.getCause() instanceof HaltNow) && !Thread.currentThread().isInterrupted()) {
        messages.println("spm: " + e.getMessage());
        messages.flush();
        for (Job job : running.values()) {
          ended.lost(job, "job " + job.seq() + " got no report: " + job.line());
        }
      }
    } finally {
      manageThread = null;
      Thread.interrupted();
    }
  }

  /** Stops now: no new job starts, and the manager kills the spokes' trees. */
  void stopNow() {
    source.close();
    ended.stopNow();
    haltSoon();
    Thread t = manageThread;
    if (t != null) {
      t.interrupt();
    }
  }

  private void haltSoon() {
    source.close();
    try {
      Files.writeString(haltFile, "halt\n");
    } catch (IOException e) {
      messages.println("spm: could not write " + haltFile + "; jobs already sent to spokes will still run: " + e);
    }
  }

  private static JobOutput output(String file, byte[] bytes) {
    return file != null ? new JobOutput.Spooled(Path.of(file)) : new JobOutput.Bytes(bytes);
  }
}
