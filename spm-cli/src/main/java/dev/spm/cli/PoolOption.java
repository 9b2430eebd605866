package dev.spm.cli;

import dev.spm.Pool;
import picocli.CommandLine.Option;

/** The {@code --pool} option, intra-all by default, shared by the commands that run on a pool. */
final class PoolOption {
  @Option(names = "--pool", defaultValue = "intra-all", converter = Converters.PoolConverter.class,
      description = "serial (no session), intra-all, intra-one-per-server, inter, inter-one-per-server, each with an "
          + "optional :N (default: ${DEFAULT-VALUE}).")
  Pool pool;
}
