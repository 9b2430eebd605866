package dev.spm.cli;

import dev.spm.Pools;
import dev.spm.Session;
import dev.spm.examples.make.MakeDemo;
import dev.spm.examples.primes.PrimesDemo;
import dev.spm.examples.sat.Dimacs;
import dev.spm.examples.sat.Instances;
import dev.spm.examples.sat.SatGangDemo;
import dev.spm.examples.wordcount.WordCountDemo;
import dev.spm.internal.StartupCache;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code spm train-startup} (hidden): the training run behind the start-up caches. The {@code spm}
 * script runs it once per build, in a JVM that records the launcher's own cache; it runs a short
 * {@code spm run}, then opens a training session on {@code local:1x1} (see {@link StartupCache})
 * whose agent and spoke record theirs while they count primes, count words, solve a small formula
 * as a gang and run a small make. Prints nothing on success; exits 1 if a step failed (the caches made so far
 * stay usable: a cache holds what its JVM loaded, whatever the outcome).
 */
@Command(name = "train-startup", hidden = true,
    description = "Makes the start-up caches of the launcher, agents and spokes (run by the spm script).")
final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    int run = runOnce();
    System.setProperty(StartupCache.TRAIN_PROPERTY, "true");
    Path dir = Files.createTempDirectory("spm-train");
    try (Session session = Session.open("local:1x1")) {
      session.awaitSpokes(Duration.ofSeconds(60));
      PrimesDemo.Result primes = PrimesDemo.run(Pools.intraAll(), 1, 2_000_000, 16);
      Path text = dir.resolve("words.txt");
      Files.writeString(text, "The quick brown fox jumps over the lazy dog 42 times.\n".repeat(60_000));
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
      int words = WordCountDemo.run(List.of("--pool", "intra-all", "--chunk-mb", "1", text.toString()),
          discard, System.err);
      Path cnf = dir.resolve("train.cnf");
      Dimacs.write(Instances.generate("random3:120:4.26:1"), cnf);
      SatGangDemo.Outcome sat = SatGangDemo.run(cnf, Pools.intraAll(), discard);
      int make = MakeDemo.run(List.of(makeTree(dir.resolve("make")).toString(), "-j", "2", "--pool", "intra-all"),
          discard, System.err);
      boolean ok = run == 0 && primes.failed() == 0 && words == WordCountDemo.OK && (sat.exitCode() == 10
          || sat.exitCode() == 20) && make == MakeDemo.OK;
      return ok ? 0 : 1;
    } finally {
      RunCommand.deleteTree(dir);
    }
  }

  /** A tree for the make demo: a pattern rule, variables, automatic variables; recipes that only touch files. */
  private static Path makeTree(Path dir) throws java.io.IOException {
    Files.createDirectories(dir);
    StringBuilder makefile = new StringBuilder("OBJS =");
    for (int i = 0; i < 24; i++) {
      Files.writeString(dir.resolve("m" + i + ".c"), "int m" + i + ";\n");
      makefile.append(" m").append(i).append(".o");
    }
    makefile.append("\n\nall: prog\n\nprog: $(OBJS)\n\ttouch $@\n\n%.o: %.c\n\ttouch $@\n\n.PHONY: all\n");
    Files.writeString(dir.resolve("Makefile"), makefile);
    return dir;
  }

  /** A short {@code spm run}: arguments from ::: and from stdin, replacement strings, -k, --tag, a joblog. */
  private static int runOnce() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("1\n2\n".getBytes(StandardCharsets.US_ASCII)));
      return Main.run("-j", "2", "-k", "--tag", "--joblog", "/dev/null", "true {1} {2}", ":::", "a", "b", "::::", "-");
    } finally {
      System.setIn(stdin);
    }
  }
}
