package dev.spm.cli;

import java.util.regex.Pattern;

/**
 * Quotes a string for {@code sh} exactly as GNU parallel quotes a replacement string
 * ({@code shell_quote_scalar_default} in its source): a string made only of
 * {@code -_.+/}, ASCII letters and digits stays as it is; the empty string becomes {@code ''};
 * anything else is put in single quotes, each single quote becoming {@code '"'"'}, and an
 * empty {@code ''} left at either end is dropped.
 */
public final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[-_.+a-zA-Z0-9/]+");

  private ShellQuote() {}

  /** Whether every character is one of {@code -_.+/}, an ASCII letter or digit (as {@link #SAFE}, without a regex). */
  private static boolean isSafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '+' || c == '/')) {
        return false;
      }
    }
    return true;
  }

  /** The quoted form of {@code s}; see the class comment. */
  public static String gnuParallel(String s) {
    if (s.isEmpty()) {
      return "''";
    }
    if (isSafe(s)) {
      return s;
    }
    String quoted = "'" + s.replace("'", "'\"'\"'") + "'";
    if (quoted.startsWith("''")) {
      quoted = quoted.substring(2);
    }
    if (quoted.endsWith("''")) {
      quoted = quoted.substring(0, quoted.length() - 2);
    }
    return quoted;
  }
}
