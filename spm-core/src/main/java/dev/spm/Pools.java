package dev.spm;

import java.util.List;
import java.util.Locale;

/**
 * Factories for {@link Pool}s. The Java API names pools in camel case ({@code Pools.intraAll()});
 * the command line in kebab case ({@code intra-all}), parsed by {@link #parse(String)}.
 */
public final class Pools {
  private Pools() {}

  /** In the hub's own process, one task at a time; needs no cloud. */
  public static Pool serial() {
    return new Pool(Pool.Kind.SERIAL, 0, List.of());
  }

  /** Every slot on the hub's server. */
  public static Pool intraAll() {
    return new Pool(Pool.Kind.INTRA_ALL, 0, List.of());
  }

  /** One slot on the hub's server. */
  public static Pool intraOnePerServer() {
    return new Pool(Pool.Kind.INTRA_ONE_PER_SERVER, 0, List.of());
  }

  /** Every slot on every server. */
  public static Pool inter() {
    return new Pool(Pool.Kind.INTER, 0, List.of());
  }

  /** One slot on each server. */
  public static Pool interOnePerServer() {
    return new Pool(Pool.Kind.INTER_ONE_PER_SERVER, 0, List.of());
  }

  /**
   * Exactly the slots that a previous {@code manage} used: the seed's "resources with specific
   * incarnations of those utilized by cmdA".
   *
   * @throws SpmInputException if that run used no slot (it ran on the serial pool, say)
   */
  public static Pool sameAs(ManageResult previous) {
    if (previous.slots().isEmpty()) {
      throw new SpmInputException("the previous manage used no slot of the cloud (pool " + previous.pool()
          + "), so there is nothing to select");
    }
    return new Pool(Pool.Kind.SLOTS, 0, previous.slots());
  }

  /**
   * Parses a pool spec: {@code serial}, {@code intra-all}, {@code intra-one-per-server},
   * {@code inter}, {@code inter-one-per-server}, each optionally followed by {@code :N}, a cap.
   *
   * @throws SpmInputException naming the spec and the accepted forms
   */
  public static Pool parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw bad(spec, "it is empty");
    }
    String text = spec.trim().toLowerCase(Locale.ROOT);
    String name = text;
    int cap = 0;
    int colon = text.indexOf(':');
    if (colon >= 0) {
      name = text.substring(0, colon);
      String n = text.substring(colon + 1);
      try {
        cap = Integer.parseInt(n);
      } catch (NumberFormatException e) {
        throw bad(spec, "the cap '" + n + "' is not a whole number");
      }
      if (cap < 1) {
        throw bad(spec, "the cap must be positive");
      }
    }
    for (Pool.Kind kind : Pool.Kind.values()) {
      if (kind != Pool.Kind.SLOTS && kind.spec().equals(name)) {
        if (kind == Pool.Kind.SERIAL && cap != 0) {
          throw bad(spec, "the serial pool takes no cap");
        }
        return new Pool(kind, cap, List.of());
      }
    }
    throw bad(spec, "'" + name + "' is not a pool");
  }

  private static SpmInputException bad(String spec, String why) {
    return new SpmInputException("bad pool spec '" + spec + "': " + why
        + "; expected serial, intra-all, intra-one-per-server, inter or inter-one-per-server, optionally with :N");
  }
}
