package dev.spm;

import dev.spm.internal.Roles;

/**
 * Guards for the seed's {@code dassert}: where this code runs (hub or spoke) and in what
 * sequence-point state (online or offline). The {@code require} forms throw
 * {@link SpmUsageException} naming what was expected. Thread-safe.
 */
public final class Spm {
  private Spm() {}

  /** True in the user's process: the one that opens sessions and calls {@code manage}. */
  public static boolean amHub() {
    return !Roles.isSpoke();
  }

  /** True in a spoke process, which evaluates tasks. */
  public static boolean amSpoke() {
    return Roles.isSpoke();
  }

  /** On the hub, a manager is inside {@code manage}; on a spoke, a task is being evaluated. */
  public static boolean amOnline() {
    return Roles.online() != null;
  }

  public static boolean amOffline() {
    return Roles.online() == null;
  }

  /** @throws SpmUsageException if this process is not the hub */
  public static void requireHub() {
    if (!amHub()) {
      throw new SpmUsageException("this must run on the hub, but runs on a spoke");
    }
  }

  /** @throws SpmUsageException if this process is not a spoke */
  public static void requireSpoke() {
    if (!amSpoke()) {
      throw new SpmUsageException("this must run on a spoke, but runs on the hub");
    }
  }

  /** @throws SpmUsageException if offline */
  public static void requireOnline() {
    if (!amOnline()) {
      throw new SpmUsageException("this must run online (inside manage, or in a task), but runs offline");
    }
  }

  /** @throws SpmUsageException if online, naming what is online */
  public static void requireOffline() {
    String online = Roles.online();
    if (online != null) {
      throw new SpmUsageException("this must run offline, but '" + online + "' is online");
    }
  }
}
