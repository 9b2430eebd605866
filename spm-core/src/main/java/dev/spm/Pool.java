package dev.spm;

import java.util.List;
import java.util.Objects;

/**
 * A selection of the tracker's slots, resolved when {@code manage} starts. User code depends only
 * on this handle: the same code runs on the serial pool, on one machine, and on many servers.
 * Made by {@link Pools}. Immutable.
 */
public final class Pool {

  /** The seed's kinds of pool, plus serial and an explicit list of slots. */
  public enum Kind {
    /** In the hub's own process; arguments and results are still serialized. */
    SERIAL("serial"),
    /** Every slot on the hub's server. */
    INTRA_ALL("intra-all"),
    /** One slot on the hub's server. */
    INTRA_ONE_PER_SERVER("intra-one-per-server"),
    /** Every slot on every server. */
    INTER("inter"),
    /** One slot on each server. */
    INTER_ONE_PER_SERVER("inter-one-per-server"),
    /** Exactly the slots a previous {@code manage} used. */
    SLOTS("slots");

    private final String spec;

    Kind(String spec) {
      this.spec = spec;
    }

    /** The kebab-case name used on the command line. */
    public String spec() {
      return spec;
    }
  }

  private final Kind kind;
  private final int cap;
  private final List<String> slots;

  Pool(Kind kind, int cap, List<String> slots) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.cap = cap;
    this.slots = List.copyOf(slots);
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The cap: at most this many slots (for {@code inter-one-per-server}, servers), or 0 for none.
   */
  public int cap() {
    return cap;
  }

  /** For {@link Kind#SLOTS}, the slots by name ({@code server-1/slot-0}); otherwise empty. */
  public List<String> slots() {
    return slots;
  }

  /**
   * The same pool capped at {@code n} slots (servers, for the one-per-server kinds).
   *
   * @throws SpmInputException if n is not positive
   */
  public Pool limit(int n) {
    if (n < 1) {
      throw new SpmInputException("a pool's cap must be positive, but was " + n);
    }
    return new Pool(kind, n, slots);
  }

  public boolean isSerial() {
    return kind == Kind.SERIAL;
  }

  /** The command-line form: {@code inter:4}, {@code serial}. */
  @Override
  public String toString() {
    if (kind == Kind.SLOTS) {
      return "slots" + slots;
    }
    return cap == 0 ? kind.spec : kind.spec + ":" + cap;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pool p && p.kind == kind && p.cap == cap && p.slots.equals(slots);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, cap, slots);
  }
}
