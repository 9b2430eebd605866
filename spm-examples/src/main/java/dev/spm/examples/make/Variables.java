package dev.spm.examples.make;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Make's variables and their expansion: {@code $(VAR)}, {@code ${VAR}}, {@code $X}, {@code $$},
 * substitution references {@code $(VAR:.c=.o)}, and the functions {@code subst}, {@code patsubst},
 * {@code wildcard}, {@code addprefix}, {@code addsuffix}, {@code notdir}, {@code basename}.
 *
 * <p>A variable set with {@code =} is recursive: its value is kept as written and expanded each
 * time it is used, so it sees variables defined after it. One set with {@code :=} is simple: its
 * value is expanded once, when it is set. As in make, a variable not set in the Makefile is
 * looked up in the environment, then among a few of make's built-in defaults ({@code CC},
 * {@code RM}, ...). Not thread-safe; a Makefile is read and planned on one thread.
 */
final class Variables {
  /** GNU make's defaults for the variables Makefiles most often use without setting them. */
  private static final Map<String, String> DEFAULTS = Map.of(
      "CC", "cc", "CXX", "g++", "CPP", "$(CC) -E", "AR", "ar", "ARFLAGS", "rv", "RM", "rm -f",
      "SHELL", "/bin/sh", "MAKE", "make");

  private record Value(String text, boolean recursive) {}

  private final Map<String, Value> values = new LinkedHashMap<>();
  private final Map<String, String> environment;
  private final Path dir;
  private final Set<String> expanding = new HashSet<>();

  /**
   * @param environment the variables make imports from its environment
   * @param dir the directory that {@code $(wildcard)} looks in
   */
  Variables(Map<String, String> environment, Path dir) {
    this.environment = Map.copyOf(environment);
    this.dir = dir;
    // Set by make, not read from the environment; a Makefile may set it again.
    values.put("CURDIR", new Value(dir.toAbsolutePath().normalize().toString(), false));
  }

  /** {@code name = text}: kept unexpanded. */
  void setRecursive(String name, String text) {
    values.put(name, new Value(text, true));
  }

  /** {@code name := text}: expanded now. */
  void setSimple(String name, String text) {
    values.put(name, new Value(expand(text), false));
  }

  /** {@code name ?= text}: set recursively unless already defined (in the Makefile or environment). */
  void setIfUnset(String name, String text) {
    if (!values.containsKey(name) && !environment.containsKey(name)) {
      setRecursive(name, text);
    }
  }

  /** {@code name += text}: appended with a space, keeping the variable's flavour. */
  void append(String name, String text) {
    Value old = values.get(name);
    if (old == null) {
      String env = environment.get(name);
      if (env == null) {
        setRecursive(name, text);
        return;
      }
      old = new Value(env, true);
    }
    String added = old.recursive() ? text : expand(text);
    values.put(name, new Value(old.text().isEmpty() ? added : old.text() + " " + added, old.recursive()));
  }

  /**
   * The directory part ({@code D}: without its trailing slash, {@code .} if none) or the file part
   * ({@code F}) of each word, as make's {@code $(@D)} and {@code $(@F)} give them.
   */
  static String dirOrFile(String files, boolean directory) {
    List<String> parts = new ArrayList<>();
    for (String word : files.trim().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      int slash = word.lastIndexOf('/');
      if (!directory) {
        parts.add(word.substring(slash + 1));
      } else {
        parts.add(slash < 0 ? "." : slash == 0 ? "/" : word.substring(0, slash));
      }
    }
    return String.join(" ", parts);
  }

  boolean isDefined(String name) {
    return values.containsKey(name);
  }

  /** Expands text with no automatic variables. */
  String expand(String text) {
    return expand(text, Map.of());
  }

