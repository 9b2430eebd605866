package dev.spm.examples.sat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads and writes DIMACS CNF, the SAT competitions' format.
 *
 * <p>What is read: comment lines ({@code c ...}) anywhere; one header {@code p cnf VARIABLES
 * CLAUSES} before the first clause; then clauses as whitespace-separated literals, each clause
 * ended by {@code 0}, free to span lines or share one. A line starting with {@code %} ends the
 * formula (SATLIB's files end so). A gzip-compressed file is recognised by its first bytes.
 * Anything else is a {@link DimacsError} that names the line: no header, a second header, a token
 * that is not an integer, a literal beyond the declared variables, a last clause without its
 * {@code 0}, or a number of clauses other than the header's.
 */
public final class Dimacs {
  private Dimacs() {}

  /**
   * Reads a file, plain or gzip-compressed.
   *
   * @throws DimacsError when the content is not DIMACS CNF; the message starts with the file name
   * @throws IOException when the file cannot be read
   */
  public static Cnf read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
      return parse(in, file.toString());
    }
  }

  /**
   * Reads DIMACS CNF from a stream, which it does not close.
   *
   * @param source the name used in error messages, such as the file name
   * @throws DimacsError when the content is not DIMACS CNF
   * @throws IOException when the stream fails
   */
  public static Cnf parse(InputStream in, String source) throws IOException {
    return new Parser(in, source).parse();
  }

  /**
   * Reads DIMACS CNF from a string.
   *
   * @throws DimacsError when the text is not DIMACS CNF; the source in its message is
   *     {@code <string>}
   */
  public static Cnf parse(String text) {
    try {
      return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "<string>");
    } catch (IOException e) {
      throw new AssertionError("a byte array cannot fail to read", e);
    }
  }

  /** Writes the formula: the header, then one clause a line. Does not close or flush {@code out}. */
  public static void write(Cnf cnf, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(1 << 14);
    sb.append("p cnf ").append(cnf.numVars()).append(' ').append(cnf.numClauses()).append('\n');
    for (int i = 0; i < cnf.numClauses(); i++) {
      for (int lit : cnf.clauseView(i)) {
        sb.append(lit).append(' ');
      }
      sb.append("0\n");
      if (sb.length() > (1 << 14) - 256) {
        out.append(sb);
        sb.setLength(0);
      }
    }
    out.append(sb);
  }

  /** Writes the formula to a file, replacing it. */
  public static void write(Cnf cnf, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      write(cnf, out);
    }
  }

  /** The formula as DIMACS text. */
  public static String toString(Cnf cnf) {
    java.io.StringWriter out = new java.io.StringWriter();
    try {
      write(cnf, out);
    } catch (IOException e) {
      throw new AssertionError("a StringWriter cannot fail", e);
    }
    return out.toString();
  }

  /** One pass over the bytes, with the line number at hand for every error. */
  private static final class Parser {
    private static final int EOF = -1;

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private int line = 1;

    private int headerLine;
    private int numVars = -1;
    private long numClauses;
    private final List<int[]> clauses = new ArrayList<>();
    private int[] current = new int[16];
    private int currentSize;
    private int clauseLine;
    private final char[] token = new char[40];

    Parser(InputStream in, String source) {
      this.in = in;
      this.source = source;
    }

    private int peek() throws IOException {
      if (pos == limit) {
        limit = in.read(buf, 0, buf.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return EOF;
        }
      }
      return buf[pos] & 0xff;
    }

    private DimacsError error(int atLine, String problem) {
      return new DimacsError(source, atLine, problem);
    }

    Cnf parse() throws IOException {
      while (true) {
        int b = peek();
        if (b == EOF) {
          break;
        } else if (b == '\n') {
          pos++;
          line++;
        } else if (b == ' ' || b == '\t' || b == '\r' || b == '\f') {
          pos++;
        } else if (b == 'c') {
          restOfLine();
        } else if (b == '%') {
          break;
        } else if (b == 'p') {
          header();
        } else {
          literal();
        }
      }
      if (numVars < 0) {
        throw error(0, "no header 'p cnf VARIABLES CLAUSES'");
      }
      if (currentSize > 0) {
        throw error(clauseLine, "the last clause is not ended by 0");
      }
      if (clauses.size() != numClauses) {
        throw error(headerLine, "the header declares " + numClauses + " clauses, but the file holds "
            + clauses.size());
      }
      return Cnf.owning(numVars, clauses.toArray(new int[0][]));
    }

    /** The rest of the current line, without its newline, which is left for the main loop. */
    private String restOfLine() throws IOException {
      StringBuilder sb = new StringBuilder();
      int b;
      while ((b = peek()) != EOF && b != '\n') {
        sb.append((char) b);
        pos++;
      }
      return sb.toString();
    }

    private void header() throws IOException {
      int at = line;
      String text = restOfLine().trim();
      if (numVars >= 0) {
        throw error(at, "a second header '" + text + "' (the first is on line " + headerLine + ")");
      }
      if (!clauses.isEmpty() || currentSize > 0) {
        throw error(at, "the header '" + text + "' comes after the first clause");
      }
      String[] words = text.split("\\s+");
      String expected = "expected 'p cnf VARIABLES CLAUSES', but found '" + text + "'";
      if (words.length != 4 || !words[0].equals("p") || !words[1].equals("cnf")) {
        throw error(at, expected);
      }
      try {
        numVars = Integer.parseInt(words[2]);
        numClauses = Long.parseLong(words[3]);
      } catch (NumberFormatException e) {
        throw error(at, expected);
      }
      if (numVars < 0 || numClauses < 0 || numClauses > Integer.MAX_VALUE - 8) {
        numVars = -1;
        throw error(at, expected + ": the counts must be non-negative integers");
      }
      headerLine = at;
    }

    /** The token just read, cut at 40 characters. */
    private String token(int length) {
      return new String(token, 0, Math.min(length, token.length)) + (length > token.length ? "..." : "");
    }

    private void literal() throws IOException {
      int at = line;
      int tokenLength = 0;
      boolean negative = false;
      long value = 0;
      int digits = 0;
      boolean bad = false;
      int b;
      while ((b = peek()) != EOF && b != ' ' && b != '\n' && b != '\t' && b != '\r' && b != '\f') {
        if (tokenLength == 0 && b == '-') {
          negative = true;
        } else if (b >= '0' && b <= '9') {
          digits++;
          value = Math.min(value * 10 + (b - '0'), 1L << 40);
        } else {
          bad = true;
        }
        if (tokenLength < token.length) {
          token[tokenLength] = (char) b;
        }
        tokenLength++;
        pos++;
      }
      if (bad || digits == 0) {
        throw error(at, "'" + token(tokenLength) + "' is not a literal");
      }
      if (numVars < 0) {
        throw error(at, "a clause before the header 'p cnf VARIABLES CLAUSES'");
      }
      if (value > numVars) {
        throw error(at, "literal " + token(tokenLength) + " is out of range: the header declares " + numVars
            + " variables");
      }
      int lit = (int) (negative ? -value : value);
      if (lit == 0) {
        if (clauses.size() == numClauses) {
          throw error(currentSize > 0 ? clauseLine : at, "more clauses than the " + numClauses
              + " the header declares");
        }
        clauses.add(Arrays.copyOf(current, currentSize));
        currentSize = 0;
        return;
      }
      if (currentSize == 0) {
        clauseLine = at;
      }
      if (currentSize == current.length) {
        current = Arrays.copyOf(current, currentSize * 2);
      }
      current[currentSize++] = lit;
    }
  }
}
