package dev.spm.cli;

import java.util.List;

/**
 * The pure part of {@code spm run}: splitting its words at {@code :::} and making each job's
 * command line, with GNU parallel's meaning.
 */
public final class JobLines {
  /** The separator between the command and its arguments. */
  public static final String SEPARATOR = ":::";

  private JobLines() {}

  /**
   * The words of {@code spm run} split at the first {@code :::}.
   *
   * @param command the words before it
   * @param args the words after it
   * @param hasSeparator whether there was a {@code :::}; without one, arguments come from stdin
   */
  public record Split(List<String> command, List<String> args, boolean hasSeparator) {
    public Split {
      command = List.copyOf(command);
      args = List.copyOf(args);
    }
  }

  /** Splits at the first {@code :::}; a later {@code :::} is an ordinary argument. */
  public static Split split(List<String> words) {
    int at = words.indexOf(SEPARATOR);
    if (at < 0) {
      return new Split(words, List.of(), false);
    }
    return new Split(words.subList(0, at), words.subList(at + 1, words.size()), true);
  }

  /**
   * The command line of one job: the command's words joined by spaces, with every {@code {}}
   * replaced by the argument quoted as GNU parallel quotes it, or, without {@code {}}, the quoted
   * argument appended after a space. With no command, the argument itself is the command line.
   */
  public static String line(List<String> command, String arg) {
    if (command.isEmpty()) {
      return arg;
    }
    String joined = String.join(" ", command);
    String quoted = ShellQuote.gnuParallel(arg);
    return joined.contains("{}") ? joined.replace("{}", quoted) : joined + " " + quoted;
  }
}
