package dev.spm.examples.make;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Makefile as read by {@link MakefileParser}: its variables, explicit rules, pattern rules,
 * phony targets and default goal. Target and prerequisite names are already expanded, as make
 * expands them when it reads a rule; recipe lines are kept unexpanded until the build is planned.
 */
final class Makefile {
  /** One recipe line, as written after its tab, with the Makefile line it starts on. */
  record Line(String text, int lineNo) {}

  /** An explicit rule for one target; several rule lines for a target merge their prerequisites. */
  static final class Rule {
    final String target;
    final List<String> prereqs = new ArrayList<>();
    final List<String> orderOnly = new ArrayList<>();
    List<Line> recipe; // null: no recipe given

    Rule(String target) {
      this.target = target;
    }
  }

  /** {@code %.o: %.c} and its recipe. */
  record PatternRule(String target, List<String> prereqs, List<String> orderOnly, List<Line> recipe) {
    /** The stem if {@code name} matches the target pattern (the directory part moved into it), else null. */
    String stem(String name) {
      String pattern = target;
      String dir = "";
      String file = name;
      if (pattern.indexOf('/') < 0) {
        int slash = name.lastIndexOf('/');
        dir = name.substring(0, slash + 1);
        file = name.substring(slash + 1);
      }
      int pct = pattern.indexOf('%');
      String pre = pattern.substring(0, pct);
      String suf = pattern.substring(pct + 1);
      if (file.length() < pre.length() + suf.length() + 1 || !file.startsWith(pre) || !file.endsWith(suf)) {
        return null;
      }
      return dir + file.substring(pre.length(), file.length() - suf.length());
    }

    /** A prerequisite pattern with the stem put in; the directory goes in front, as make does. */
    String prereq(String pattern, String stem) {
      int pct = pattern.indexOf('%');
      if (pct < 0) {
        return pattern;
      }
      if (target.indexOf('/') < 0 && pattern.indexOf('/') < 0 && stem.indexOf('/') >= 0) {
        int slash = stem.lastIndexOf('/');
        return stem.substring(0, slash + 1) + pattern.substring(0, pct) + stem.substring(slash + 1)
            + pattern.substring(pct + 1);
      }
      return pattern.substring(0, pct) + stem + pattern.substring(pct + 1);
    }
  }

  final String fileName;
  final Variables variables;
  final Map<String, Rule> rules = new LinkedHashMap<>();
  final List<PatternRule> patternRules = new ArrayList<>();
  final Set<String> phony = new LinkedHashSet<>();
  String firstTarget;

  Makefile(String fileName, Variables variables) {
    this.fileName = fileName;
    this.variables = variables;
  }

  /** The goal make builds when none is named: {@code .DEFAULT_GOAL}, else the first ordinary target. */
  Optional<String> defaultGoal() {
    if (variables.isDefined(".DEFAULT_GOAL")) {
      String goal = variables.expand("$(.DEFAULT_GOAL)").strip();
      if (!goal.isEmpty()) {
        return Optional.of(goal);
      }
    }
    return Optional.ofNullable(firstTarget);
  }

  Rule rule(String target) {
    return rules.get(target);
  }

  List<PatternRule> patternRules() {
    return Collections.unmodifiableList(patternRules);
  }
}
