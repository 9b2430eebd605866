package dev.spm.examples.wordcount;

import dev.spm.MapReduceManager;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The task functions of the word count, resolved by name on spokes: the mapper reads its chunk of
 * the file itself and emits each distinct word of it once, with its count there.
 */
public final class WordCount {
  private WordCount() {}

  /**
   * Counts the words of one chunk and emits each distinct word once with its count.
   *
   * @throws EOFException if the file ends before the chunk does (it shrank since it was split)
   * @throws IOException if the file cannot be read
   */
  public static void map(Chunk chunk, MapReduceManager.Emitter<String, Long> out) throws IOException {
    byte[] buf = read(chunk);
    WordTable table = new WordTable(buf);
    table.scan(0, buf.length);
    table.forEach((word, n) -> out.emit(word, (long) n));
  }

  /** The words of {@code bytes} with their counts. */
  static Map<String, Long> count(byte[] bytes) {
    WordTable table = new WordTable(bytes);
    table.scan(0, bytes.length);
    Map<String, Long> counts = new HashMap<>();
    table.forEach((word, n) -> counts.merge(word, (long) n, Long::sum));
    return counts;
  }

  static byte[] read(Chunk chunk) throws IOException {
    byte[] buf = new byte[chunk.length()];
    ByteBuffer bb = ByteBuffer.wrap(buf);
    try (FileChannel ch = FileChannel.open(Path.of(chunk.path()), StandardOpenOption.READ)) {
      long at = chunk.offset();
      while (bb.hasRemaining()) {
        int n = ch.read(bb, at);
        if (n < 0) {
          throw new EOFException(chunk.path() + " ended at byte " + at + ", before the end of its chunk at "
              + chunk.end() + "; did it change while being counted?");
        }
        at += n;
      }
    }
    return buf;
  }
}
