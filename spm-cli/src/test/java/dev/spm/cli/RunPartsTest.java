package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pure parts of {@code spm run}: the joblog's format, slots and ordered output. */
class RunPartsTest {
  @Test
  void jobLog_hasGnuParallelsHeaderAndRowFormat(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("log");
    try (JobLog log = JobLog.open(f)) {
      log.write(JobLog.row(1, 1795586976794L, 1_234_000L, 5, 1, 0, "echo a; exit 1"));
    }
    assertThat(Files.readAllLines(f)).containsExactly(
        "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand",
        "1\t:\t1795586976.794\t     0.001\t0\t5\t1\t0\techo a; exit 1");
  }

  @Test
  void slots_takeTheLowestFree_andComeBack() {
    Slots s = new Slots(2);
    assertThat(s.take(1)).isEqualTo(1);
    assertThat(s.take(2)).isEqualTo(2);
    assertThat(s.take(3)).isEqualTo(1);
    s.give(2);
    assertThat(s.take(4)).isEqualTo(2);
  }

  @Test
  void orderedOutput_keepsJobOrder_withK() {
    List<String> seen = new ArrayList<>();
    OrderedOutput<String> o = new OrderedOutput<>(true, seen::add);
    o.done(2, "b");
    o.done(3, "c");
    assertThat(seen).isEmpty();
    o.done(1, "a");
    assertThat(seen).containsExactly("a", "b", "c");
    o.done(5, "e");
    o.flush();
    assertThat(seen).containsExactly("a", "b", "c", "e");
  }

  @Test
  void orderedOutput_withoutK_passesAtOnce() {
    List<String> seen = new ArrayList<>();
    OrderedOutput<String> o = new OrderedOutput<>(false, seen::add);
    o.done(2, "b");
    assertThat(seen).containsExactly("b");
  }
}
