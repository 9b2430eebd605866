package dev.spm.examples.wordcount;

/**
 * One map task's input: a byte range of a file, which the mapper reads itself (the spokes share
 * the hub's filesystem), so that no file content travels through the hub. A chunk made by
 * {@link Chunker} starts and ends at a word boundary.
 *
 * @param path the file, as an absolute path
 * @param offset the first byte
 * @param length the number of bytes, at most {@link Integer#MAX_VALUE} - 8
 */
public record Chunk(String path, long offset, int length) {
  public Chunk {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("a chunk needs a non-negative offset and length, but was " + offset + "+"
          + length + " of " + path);
    }
  }

  /** The byte after the chunk's last. */
  public long end() {
    return offset + length;
  }
}
