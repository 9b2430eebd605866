package dev.spm.cli;

import picocli.CommandLine.Option;

/** The {@code --cloud} option, shared by every command that opens a session. */
final class CloudOption {
  @Option(names = "--cloud", defaultValue = "local", converter = Converters.CloudConverter.class,
      description = "local or local:SxN (default: ${DEFAULT-VALUE}).")
  String cloud;

  @Option(names = "--listen", paramLabel = "ADDRESS", description = "Also listen on ADDRESS (beyond loopback), over "
      + "TLS, so that other servers can join with: spm agent --connection FILE (the file is named on stderr).")
  void listen(String address) {
    Clouds.listen(address);
  }
}
