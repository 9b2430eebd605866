package dev.spm;

import java.time.Duration;
import java.util.Objects;

/**
 * The seed's options of {@code manage}: how many spokes to wait for and for how long, how long the
 * whole run may take, and the relaunch policy. Immutable; made by {@link #builder()}, which rejects
 * a bad value at once and names it.
 */
public final class ManageOptions {
  private static final ManageOptions DEFAULTS = builder().build();

  private final int nSpokesMin;
  private final int nSpokesMax;
  private final Duration timeoutWaitForSpokes;
  private final Duration timeoutExecution;
  private final int maxAttempts;
  private final boolean retryTimeouts;

  private ManageOptions(Builder b) {
    this.nSpokesMin = b.nSpokesMin;
    this.nSpokesMax = b.nSpokesMax;
    this.timeoutWaitForSpokes = b.timeoutWaitForSpokes;
    this.timeoutExecution = b.timeoutExecution;
    this.maxAttempts = b.maxAttempts;
    this.retryTimeouts = b.retryTimeouts;
  }

  /** nSpokesMin 1, nSpokesMax unbounded, timeoutWaitForSpokes 30 s, no timeoutExecution, 3 attempts. */
  public static ManageOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The fewest spokes {@code manage} needs; it waits up to {@link #timeoutWaitForSpokes()} for them. */
  public int nSpokesMin() {
    return nSpokesMin;
  }

  /** The most spokes {@code manage} will use, of those the pool selects. */
  public int nSpokesMax() {
    return nSpokesMax;
  }

  public Duration timeoutWaitForSpokes() {
    return timeoutWaitForSpokes;
  }

  /**
   * The longest {@code manage} may run once its spokes are up (waiting for them is bounded by
   * {@link #timeoutWaitForSpokes()}); null when unbounded.
   */
  public Duration timeoutExecution() {
    return timeoutExecution;
  }

  /** Attempts per task in all, when a spoke dies under it (3 by default). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Whether a task killed at its own deadline is attempted again (false by default). */
  public boolean retryTimeouts() {
    return retryTimeouts;
  }

  @Override
  public String toString() {
    return "ManageOptions[nSpokesMin=" + nSpokesMin + ", nSpokesMax=" + nSpokesMax + ", timeoutWaitForSpokes="
        + timeoutWaitForSpokes + ", timeoutExecution=" + timeoutExecution + ", maxAttempts=" + maxAttempts
        + ", retryTimeouts=" + retryTimeouts + "]";
  }

  /** Builds {@link ManageOptions}; each setter throws {@link SpmInputException} for a bad value. */
  public static final class Builder {
    private int nSpokesMin = 1;
    private int nSpokesMax = Integer.MAX_VALUE;
    private Duration timeoutWaitForSpokes = Duration.ofSeconds(30);
    private Duration timeoutExecution;
    private int maxAttempts = 3;
    private boolean retryTimeouts;

    private Builder() {}

    public Builder nSpokesMin(int n) {
      if (n < 0) {
        throw new SpmInputException("nSpokesMin must be zero or more, but was " + n);
      }
      this.nSpokesMin = n;
      return this;
    }

    public Builder nSpokesMax(int n) {
      if (n < 1) {
        throw new SpmInputException("nSpokesMax must be positive, but was " + n);
      }
      this.nSpokesMax = n;
      return this;
    }

    public Builder timeoutWaitForSpokes(Duration timeout) {
      this.timeoutWaitForSpokes = positive("timeoutWaitForSpokes", timeout);
      return this;
    }

    public Builder timeoutExecution(Duration timeout) {
      this.timeoutExecution = positive("timeoutExecution", timeout);
      return this;
    }

    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new SpmInputException("maxAttempts must be positive, but was " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    public Builder retryTimeouts(boolean retry) {
      this.retryTimeouts = retry;
      return this;
    }

    /** @throws SpmInputException if nSpokesMin exceeds nSpokesMax */
    public ManageOptions build() {
      if (nSpokesMin > nSpokesMax) {
        throw new SpmInputException("nSpokesMin (" + nSpokesMin + ") must not exceed nSpokesMax (" + nSpokesMax + ")");
      }
      return new ManageOptions(this);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new SpmInputException(name + " must be positive, but was " + d);
      }
      return d;
    }
  }
}
