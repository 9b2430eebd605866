package dev.spm.internal;

import dev.spm.SpmUsageException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's role (hub or spoke) and sequence-point state (online or offline), behind the
 * public guards in {@link dev.spm.Spm}. A process is a hub unless a spoke's main method said
 * otherwise. On the hub, online means a manager is inside {@code manage}; on a spoke, that a task
 * is being evaluated.
 */
public final class Roles {
  private Roles() {}

  private static volatile boolean spoke;
  private static volatile String online;
  private static final Set<String> DECLARED = ConcurrentHashMap.newKeySet();

  public static void becomeSpoke() {
    spoke = true;
  }

  public static boolean isSpoke() {
    return spoke;
  }

  /** The name of what is online (a manager, or a task on a spoke), or null when offline. */
  public static String online() {
    return online;
  }

  /**
   * Brings this process online for the named manager.
   *
   * @throws SpmUsageException if another manager (or the same) is already online: nested manage
   */
  public static synchronized void enterOnline(String name) {
    if (online != null) {
      throw new SpmUsageException("manage of '" + name + "' was called while '" + online + "' is online; "
          + "nested or concurrent manage is not allowed: at most one manager is online at a time");
    }
    online = name;
  }

  public static synchronized void exitOnline() {
    online = null;
  }

  /**
   * Records a declaration.
   *
   * @throws SpmUsageException if the name is taken, or a manager is online
   */
  public static synchronized void declare(String kind, String name) {
    if (name == null || name.isBlank()) {
      throw new SpmUsageException(kind + " needs a non-empty name");
    }
    if (online != null) {
      throw new SpmUsageException("cannot declare " + kind + " '" + name + "' while '" + online
          + "' is online; declare managers and channels while offline");
    }
    if (!DECLARED.add(name)) {
      throw new SpmUsageException(kind + " '" + name + "' is already declared; names must be unique in a process");
    }
  }
}
