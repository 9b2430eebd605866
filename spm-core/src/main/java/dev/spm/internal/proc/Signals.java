package dev.spm.internal.proc;

import java.util.Collection;

/**
 * Sends a signal to processes and process groups, with the targets of {@code kill(2)}: a
 * positive number is a pid, a negative one a process group. Delivery is best effort: a target
 * that has already gone is not an error, because callers confirm deaths by scanning {@code /proc}.
 */
interface Signals {
  int TERM = 15;
  int KILL = 9;

  /** The system property that, set to {@code true}, forces {@link KillCommand}. */
  String FORCE_FALLBACK = "spm.proc.forceFallback";

  void send(int signal, Collection<Long> targets);

  /** Whether this sends through libc; false for the {@code kill} command. */
  boolean isNative();

  /**
   * The native sender when {@link Libc} is available, else {@link KillCommand}. Whether libc is
   * available is decided once per JVM; the {@value #FORCE_FALLBACK} property is read on every
   * call so that a test can set and clear it.
   */
  static Signals current() {
    if (Boolean.getBoolean(FORCE_FALLBACK)) {
      return KillCommand.INSTANCE;
    }
    return Libc.get().<Signals>map(NativeSignals::new).orElse(KillCommand.INSTANCE);
  }

  /** Signals through {@code kill(2)} in libc. */
  record NativeSignals(Libc libc) implements Signals {
    @Override
    public void send(int signal, Collection<Long> targets) {
      for (long target : targets) {
        libc.kill(target, signal);
      }
    }

    @Override
    public boolean isNative() {
      return true;
    }
  }
}