  /**
   * Expands text; {@code automatic} holds {@code @ < ^ + * ?} for a recipe line.
   *
   * @throws MakeError on a recursive variable that refers to itself, an unterminated reference,
   *     or a function this subset does not know
   */
  String expand(String text, Map<String, String> automatic) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= text.length()) {
        break; // a lone '$' at the end expands to nothing, as in make
      }
      char next = text.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(' || next == '{') {
        int close = matching(text, i + 1);
        if (close < 0) {
          throw new MakeError("unterminated variable reference");
        }
        out.append(reference(text.substring(i + 2, close), automatic));
        i = close + 1;
      } else {
        out.append(lookup(String.valueOf(next), automatic));
        i += 2;
      }
    }
    return out.toString();
  }

  /** The index of the bracket that closes the one at {@code open}, counting nested pairs of the same kind. */
  static int matching(String text, int open) {
    char o = text.charAt(open);
    char c = o == '(' ? ')' : '}';
    int depth = 0;
    for (int k = open; k < text.length(); k++) {
      char ch = text.charAt(k);
      if (ch == o) {
        depth++;
      } else if (ch == c && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private String reference(String body, Map<String, String> automatic) {
    int space = topLevel(body, ' ', '\t');
    if (space > 0) {
      return function(body.substring(0, space), body.substring(space + 1).stripLeading(), automatic);
    }
    int colon = topLevel(body, ':');
    if (colon >= 0) {
      int eq = body.indexOf('=', colon);
      if (eq >= 0) {
        String value = lookup(expand(body.substring(0, colon), automatic), automatic);
        String from = expand(body.substring(colon + 1, eq), automatic);
        String to = expand(body.substring(eq + 1), automatic);
        if (from.indexOf('%') < 0) {
          from = "%" + from;
          to = "%" + to;
        }
        return patsubst(from, to, value);
      }
    }
    return lookup(expand(body, automatic), automatic);
  }

  private String function(String name, String argText, Map<String, String> automatic) {
    List<String> args = new ArrayList<>();
    int start = 0;
    int depth = 0;
    for (int k = 0; k < argText.length(); k++) {
      char ch = argText.charAt(k);
      if (ch == '(' || ch == '{') {
        depth++;
      } else if (ch == ')' || ch == '}') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        args.add(argText.substring(start, k));
        start = k + 1;
      }
    }
    args.add(argText.substring(start));
    List<String> a = args.stream().map(s -> expand(s, automatic)).toList();
    return switch (name) {
      case "subst" -> arity(name, a, 3).get(2).replace(a.get(0), a.get(1));
      case "patsubst" -> patsubst(arity(name, a, 3).get(0).strip(), a.get(1).strip(), a.get(2));
      case "addprefix" -> String.join(" ", words(arity(name, a, 2).get(1)).stream().map(w -> a.get(0).strip() + w).toList());
      case "addsuffix" -> String.join(" ", words(arity(name, a, 2).get(1)).stream().map(w -> w + a.get(0).strip()).toList());
      case "notdir" -> String.join(" ", words(arity(name, a, 1).get(0)).stream()
          .map(w -> w.substring(w.lastIndexOf('/') + 1)).toList());
      case "basename" -> String.join(" ", words(arity(name, a, 1).get(0)).stream().map(Variables::basename).toList());
      case "wildcard" -> wildcard(arity(name, a, 1).get(0));
      default -> throw new MakeError("function '" + name + "' is not in the Makefile subset this demo reads");
    };
  }

  private static List<String> arity(String name, List<String> args, int n) {
    if (args.size() != n) {
      throw new MakeError("insufficient number of arguments (" + args.size() + ") to function '" + name + "'");
    }
    return args;
  }

  private static String basename(String word) {
    int dot = word.lastIndexOf('.');
    return dot > word.lastIndexOf('/') ? word.substring(0, dot) : word;
  }

  private String wildcard(String patterns) {
    List<String> found = new ArrayList<>();
    for (String glob : words(patterns)) {
      int slash = glob.lastIndexOf('/');
      Path base = slash < 0 ? dir : dir.resolve(glob.substring(0, slash));
      String prefix = slash < 0 ? "" : glob.substring(0, slash + 1);
      var matcher = base.getFileSystem().getPathMatcher("glob:" + glob.substring(slash + 1));
      try (var files = Files.list(base)) {
        files.map(p -> p.getFileName()).filter(matcher::matches).map(p -> prefix + p).sorted().forEach(found::add);
      } catch (java.io.IOException e) {
        // make's wildcard is empty for a folder it cannot read
      }
    }
    return String.join(" ", found);
  }

  /** {@code $(patsubst from,to,text)}: words matching {@code from} (one {@code %}) rewritten. */
  static String patsubst(String from, String to, String text) {
    int pct = from.indexOf('%');
    List<String> out = new ArrayList<>();
    for (String word : words(text)) {
      if (pct < 0) {
        out.add(word.equals(from) ? to : word);
        continue;
      }
      String pre = from.substring(0, pct);
      String suf = from.substring(pct + 1);
      if (word.length() >= pre.length() + suf.length() && word.startsWith(pre) && word.endsWith(suf)) {
        String stem = word.substring(pre.length(), word.length() - suf.length());
        out.add(to.indexOf('%') < 0 ? to : to.replaceFirst(Pattern.quote("%"), java.util.regex.Matcher.quoteReplacement(stem)));
      } else {
        out.add(word);
      }
    }
    return String.join(" ", out);
  }

  /** The index of the first of {@code chars} outside any {@code $(...)} or {@code ${...}}, or -1. */
  static int topLevel(String text, char... chars) {
    for (int k = 0; k < text.length(); k++) {
      char ch = text.charAt(k);
      if (ch == '$' && k + 1 < text.length()) {
        char n = text.charAt(k + 1);
        if (n == '(' || n == '{') {
          int close = matching(text, k + 1);
          if (close < 0) {
            return -1;
          }
          k = close;
        } else {
          k++;
        }
        continue;
      }
      for (char c : chars) {
        if (ch == c) {
          return k;
        }
      }
    }
    return -1;
  }

  /** Splits on whitespace, dropping empty words. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.strip().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private String lookup(String name, Map<String, String> automatic) {
    String auto = automatic.get(name);
    if (auto != null) {
      return auto;
    }
    if (name.length() == 2 && (name.charAt(1) == 'D' || name.charAt(1) == 'F')) {
      String files = automatic.get(name.substring(0, 1)); // $(@D), $(<F), ...
      if (files != null) {
        return dirOrFile(files, name.charAt(1) == 'D');
      }
    }
    Value value = values.get(name);
    if (value == null) {
      String env = environment.get(name);
      if (env != null) {
        return env;
      }
      String builtIn = DEFAULTS.get(name);
      value = builtIn == null ? null : new Value(builtIn, true);
    }
    if (value == null) {
      return "";
    }
    if (!value.recursive()) {
      return value.text();
    }
    if (!expanding.add(name)) {
      throw new MakeError("Recursive variable '" + name + "' references itself (eventually)");
    }
    try {
      return expand(value.text(), automatic);
    } finally {
      expanding.remove(name);
    }
  }
}
