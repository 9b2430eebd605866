package dev.spm.examples.make;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the common Makefile subset into a {@link Makefile}.
 *
 * <p>The subset: variable assignments ({@code =}, {@code :=}, {@code ::=}, {@code ?=},
 * {@code +=}); explicit rules {@code targets: prereqs [| order-only] [; recipe]} with
 * tab-indented recipe lines; pattern rules ({@code %.o: %.c}); {@code .PHONY}; comments
 * ({@code #}, outside recipes); and backslash-newline continuation. Outside a recipe a
 * continuation and the whitespace around it become one space; inside a recipe the backslash and
 * newline stay, for the shell, and the next line's leading tab is dropped, as in make.
 *
 * <p>Not read (rejected with the line, so that a build never silently differs from make's):
 * conditionals ({@code ifeq}, {@code ifdef}, ...), {@code include}, {@code define}, double-colon
 * rules and target-specific variables; special targets that change how recipes run
 * ({@code .ONESHELL}, {@code .NOTPARALLEL}, {@code .DELETE_ON_ERROR}, {@code .SILENT}, ...).
 * Special targets that only matter to what this subset does not do ({@code .SUFFIXES},
 * {@code .PRECIOUS}, {@code .SECONDARY}, ...) are accepted and ignored.
 *
 * <p>As in make, the prerequisites of the rule line that has a target's recipe come first among
 * its prerequisites ({@code $<}), before those of lines without one, wherever those stand.
 */
final class MakefileParser {
  private static final Set<String> UNSUPPORTED = Set.of(
      "ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include", "-include", "sinclude", "define",
      "endef", "export", "unexport", "override", "vpath");
  /** Special targets about intermediate files, suffix rules and clocks: nothing this subset does. */
  private static final Set<String> IGNORED_SPECIAL = Set.of(
      ".SUFFIXES", ".PRECIOUS", ".SECONDARY", ".INTERMEDIATE", ".NOTINTERMEDIATE", ".LOW_RESOLUTION_TIME");

  private final Makefile makefile;
  private final PrintStream warnings;
  private List<Makefile.Line> recipe; // the recipe being read, or null outside a rule
  private List<Makefile.Rule> recipeRules = List.of();
  /** The prerequisites of the rule line being read, which come first for the rules it gives a recipe. */
  private List<String> recipeLinePrereqs = List.of();
  private Makefile.PatternRule recipePattern;

  private MakefileParser(Makefile makefile, PrintStream warnings) {
    this.makefile = makefile;
    this.warnings = warnings;
  }

  /**
   * Parses a Makefile's text.
   *
   * @param fileName the name used in messages ({@code Makefile})
   * @param variables where assignments go; the parser expands with it as it reads
   * @param warnings where make's warnings (an overridden recipe) go
   * @throws MakeError naming the line, for what the subset does not read or make would reject
   */
  static Makefile parse(String text, String fileName, Variables variables, PrintStream warnings) {
    MakefileParser parser = new MakefileParser(new Makefile(fileName, variables), warnings);
    parser.read(text);
    return parser.makefile;
  }

  private void read(String text) {
    String[] raw = text.split("\n", -1);
    int n = raw.length;
    if (n > 0 && raw[n - 1].isEmpty()) {
      n--;
    }
    for (int i = 0; i < n; i++) {
      int lineNo = i + 1;
      String line = stripCr(raw[i]);
      if (line.startsWith("\t") && recipe != null) {
        StringBuilder cmd = new StringBuilder(line.substring(1));
        while (endsWithContinuation(cmd) && i + 1 < n) {
          String next = stripCr(raw[++i]);
          cmd.append('\n').append(next.startsWith("\t") ? next.substring(1) : next);
        }
        recipe.add(new Makefile.Line(cmd.toString(), lineNo));
        continue;
      }
      StringBuilder logical = new StringBuilder(line);
      while (endsWithContinuation(logical) && i + 1 < n) {
        logical.setLength(logical.length() - 1);
        trimTrailing(logical);
        logical.append(' ').append(stripCr(raw[++i]).stripLeading());
      }
      String content = stripComment(logical.toString());
      if (content.isBlank()) {
        continue; // blank and comment lines do not end a recipe, as in make
      }
      if (content.startsWith("\t") && recipe == null) {
        throw MakeError.at(makefile.fileName, lineNo, "recipe commences before first target");
      }
      endRecipe();
      statement(content, lineNo);
    }
    endRecipe();
  }

  private void statement(String content, int lineNo) {
    String first = content.strip().split("\\s+", 2)[0];
    if (UNSUPPORTED.contains(first)) {
      throw MakeError.at(makefile.fileName, lineNo, "'" + first + "' is not in the Makefile subset this demo reads");
    }
    int at = Variables.topLevel(content, ':', '=');
    if (at < 0) {
      throw MakeError.at(makefile.fileName, lineNo, "missing separator");
    }
    char ch = content.charAt(at);
    if (ch == '=') {
      String name = content.substring(0, at);
      char op = name.isEmpty() ? ' ' : name.charAt(name.length() - 1);
      String value = content.substring(at + 1).stripLeading();
      switch (op) {
        case '+' -> makefile.variables.append(variable(name, 1, lineNo), value);
        case '?' -> makefile.variables.setIfUnset(variable(name, 1, lineNo), value);
        case '!' -> throw MakeError.at(makefile.fileName, lineNo, "'!=' is not in the Makefile subset this demo reads");
        default -> makefile.variables.setRecursive(variable(name, 0, lineNo), value);
      }
      return;
    }
    if (content.startsWith(":=", at) || content.startsWith("::=", at)) {
      int eq = content.indexOf('=', at);
      makefile.variables.setSimple(variable(content.substring(0, at), 0, lineNo), content.substring(eq + 1).stripLeading());
      return;
    }
    if (content.startsWith("::", at)) {
      throw MakeError.at(makefile.fileName, lineNo, "double-colon rules are not in the Makefile subset this demo reads");
    }
    rule(content.substring(0, at), content.substring(at + 1), lineNo);
  }

  private String variable(String lhs, int opChars, int lineNo) {
    String name = makefile.variables.expand(lhs.substring(0, lhs.length() - opChars)).strip();
    if (name.isEmpty()) {
      throw MakeError.at(makefile.fileName, lineNo, "empty variable name");
    }
    if (name.contains(" ") || name.contains("\t")) {
      throw MakeError.at(makefile.fileName, lineNo, "'" + name + "': target-specific variables and directives "
          + "are not in the Makefile subset this demo reads");
    }
    return name;
  }

  private void rule(String lhs, String rhs, int lineNo) {
    List<String> targets = Variables.words(makefile.variables.expand(lhs));
    if (targets.isEmpty()) {
      throw MakeError.at(makefile.fileName, lineNo, "missing target");
    }
    String inline = null;
    int semi = Variables.topLevel(rhs, ';');
    if (semi >= 0) {
      inline = rhs.substring(semi + 1).stripLeading();
      rhs = rhs.substring(0, semi);
    }
    if (Variables.topLevel(rhs, '=') >= 0) {
      throw MakeError.at(makefile.fileName, lineNo, "target-specific variables are not in the Makefile subset this demo reads");
    }
    List<String> prereqs = new ArrayList<>();
    List<String> orderOnly = new ArrayList<>();
    List<String> into = prereqs;
    for (String word : Variables.words(makefile.variables.expand(rhs))) {
      if (word.equals("|")) {
        into = orderOnly;
      } else {
        into.add(word);
      }
    }
    recipe = new ArrayList<>();
    if (inline != null && !inline.isBlank()) {
      recipe.add(new Makefile.Line(inline, lineNo));
    }
    boolean hasRecipe = inline != null; // "t: ;" gives an empty recipe
    if (targets.stream().anyMatch(t -> t.contains("%"))) {
      if (!targets.stream().allMatch(t -> t.contains("%"))) {
        throw MakeError.at(makefile.fileName, lineNo, "mixed implicit and normal rules");
      }
      // Each target pattern gets its own rule; make would run one recipe for all of them.
      for (String t : targets) {
        recipePattern = new Makefile.PatternRule(t, List.copyOf(prereqs), List.copyOf(orderOnly), recipe);
        makefile.patternRules.add(recipePattern);
      }
      recipeRules = List.of();
      return;
    }
    recipePattern = null;
    List<Makefile.Rule> rules = new ArrayList<>();
    for (String target : targets) {
      if (target.equals(".PHONY")) {
        makefile.phony.addAll(prereqs);
        continue;
      }
      if (target.startsWith(".") && target.indexOf('/') < 0 && target.chars().skip(1).allMatch(c ->
          Character.isUpperCase(c) || c == '_')) {
        if (IGNORED_SPECIAL.contains(target)) {
          continue;
        }
        throw MakeError.at(makefile.fileName, lineNo, "special target " + target + " is not supported by this "
            + "make (it would change how recipes run)");
      }
      if (makefile.firstTarget == null && !target.startsWith(".")) {
        makefile.firstTarget = target;
      }
      Makefile.Rule rule = makefile.rules.computeIfAbsent(target, Makefile.Rule::new);
      rule.prereqs.addAll(prereqs);
      rule.orderOnly.addAll(orderOnly);
      rules.add(rule);
    }
    recipeRules = rules;
    recipeLinePrereqs = List.copyOf(prereqs);
    if (hasRecipe) {
      for (Makefile.Rule rule : rules) {
        setRecipe(rule, lineNo);
      }
    }
  }

  private void setRecipe(Makefile.Rule rule, int lineNo) {
    if (rule.recipe != null && rule.recipe != recipe) {
      warnings.println(makefile.fileName + ":" + lineNo + ": warning: overriding recipe for target '" + rule.target + "'");
      if (!rule.recipe.isEmpty()) {
        warnings.println(makefile.fileName + ":" + rule.recipe.get(0).lineNo()
            + ": warning: ignoring old recipe for target '" + rule.target + "'");
      }
    }
    rule.recipe = recipe;
    // This line's prerequisites were added last: move them first, as make orders them.
    List<String> all = rule.prereqs;
    int n = recipeLinePrereqs.size();
    if (n > 0 && n < all.size() && all.subList(all.size() - n, all.size()).equals(recipeLinePrereqs)) {
      List<String> line = new ArrayList<>(all.subList(all.size() - n, all.size()));
      all.subList(all.size() - n, all.size()).clear();
      all.addAll(0, line);
    }
  }

  /** Called where a rule's recipe ends: rules that got recipe lines take the recipe. */
  private void endRecipe() {
    if (recipe != null && !recipe.isEmpty()) {
      for (Makefile.Rule rule : recipeRules) {
        if (rule.recipe != recipe) {
          int line = recipe.get(0).lineNo();
          setRecipe(rule, line);
        }
      }
    }
    recipe = null;
    recipeRules = List.of();
    recipeLinePrereqs = List.of();
    recipePattern = null;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** True if the text ends with an odd number of backslashes. */
  private static boolean endsWithContinuation(CharSequence s) {
    int k = s.length() - 1;
    int count = 0;
    while (k >= 0 && s.charAt(k) == '\\') {
      count++;
      k--;
    }
    return count % 2 == 1;
  }

  private static void trimTrailing(StringBuilder s) {
    while (!s.isEmpty() && Character.isWhitespace(s.charAt(s.length() - 1))) {
      s.setLength(s.length() - 1);
    }
  }

  /** Cuts a {@code #} comment; {@code \#} stands for a literal {@code #}. */
  private static String stripComment(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (int k = 0; k < line.length(); k++) {
      char ch = line.charAt(k);
      if (ch == '\\' && k + 1 < line.length() && line.charAt(k + 1) == '#') {
        out.append('#');
        k++;
      } else if (ch == '#') {
        break;
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
