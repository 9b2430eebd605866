package dev.spm.cli;

/**
 * Finds an unbalanced quote in a command line as {@code sh} reads it: single quotes (nothing is
 * special inside), double quotes and backquotes (a backslash escapes the next character inside),
 * and a backslash outside quotes, which escapes the next character.
 */
final class ShellSyntax {
  private ShellSyntax() {}

  /**
   * A message naming the first quote left open, or null if every quote is closed.
   *
   * @param line the command line, as the shell will read it
   */
  static String unbalancedQuote(String line) {
    char open = 0;
    int at = -1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (open == '\'') {
        if (c == '\'') {
          open = 0;
        }
      } else if (c == '\\') {
        i++;
      } else if (open == 0 && (c == '\'' || c == '"' || c == '`')) {
        open = c;
        at = i;
      } else if (c == open) {
        open = 0;
      }
    }
    if (open == 0) {
      return null;
    }
    String name = switch (open) {
      case '\'' -> "single quote (')";
      case '"' -> "double quote (\")";
      default -> "backquote (`)";
    };
    return "the command has an unmatched " + name + " at character " + (at + 1) + ": " + line;
  }
}
