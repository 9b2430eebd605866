package dev.spm.examples.make;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a build of some goals must run: the recipe lines of every target that is out of date, each
 * a {@link Step} that depends on the steps that make its prerequisites.
 *
 * <p>A target is out of date, as in make, if it is phony, does not exist, is older than one of
 * its prerequisites (file modification times compared with the precision the file system gives,
 * nanoseconds on Linux), or has a prerequisite that is out of date itself. The plan is made
 * before anything runs, so a prerequisite whose recipe runs but leaves its file unchanged still
 * makes its dependents rebuild (make would look at the file again; the difference only shows for
 * recipes that do not touch their target).
 *
 * <p>A target without a recipe is looked up among the pattern rules: the first one (shortest stem
 * first) whose target pattern matches and whose prerequisites all exist or are targets of the
 * Makefile applies, and its prerequisites come before the explicit ones, as in make. Rules are not
 * chained through intermediate files. Phony targets are not looked up.
 *
 * <p>Order-only prerequisites ({@code | dir}) are made first but do not make a target out of
 * date.
 */
final class BuildPlan {
  /** A target as the plan sees it. */
  static final class Target {
    final String name;
    final List<String> prereqs = new ArrayList<>();
    final List<String> orderOnly = new ArrayList<>();
    List<Makefile.Line> recipe = List.of();
    boolean hasRecipe;
    String stem = "";
    boolean outOfDate;
    final List<Step> steps = new ArrayList<>();
    private Set<String> frontier;

    Target(String name) {
      this.name = name;
    }

    /** The recipe lines to run to make it (none if it is up to date). */
    List<Step> steps() {
      return steps;
    }
  }

  /**
   * One recipe line to run: its label in the DAG, the command (prefixes {@code @ - +} removed),
   * whether to echo it, whether its errors are ignored, and the labels of the steps it waits for.
   */
  record Step(String label, Target target, String command, boolean echo, boolean ignoreErrors, int lineNo,
      List<String> dependsOn) {}

  private final Makefile makefile;
  private final Path dir;
  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final Set<String> resolving = new LinkedHashSet<>();
  private final Map<String, FileTime> mtimes = new HashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<String> goals;

  private BuildPlan(Makefile makefile, Path dir, List<String> goals) {
    this.makefile = makefile;
    this.dir = dir;
    this.goals = goals;
  }

  /**
   * Plans the build of the goals, or of the default goal if none is given.
   *
   * @throws MakeError if there are no targets, a file has no rule to make it, or the rules form a
   *     cycle
   */
  static BuildPlan of(Makefile makefile, Path dir, List<String> goals) {
    List<String> chosen = goals;
    if (chosen.isEmpty()) {
      chosen = List.of(makefile.defaultGoal().orElseThrow(() -> new MakeError("No targets")));
    }
    BuildPlan plan = new BuildPlan(makefile, dir, List.copyOf(chosen));
    for (String goal : plan.goals) {
      plan.resolve(goal, null);
    }
    for (String goal : plan.goals) {
      plan.addSteps(plan.targets.get(goal));
    }
    return plan;
  }

  List<String> goals() {
    return goals;
  }

  /** Every step, in an order in which each comes after the steps it depends on. */
  List<Step> steps() {
    return steps;
  }

  Target target(String name) {
    return targets.get(name);
  }

  /** Whether making the goal runs any recipe line. */
  boolean hasWork(String goal) {
    return !frontier(targets.get(goal)).isEmpty();
  }

  /** Whether the goal has a recipe of its own and is not phony: then make says "is up to date". */
  boolean isFileWithRecipe(String goal) {
    Target t = targets.get(goal);
    return t.hasRecipe && !makefile.phony.contains(goal);
  }

  /** Every target the goal needs, itself included, in dependency order. */
  Set<String> closure(String goal) {
    Set<String> seen = new LinkedHashSet<>();
    collect(targets.get(goal), seen);
    return seen;
  }

  private void collect(Target t, Set<String> seen) {
    if (seen.contains(t.name)) {
      return;
    }
    for (String p : t.prereqs) {
      collect(targets.get(p), seen);
    }
    for (String p : t.orderOnly) {
      collect(targets.get(p), seen);
    }
    seen.add(t.name);
  }

  private Target resolve(String name, String neededBy) {
    Target done = targets.get(name);
    if (done != null) {
      return done;
    }
    if (!resolving.add(name)) {
      List<String> path = new ArrayList<>(resolving);
      path = path.subList(path.indexOf(name), path.size());
      throw new MakeError("Circular dependency: " + String.join(" <- ", path) + " <- " + name);
    }
    Target t = new Target(name);
    boolean phony = makefile.phony.contains(name);
    Makefile.Rule rule = makefile.rule(name);
    if (rule != null && rule.recipe != null) {
      t.hasRecipe = true;
      t.recipe = rule.recipe;
    } else if (!phony) {
      applyPattern(t);
    }
    if (rule != null) {
      t.prereqs.addAll(rule.prereqs);
      t.orderOnly.addAll(rule.orderOnly);
    }
    if (rule == null && !t.hasRecipe && mtime(name) == null) {
      throw new MakeError(neededBy == null ? "No rule to make target '" + name + "'"
          : "No rule to make target '" + name + "', needed by '" + neededBy + "'");
    }
    FileTime own = phony ? null : mtime(name);
    boolean outOfDate = phony || own == null;
    for (String p : t.prereqs) {
      Target pt = resolve(p, name);
      if (pt.outOfDate) {
        outOfDate = true;
      } else if (own != null) {
        FileTime theirs = mtime(p);
        if (theirs != null && theirs.compareTo(own) > 0) {
          outOfDate = true;
        }
      }
    }
    for (String p : t.orderOnly) {
      resolve(p, name);
    }
    t.outOfDate = outOfDate;
    resolving.remove(name);
    targets.put(name, t);
    return t;
  }

