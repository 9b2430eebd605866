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
 * {@code :::} are one source, the lines of the file after each {@code ::::} another
 * ({@code :::: -} is stdin); several sources give their cross product, the last source varying
 * fastest. With neither, the lines of stdin are the one source.
 *
 * <p>The first source is read lazily, line by line as jobs start, so a file or stdin of any
 * length runs in bounded memory; the later sources, which the cross product repeats, are read
 * whole first.
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

  /** Arguments read from a file, one per line; the path {@code -} is stdin. */
  public record FileSource(Path path) implements Source {
    boolean isStdin() {
      return path.toString().equals("-");
    }
  }

  /**
   * The tuples of arguments, lazily, and how many there are when that is known without reading
   * the first source to its end.
   */
  public interface Tuples extends Iterator<List<String>> {
    /** The number of tuples, or -1 while unknown. */
    long knownTotal();
  }

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

  /**
   * The tuples of the sources, in GNU parallel's order; the first source is read lazily (see the
   * class comment), the others whole, at once. An empty source makes no tuples.
   *
   * @throws IllegalArgumentException with GNU parallel's message, if a file cannot be opened
   */
  public static Tuples tuples(List<Source> sources, InputStream stdin) {
    if (sources.isEmpty()) {
      Iterator<List<String>> lines = lines(stdin);
      return tuples(lines, List.of(), -1);
    }
    Source first = sources.getFirst();
    List<List<String>> rest = new ArrayList<>();
    for (Source source : sources.subList(1, sources.size())) {
      rest.add(readAll(source, stdin));
    }
    // instanceof, not a pattern switch: a switch spins a class at run time, which spm run's start feels
    if (first instanceof Args a) {
      long total = a.args().size();
      for (List<String> r : rest) {
        total *= r.size();
      }
      return tuples(wrapEach(a.args().iterator()), rest, total);
    }
    FileSource f = (FileSource) first;
    return tuples(f.isStdin() ? lines(stdin) : lines(open(f.path())), rest, -1);
  }

  private static Tuples tuples(Iterator<List<String>> firsts, List<List<String>> rest, long total) {
    boolean restEmpty = rest.stream().anyMatch(List::isEmpty);
    return new Tuples() {
      private List<String> first;
      private Iterator<List<String>> inner = java.util.Collections.emptyIterator();
      private long made;
      private long knownTotal = restEmpty ? 0 : total;

      @Override
      public boolean hasNext() {
        if (restEmpty) {
          return false;
        }
        if (inner.hasNext()) {
          return true;
        }
        if (!firsts.hasNext()) {
          knownTotal = made;
          return false;
        }
        first = firsts.next();
        inner = crossProduct(rest, true);
        return true;
      }

      @Override
      public List<String> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        List<String> tail = inner.next();
        made++;
        if (tail.isEmpty()) {
          return first;
        }
        List<String> tuple = new ArrayList<>(first.size() + tail.size());
        tuple.addAll(first);
        tuple.addAll(tail);
        return tuple;
      }

      @Override
      public long knownTotal() {
        return knownTotal;
      }
    };
  }

  private static <T> Iterator<List<T>> wrapEach(Iterator<T> items) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public List<T> next() {
        return List.of(items.next());
      }
    };
  }

  private static List<String> readAll(Source source, InputStream stdin) {
    if (source instanceof Args a) {
      return a.args();
    }
    FileSource f = (FileSource) source;
    List<String> all = new ArrayList<>();
    lines(f.isStdin() ? stdin : open(f.path())).forEachRemaining(l -> all.add(l.getFirst()));
    return all;
  }

  private static InputStream open(Path path) {
    try {
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("Cannot open input file `" + path + "': No such file or directory.");
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot open input file `" + path + "': " + e.getMessage());
    }
  }

  /** The cross product of the lists, lazily, in GNU parallel's order (the last varies fastest). */
  public static Iterator<List<String>> crossProduct(List<List<String>> lists) {
    return crossProduct(lists, false);
  }

  private static Iterator<List<String>> crossProduct(List<List<String>> lists, boolean emptyGivesOne) {
    List<List<String>> copy = List.copyOf(lists);
    if (copy.isEmpty() && emptyGivesOne) {
      return List.of(List.<String>of()).iterator();
    }
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

  /** The lines of a stream, each a one-argument tuple, read lazily (a final line without a newline counts). */
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
