package dev.spm.examples.wordcount;

import dev.spm.ManageResult;
import dev.spm.MapReduceManager;
import dev.spm.MapReduceManager.Aggregation;
import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the word count's {@code manage} on several pools in one process and one session, in
 * rounds: each round runs one {@code manage} on every pool, the pools taking turns at going first,
 * so that a machine that slows down or speeds up for a while weighs on every pool alike. Round 1
 * shows cold JVMs, the later rounds warm ones. {@code spm bench wordcount} runs it; so does
 * {@link #main}: {@code WordCountBench FILE POOL[,POOL…] [ROUNDS] [CHUNK_MB] [AGGREGATION]}.
 *
 * <p>One line per {@code manage} ({@code round=1 pool=intra-all manage_seconds=0.612 words=23327}),
 * then, for two pools or more, a line per pool after the first with its speedup over the first:
 * in round 1, and the median over the later rounds of each round's ratio.
 */
public final class WordCountBench {
  private WordCountBench() {}

  /** The {@code manage} times of each pool, by round: {@code seconds[pool][round]}. */
  public record Result(List<String> pools, double[][] seconds, int words) {
    /** The median, over rounds 2 and later, of each round's ratio of pool 0's time to this pool's. */
    public double warmSpeedup(int pool) {
      int rounds = seconds[0].length;
      if (rounds < 2) {
        return Double.NaN;
      }
      double[] ratios = new double[rounds - 1];
      for (int r = 1; r < rounds; r++) {
        ratios[r - 1] = seconds[0][r] / seconds[pool][r];
      }
      return median(ratios);
    }

    /** The median over rounds 2 and later of this pool's time. */
    public double warmMedian(int pool) {
      return seconds[pool].length < 2 ? Double.NaN : median(Arrays.copyOfRange(seconds[pool], 1, seconds[pool].length));
    }
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    List<Pool> pools = new ArrayList<>();
    for (String spec : args[1].split(",")) {
      pools.add(Pools.parse(spec));
    }
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int chunkMb = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    Aggregation aggregation = args.length > 4 ? Aggregation.valueOf(args[4].toUpperCase(Locale.ROOT))
        : Aggregation.DECENTRALIZED;
    List<Chunk> chunks = split(List.of(file), chunkMb << 20);
    boolean needsSession = pools.stream().anyMatch(p -> !p.isSerial());
    Session session = needsSession ? Session.open("local") : null;
    try {
      if (session != null) {
        session.awaitSpokes(Duration.ofSeconds(60));
      }
      run(chunks, pools, rounds, aggregation, System.out);
    } finally {
      if (session != null) {
        session.close();
      }
    }
  }

  /**
   * Runs {@code rounds} rounds over {@code pools} on the session open in this process (if a pool
   * needs one), printing a line per {@code manage} and the speedups; see the class comment.
   *
   * @throws IllegalStateException if a task failed, or two runs counted differently
   * @throws dev.spm.ManageException as {@link MapReduceManager#manage}
   */
  public static Result run(List<Chunk> chunks, List<Pool> pools, int rounds, Aggregation aggregation, PrintStream out) {
    double[][] seconds = new double[pools.size()][rounds];
    Map<String, Long> first = null;
    for (int round = 1; round <= rounds; round++) {
      for (int k = 0; k < pools.size(); k++) {
        int p = (k + round - 1) % pools.size(); // who goes first takes turns
        Pool pool = pools.get(p);
        MapReduceManager<Chunk, String, Long> wc = MapReduceManager.<Chunk, String, Long>declare(
            "wordcount-bench-" + round + "-" + p, WordCount::map, Long::sum).combiner(Long::sum).aggregation(aggregation);
        chunks.forEach(wc::submit);
        ManageResult result = wc.manage(pool);
        if (result.failed() > 0) {
          throw new IllegalStateException(result.failed() + " task(s) failed in round " + round + " on pool " + pool);
        }
        Map<String, Long> counts = wc.result();
        if (first == null) {
          first = counts;
        } else if (!first.equals(counts)) {
          throw new IllegalStateException("round " + round + " on pool " + pool + " counted differently from the first run");
        }
        seconds[p][round - 1] = result.wallTime().toNanos() / 1e9;
        out.printf(Locale.ROOT, "round=%d pool=%s manage_seconds=%.3f words=%d%n", round, pool, seconds[p][round - 1],
            counts.size());
      }
    }
    Result result = new Result(pools.stream().map(Pool::toString).toList(), seconds, first == null ? 0 : first.size());
    for (int p = 1; p < pools.size(); p++) {
      out.printf(Locale.ROOT, "speedup of %s over %s: round 1 (cold) %.2fx", pools.get(p), pools.get(0),
          seconds[0][0] / seconds[p][0]);
      if (rounds > 1) {
        out.printf(Locale.ROOT, "; rounds 2-%d (warm): median of each round's ratio %.2fx (medians %.3f s and %.3f s)",
            rounds, result.warmSpeedup(p), result.warmMedian(0), result.warmMedian(p));
      }
      out.println();
    }
    return result;
  }

  /**
   * The chunks of {@code files}, as {@code spm demo wordcount} splits them.
   *
   * @throws IllegalArgumentException naming a file that is missing, not a regular file, or not readable
   * @throws IOException if a file cannot be read all the same
   */
  public static List<Chunk> split(List<Path> files, int chunkBytes) throws IOException {
    files.forEach(WordCountDemo::checkReadable);
    List<Chunk> chunks = new ArrayList<>();
    for (Path file : files) {
      chunks.addAll(Chunker.split(file, chunkBytes));
    }
    return chunks;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
