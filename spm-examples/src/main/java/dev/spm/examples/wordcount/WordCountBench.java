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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Times the word count's {@code manage} on several pools in one process and one session, in
 * rounds: each round runs one {@code manage} on every pool, the pools taking turns at going first,
 * so that a machine that slows down or speeds up for a while weighs on every pool alike. Round 1
 * shows cold JVMs, the later rounds warm ones. {@code spm bench wordcount} runs it; so does
 * {@link #main}: {@code WordCountBench FILE POOL[,POOL…] [ROUNDS] [CHUNK_MB] [AGGREGATION] [THREADS]}.
 *
 * <p>With {@code threads} above zero, each round also counts on the peer: the same mapper over
 * the same chunks on plain threads in this JVM, first on one thread ({@code threads:1}) and then
 * on {@code threads} ({@code threads:N}), each thread folding what it counts into a map of its
 * own and the maps merged at the end. Its speedup shows what this machine gives this work
 * without spm: a machine whose cores are not alike (a virtual machine whose cores share their
 * physical core with other work) shows in both speedups. Two things set it apart from spm's. Its
 * threads share this JVM's heap, so a collector that stops the world (the {@code spm}
 * launcher's) holds them all at each collection, where each spoke has a heap of its own. And its
 * round 1 is not cold: a pool that runs in this JVM (the serial pool) has compiled the mapper
 * already.
 *
 * <p>One line per {@code manage} ({@code round=1 pool=intra-all manage_seconds=0.612 words=23327}),
 * one per peer run ({@code round=1 peer=threads:2 seconds=0.388 words=23327}), then, for two pools
 * or more, a line per pool after the first with its speedup over the first, and one for the
 * peer's {@code threads:N} over its {@code threads:1}: in round 1, and the median over the later
 * rounds of each round's ratio.
 */
public final class WordCountBench {
  /** Managers declared so far: a manager's name must be unique in the process, and a test may run twice. */
  private static final AtomicInteger MANAGERS = new AtomicInteger();

  private WordCountBench() {}

  /**
   * The times of each run, by round: {@code seconds[run][round]}; the runs are the pools, then the
   * peer's {@code threads:1} and {@code threads:N} when it ran.
   */
  public record Result(List<String> runs, double[][] seconds, int words) {
    /** The median, over rounds 2 and later, of each round's ratio of run {@code base}'s time to run {@code run}'s. */
    public double warmSpeedup(int base, int run) {
      int rounds = seconds[base].length;
      if (rounds < 2) {
        return Double.NaN;
      }
      double[] ratios = new double[rounds - 1];
      for (int r = 1; r < rounds; r++) {
        ratios[r - 1] = seconds[base][r] / seconds[run][r];
      }
      return median(ratios);
    }

    /** {@link #warmSpeedup(int, int)} over run 0, the first pool. */
    public double warmSpeedup(int run) {
      return warmSpeedup(0, run);
    }

    /** The median over rounds 2 and later of this run's time. */
    public double warmMedian(int run) {
      return seconds[run].length < 2 ? Double.NaN : median(Arrays.copyOfRange(seconds[run], 1, seconds[run].length));
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
    int threads = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    List<Chunk> chunks = split(List.of(file), chunkMb << 20);
    boolean needsSession = pools.stream().anyMatch(p -> !p.isSerial());
    Session session = needsSession ? Session.open("local") : null;
    try {
      if (session != null) {
        session.awaitSpokes(Duration.ofSeconds(60));
      }
      run(chunks, pools, threads, rounds, aggregation, System.out);
    } finally {
      if (session != null) {
        session.close();
      }
    }
  }

  /**
   * Runs {@code rounds} rounds over {@code pools} on the session open in this process (if a pool
   * needs one), and over the peer on {@code threads} threads unless that is 0, printing a line per
   * run and the speedups; see the class comment.
   *
   * @throws IllegalStateException if a task failed, or two runs counted differently
   * @throws IllegalArgumentException if {@code threads} is negative
   * @throws dev.spm.ManageException as {@link MapReduceManager#manage}
   */
  public static Result run(List<Chunk> chunks, List<Pool> pools, int threads, int rounds, Aggregation aggregation,
      PrintStream out) {
    if (threads < 0) {
      throw new IllegalArgumentException("the peer's threads must be 0 (no peer) or more, but were " + threads);
    }
    List<String> names = new ArrayList<>(pools.stream().map(Pool::toString).toList());
    if (threads > 0) {
      names.add("threads:1");
      names.add("threads:" + threads);
    }
    double[][] seconds = new double[names.size()][rounds];
    Map<String, Long> first = null;
    for (int round = 1; round <= rounds; round++) {
      for (int k = 0; k < names.size(); k++) {
        int p = (k + round - 1) % names.size(); // who goes first takes turns
        Counted counted = p < pools.size()
            ? manage(chunks, pools.get(p), round, aggregation)
            : countOnThreads(chunks, p == pools.size() ? 1 : threads);
        Map<String, Long> counts = counted.counts();
        seconds[p][round - 1] = counted.seconds();
        if (first == null) {
          first = counts;
        } else if (!first.equals(counts)) {
          throw new IllegalStateException("round " + round + " on " + names.get(p) + " counted differently from the first run");
        }
        out.printf(Locale.ROOT, p < pools.size() ? "round=%d pool=%s manage_seconds=%.3f words=%d%n"
            : "round=%d peer=%s seconds=%.3f words=%d%n", round, names.get(p), seconds[p][round - 1], counts.size());
      }
    }
    Result result = new Result(List.copyOf(names), seconds, first == null ? 0 : first.size());
    for (int p = 1; p < pools.size(); p++) {
      printSpeedup(result, 0, p, "", out);
    }
    if (threads > 0) {
      printSpeedup(result, pools.size(), pools.size() + 1, " (the peer: plain threads in this JVM)", out);
    }
    return result;
  }

  /** What one run counted, and in how long: a manage's wall time, or the peer's. */
  record Counted(double seconds, Map<String, Long> counts) {}

  /** Runs one manage on {@code pool}: its counts and its wall time. */
  private static Counted manage(List<Chunk> chunks, Pool pool, int round, Aggregation aggregation) {
    MapReduceManager<Chunk, String, Long> wc = MapReduceManager.<Chunk, String, Long>declare(
        "wordcount-bench-" + MANAGERS.incrementAndGet(), WordCount::map,
        Long::sum).combiner(Long::sum).aggregation(aggregation);
    chunks.forEach(wc::submit);
    ManageResult result = wc.manage(pool);
    if (result.failed() > 0) {
      throw new IllegalStateException(result.failed() + " task(s) failed in round " + round + " on pool " + pool);
    }
    return new Counted(result.wallTime().toNanos() / 1e9, wc.result());
  }

  private static void printSpeedup(Result result, int base, int run, String note, PrintStream out) {
    double[][] seconds = result.seconds();
    out.printf(Locale.ROOT, "speedup of %s over %s%s: round 1 (cold) %.2fx", result.runs().get(run),
        result.runs().get(base), note, seconds[base][0] / seconds[run][0]);
    int rounds = seconds[base].length;
    if (rounds > 1) {
      out.printf(Locale.ROOT, "; rounds 2-%d (warm): median of each round's ratio %.2fx (medians %.3f s and %.3f s)",
          rounds, result.warmSpeedup(base, run), result.warmMedian(base), result.warmMedian(run));
    }
    out.println();
  }

  /**
   * The peer: counts the chunks with {@link WordCount#map} on {@code threads} plain threads, each
   * taking the next chunk until none is left and folding its counts into a map of its own; the
   * maps are merged once every chunk is counted. Its time runs from before the threads start to
   * after the merge.
   *
   * @throws IllegalStateException if a chunk cannot be read
   */
  static Counted countOnThreads(List<Chunk> chunks, int threads) {
    long start = System.nanoTime();
    ConcurrentLinkedQueue<Chunk> left = new ConcurrentLinkedQueue<>(chunks);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Map<String, Long>>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(executor.submit(() -> {
          Map<String, Long> counts = new HashMap<>();
          for (Chunk chunk = left.poll(); chunk != null; chunk = left.poll()) {
            WordCount.map(chunk, (word, n) -> counts.merge(word, n, Long::sum));
          }
          return counts;
        }));
      }
      Map<String, Long> all = parts.getFirst().get();
      for (Future<Map<String, Long>> part : parts.subList(1, parts.size())) {
        part.get().forEach((word, n) -> all.merge(word, n, Long::sum));
      }
      return new Counted((System.nanoTime() - start) / 1e9, all);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the peer could not count: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the peer counted", e);
    } finally {
      executor.shutdownNow();
    }
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
