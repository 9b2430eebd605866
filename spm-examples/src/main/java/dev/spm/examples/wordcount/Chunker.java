package dev.spm.examples.wordcount;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits files into {@link Chunk}s of nearly equal size, at most about a target size, each ending
 * just after a separator byte (or at the end of the file), so that no word is split and one large
 * file still makes many map tasks of even length (a short last chunk would leave all but one spoke
 * idle at the end of the map phase). The chunks of a file cover it exactly, in order, without
 * overlap; an empty file has none. Reads only a few KiB near each cut.
 */
final class Chunker {
  /** The most bytes one chunk may have (a Java array's limit, with room to spare). */
  static final int MAX_CHUNK = Integer.MAX_VALUE - 8;
  private static final int PROBE = 64 * 1024;

  private Chunker() {}

  /**
   * The chunks of {@code file}: as few as hold at most {@code target} bytes each, of nearly equal
   * size, each cut moved on to the end of the word that straddles it.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if target is not positive, or a word is too long for a chunk
   */
  static List<Chunk> split(Path file, int target) throws IOException {
    if (target < 1) {
      throw new IllegalArgumentException("the chunk size must be positive, but was " + target);
    }
    String path = file.toAbsolutePath().toString();
    List<Chunk> chunks = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer probe = ByteBuffer.allocate(PROBE);
      long wanted = Math.ceilDiv(size, target);
      long pos = 0;
      while (pos < size) {
        long left = Math.max(1, wanted - chunks.size());
        long end = pos + Math.ceilDiv(size - pos, left); // an even share of the rest
        end = end >= size ? size : afterSeparator(ch, end - 1, size, probe);
        if (end - pos > MAX_CHUNK) {
          throw new IllegalArgumentException(file + " has a word too long to count at byte " + pos);
        }
        chunks.add(new Chunk(path, pos, (int) (end - pos)));
        pos = end;
      }
    }
    return chunks;
  }

  /** The position just after the first separator at or after {@code from}; {@code size} if none. */
  private static long afterSeparator(FileChannel ch, long from, long size, ByteBuffer probe) throws IOException {
    long at = from;
    while (at < size) {
      probe.clear();
      int n = ch.read(probe, at);
      if (n <= 0) {
        return size; // the file shrank meanwhile; the mapper will fail on the short read
      }
      byte[] a = probe.array();
      for (int i = 0; i < n; i++) {
        if (!Words.isWordByte(a[i])) {
          return at + i + 1;
        }
      }
      at += n;
    }
    return size;
  }
}