  private void applyPattern(Target t) {
    Makefile.PatternRule best = null;
    String bestStem = null;
    for (Makefile.PatternRule p : makefile.patternRules()) {
      if (p.recipe().isEmpty()) {
        continue; // a pattern rule without a recipe cancels; this subset just skips it
      }
      String stem = p.stem(t.name);
      if (stem == null || (bestStem != null && stem.length() >= bestStem.length())) {
        continue;
      }
      boolean applies = true;
      for (String pattern : p.prereqs()) {
        String prereq = p.prereq(pattern, stem);
        if (makefile.rule(prereq) == null && mtime(prereq) == null) {
          applies = false;
          break;
        }
      }
      if (applies) {
        best = p;
        bestStem = stem;
      }
    }
    if (best != null) {
      t.hasRecipe = true;
      t.recipe = best.recipe();
      t.stem = bestStem;
      for (String pattern : best.prereqs()) {
        t.prereqs.add(best.prereq(pattern, bestStem));
      }
      for (String pattern : best.orderOnly()) {
        t.orderOnly.add(best.prereq(pattern, bestStem));
      }
    }
  }

  /** Adds the steps of the target and everything it needs, prerequisites first. */
  private void addSteps(Target t) {
    if (t.frontier != null) {
      return;
    }
    t.frontier = Set.of(); // guards against revisits; cycles were rejected in resolve
    Set<String> waitFor = new LinkedHashSet<>();
    for (String p : t.prereqs) {
      Target pt = targets.get(p);
      addSteps(pt);
      waitFor.addAll(pt.frontier);
    }
    for (String p : t.orderOnly) {
      Target pt = targets.get(p);
      addSteps(pt);
      waitFor.addAll(pt.frontier);
    }
    if (t.outOfDate && t.hasRecipe) {
      Map<String, String> automatic = automatic(t);
      List<String> commands = new ArrayList<>();
      List<Makefile.Line> lines = new ArrayList<>();
      for (Makefile.Line line : t.recipe) {
        String cmd;
        try {
          cmd = makefile.variables.expand(line.text(), automatic);
        } catch (MakeError e) {
          throw MakeError.at(makefile.fileName, line.lineNo(), e.getMessage());
        }
        commands.add(cmd);
        lines.add(line);
      }
      int n = 0;
      for (int k = 0; k < commands.size(); k++) {
        if (!stripPrefixes(commands.get(k)).command().isBlank()) {
          n++;
        }
      }
      int index = 0;
      List<String> previous = List.copyOf(waitFor);
      for (int k = 0; k < commands.size(); k++) {
        Prefixed p = stripPrefixes(commands.get(k));
        if (p.command().isBlank()) {
          continue; // make runs no shell for a line that expands to nothing
        }
        index++;
        String label = n == 1 ? t.name : t.name + " [line " + index + " of " + n + "]";
        Step step = new Step(label, t, p.command(), p.echo(), p.ignoreErrors(), lines.get(k).lineNo(), previous);
        t.steps.add(step);
        steps.add(step);
        previous = List.of(label);
      }
      if (!t.steps.isEmpty()) {
        t.frontier = Set.of(t.steps.get(t.steps.size() - 1).label());
        return;
      }
    }
    t.frontier = Set.copyOf(waitFor);
  }

  private Set<String> frontier(Target t) {
    return t.frontier;
  }

  private Map<String, String> automatic(Target t) {
    Set<String> unique = new LinkedHashSet<>(t.prereqs);
    FileTime own = makefile.phony.contains(t.name) ? null : mtime(t.name);
    List<String> newer = new ArrayList<>();
    for (String p : unique) {
      FileTime theirs = mtime(p);
      if (own == null || theirs == null || theirs.compareTo(own) > 0 || targets.get(p).outOfDate) {
        newer.add(p);
      }
    }
    Map<String, String> auto = new HashMap<>();
    auto.put("@", t.name);
    auto.put("<", t.prereqs.isEmpty() ? "" : t.prereqs.get(0));
    auto.put("^", String.join(" ", unique));
    auto.put("+", String.join(" ", t.prereqs));
    auto.put("|", String.join(" ", new LinkedHashSet<>(t.orderOnly)));
    auto.put("?", String.join(" ", newer));
    auto.put("*", t.stem);
    return auto;
  }

  record Prefixed(String command, boolean echo, boolean ignoreErrors) {}

  /** Removes the leading {@code @ - +} (and blanks) make reads before a recipe line. */
  static Prefixed stripPrefixes(String line) {
    boolean echo = true;
    boolean ignore = false;
    int k = 0;
    while (k < line.length()) {
      char ch = line.charAt(k);
      if (ch == '@') {
        echo = false;
      } else if (ch == '-') {
        ignore = true;
      } else if (ch != '+' && ch != ' ' && ch != '\t') {
        break;
      }
      k++;
    }
    return new Prefixed(line.substring(k), echo, ignore);
  }

  /** The file's modification time, or null if it does not exist; read once per plan. */
  private FileTime mtime(String name) {
    if (mtimes.containsKey(name)) {
      return mtimes.get(name);
    }
    FileTime time;
    try {
      time = Files.getLastModifiedTime(dir.resolve(name));
    } catch (IOException e) { // NoSuchFileException and the like: make treats it as missing
      time = null;
    }
    mtimes.put(name, time);
    return time;
  }
}
