package dev.spm.examples.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads an edge list byte by byte, without a String or a regular expression per line.
 *
 * <p>Overview: the file is read in blocks of {@value #BLOCK} bytes into one buffer. Every complete
 * line in the buffer (up to a {@code \n}) is parsed in place; the incomplete tail is moved to the
 * front before the next block is read behind it, and the buffer doubles when one line alone fills
 * it. At the end of the file, the last line needs no {@code \n}. One instance reads one file, on one
 * thread.
 */
final class EdgeListParser {
  private static final int BLOCK = 1 << 20;
  private static final int QUOTED = 40;

  private final String file;
  private final EdgeList.Builder edges;
  private byte[] buf = new byte[BLOCK];
  private long line;
  private int pos; // the next byte to look at, while a line is parsed

  private EdgeListParser(String file, long bytes) {
    this.file = file;
    // about 12 bytes a line in generated files; the builder grows if the guess is short
    this.edges = new EdgeList.Builder((int) Math.min(GraphPart.MAX_ARRAY, bytes / 12 + 16));
  }

  static EdgeList read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      EdgeListParser p = new EdgeListParser(path.toString(), ch.size());
      p.readAll(ch);
      return p.edges.build();
    }
  }

  /** Parses text held in memory, for tests: the same grammar, and the same errors under this name. */
  static EdgeList parse(String name, byte[] text) {
    EdgeListParser p = new EdgeListParser(name, text.length);
    p.buf = text;
    p.parseLines(text.length, true);
    return p.edges.build();
  }

  private void readAll(FileChannel ch) throws IOException {
    int len = 0;
    boolean eof = false;
    while (!eof) {
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(GraphPart.MAX_ARRAY, 2L * buf.length));
        if (len == buf.length) {
          throw new EdgeListException(file, line + 1, "the line is longer than " + len + " bytes");
        }
      }
      int n = ch.read(ByteBuffer.wrap(buf, len, buf.length - len));
      if (n < 0) {
        eof = true;
      } else {
        len += n;
      }
      int done = parseLines(len, eof);
      System.arraycopy(buf, done, buf, 0, len - done);
      len -= done;
    }
  }

  /**
   * Parses the complete lines in {@code buf[0, len)}; all of them when {@code eof}.
   *
   * @return the offset of the first byte not parsed (the start of an incomplete line)
   */
  private int parseLines(int len, boolean eof) {
    byte[] b = buf;
    int start = 0;
    while (start < len) {
      int end = start;
      while (end < len && b[end] != '\n') {
        end++;
      }
      if (end == len && !eof) {
        return start;
      }
      line++;
      parseLine(start, end);
      start = end + 1;
    }
    return Math.min(start, len);
  }

  private void parseLine(int start, int end) {
    pos = skipBlanks(start, end);
    if (atEndOfContent(end)) {
      return; // blank or comment
    }
    long s = parseId(end, "a node id (an integer)");
    pos = skipBlanks(pos, end);
    if (atEndOfContent(end)) {
      throw new EdgeListException(file, line, "expected two node ids, but the line ends after one");
    }
    long d = parseId(end, "a second node id (an integer)");
    pos = skipBlanks(pos, end);
    if (!atEndOfContent(end)) {
      throw error("expected the end of the line after two node ids, but found", pos, end);
    }
    if (!edges.add(s, d)) {
      throw new EdgeListException(file, line, "the file has more than " + GraphPart.MAX_ARRAY + " edges");
    }
  }

  private boolean atEndOfContent(int end) {
    return pos == end || buf[pos] == '#';
  }

  private int skipBlanks(int from, int end) {
    byte[] b = buf;
    int p = from;
    while (p < end && isBlank(b[p])) {
      p++;
    }
    return p;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
  }

  /** Parses the token at {@code pos}, which must be an optionally signed decimal integer. */
  private long parseId(int end, String expected) {
    byte[] b = buf;
    int from = pos;
    int p = from;
    boolean negative = p < end && b[p] == '-';
    if (negative) {
      p++;
    }
    int digitsFrom = p;
    long v = 0;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      int digit = b[p] - '0';
      if (v > (Long.MAX_VALUE - digit) / 10) {
        throw error("the node id does not fit in a 64-bit signed integer:", from, end);
      }
      v = v * 10 + digit;
      p++;
    }
    if (p == digitsFrom || p < end && !isBlank(b[p]) && b[p] != '#') {
      throw error("expected " + expected + ", but found", from, end);
    }
    pos = p;
    return negative ? -v : v;
  }

  /** An error quoting the token (up to the next blank) at {@code from}, shortened if long. */
  private EdgeListException error(String problem, int from, int end) {
    int to = from;
    while (to < end && !isBlank(buf[to])) {
      to++;
    }
    StringBuilder token = new StringBuilder();
    for (int i = from; i < Math.min(to, from + QUOTED); i++) {
      int c = buf[i] & 0xff;
      token.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    if (to - from > QUOTED) {
      token.append('…');
    }
    return new EdgeListException(file, line, problem + " '" + token + "'");
  }
}
