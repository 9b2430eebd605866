package dev.spm.cli;

import dev.spm.internal.agent.AgentMain;
import dev.spm.internal.hub.Hub;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spm agent}: this server joins a running session. The hub's tracker then sees a new server
 * with {@code --slots} slots, whose spokes this process starts and watches; inter pools use it
 * from the next {@code manage} on. Its spokes run the hub's class path, fetched as jars and cached
 * by hash, so the user's code need not be installed here. When the hub goes away, or closes the session, the agent kills
 * its spokes and everything they started, and exits.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Joins a running session as a server: starts a spoke per slot, and stops them when the hub goes away.")
final class AgentCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--connection", paramLabel = "FILE",
      description = "The session's connection file (Session.connectionFile()): the hub's address and the token.")
  Path connection;

  @Option(names = "--hub", paramLabel = "HOST:PORT", description = "The hub's address (with --token-file).")
  String hub;

  @Option(names = "--token-file", paramLabel = "FILE", description = "The session's token file (with --hub).")
  Path tokenFile;

  @Option(names = "--slots", paramLabel = "N", description = "Spokes on this server (default: its processors).")
  Integer slots;

  @Option(names = "--name", paramLabel = "SERVER", description = "This server's name in the session "
      + "(default: the host name and this process's pid).")
  String name;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where the hub's jars are kept, by hash "
      + "(default: ~/.cache/spm/jars).")
  Path cacheDir;

  @Override
  public Integer call() throws Exception {
    List<String> args = new ArrayList<>(List.of("--standalone", "true"));
    if (connection != null) {
      if (hub != null || tokenFile != null) {
        throw usage("give either --connection, or --hub with --token-file, not both");
      }
      args.addAll(List.of("--connection", connection.toString()));
    } else {
      if (hub == null || tokenFile == null) {
        throw usage("say which session to join: --connection FILE, or --hub HOST:PORT with --token-file FILE");
      }
      if (!hub.matches("[^:]+:\\d{1,5}")) {
        throw usage("--hub must be HOST:PORT, but was '" + hub + "'");
      }
      args.addAll(List.of("--hub", hub, "--token-file", tokenFile.toString()));
    }
    int n = slots != null ? slots : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw usage("--slots must be at least 1, but was " + n);
    }
    args.addAll(List.of("--slots", Integer.toString(n), "--server",
        name != null ? name : Hub.hostName() + "-" + ProcessHandle.current().pid()));
    if (cacheDir != null) {
      args.addAll(List.of("--cache-dir", cacheDir.toString()));
    }
    AgentMain.main(args.toArray(String[]::new)); // exits the process when the session ends
    return ExitCodes.OK;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
