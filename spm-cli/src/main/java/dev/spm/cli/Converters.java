package dev.spm.cli;

import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** picocli converters, so that a bad value is a usage error naming the value (exit status 255). */
final class Converters {
  private Converters() {}

  static final class PoolConverter implements ITypeConverter<Pool> {
    @Override
    public Pool convert(String value) {
      return Pools.parse(value);
    }
  }

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value);
    }
  }

  /** Checks a cloud spec at once (without opening it) and keeps its text. */
  static final class CloudConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      Session.builder(value);
      return value;
    }
  }
}
