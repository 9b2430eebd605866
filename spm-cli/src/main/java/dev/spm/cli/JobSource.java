package dev.spm.cli;

import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The jobs of a run, made one at a time as a runner asks for them, so the input is read only as
 * fast as jobs start. A job that an earlier run already did (--resume) keeps its number but is
 * skipped. Thread-safe.
 */
final class JobSource {
  private final List<String> command;
  private final Iterator<List<String>> tuples;
  private final Predicate<Job> alreadyDone;
  private final Slots slots;
  private final EndedJobs ended;
  private long seq;
  private volatile boolean closed;

  JobSource(List<String> command, Iterator<List<String>> tuples, Predicate<Job> alreadyDone, Slots slots,
      EndedJobs ended) {
    this.command = command;
    this.tuples = tuples;
    this.alreadyDone = alreadyDone;
    this.slots = slots;
    this.ended = ended;
  }

  /** The next job to run, its slot taken and its start counted; null when there is none or the source is closed. */
  synchronized Job next() {
    while (!closed && tuples.hasNext()) {
      List<String> args = tuples.next();
      long n = ++seq;
      int slot = slots.take(n);
      Job job = new Job(n, args, Replacements.line(command, args, n, slot), slot);
      if (alreadyDone.test(job)) {
        slots.give(slot);
        ended.skipped(n);
        continue;
      }
      ended.started(job);
      return job;
    }
    return null;
  }

  /** Gives a job's slot back once it has ended. */
  void release(Job job) {
    slots.give(job.slot());
  }

  /** Makes no more jobs (--halt soon, or a stop). */
  void close() {
    closed = true;
  }
}
