package dev.spm.examples.sat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs minisat (Debian's package), the reference solver of the tests and the benchmark. The
 * demo never calls it.
 */
public final class Minisat {
  /** Where Debian installs it. */
  public static final Path DEFAULT = Path.of("/usr/bin/minisat");

  /**
   * What one run gave.
   *
   * @param status UNKNOWN when the run passed its timeout and was killed
   * @param model for SATISFIABLE, minisat's model in {@link SatResult#model()}'s form
   * @param wallTime from process start to exit, as measured here
   */
  public record Outcome(SatResult.Status status, int[] model, Duration wallTime) {}

  private Minisat() {}

  /** Whether minisat is installed at {@link #DEFAULT}. */
  public static boolean isInstalled() {
    return Files.isExecutable(DEFAULT);
  }

  /**
   * Runs {@code minisat -verb=0 FILE OUT} and reads its answer and model.
   *
   * @throws IOException when minisat cannot be started, or exits with a code other than 10 or 20
   *     (the message holds its output)
   */
  public static Outcome solve(Path cnfFile, int numVars, Duration timeout) throws IOException, InterruptedException {
    Path out = Files.createTempFile("minisat", ".out");
    Path log = Files.createTempFile("minisat", ".log");
    try {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(DEFAULT.toString(), "-verb=0", cnfFile.toString(), out.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      if (!ended) {
        p.destroyForcibly().waitFor();
        return new Outcome(SatResult.Status.UNKNOWN, new int[0], wall);
      }
      int exit = p.exitValue();
      if (exit == SatOutput.EXIT_UNSATISFIABLE) {
        return new Outcome(SatResult.Status.UNSATISFIABLE, new int[0], wall);
      }
      if (exit != SatOutput.EXIT_SATISFIABLE) {
        throw new IOException("minisat exited with " + exit + " on " + cnfFile + ": " + Files.readString(log));
      }
      return new Outcome(SatResult.Status.SATISFIABLE, readModel(Files.readString(out), numVars), wall);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(log);
    }
  }

  /** Minisat's result file: {@code SAT} then the literals ended by 0; unassigned variables false. */
  private static int[] readModel(String text, int numVars) {
    int[] model = new int[numVars];
    for (int v = 1; v <= numVars; v++) {
      model[v - 1] = -v;
    }
    List<String> words = new ArrayList<>(List.of(text.trim().split("\\s+")));
    for (String w : words.subList(1, words.size())) {
      int lit = Integer.parseInt(w);
      if (lit != 0) {
        model[Math.abs(lit) - 1] = lit;
      }
    }
    return model;
  }
}
