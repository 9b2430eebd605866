package dev.spm.cli;

import java.util.List;

/**
 * One job's command line for a single argument, with GNU parallel's meaning; see
 * {@link Replacements} for the general case.
 */
public final class JobLines {
  private JobLines() {}

  /**
   * The command line of one job: the command's words joined by spaces, with every {@code {}}
   * replaced by the argument quoted as GNU parallel quotes it, or, without {@code {}}, the quoted
   * argument appended after a space. With no command, the argument itself is the command line.
   */
  public static String line(List<String> command, String arg) {
    return Replacements.line(command, List.of(arg), 1, 1);
  }
}
