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
 * Times the serial solver against minisat, instance by instance:
 * {@code SatBench [--timeout SECONDS] [--member I] [SPEC|FILE.cnf ...]}, where a SPEC names a
 * generated formula ({@link Instances}); without any, {@link Instances#BENCHMARK}. Each instance
 * is written to a temporary file, solved here (parse included, in this JVM, one after another)
 * and by {@code /usr/bin/minisat}, whose wall time includes its process start. One line an
 * instance, then the median ratio:
 * {@code random3:250:4.26:1 vars=250 clauses=1065 answer=UNSATISFIABLE spm_s=0.412 minisat_s=0.233 ratio=1.77}.
 * A disagreement or a model that fails its formula is printed as {@code MISMATCH} and makes the
 * exit code 1.
 */
public final class SatBench {
  private SatBench() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    double timeoutSeconds = 300;
    int member = 0;
    List<String> specs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--timeout" -> timeoutSeconds = Double.parseDouble(args[++i]);
        case "--member" -> member = Integer.parseInt(args[++i]);
        default -> specs.add(args[i]);
      }
    }
    if (specs.isEmpty()) {
      specs.addAll(Instances.BENCHMARK);
    }
    Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
    Path dir = Files.createTempDirectory("satbench");
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "satbench-timer");
      t.setDaemon(true);
      return t;
    });
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
        long start = System.nanoTime();
        Cnf cnf = Dimacs.read(file);
        CdclSolver solver = new CdclSolver(cnf, Config.portfolio(member), ClauseExchange.none());
        ScheduledFuture<?> stop = timer.schedule(solver::stop, timeout.toMillis(), TimeUnit.MILLISECONDS);
        SatResult ours = solver.solve();
        double spmSeconds = (System.nanoTime() - start) / 1e9;
        stop.cancel(false);
        Minisat.Outcome ref = Minisat.solve(file, cnf.numVars(), timeout);
        double minisatSeconds = ref.wallTime().toNanos() / 1e9;
        boolean agree = ours.status() == SatResult.Status.UNKNOWN || ref.status() == SatResult.Status.UNKNOWN
            || ours.status() == ref.status();
        boolean modelOk = ours.status() != SatResult.Status.SATISFIABLE || cnf.isSatisfiedBy(ours.model());
        if (!agree || !modelOk) {
          mismatch = true;
        }
        double ratio = spmSeconds / minisatSeconds;
        if (ours.status() != SatResult.Status.UNKNOWN && ref.status() != SatResult.Status.UNKNOWN) {
          ratios.add(ratio);
        }
        System.out.printf(Locale.ROOT, "%s vars=%d clauses=%d answer=%s spm_s=%.3f minisat_s=%.3f ratio=%.2f"
            + " conflicts=%d%s%n", spec, cnf.numVars(), cnf.numClauses(), ours.status(), spmSeconds, minisatSeconds,
            ratio, ours.stats().conflicts(), agree && modelOk ? "" : " MISMATCH minisat=" + ref.status());
      }
    } finally {
      timer.shutdownNow();
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
    if (!ratios.isEmpty()) {
      double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
      System.out.printf(Locale.ROOT, "median_ratio=%.2f instances=%d%n", median(r), r.length);
    }
    System.exit(mismatch ? 1 : 0);
  }

  static double median(double[] values) {
    double[] r = values.clone();
    Arrays.sort(r);
    return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
  }
}
