package dev.spm.internal.proc;

/** Waits that must finish even when the thread is interrupted, keeping the interrupt for later. */
final class Interrupts {
  private Interrupts() {}

  static void awaitUninterruptibly(Process process) {
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Joins {@code thread}, if not null. */
  static void awaitUninterruptibly(Thread thread) {
    if (thread == null) {
      return;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
