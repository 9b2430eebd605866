package dev.spm.internal.hub;

import dev.spm.SpmInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed cloud spec: {@code local} (this machine, one slot per core) or {@code local:SxN} (S
 * virtual servers of N slots each, all on this machine, each with its own agent).
 */
public record CloudSpec(String text, int servers, int slotsPerServer, boolean virtual) {
  private static final Pattern VIRTUAL = Pattern.compile("local:(\\d+)x(\\d+)");
  private static final int MAX_SLOTS = 256;

  /** @throws SpmInputException naming the spec and the accepted forms */
  public static CloudSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw bad(spec, "it is empty");
    }
    String text = spec.trim();
    if (text.equals("local")) {
      return new CloudSpec(text, 1, Runtime.getRuntime().availableProcessors(), false);
    }
    Matcher m = VIRTUAL.matcher(text);
    if (!m.matches()) {
      throw bad(spec, "it is neither 'local' nor 'local:SxN'");
    }
    int servers;
    int slots;
    try {
      servers = Integer.parseInt(m.group(1));
      slots = Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      throw bad(spec, "a number is too large");
    }
    if (servers < 1 || slots < 1) {
      throw bad(spec, "servers and slots must be positive");
    }
    if ((long) servers * slots > MAX_SLOTS) {
      throw bad(spec, "more than " + MAX_SLOTS + " slots on one machine");
    }
    return new CloudSpec(text, servers, slots, true);
  }

  private static SpmInputException bad(String spec, String why) {
    return new SpmInputException("bad cloud spec '" + spec + "': " + why
        + "; expected 'local' or 'local:SxN' (S servers of N slots, e.g. local:3x2)");
  }
}
