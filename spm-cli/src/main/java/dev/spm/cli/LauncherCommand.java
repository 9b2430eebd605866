package dev.spm.cli;

import dev.spm.Session;
import dev.spm.examples.launcher.LauncherDemo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spm demo launcher}: the seed's launcher demo. */
@Command(name = "launcher", mixinStandardHelpOptions = true,
    description = "Runs each CMD (a shell line) as a coprocess task and prints its stdout, stderr and status.")
final class LauncherCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  CloudOption cloud;

  @CommandLine.Mixin
  PoolOption pool;

  @Option(names = "--timeout", converter = Converters.DurationConverter.class,
      description = "Each command's deadline, as 1.5, 30s, 2m, 1h.")
  Duration timeout;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "Shell command lines.")
  List<String> commands;

  @Override
  @SuppressWarnings("try") // the session is held open for the run and closed after it
  public Integer call() {
    if (timeout != null && timeout.isZero()) {
      timeout = null;
    }
    System.err.println("Waiting - ForSpokes");
    System.err.flush();
    int failed;
    try (Session session = Clouds.openFor(pool.pool, cloud.cloud)) {
      failed = LauncherDemo.run(pool.pool, timeout, commands, System.out, System.err);
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
  }
}
