package dev.spm.cli;

import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import dev.spm.SpmInputException;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters, so that a bad value is a usage error naming the value (exit status 255). */
final class Converters {
  private Converters() {}

  static final class PoolConverter implements ITypeConverter<Pool> {
    @Override
    public Pool convert(String value) {
      try {
        return Pools.parse(value);
      } catch (SpmInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class TermSeqConverter implements ITypeConverter<dev.spm.internal.proc.TermSeq> {
    @Override
    public dev.spm.internal.proc.TermSeq convert(String value) {
      try {
        return dev.spm.internal.proc.TermSeq.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class HaltConverter implements ITypeConverter<Halt> {
    @Override
    public Halt convert(String value) {
      try {
        return Halt.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Checks a cloud spec at once (without opening it) and keeps its text. */
  static final class CloudConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return cloud(value);
      } catch (SpmInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * A cloud spec, checked (without opening it).
   *
   * @throws SpmInputException naming the spec, if it is bad
   */
  static String cloud(String value) {
    Session.builder(value);
    return value;
  }
}
