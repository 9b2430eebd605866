package dev.spm.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Parses a command's arguments from a table of its options, without picocli: picocli's classes
 * cannot go in the JVM's start-up cache, and building its model (annotations read through
 * generated proxies) costs more than a short {@code spm run}. It parses as the command line is
 * configured for {@code spm run}: options until the first positional word (or {@code --}), then
 * every word is positional; {@code --name value}, {@code --name=value}, {@code -x value},
 * {@code -xVALUE}, and clusters of flags such as {@code -kj2}. Its errors read as picocli's.
 *
 * <p>The table repeats the command's picocli annotations; {@code QuickArgsTest} checks that they
 * agree, and that both parsers fill the same fields and reject the same arguments with the same
 * message. The help and version options are left to picocli ({@link Unsupported}).
 */
final class QuickArgs {
  /** The arguments need picocli: help or version. */
  static final class Unsupported extends Exception {
    Unsupported(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * One option.
   *
   * @param names its names, as in its {@code @Option}
   * @param label its parameter label, as picocli shows it ({@code <field>} when none is given)
   * @param flag whether it takes no value
   * @param defaultValue its default, or null
   * @param set sets the field from a value (null for a flag); throws {@link BadValue}
   */
  record Opt(List<String> names, String label, boolean flag, String defaultValue, Consumer<String> set) {
    String longestName() {
      return names.stream().reduce((a, b) -> b.length() > a.length() ? b : a).orElseThrow();
    }
  }

  /** A bad value: its message follows "Invalid value for option '--x': ", as picocli's converters' do. */
  static final class BadValue extends RuntimeException {
    BadValue(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * An option with a value, parsed by the same function as its picocli converter: a
   * RuntimeException it throws is a bad value, named by its message.
   */
  static <T> Opt valued(String label, Function<String, T> parse, Consumer<T> field, String... names) {
    return new Opt(List.of(names), label, false, null, value -> {
      T parsed;
      try {
        parsed = parse.apply(value);
      } catch (RuntimeException e) {
        throw new BadValue(e.getMessage());
      }
      field.accept(parsed);
    });
  }

  /** An int option. */
  static Opt integer(String label, Consumer<Integer> field, String... names) {
    return valued(label, value -> {
      try {
        return Integer.valueOf(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + value + "' is not an int");
      }
    }, field, names);
  }

  /** A string option. */
  static Opt string(String label, Consumer<String> field, String... names) {
    return valued(label, value -> value, field, names);
  }

  /** A flag. */
  static Opt flag(Consumer<Boolean> field, String... names) {
    return new Opt(List.of(names), "", true, null, value -> field.accept(true));
  }

  /** The same option with a default value. */
  static Opt withDefault(Opt opt, String defaultValue) {
    return new Opt(opt.names(), opt.label(), opt.flag(), defaultValue, opt.set());
  }

  private QuickArgs() {}

  /**
   * Parses {@code args} with the options of the table and hands the positional words on.
   *
   * @throws IllegalArgumentException with picocli's message, for bad arguments
   * @throws Unsupported when picocli must parse these arguments
   */
  static void parse(List<Opt> table, Consumer<List<String>> positional, String... args) throws Unsupported {
    Map<String, Opt> byName = new HashMap<>();
    for (Opt opt : table) {
      opt.names().forEach(name -> byName.put(name, opt));
    }
    for (String help : List.of("-h", "--help", "-V", "--version")) {
      byName.put(help, null); // null: left to picocli
    }
    Set<Opt> seen = new HashSet<>();
    int i = 0;
    while (i < args.length) {
      String arg = args[i];
      if (arg.equals("--")) {
        i++;
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        Opt opt = known(byName, eq < 0 ? arg : arg.substring(0, eq), arg);
        String value = eq < 0 ? null : arg.substring(eq + 1);
        if (value == null && !opt.flag()) {
          if (++i >= args.length) {
            throw missing(opt);
          }
          value = args[i];
        }
        set(opt, value, seen);
        i++;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        int at = 1;
        while (at < arg.length()) {
          Opt opt = known(byName, "-" + arg.charAt(at), arg);
          at++;
          if (opt.flag()) {
            set(opt, null, seen);
            continue;
          }
          String value = arg.substring(at);
          if (value.isEmpty()) {
            if (++i >= args.length) {
              throw missing(opt);
            }
            value = args[i];
          }
          set(opt, value, seen);
          break;
        }
        i++;
      } else {
        break; // the first positional word: every later word is positional too
      }
    }
    positional.accept(new ArrayList<>(Arrays.asList(args).subList(i, args.length)));
    for (Opt opt : table) {
      if (!seen.contains(opt) && opt.defaultValue() != null) {
        convert(opt, opt.defaultValue());
      }
    }
  }

  private static Opt known(Map<String, Opt> byName, String name, String arg) throws Unsupported {
    if (!byName.containsKey(name)) {
      throw new IllegalArgumentException("Unknown option: '" + arg + "'");
    }
    Opt opt = byName.get(name);
    if (opt == null) {
      throw new Unsupported("help or version");
    }
    return opt;
  }

  private static void set(Opt opt, String value, Set<Opt> seen) {
    if (!seen.add(opt)) {
      throw new IllegalArgumentException("option '" + opt.longestName() + "' (" + opt.label()
          + ") should be specified only once");
    }
    if (opt.flag()) {
      if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException("Invalid value for option '" + opt.longestName() + "': '" + value
            + "' is not a boolean");
      }
      if (value == null || Boolean.parseBoolean(value)) {
        opt.set().accept(null);
      }
      return;
    }
    convert(opt, value);
  }

  private static void convert(Opt opt, String value) {
    try {
      opt.set().accept(value);
    } catch (BadValue e) {
      throw new IllegalArgumentException("Invalid value for option '" + opt.longestName() + "': " + e.getMessage());
    }
  }

  private static IllegalArgumentException missing(Opt opt) {
    return new IllegalArgumentException("Missing required parameter for option '" + opt.longestName() + "' ("
        + opt.label() + ")");
  }
}
