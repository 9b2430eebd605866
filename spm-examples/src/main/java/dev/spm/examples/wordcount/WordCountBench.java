package dev.spm.examples.wordcount;

import dev.spm.ManageResult;
import dev.spm.MapReduceManager;
import dev.spm.MapReduceManager.Aggregation;
import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Times the word count's {@code manage} several times in one process (and, for a pool that needs
 * one, one session), so that the first run shows cold JVMs and the later ones warm JVMs:
 * {@code WordCountBench FILE POOL [RUNS] [CHUNK_MB] [AGGREGATION]}. One line per run:
 * {@code run=1 pool=intra-all manage_seconds=0.612 words=23327}.
 */
public final class WordCountBench {
  private WordCountBench() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    Pool pool = Pools.parse(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int chunkMb = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    Aggregation aggregation = args.length > 4 ? Aggregation.valueOf(args[4].toUpperCase(Locale.ROOT))
        : Aggregation.DECENTRALIZED;
    List<Chunk> chunks = Chunker.split(file, chunkMb << 20);
    Session session = pool.isSerial() ? null : Session.open("local");
    try {
      if (session != null) {
        session.awaitSpokes(Duration.ofSeconds(60));
      }
      for (int run = 1; run <= runs; run++) {
        MapReduceManager<Chunk, String, Long> wc = MapReduceManager.<Chunk, String, Long>declare(
            "wordcount-bench-" + run, WordCount::map, Long::sum).combiner(Long::sum).aggregation(aggregation);
        chunks.forEach(wc::submit);
        ManageResult result = wc.manage(pool);
        System.out.printf(Locale.ROOT, "run=%d pool=%s manage_seconds=%.3f words=%d%n", run, pool,
            result.wallTime().toNanos() / 1e9, wc.result().size());
      }
    } finally {
      if (session != null) {
        session.close();
      }
    }
  }
}
