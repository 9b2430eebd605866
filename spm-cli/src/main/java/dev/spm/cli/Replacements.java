package dev.spm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU parallel's replacement strings in a job's command line: {@code {}}, {@code {.}},
 * {@code {/}}, {@code {//}}, {@code {/.}}, {@code {#}} (job number, from 1), {@code {%}} (slot,
 * 1..j), and {@code {n}}, {@code {n.}}, {@code {n/}}, {@code {n//}}, {@code {n/.}} for the n-th
 * input source. Each value is quoted as GNU parallel quotes it, except, as in GNU parallel, when
 * the command's first word holds a replacement string (as in {@code spm run '{}' ::: 'echo a'}):
 * then no value is quoted. {@code {}} and its forms stand for every argument, joined by spaces.
 * Without any replacement string, the arguments are appended, quoted.
 */
public final class Replacements {
  private static final Pattern REPLACEMENT = Pattern.compile("\\{(?:(#)|(%)|(\\d*)(//|/\\.|/|\\.)?)\\}");

  private Replacements() {}

  /**
   * The command line of one job.
   *
   * @param command the command's words, joined by spaces; with none, the arguments themselves
   *     (unquoted) make the command line
   * @param args the job's arguments, one per input source
   * @param seq the job number, from 1
   * @param slot the slot, from 1
   */
  public static String line(List<String> command, List<String> args, long seq, int slot) {
    if (command.isEmpty()) {
      return String.join(" ", args);
    }
    String joined = String.join(" ", command);
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    if (joined.indexOf('{') < 0) { // no replacement string, for sure: no regex
      out.append(joined);
    } else {
      Matcher m = REPLACEMENT.matcher(joined);
      boolean quote = !(m.find() && m.start() < firstWordEnd(joined));
      replaced = replace(joined, args, seq, slot, quote, out);
    }
    if (!replaced) {
      for (String arg : args) {
        out.append(' ').append(ShellQuote.gnuParallel(arg));
      }
    }
    return out.toString();
  }

  /**
   * A text with its replacement strings replaced by the values as they are, never quoted; the
   * text itself when it holds none (as GNU parallel does for {@code --results NAME}).
   */
  public static String unquoted(String text, List<String> args, long seq, int slot) {
    StringBuilder out = new StringBuilder();
    replace(text, args, seq, slot, false, out);
    return out.toString();
  }

  /** Whether the text holds a replacement string for these arguments. */
  public static boolean hasReplacement(String text, int sources) {
    List<String> blanks = java.util.Collections.nCopies(Math.max(sources, 1), "");
    return replace(text, blanks, 1, 1, false, new StringBuilder());
  }

  private static boolean replace(String joined, List<String> args, long seq, int slot, boolean quote,
      StringBuilder out) {
    Matcher m = REPLACEMENT.matcher(joined);
    boolean replaced = false;
    while (m.find()) {
      String value;
      if (m.group(1) != null) {
        value = Long.toString(seq);
      } else if (m.group(2) != null) {
        value = Integer.toString(slot);
      } else {
        String modifier = m.group(4) == null ? "" : m.group(4);
        if (m.group(3).isEmpty()) {
          List<String> quoted = new ArrayList<>(args.size());
          for (String arg : args) {
            quoted.add(quoted(quote, apply(modifier, arg)));
          }
          value = String.join(" ", quoted);
        } else {
          int n = Integer.parseInt(m.group(3));
          if (n < 1 || n > args.size()) {
            continue; // not a replacement string here: left as it is
          }
          value = quoted(quote, apply(modifier, args.get(n - 1)));
        }
      }
      replaced = true;
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return replaced;
  }

  private static String quoted(boolean quote, String value) {
    return quote ? ShellQuote.gnuParallel(value) : value;
  }

  private static int firstWordEnd(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return s.length();
  }

  /** One argument with a modifier: "" (as it is), ".", "/", "//" or "/.". */
  static String apply(String modifier, String arg) {
    return switch (modifier) {
      case "." -> noExtension(arg);
      case "/" -> basename(arg);
      case "//" -> dirname(arg);
      case "/." -> noExtension(basename(arg));
      default -> arg;
    };
  }

  /** GNU parallel's {@code {.}}: {@code s:\.[^/.]*$::}. */
  static String noExtension(String s) {
    int dot = s.lastIndexOf('.');
    return dot >= 0 && s.indexOf('/', dot) < 0 ? s.substring(0, dot) : s;
  }

  /** GNU parallel's {@code {/}}: {@code s:^.*\/::}. */
  static String basename(String s) {
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /** GNU parallel's {@code {//}}: Perl's {@code File::Basename::dirname}. */
  static String dirname(String s) {
    String path = s;
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    String dir = path.substring(0, slash);
    while (dir.endsWith("/")) {
      dir = dir.substring(0, dir.length() - 1);
    }
    return dir.isEmpty() ? "/" : dir;
  }
}
