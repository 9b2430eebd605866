package dev.spm.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What snippets in tests report, reached from JShell on the class path (so it must be public). */
public final class ShellProbe {
  private ShellProbe() {}

  public static final List<Object> SEEN = new CopyOnWriteArrayList<>();
}
