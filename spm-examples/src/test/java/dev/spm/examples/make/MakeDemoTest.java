package dev.spm.examples.make;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spm.internal.proc.ProcessTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo against GNU {@code make -j2} as the reference, on two copies of the shipped C program:
 * the same targets built, the same program, the same reaction to a touched file and a failing
 * recipe. Most runs use the serial pool; one runs on a real session with intra-all.
 */
class MakeDemoTest {
  @TempDir
  Path tmp;

  private Path byMake;
  private Path byDemo;

  @BeforeEach
  void copies() throws IOException {
    CTree.requireTools();
    byMake = CTree.copy(tmp.resolve("make"));
    byDemo = CTree.copy(tmp.resolve("demo"));
  }

  private CTree.Run demo(String... args) {
    List<String> all = new ArrayList<>(List.of(byDemo.toString(), "--pool", "serial"));
    all.addAll(List.of(args));
    return CTree.demo(all);
  }

  private static List<String> programOutput(Path dir) throws Exception {
    CTree.Run run = CTree.exec(dir, List.of("./cprog"));
    assertThat(run.exit()).isZero();
    return run.out().lines().toList();
  }

  /** Builds both copies, checks they agree, and re-dates them so that a test can touch a file. */
  private void buildBoth() throws Exception {
    CTree.Run make = CTree.gnuMake(byMake);
    CTree.Run demo = demo();
    assertThat(make.exit()).as(make.err()).isZero();
    assertThat(demo.exit()).as(demo.err()).isZero();
    CTree.age(byMake);
    CTree.age(byDemo);
  }

  @Test
  void aCleanBuild_buildsWhatGnuMakeBuilds_andTheProgramPrintsTheSame() throws Exception {
    CTree.Run make = CTree.gnuMake(byMake);
    CTree.Run demo = demo();

    assertThat(demo.exit()).as(demo.err()).isZero();
    assertThat(make.exit()).as(make.err()).isZero();
    assertThat(demo.commands("gcc")).hasSize(26).isEqualTo(make.commands("gcc"));
    assertThat(CTree.files(byDemo)).isEqualTo(CTree.files(byMake)).contains("cprog", "main.o", "stats.o");
    assertThat(programOutput(byDemo)).isEqualTo(programOutput(byMake))
        .contains("gcd(1071, 462): 21", "primes below 100000: 9592", "crc32(hello): 3610a686",
            "josephus(41, 3): 31", "roman(2024): MMXXIV");
  }

  @Test
  void aSecondRun_rebuildsNothing_andSaysSoInMakesWords() throws Exception {
    buildBoth();
    Map<String, FileTime> before = CTree.mtimes(byDemo);

    CTree.Run demoAll = demo();
    CTree.Run demoProg = demo("cprog");

    assertThat(demoAll.exit()).isZero();
    assertThat(demoAll.out()).isEqualTo(CTree.gnuMake(byMake).out()).isEqualTo("make: Nothing to be done for 'all'.\n");
    assertThat(demoProg.out()).isEqualTo(CTree.gnuMake(byMake, "cprog").out()).isEqualTo("make: 'cprog' is up to date.\n");
    assertThat(CTree.mtimes(byDemo)).isEqualTo(before);
  }

  @Test
  void touchingASource_rebuildsOnlyItsObjectAndTheLink() throws Exception {
    buildBoth();
    CTree.touch(byMake.resolve("rpn.c"));
    CTree.touch(byDemo.resolve("rpn.c"));

    CTree.Run make = CTree.gnuMake(byMake);
    CTree.Run demo = demo();

    assertThat(demo.commands("gcc")).isEqualTo(make.commands("gcc")).hasSize(2)
        .anySatisfy(c -> assertThat(c).endsWith("-c -o rpn.o rpn.c"))
        .anySatisfy(c -> assertThat(c).contains("-o cprog "));
    assertThat(programOutput(byDemo)).isEqualTo(programOutput(byMake));
  }

