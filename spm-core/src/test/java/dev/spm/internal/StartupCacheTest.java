package dev.spm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {
  @TempDir
  Path tmp;

  private Path caches;
  private String classPath;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(System.getenv("SPM_NO_AOT") == null, "SPM_NO_AOT turns start-up caches off");
    caches = tmp.resolve("caches");
    System.setProperty(StartupCache.DIRECTORY_PROPERTY, caches.toString());
    Path a = Files.writeString(tmp.resolve("a.jar"), "a");
    Path b = Files.writeString(tmp.resolve("b.jar"), "b");
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    classPath = a + File.pathSeparator + b;
  }

  @AfterEach
  void tearDown() {
    System.clearProperty(StartupCache.DIRECTORY_PROPERTY);
  }

  @Test
  void aCacheBelongsToOneRoleAndOneClassPath() {
    Path spoke = StartupCache.file("spoke", classPath).orElseThrow();
    assertThat(spoke.getParent()).isEqualTo(caches);
    assertThat(spoke.getFileName().toString()).startsWith("spoke-");
    assertThat(StartupCache.file("spoke", classPath)).contains(spoke);
    assertThat(StartupCache.file("agent", classPath).orElseThrow()).isNotEqualTo(spoke);
    assertThat(StartupCache.file("spoke", tmp.resolve("a.jar").toString()).orElseThrow()).isNotEqualTo(spoke);
  }

  @Test
  void aClassPathWithADirectoryOrAMissingJarCannotBeCached() {
    assertThat(StartupCache.file("spoke", classPath + File.pathSeparator + tmp)).isEmpty();
    assertThat(StartupCache.file("spoke", classPath + File.pathSeparator + tmp.resolve("gone.jar"))).isEmpty();
    assertThat(StartupCache.options("spoke", tmp.toString(), true)).isEmpty();
  }

  @Test
  void withoutACacheThereIsNothingToMap() {
    assertThat(StartupCache.options("spoke", classPath, false)).isEmpty();
  }

  @Test
  void aTrainingJvmRecordsBesideTheCacheAndItsRecordingIsAdopted() throws Exception {
    List<String> record = StartupCache.options("spoke", classPath, true);
    Path cache = StartupCache.file("spoke", classPath).orElseThrow();
    Optional<String> output = record.stream().filter(o -> o.startsWith("-XX:AOTCacheOutput=")
        || o.startsWith("-XX:ArchiveClassesAtExit=")).findFirst();
    assertThat(output).isPresent();
    Path recording = Path.of(output.get().substring(output.get().indexOf('=') + 1));
    assertThat(recording.getParent()).isEqualTo(caches).isDirectory();
    assertThat(recording).isNotEqualTo(cache);

    Files.writeString(recording, "cache bytes");
    assertThat(StartupCache.adopt("spoke", classPath)).isTrue();
    assertThat(recording).doesNotExist();
    assertThat(cache).hasContent("cache bytes");

    List<String> map = StartupCache.options("spoke", classPath, false);
    assertThat(map).anyMatch(o -> o.equals("-XX:AOTCache=" + cache) || o.equals("-XX:SharedArchiveFile=" + cache));
    assertThat(map).contains("-Xlog:cds=off");
  }

  @Test
  void aRecordingThatIsEmptyOrMissingIsNotAdopted() throws Exception {
    StartupCache.options("spoke", classPath, true);
    assertThat(StartupCache.adopt("spoke", classPath)).isFalse();
    Path cache = StartupCache.file("spoke", classPath).orElseThrow();
    String output = StartupCache.options("spoke", classPath, true).get(0);
    Files.createFile(Path.of(output.substring(output.indexOf('=') + 1)));
    assertThat(StartupCache.adopt("spoke", classPath)).isFalse();
    assertThat(cache).doesNotExist();
    try (var left = Files.list(caches)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aRebuiltJarNamesAnotherCache_andAdoptingItDeletesTheOlderOne() throws Exception {
    Path before = StartupCache.file("spoke", classPath).orElseThrow();
    String agentBefore = StartupCache.file("agent", classPath).orElseThrow().toString();
    train("spoke", "old spoke");
    train("agent", "old agent");
    assertThat(StartupCache.options("spoke", classPath, false)).anyMatch(o -> o.endsWith("=" + before));

    Files.writeString(tmp.resolve("b.jar"), "b, rebuilt");
    Path after = StartupCache.file("spoke", classPath).orElseThrow();
    assertThat(after).isNotEqualTo(before);
    assertThat(StartupCache.options("spoke", classPath, false)).isEmpty();

    train("spoke", "new spoke");
    assertThat(after).hasContent("new spoke");
    assertThat(before).doesNotExist();
    assertThat(Path.of(agentBefore)).as("another role's cache stays").exists();
  }

  private void train(String role, String bytes) throws Exception {
    String output = StartupCache.options(role, classPath, true).get(0);
    Files.writeString(Path.of(output.substring(output.indexOf('=') + 1)), bytes);
    assertThat(StartupCache.adopt(role, classPath)).isTrue();
  }
}
