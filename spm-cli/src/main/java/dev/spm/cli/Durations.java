package dev.spm.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as GNU parallel writes them: seconds, fractions allowed, each number with an
 * optional unit {@code s}, {@code m}, {@code h} or {@code d}, summed: {@code 1.5}, {@code 30s},
 * {@code 2m}, {@code 1h30m}, {@code 1d}.
 */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(?:(?:\\d+\\.?\\d*|\\.\\d+)[smhdSMHD])*(?:\\d+\\.?\\d*|\\.\\d+)?");
  private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([smhdSMHD]?)");

  private Durations() {}

  /**
   * The duration that {@code text} names.
   *
   * @throws IllegalArgumentException naming the text, if it is not such a duration
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty() || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; write seconds with an optional unit, "
          + "as in 1.5, 30s, 2m, 1h or 1d");
    }
    double seconds = 0;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      double value = Double.parseDouble(m.group(1));
      seconds += value * switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
        case "m" -> 60;
        case "h" -> 3600;
        case "d" -> 86400;
        default -> 1;
      };
    }
    if (seconds > 1e12) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
