package dev.spm.examples.make;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Makefile subset: reading, expansion and planning, without running anything. */
class MakefileParserTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

  private Makefile parse(String text) {
    return parse(text, Map.of());
  }

  private Makefile parse(String text, Map<String, String> env) {
    return MakefileParser.parse(text, "Makefile", new Variables(env, dir), new PrintStream(warnings, true));
  }

  private String value(Makefile m, String name) {
    return m.variables.expand("$(" + name + ")");
  }

  private List<String> commands(BuildPlan plan) {
    return plan.steps().stream().map(BuildPlan.Step::command).toList();
  }

  private void file(String name, long secondsAgo) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, name);
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  @Test
  void recursiveVariables_seeLaterDefinitions_simpleOnesDoNot() {
    Makefile m = parse("""
        A = $(B) and ${C}
        S := [$(B)]
        B = b
        C = c
        B = bee
        """);
    assertThat(value(m, "A")).isEqualTo("bee and c");
    assertThat(value(m, "S")).isEqualTo("[]");
  }

  @Test
  void appendAndConditionalAssignment_keepTheFlavour() {
    Makefile m = parse("""
        X = one
        X += $(Y)
        Y = two
        Z ?= first
        Z ?= second
        E ?= not used
        """, Map.of("E", "from env"));
    assertThat(value(m, "X")).isEqualTo("one two");
    assertThat(value(m, "Z")).isEqualTo("first");
    assertThat(value(m, "E")).isEqualTo("from env");
  }

  @Test
  void dollarDollar_singleLetterVariables_andSubstitutionReferences() {
    Makefile m = parse("""
        O = x
        SRCS = a.c  b.c c.h
        OBJS = $(SRCS:.c=.o)
        PAT = $(SRCS:%.c=obj/%.o)
        LIT = $$HOME $O $(patsubst %.h,%.hpp,$(SRCS)) $(addprefix -I,inc lib)
        """);
    assertThat(value(m, "OBJS")).isEqualTo("a.o b.o c.h");
    assertThat(value(m, "PAT")).isEqualTo("obj/a.o obj/b.o c.h");
    assertThat(value(m, "LIT")).isEqualTo("$HOME x a.c b.c c.hpp -Iinc -Ilib");
  }

  @Test
  void aVariableThatRefersToItself_isAnError() {
    Makefile m = parse("A = x $(B)\nB = $(A)\n");
    assertThatThrownBy(() -> value(m, "A")).isInstanceOf(MakeError.class)
        .hasMessageContaining("Recursive variable 'A' references itself (eventually)");
  }

  @Test
  void comments_areCut_butNotInRecipes_andEscapedHashIsKept() {
    Makefile m = parse("""
        # a comment line
        V = value \\# not a comment # a comment
        all: # the goal
        \techo '# kept for the shell'
        """);
    assertThat(value(m, "V")).isEqualTo("value # not a comment ");
    assertThat(m.rule("all").recipe).extracting(Makefile.Line::text).containsExactly("echo '# kept for the shell'");
  }

  @Test
  void continuation_joinsWithOneSpace_outsideRecipes_andStaysForTheShellInside() {
    Makefile m = parse("""
        OBJS = a.o \\
               b.o\\
           c.o
        all: $(OBJS)
        \techo one \\
        \t  two
        \techo three
        """);
    assertThat(value(m, "OBJS")).isEqualTo("a.o b.o c.o");
    assertThat(m.rule("all").prereqs).containsExactly("a.o", "b.o", "c.o");
    assertThat(m.rule("all").recipe).extracting(Makefile.Line::text, Makefile.Line::lineNo)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("echo one \\\n  two", 5),
            org.assertj.core.groups.Tuple.tuple("echo three", 7));
  }

  @Test
  void theDefaultGoal_isTheFirstTargetNotStartingWithADot() {
    Makefile m = parse("""
        .PHONY: all clean
        %.o: %.c
        \tcc -c $<
        all: prog
        clean:
        \trm -f prog
        """);
    assertThat(m.defaultGoal()).contains("all");
    assertThat(m.phony).containsExactly("all", "clean");
  }

  @Test
  void rulesForOneTarget_mergePrerequisites_andALaterRecipeOverridesWithAWarning() {
    Makefile m = parse("""
        a: b
        a: c ; echo first
        a:
        \techo second
        """);
    // GNU make 4.3 runs "echo second c b": a line with a recipe puts its prerequisites first
    assertThat(m.rule("a").prereqs).containsExactly("c", "b");
    assertThat(m.rule("a").recipe).extracting(Makefile.Line::text).containsExactly("echo second");
    assertThat(warnings.toString()).contains("Makefile:4: warning: overriding recipe for target 'a'");
  }

  @Test
  void theRecipeLinesPrerequisites_comeFirst_evenAfterALineWithoutARecipe() throws IOException {
    file("defs.h", 100);
    file("main.c", 100);
    Makefile m = parse("""
        main.o: defs.h
        main.o: main.c
        	cc -c $< -o $@ # $^
        """);
    // GNU make 4.3: "cc -c main.c -o main.o # main.c defs.h", where file order would compile defs.h
    assertThat(commands(BuildPlan.of(m, dir, List.of()))).containsExactly("cc -c main.c -o main.o # main.c defs.h");
  }

  @Test
  void theDirectoryAndFileParts_ofAutomaticVariables() throws IOException {
    file("src/a.c", 100);
    file("top.c", 100);
    Makefile m = parse("""
        obj/%.o: src/%.c
        	mkdir -p $(@D) && cp $< $@ # $(@F) $(<D) $(<F)
        %.x: %.c
        	echo $(@D) $(@F) $(^D)
        """);
    assertThat(commands(BuildPlan.of(m, dir, List.of("obj/a.o", "top.x"))))
        .containsExactly("mkdir -p obj && cp src/a.c obj/a.o # a.o src a.c", "echo . top.x .");
  }

  @Test
  void curdir_isTheBuildDirectory_unlessTheMakefileSetsIt() {
    assertThat(value(parse("OUT = $(CURDIR)/build\n"), "OUT")).isEqualTo(dir.toAbsolutePath().normalize() + "/build");
    assertThat(value(parse("CURDIR = elsewhere\n", Map.of("CURDIR", "/from/env")), "CURDIR")).isEqualTo("elsewhere");
    assertThat(value(parse("\n", Map.of("CURDIR", "/from/env")), "CURDIR"))
        .isEqualTo(dir.toAbsolutePath().normalize().toString());
  }

  @Test
  void specialTargetsThatChangeHowRecipesRun_areRejected_andHarmlessOnesIgnored() {
    for (String special : List.of(".ONESHELL", ".NOTPARALLEL", ".DELETE_ON_ERROR", ".SILENT", ".IGNORE", ".POSIX")) {
      assertThatThrownBy(() -> parse("all:\n\techo hi\n" + special + ":\n")).as(special)
          .isInstanceOf(MakeError.class)
          .hasMessageContaining("Makefile:3: special target " + special + " is not supported");
    }
    Makefile m = parse(".SUFFIXES:\n.PRECIOUS: a\nall:\n\techo hi\n");
    assertThat(m.rule("all").recipe).extracting(Makefile.Line::text).containsExactly("echo hi");
  }

  @Test
  void unsupportedDirectives_areRejectedWithTheirLine() {
    assertThatThrownBy(() -> parse("A = 1\nifeq ($(A),1)\nB = 2\nendif\n")).isInstanceOf(MakeError.class)
        .hasMessageContaining("Makefile:2: 'ifeq' is not in the Makefile subset");
    assertThatThrownBy(() -> parse("\techo hi\n")).isInstanceOf(MakeError.class)
        .hasMessageContaining("Makefile:1: recipe commences before first target");
    assertThatThrownBy(() -> parse("just words\n")).isInstanceOf(MakeError.class)
        .hasMessageContaining("Makefile:1: missing separator");
  }

  @Test
  void patternRule_appliesToTargetsThatNeedIt_withAutomaticVariables_implicitPrerequisitesFirst() throws IOException {
    file("main.c", 100);
    file("util.c", 100);
    file("util.h", 100);
    Makefile m = parse("""
        CC = gcc
        prog: main.o util.o
        \t$(CC) -o $@ $^
        %.o: %.c
        \t$(CC) -c -o $@ $< # stem $*, all $^
        util.o: util.h
        """);
    BuildPlan plan = BuildPlan.of(m, dir, List.of());
    assertThat(commands(plan)).containsExactly(
        "gcc -c -o main.o main.c # stem main, all main.c",
        "gcc -c -o util.o util.c # stem util, all util.c util.h",
        "gcc -o prog main.o util.o");
    assertThat(plan.steps().get(2).dependsOn()).containsExactlyInAnyOrder("main.o", "util.o");
  }

  @Test
  void patternRule_movesTheDirectoryIntoTheStem_asMakeDoes() throws IOException {
    file("src/a.c", 100);
    Makefile m = parse("%.o: %.c\n\tcc -c $< -o $@ # $*\n");
    BuildPlan plan = BuildPlan.of(m, dir, List.of("src/a.o"));
    assertThat(commands(plan)).containsExactly("cc -c src/a.c -o src/a.o # src/a");
  }

  @Test
  void upToDate_targetsAreSkipped_andAnOutOfDatePrerequisiteRebuildsItsDependents() throws IOException {
    file("a.c", 300);
    file("b.c", 300);
    file("a.o", 200);
    file("b.o", 200);
    file("prog", 100);
    String text = """
        prog: a.o b.o
        \tlink
        %.o: %.c
        \tcompile $<
        """;
    assertThat(BuildPlan.of(parse(text), dir, List.of()).steps()).isEmpty();
    assertThat(BuildPlan.of(parse(text), dir, List.of()).isFileWithRecipe("prog")).isTrue();

    Files.setLastModifiedTime(dir.resolve("b.c"), FileTime.from(Instant.now().minusSeconds(150)));
    assertThat(commands(BuildPlan.of(parse(text), dir, List.of()))).containsExactly("compile b.c", "link");
  }

  @Test
  void nanosecondMtimes_count() throws IOException {
    file("in", 0);
    file("out", 0);
    Instant t = Instant.now().minusSeconds(10);
    Files.setLastModifiedTime(dir.resolve("out"), FileTime.from(t));
    Files.setLastModifiedTime(dir.resolve("in"), FileTime.from(t.plusNanos(1000)));
    assumeNanos(dir.resolve("in"), t.plusNanos(1000));
    assertThat(commands(BuildPlan.of(parse("out: in\n\tcp in out\n"), dir, List.of()))).containsExactly("cp in out");
  }

  private static void assumeNanos(Path p, Instant expected) throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.getLastModifiedTime(p).toInstant().equals(expected),
        "this file system does not keep sub-second modification times");
  }

  @Test
  void phonyTargets_alwaysRun_andMakeTheirDependentsRun() throws IOException {
    file("all", 100);
    file("stamp", 50);
    Makefile m = parse("""
        .PHONY: all force
        all: stamp
        stamp: force
        \t@touch stamp
        force:
        """);
    BuildPlan plan = BuildPlan.of(m, dir, List.of());
    assertThat(plan.steps()).singleElement().satisfies(s -> {
      assertThat(s.command()).isEqualTo("touch stamp");
      assertThat(s.echo()).isFalse();
    });
    assertThat(plan.isFileWithRecipe("all")).isFalse();
  }

  @Test
  void recipeLines_becomeChainedSteps_withPrefixesRead() {
    Makefile m = parse("""
        .PHONY: t
        Q = @
        t:
        \t$(Q)echo quiet
        \t-false
        \t@-  echo both
        \t$(EMPTY)
        """);
    BuildPlan plan = BuildPlan.of(m, dir, List.of());
    assertThat(plan.steps()).extracting(BuildPlan.Step::label, BuildPlan.Step::command, BuildPlan.Step::echo,
        BuildPlan.Step::ignoreErrors).containsExactly(
        org.assertj.core.groups.Tuple.tuple("t [line 1 of 3]", "echo quiet", false, false),
        org.assertj.core.groups.Tuple.tuple("t [line 2 of 3]", "false", true, true),
        org.assertj.core.groups.Tuple.tuple("t [line 3 of 3]", "echo both", false, true));
    assertThat(plan.steps().get(1).dependsOn()).containsExactly("t [line 1 of 3]");
  }

  @Test
  void aMissingFileWithoutARule_stopsTheBuild_namingWhoNeedsIt() {
    Makefile m = parse("prog: main.o\n\tlink\n%.o: %.c\n\tcc $<\n");
    assertThatThrownBy(() -> BuildPlan.of(m, dir, List.of())).isInstanceOf(MakeError.class)
        .hasMessage("No rule to make target 'main.o', needed by 'prog'");
    assertThatThrownBy(() -> BuildPlan.of(m, dir, List.of("nothing"))).isInstanceOf(MakeError.class)
        .hasMessage("No rule to make target 'nothing'");
  }

  @Test
  void aCycleOfRules_isNamed() {
    Makefile m = parse("a: b\n\ttouch a\nb: a\n\ttouch b\n");
    assertThatThrownBy(() -> BuildPlan.of(m, dir, List.of())).isInstanceOf(MakeError.class)
        .hasMessageContaining("a <- b <- a");
  }
}