  @Test
  void touchingAHeader_rebuildsEveryObjectThatIncludesIt() throws Exception {
    buildBoth();
    CTree.touch(byMake.resolve("stack.h"));
    CTree.touch(byDemo.resolve("stack.h"));

    CTree.Run make = CTree.gnuMake(byMake);
    CTree.Run demo = demo();

    assertThat(demo.commands("gcc")).isEqualTo(make.commands("gcc")).hasSize(3)
        .anySatisfy(c -> assertThat(c).endsWith("-o stack.o stack.c"))
        .anySatisfy(c -> assertThat(c).endsWith("-o rpn.o rpn.c"));
  }

  @Test
  void aFailingRecipe_exitsWith2_namesTheTarget_andRunsNothingThatDependsOnIt() throws Exception {
    for (Path dir : List.of(byMake, byDemo)) {
      Files.writeString(dir.resolve("rle.c"), "int broken = ;\n", java.nio.file.StandardOpenOption.APPEND);
    }
    CTree.Run make = CTree.gnuMake(byMake);
    CTree.Run demo = demo();

    assertThat(make.exit()).isEqualTo(2);
    assertThat(demo.exit()).isEqualTo(2);
    assertThat(demo.err()).contains("rle.c:", "error:").contains("make: *** [Makefile:22: rle.o] Error 1")
        .isNotEqualTo(make.err()); // make also says "Waiting for unfinished jobs"
    assertThat(make.err()).contains("make: *** [Makefile:22: rle.o] Error 1");
    assertThat(demo.out()).doesNotContain("-o cprog ");
    assertThat(CTree.files(byDemo)).doesNotContain("cprog", "rle.o");
  }

  @Test
  void keepGoing_buildsEverythingThatDoesNotDependOnTheFailure() throws Exception {
    for (Path dir : List.of(byMake, byDemo)) {
      Files.writeString(dir.resolve("rle.c"), "int broken = ;\n", java.nio.file.StandardOpenOption.APPEND);
    }
    CTree.Run make = CTree.gnuMake(byMake, "-k");
    CTree.Run demo = demo("-k");

    assertThat(demo.exit()).isEqualTo(make.exit()).isEqualTo(2);
    assertThat(CTree.files(byDemo)).isEqualTo(CTree.files(byMake)).doesNotContain("cprog", "rle.o")
        .contains("main.o", "stats.o", "words.o");
    assertThat(demo.commands("gcc")).isEqualTo(make.commands("gcc")).hasSize(25);
    assertThat(demo.err()).contains("make: *** [Makefile:22: rle.o] Error 1")
        .endsWith("make: Target 'all' not remade because of errors.\n");
    assertThat(make.err()).endsWith("make: Target 'all' not remade because of errors.\n");
  }

  @Test
  void onASessionWithIntraAll_buildsWhatGnuMakeBuilds_andLeavesNoProcessBehind() throws Exception {
    AtomicReference<String> session = new AtomicReference<>();
    CTree.Run make = CTree.gnuMake(byMake);
    CTree.Run demo = CTree.demo(List.of(byDemo.toString(), "-j", "2"), session::set);

    assertThat(session.get()).as("the demo opened a session").isNotNull();
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> ProcessTrees.findByEnv(ProcessTrees.SESSION_ENV, session.get()).isEmpty());
    assertThat(demo.exit()).as(demo.err()).isZero();
    assertThat(demo.commands("gcc")).isEqualTo(make.commands("gcc")).hasSize(26);
    assertThat(CTree.files(byDemo)).isEqualTo(CTree.files(byMake));
    assertThat(programOutput(byDemo)).isEqualTo(programOutput(byMake));
  }

  @Test
  void badArguments_andAMissingMakefile_exitWith2() {
    assertThat(CTree.demo(List.of()).err()).contains("missing DIR").contains("usage: make DIR");
    assertThat(CTree.demo(List.of(byDemo.toString(), "-j", "0")).exit()).isEqualTo(2);
    CTree.Run missing = CTree.demo(List.of(tmp.resolve("nowhere").toString(), "--pool", "serial"));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no makefile found");
    CTree.Run noRule = demo("no-such-target");
    assertThat(noRule.exit()).isEqualTo(2);
    assertThat(noRule.err()).isEqualTo("make: *** No rule to make target 'no-such-target'.  Stop.\n");
  }
}
