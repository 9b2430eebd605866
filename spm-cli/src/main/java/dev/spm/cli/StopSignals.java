package dev.spm.cli;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM stop {@code spm run} as they stop GNU parallel: the running jobs are killed
 * (each with its kill sequence), nothing more is logged or printed, and the exit status is 255.
 * SIGHUP, as in GNU parallel, starts no new job and lets the running ones finish. The handlers
 * replace the JVM's own (which would exit at once, without killing anything).
 */
final class StopSignals {
  private final Runnable stopNow;
  private volatile boolean stopped;

  private StopSignals(Runnable stopNow) {
    this.stopNow = stopNow;
  }

  /** Installs the handlers; each runs on a thread of its own, the JVM's signal dispatcher. */
  static StopSignals install(Runnable stopNow, Runnable stopSoon) {
    StopSignals signals = new StopSignals(stopNow);
    Signal.handle(new Signal("INT"), s -> signals.now());
    Signal.handle(new Signal("TERM"), s -> signals.now());
    Signal.handle(new Signal("HUP"), s -> stopSoon.run());
    return signals;
  }

  private void now() {
    stopped = true;
    stopNow.run();
  }

  /** Whether SIGINT or SIGTERM stopped the run. */
  boolean stopped() {
    return stopped;
  }
}
