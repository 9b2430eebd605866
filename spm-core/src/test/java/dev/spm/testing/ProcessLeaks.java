package dev.spm.testing;

import dev.spm.internal.proc.ProcessTrees;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** Placeholder until the process-tree work lands. */
public final class ProcessLeaks {
  private ProcessLeaks() {}

  public static void assertNoneLeft(String key, String value, Duration within) {
    Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50))
        .until(() -> ProcessTrees.pidsWithEnv(key, value), List::isEmpty);
  }
}
