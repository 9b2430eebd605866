package dev.spm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The input sources of {@code spm run}, with GNU parallel's meaning: the words after each
 * {@code :::} are one source, the lines of the file after each {@code ::::} another; several
 * sources give their cross product, the last source varying fastest. With neither, the lines of
 * stdin are the one source, read lazily.
 */
public final class InputSources {
  /** Starts a source of arguments. */
  public static final String ARGS = ":::";
  /** Starts a source read from a file. */
  public static final String FILE = "::::";

  /** One source: its arguments, or the file to read them from. */
  public sealed interface Source {}

  /** Arguments given on the command line. */
  public record Args(List<String> args) implements Source {
    public Args {
      args = List.copyOf(args);
    }
  }

  /** Arguments read from a file, one per line. */
  public record FileSource(Path path) implements Source {}

  /**
   * The words of {@code spm run} split into the command and its sources.
   *
   * @param command the words before the first {@code :::} or {@code ::::}
   * @param sources the sources, in order; empty for stdin
   */
  public record Parsed(List<String> command, List<Source> sources) {
    public Parsed {
      command = List.copyOf(command);
      sources = List.copyOf(sources);
    }

    /** Whether arguments come from stdin. */
    public boolean fromStdin() {
      return sources.isEmpty();
    }
  }

  private InputSources() {}

  /** Splits the words at each {@code :::} and {@code ::::}. */
  public static Parsed parse(List<String> words) {
    List<String> command = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    int i = 0;
    while (i < words.size() && !isSeparator(words.get(i))) {
      command.add(words.get(i++));
    }
    while (i < words.size()) {
      String separator = words.get(i++);
      List<String> args = new ArrayList<>();
      while (i < words.size() && !isSeparator(words.get(i))) {
        args.add(words.get(i++));
      }
      if (separator.equals(ARGS)) {
        sources.add(new Args(args));
      } else {
        for (String file : args) {
          sources.add(new FileSource(Path.of(file)));
        }
      }
    }
    return new Parsed(command, sources);
  }

  private static boolean isSeparator(String word) {
    return word.equals(ARGS) || word.equals(FILE);
  }

  /**
   * Reads the sources' arguments: each file whole (an empty line is an empty argument).
   *
   * @throws IllegalArgumentException with GNU parallel's message, if a file cannot be read
   */
  public static List<List<String>> read(List<Source> sources) {
    List<List<String>> lists = new ArrayList<>();
    for (Source source : sources) {
      switch (source) {
        case Args a -> lists.add(a.args());
        case FileSource f -> {
          try {
            lists.add(Files.readAllLines(f.path(), StandardCharsets.UTF_8));
          } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Cannot open input file `" + f.path() + "': No such file or directory.");
          } catch (IOException e) {
            throw new IllegalArgumentException("Cannot open input file `" + f.path() + "': " + e.getMessage());
          }
        }
      }
    }
    return lists;
  }

  /** The cross product of the lists, lazily, in GNU parallel's order (the last varies fastest). */
  public static Iterator<List<String>> crossProduct(List<List<String>> lists) {
    List<List<String>> copy = List.copyOf(lists);
    boolean empty = copy.isEmpty() || copy.stream().anyMatch(List::isEmpty);
    return new Iterator<>() {
      private final int[] at = new int[copy.size()];
      private boolean done = empty;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public List<String> next() {
        if (done) {
          throw new NoSuchElementException();
        }
        List<String> tuple = new ArrayList<>(copy.size());
        for (int k = 0; k < copy.size(); k++) {
          tuple.add(copy.get(k).get(at[k]));
        }
        int k = copy.size() - 1;
        while (k >= 0 && ++at[k] == copy.get(k).size()) {
          at[k--] = 0;
        }
        done = k < 0;
        return List.copyOf(tuple);
      }
    };
  }

  /** The lines of a stream, each a one-argument tuple, read lazily. */
  public static Iterator<List<String>> lines(InputStream in) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return new Iterator<>() {
      private String next = read();

      private String read() {
        try {
          return reader.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public List<String> next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String line = next;
        next = read();
        return List.of(line);
      }
    };
  }
}
