package dev.spm.examples.sat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Times our solver against minisat, instance by instance:
 * {@code SatBench [--timeout SECONDS] [--member I] [--threads N] [--jvm] [SPEC|FILE.cnf ...]}. A
 * SPEC names a generated formula ({@link Instances}); without any, {@link Instances#BENCHMARK}.
 *
 * <p>Each instance is written to a temporary file, then solved by us and by
 * {@code /usr/bin/minisat} (its wall time includes its process start). Ours is, by default, one
 * solver of configuration {@code --member} in this JVM, parse included, instances one after
 * another (so later ones run on a warm JIT); {@code --threads N} makes it a {@link LocalPortfolio}
 * of N members; {@code --jvm} runs {@link SatSolve} in a fresh JVM per instance instead, and times
 * the whole process, JVM start included. One line an instance, then the median ratio:
 * {@code random3:250:4.26:1 vars=250 clauses=1065 answer=SATISFIABLE spm_s=0.412 minisat_s=0.233 ratio=1.77}.
 * A disagreement, or a model that fails its formula, is flagged {@code MISMATCH} and makes the
 * exit code 1.
 */
public final class SatBench {
  private SatBench() {}

  /** One timed answer. */
  private record Timed(SatResult.Status status, double seconds, String note) {}

  public static void main(String[] args) throws IOException, InterruptedException {
    double timeoutSeconds = 300;
    int member = 0;
    int threads = 0;
    boolean jvm = false;
    List<String> specs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--timeout" -> timeoutSeconds = Double.parseDouble(args[++i]);
        case "--member" -> member = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--jvm" -> jvm = true;
        default -> specs.add(args[i]);
      }
    }
    if (specs.isEmpty()) {
      specs.addAll(Instances.BENCHMARK);
    }
    Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
    Path dir = Files.createTempDirectory("satbench");
    List<Double> ratios = new ArrayList<>();
    boolean mismatch = false;
    try {
      for (String spec : specs) {
        Path file;
        if (spec.endsWith(".cnf") || spec.endsWith(".cnf.gz")) {
          file = Path.of(spec);
        } else {
          file = dir.resolve(spec.replace(':', '_') + ".cnf");
          Dimacs.write(Instances.generate(spec), file);
        }
        Cnf cnf = Dimacs.read(file);
        Timed ours = jvm ? inFreshJvm(file, member, threads, timeout) : inThisJvm(file, member, threads, timeout);
        Minisat.Outcome ref = Minisat.solve(file, cnf.numVars(), timeout);
        double minisatSeconds = ref.wallTime().toNanos() / 1e9;
        boolean decided = ours.status() != SatResult.Status.UNKNOWN && ref.status() != SatResult.Status.UNKNOWN;
        boolean ok = !decided || ours.status() == ref.status();
        mismatch |= !ok || ours.note().contains("MISMATCH");
        double ratio = ours.seconds() / minisatSeconds;
        if (decided) {
          ratios.add(ratio);
        }
        System.out.printf(Locale.ROOT, "%s vars=%d clauses=%d answer=%s spm_s=%.3f minisat_s=%.3f ratio=%.2f%s%s%n",
            spec, cnf.numVars(), cnf.numClauses(), ours.status(), ours.seconds(), minisatSeconds, ratio, ours.note(),
            ok ? "" : " MISMATCH minisat=" + ref.status());
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
    if (!ratios.isEmpty()) {
      System.out.printf(Locale.ROOT, "median_ratio=%.2f instances=%d%n",
          median(ratios.stream().mapToDouble(Double::doubleValue).toArray()), ratios.size());
    }
    System.exit(mismatch ? 1 : 0);
  }

  private static Timed inThisJvm(Path file, int member, int threads, Duration timeout)
      throws IOException, InterruptedException {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "satbench-timer");
      t.setDaemon(true);
      return t;
    });
    try {
      long start = System.nanoTime();
      Cnf cnf = Dimacs.read(file);
      SatResult result;
      String note;
      if (threads > 0) {
        LocalPortfolio portfolio = LocalPortfolio.of(cnf, threads);
        ScheduledFuture<?> stop = timer.schedule(portfolio::stop, timeout.toMillis(), TimeUnit.MILLISECONDS);
        LocalPortfolio.Outcome o = portfolio.solve();
        stop.cancel(false);
        result = o.result();
        note = String.format(Locale.ROOT, " winner=%d shared_clauses=%d shared_bytes=%d", o.winner(),
            o.sharedClauses(), o.sharedBytes());
      } else {
        CdclSolver solver = new CdclSolver(cnf, Config.portfolio(member), ClauseExchange.none());
        ScheduledFuture<?> stop = timer.schedule(solver::stop, timeout.toMillis(), TimeUnit.MILLISECONDS);
        result = solver.solve();
        stop.cancel(false);
        note = " conflicts=" + result.stats().conflicts();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (result.status() == SatResult.Status.SATISFIABLE && !cnf.isSatisfiedBy(result.model())) {
        note += " MISMATCH: the model falsifies a clause";
      }
      return new Timed(result.status(), seconds, note);
    } finally {
      timer.shutdownNow();
    }
  }

  /** Runs {@link SatSolve} in a fresh JVM and times the process; the model is checked here. */
  private static Timed inFreshJvm(Path file, int member, int threads, Duration timeout)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), SatSolve.class.getName(), file.toString()));
    command.addAll(threads > 0 ? List.of("--threads", "" + threads) : List.of("--member", "" + member));
    Path out = Files.createTempFile("satsolve", ".out");
    try {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        return new Timed(SatResult.Status.UNKNOWN, (System.nanoTime() - start) / 1e9, " timeout");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      String text = Files.readString(out);
      return switch (p.exitValue()) {
        case SatOutput.EXIT_SATISFIABLE -> new Timed(SatResult.Status.SATISFIABLE, seconds,
            Dimacs.read(file).isSatisfiedBy(modelOf(text)) ? "" : " MISMATCH: the model falsifies a clause");
        case SatOutput.EXIT_UNSATISFIABLE -> new Timed(SatResult.Status.UNSATISFIABLE, seconds, "");
        default -> throw new IOException("SatSolve exited with " + p.exitValue() + ": " + text);
      };
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** The model in the {@code v} lines of SAT-competition output. */
  static int[] modelOf(String output) {
    return output.lines().filter(l -> l.startsWith("v ")).flatMap(l -> Arrays.stream(l.substring(2).trim().split(" +")))
        .mapToInt(Integer::parseInt).filter(lit -> lit != 0).toArray();
  }

  static double median(double[] values) {
    double[] r = values.clone();
    Arrays.sort(r);
    return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
  }
}
