package dev.spm.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * Fills a command's fields from its arguments, reading the command's own picocli annotations,
 * without building picocli's model: picocli's classes cannot go in the JVM's start-up cache, and
 * loading them costs more than a short {@code spm run}. It parses as the command line is
 * configured for {@code spm run}: options until the first positional word (or {@code --}), then
 * every word is positional; {@code --name value}, {@code --name=value}, {@code -x value},
 * {@code -xVALUE}, and clusters of flags such as {@code -kj2}. Errors read as picocli's.
 *
 * <p>It handles the annotations and types the run command uses (options with converters, ints,
 * booleans, strings, paths; mixins; one list of positional words). Anything else, and the help
 * and version options, make it give up ({@link Unsupported}): the caller then uses picocli.
 * {@code QuickArgsTest} checks that both agree.
 */
final class QuickArgs {
  /** The arguments need picocli: help, version, or an annotation this class does not handle. */
  static final class Unsupported extends Exception {
    Unsupported(String why) {
      super(why, null, false, false);
    }
  }

  /** One option: its field, the object holding it (the command or a mixin), and its names. */
  private record Opt(Field field, Object owner, Option option) {
    String longestName() {
      return Arrays.stream(option.names()).reduce((a, b) -> b.length() > a.length() ? b : a).orElseThrow();
    }

    String label() {
      return option.paramLabel().isEmpty() ? "<" + field.getName() + ">" : option.paramLabel();
    }

    boolean isFlag() {
      return field.getType() == boolean.class || field.getType() == Boolean.class;
    }
  }

  /** What picocli's annotation holds when no default value is given. */
  private static final String NO_DEFAULT = "__no_default_value__";

  private final Map<String, Opt> byName = new HashMap<>();
  private final List<Opt> all = new ArrayList<>();
  private Field positional;
  private Object positionalOwner;

  private QuickArgs() {}

  /**
   * Parses {@code args} into {@code command}'s fields.
   *
   * @throws IllegalArgumentException with picocli's message, for bad arguments
   * @throws Unsupported when picocli must parse these arguments
   */
  static <T> T parse(T command, String... args) throws Unsupported {
    QuickArgs q = new QuickArgs();
    try {
      q.collect(command);
      q.fill(args);
    } catch (ReflectiveOperationException e) {
      throw new Unsupported("reflection: " + e);
    }
    return command;
  }

  private void collect(Object owner) throws ReflectiveOperationException, Unsupported {
    Command command = owner.getClass().getAnnotation(Command.class);
    if (command != null && command.mixinStandardHelpOptions()) {
      for (String help : List.of("-h", "--help", "-V", "--version")) {
        byName.put(help, null); // null: handled by picocli
      }
    }
    for (Field field : owner.getClass().getDeclaredFields()) {
      field.setAccessible(true);
      if (field.isAnnotationPresent(Mixin.class)) {
        Constructor<?> constructor = field.getType().getDeclaredConstructor();
        constructor.setAccessible(true);
        Object mixin = constructor.newInstance();
        field.set(owner, mixin);
        collect(mixin);
      } else if (field.isAnnotationPresent(Option.class)) {
        Opt opt = new Opt(field, owner, field.getAnnotation(Option.class));
        if (opt.option().arity().length() > 0 || opt.option().split().length() > 0) {
          throw new Unsupported("arity or split on " + field);
        }
        all.add(opt);
        for (String name : opt.option().names()) {
          byName.put(name, opt);
        }
      } else if (field.isAnnotationPresent(Parameters.class)) {
        if (positional != null || field.getType() != List.class) {
          throw new Unsupported("positional parameters other than one list: " + field);
        }
        positional = field;
        positionalOwner = owner;
      }
    }
  }

  private void fill(String[] args) throws ReflectiveOperationException, Unsupported {
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
        String name = eq < 0 ? arg : arg.substring(0, eq);
        Opt opt = known(name, arg);
        String value = eq < 0 ? null : arg.substring(eq + 1);
        if (value == null && !opt.isFlag()) {
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
          Opt opt = known("-" + arg.charAt(at), arg);
          at++;
          if (opt.isFlag()) {
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
    if (positional != null) {
      positional.set(positionalOwner, new ArrayList<>(Arrays.asList(args).subList(i, args.length)));
    } else if (i < args.length) {
      throw new IllegalArgumentException("Unmatched argument at index " + i + ": '" + args[i] + "'");
    }
    for (Opt opt : all) {
      String defaultValue = opt.option().defaultValue();
      if (!seen.contains(opt) && !defaultValue.equals(NO_DEFAULT) && !defaultValue.equals(Option.NULL_VALUE)) {
        opt.field().set(opt.owner(), convert(opt, opt.option().defaultValue()));
      }
    }
  }

  private Opt known(String name, String arg) throws Unsupported {
    if (!byName.containsKey(name)) {
      throw new IllegalArgumentException("Unknown option: '" + arg + "'");
    }
    Opt opt = byName.get(name);
    if (opt == null) {
      throw new Unsupported("help or version");
    }
    return opt;
  }

  private void set(Opt opt, String value, Set<Opt> seen) throws ReflectiveOperationException, Unsupported {
    if (!seen.add(opt)) {
      throw new IllegalArgumentException("option '" + opt.longestName() + "' (" + opt.label()
          + ") should be specified only once");
    }
    if (opt.isFlag()) {
      if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException("Invalid value for option '" + opt.longestName() + "': '" + value
            + "' is not a boolean");
      }
      opt.field().set(opt.owner(), value == null || Boolean.parseBoolean(value));
      return;
    }
    opt.field().set(opt.owner(), convert(opt, value));
  }

  private static Object convert(Opt opt, String value) throws ReflectiveOperationException, Unsupported {
    Class<?>[] converters = opt.option().converter();
    try {
      if (converters.length == 1) {
        Constructor<?> constructor = converters[0].getDeclaredConstructor();
        constructor.setAccessible(true);
        return ((ITypeConverter<?>) constructor.newInstance()).convert(value);
      }
      Class<?> type = opt.field().getType();
      if (type == Integer.class || type == int.class) {
        try {
          return Integer.valueOf(value);
        } catch (NumberFormatException e) {
          throw new TypeConversionException("'" + value + "' is not an int");
        }
      }
      if (type == String.class) {
        return value;
      }
      if (type == Path.class) {
        return Path.of(value);
      }
      throw new Unsupported("type " + type + " of " + opt.field());
    } catch (TypeConversionException e) {
      throw new IllegalArgumentException("Invalid value for option '" + opt.longestName() + "': " + e.getMessage());
    } catch (Unsupported | ReflectiveOperationException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("Invalid value for option '" + opt.longestName() + "': " + e.getMessage());
    }
  }

  private static IllegalArgumentException missing(Opt opt) {
    return new IllegalArgumentException("Missing required parameter for option '" + opt.longestName() + "' ("
        + opt.label() + ")");
  }
}
