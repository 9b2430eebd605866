package dev.spm.cli;

import picocli.CommandLine.Option;

/** The {@code --cloud} option, shared by every command that opens a session. */
final class CloudOption {
  @Option(names = "--cloud", defaultValue = "local", converter = Converters.CloudConverter.class,
      description = "local or local:SxN (default: ${DEFAULT-VALUE}).")
  String cloud;
}
