package dev.spm.examples.wordcount;

import dev.spm.ManageException;
import dev.spm.ManageOptions;
import dev.spm.ManageResult;
import dev.spm.MapReduceManager;
import dev.spm.MapReduceManager.Aggregation;
import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import dev.spm.SpmException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code spm demo wordcount}: counts words on {@link MapReduceManager}.
 *
 * <pre>
 * FILE... [--aggregation centralized|decentralized] [--cloud C] [--pool P] [--chunk-mb N] [--runs R] [--timing]
 * </pre>
 *
 * <p>A word is a maximal run of ASCII letters and digits, lower-cased; every other byte separates
 * words. It prints {@code word<TAB>count} lines to {@code out}, by count (highest first), then by
 * word in byte order: the same words and counts as
 * {@code LC_ALL=C tr -cs '[:alnum:]' '\n' | tr A-Z a-z | sort | uniq -c}.
 *
 * <p>Each file is split into chunks of even size, at most about {@code --chunk-mb} MiB (8 by
 * default), at word boundaries ({@link Chunker}); each chunk is one map task, which reads its
 * byte range of the file itself ({@link WordCount#map}), so spokes must see the same files as the
 * hub (true of every cloud on one machine). The combiner and the reducer are {@link Long#sum}; the aggregation is
 * decentralized by default.
 *
 * <p>The pool is {@code intra-all} on a session it opens on cloud {@code local} by default, after
 * waiting for every spoke; {@code --pool serial} runs in this process and opens no session. A
 * session already open in this process is used, and left open; one this demo opens is closed
 * before {@link #run} returns. {@code --timing} prints the wall time of {@code manage} to
 * {@code err}, as {@code wordcount: manage_seconds=S pool=P aggregation=A chunks=N bytes=B}.
 * {@code --runs R} counts R times over, with R managers in turn on the same pool (and session), so
 * that the later runs show warm JVMs; with {@code --timing} each run prints its line, ending
 * {@code run=K}. The counts are printed once; runs that counted differently are a failure.
 *
 * <p>The library never exits the JVM; {@link #main} does, with {@link #run}'s status.
 */
public final class WordCountDemo {
  /** Exit status when every word was counted and printed. */
  public static final int OK = 0;
  /** Exit status when a task failed or the runtime could not run (the message says which). */
  public static final int FAILED = 1;
  /** Exit status for bad arguments or a file that cannot be read, as elsewhere in {@code spm}. */
  public static final int BAD_INPUT = 255;

  static final String USAGE = "usage: wordcount FILE... [--aggregation centralized|decentralized] [--cloud C] "
      + "[--pool P] [--chunk-mb N] [--runs R] [--timing]";
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final int MAX_CHUNK_MB = 1024;
  private static final int MAX_RUNS = 100;

  private WordCountDemo() {}

  /** The parsed command line. */
  record Options(List<Path> files, Aggregation aggregation, String cloud, Pool pool, String poolSpec,
      int chunkBytes, int runs, boolean timing) {}

  /** What the run did: its counts, and each run's manage result (none if nothing ran). */
  record Counted(Map<String, Long> counts, List<ManageResult> manages, int chunks, long bytes) {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /**
   * Counts as described in the class comment. Runs on the calling thread; not to be called
   * concurrently with another {@code manage} in this process.
   *
   * @return 0 when the counts are printed; 255 for bad arguments or an unreadable file (one line on
   *     {@code err} naming it); 1 if a task failed or the runtime could not run
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, id -> { });
  }

  /** {@link #run(List, PrintStream, PrintStream)}, telling the id of a session it opens, for tests. */
  static int run(List<String> args, PrintStream out, PrintStream err, Consumer<String> sessionOpened) {
    Options options;
    List<Chunk> chunks = new ArrayList<>();
    try {
      options = parse(args);
      for (Path file : options.files()) {
        chunks.addAll(Chunker.split(file, options.chunkBytes()));
      }
    } catch (IllegalArgumentException e) {
      err.println("wordcount: " + e.getMessage());
      return BAD_INPUT;
    } catch (IOException e) {
      err.println("wordcount: cannot read " + e);
      return BAD_INPUT;
    }
    Counted counted;
    try {
      counted = count(chunks, options, sessionOpened);
    } catch (SpmException | TaskFailed e) {
      err.println("wordcount: " + e.getMessage());
      return FAILED;
    }
    if (options.timing()) {
      for (int k = 0; k < counted.manages().size(); k++) {
        err.printf(Locale.ROOT, "wordcount: manage_seconds=%.3f pool=%s aggregation=%s chunks=%d bytes=%d%s%n",
            counted.manages().get(k).wallTime().toNanos() / 1e9, options.poolSpec(),
            options.aggregation().name().toLowerCase(Locale.ROOT), counted.chunks(), counted.bytes(),
            options.runs() > 1 ? " run=" + (k + 1) : "");
      }
      err.flush();
    }
    print(counted.counts(), out);
    return OK;
  }

  /**
   * Runs the map-reduce over the chunks, {@code options.runs()} times on one pool (and one session);
   * an empty list needs no manager.
   *
   * @throws SpmException if the session cannot open, or {@code manage} ends early
   * @throws TaskFailed if a task failed for good (the message names the first failure), or two runs
   *     counted differently
   */
  static Counted count(List<Chunk> chunks, Options options, Consumer<String> sessionOpened) {
    long bytes = chunks.stream().mapToLong(Chunk::length).sum();
    if (chunks.isEmpty()) {
      return new Counted(Map.of(), List.of(), 0, 0);
    }
    ManageOptions manageOptions = ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build();
    Session opened = null;
    List<ManageResult> manages = new ArrayList<>();
    Map<String, Long> counts = null;
    try {
      if (!options.pool().isSerial() && Session.current().isEmpty()) {
        opened = Session.open(options.cloud());
        sessionOpened.accept(opened.id());
        opened.awaitSpokes(Duration.ofSeconds(60)); // so that manage's time is the work's, not start-up's
      }
      for (int run = 1; run <= options.runs(); run++) {
        MapReduceManager<Chunk, String, Long> wc = MapReduceManager.declare("wordcount-" + RUNS.incrementAndGet(),
            WordCount::map, Long::sum).combiner(Long::sum).aggregation(options.aggregation());
        List<String> problems = new ArrayList<>();
        wc.onReport(r -> r.failure().ifPresent(f -> problems.add(r.label() + ": " + f.getMessage())));
        chunks.forEach(wc::submit);
        manages.add(wc.manage(options.pool(), manageOptions));
        String inRun = options.runs() > 1 ? " in run " + run + " of " + options.runs() : "";
        if (!problems.isEmpty()) {
          throw new TaskFailed(problems.size() + " task(s) failed" + inRun + ", the first " + problems.getFirst());
        }
        if (counts == null) {
          counts = wc.result();
        } else if (!counts.equals(wc.result())) {
          throw new TaskFailed("run " + run + " counted differently from run 1 (" + wc.result().size() + " and "
              + counts.size() + " distinct words)");
        }
      }
    } finally {
      if (opened != null) {
        opened.close();
      }
    }
    return new Counted(counts, manages, chunks.size(), bytes);
  }

  /** A map or reduce task failed for good, so the counts are incomplete. */
  static final class TaskFailed extends RuntimeException {
    TaskFailed(String message) {
      super(message);
    }
  }

  /** Prints {@code word<TAB>count} lines, by count descending, then by word in byte order. */
  static void print(Map<String, Long> counts, PrintStream out) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(ORDER);
    try {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
      for (Map.Entry<String, Long> e : sorted) {
        w.write(e.getKey());
        w.write('\t');
        w.write(Long.toString(e.getValue()));
        w.write('\n');
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** Count descending, then word ascending; words are ASCII, so String order is byte order. */
  static final Comparator<Map.Entry<String, Long>> ORDER =
      Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
          .thenComparing(Map.Entry::getKey);

  static Options parse(List<String> args) {
    List<Path> files = new ArrayList<>();
    Aggregation aggregation = Aggregation.DECENTRALIZED;
    String cloud = "local";
    String poolSpec = "intra-all";
    int chunkMb = 8;
    int runs = 1;
    boolean timing = false;
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
        files.add(Path.of(a));
      } else if (a.equals("--")) {
        optionsEnded = true;
      } else if (a.equals("--aggregation")) {
        String v = value(args, ++i, a);
        aggregation = switch (v.toLowerCase(Locale.ROOT)) {
          case "centralized" -> Aggregation.CENTRALIZED;
          case "decentralized" -> Aggregation.DECENTRALIZED;
          default -> throw new IllegalArgumentException("--aggregation takes centralized or decentralized, but was '"
              + v + "'");
        };
      } else if (a.equals("--cloud")) {
        cloud = value(args, ++i, a);
      } else if (a.equals("--pool")) {
        poolSpec = value(args, ++i, a);
      } else if (a.equals("--chunk-mb")) {
        chunkMb = wholeNumber(value(args, ++i, a), a, MAX_CHUNK_MB);
      } else if (a.equals("--runs")) {
        runs = wholeNumber(value(args, ++i, a), a, MAX_RUNS);
      } else if (a.equals("--timing")) {
        timing = true;
      } else {
        throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no FILE given; " + USAGE);
    }
    files.forEach(WordCountDemo::checkReadable);
    Pool pool;
    try {
      pool = Pools.parse(poolSpec);
      Session.builder(cloud); // checks the spec without opening it
    } catch (SpmException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return new Options(List.copyOf(files), aggregation, cloud, pool, poolSpec, chunkMb << 20, runs, timing);
  }

  /** Throws an IllegalArgumentException naming {@code file} and why, unless it is a readable regular file. */
  static void checkReadable(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("cannot read '" + file + "': no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot read '" + file + "': not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read '" + file + "': permission denied");
    }
  }

  /** {@code v} as a whole number from 1 to {@code max}; else an error naming {@code option}. */
  private static int wholeNumber(String v, String option, int max) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > max) {
      throw new IllegalArgumentException(option + " takes a whole number from 1 to " + max + ", but was '" + v + "'");
    }
    return n;
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("option '" + option + "' needs a value");
    }
    return args.get(i);
  }
}
