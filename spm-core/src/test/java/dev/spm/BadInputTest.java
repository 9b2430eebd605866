package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.testing.TestFunctions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear, typed error at once, on the hub, never a hang or a deep stack trace. */
class BadInputTest {

  /** An instance method: spokes cannot resolve it by name. */
  String instanceMethod() {
    return "x";
  }

  /** Not a TaskFunction with a no-argument constructor. */
  public static final class NeedsArgs implements TaskFunction<String> {
    public NeedsArgs(String s) {}

    @Override
    public String apply(List<Object> args) {
      return "x";
    }
  }

  @Test
  void aLambdaThatCapturesValues_isRejectedWithAdvice() {
    String captured = "x";
    assertThatThrownBy(() -> Task.of("t", () -> captured.length()))
        .isInstanceOf(SpmInputException.class).hasMessageContaining("captures values")
        .hasMessageContaining("static method reference");
  }

  @Test
  void aBoundMethodReference_isRejectedWithAdvice() {
    assertThatThrownBy(() -> Task.of("t", this::instanceMethod))
        .isInstanceOf(SpmInputException.class).hasMessageContaining("static method reference");
  }

  @Test
  void aTaskFunctionClassWithoutNoArgConstructor_isRejected() {
    assertThatThrownBy(() -> Task.ofClass("t", NeedsArgs.class))
        .isInstanceOf(SpmInputException.class).hasMessageContaining("public no-argument constructor");
  }

  @Test
  void aClassThatSpokesCannotLoad_isRejected() throws Exception {
    // The same class, defined again by a loader the spokes do not have.
    byte[] bytes;
    try (var in = TestFunctions.class.getResourceAsStream("TestFunctions.class")) {
      bytes = in.readAllBytes();
    }
    ClassLoader isolated = new ClassLoader(null) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.equals(TestFunctions.class.getName())) {
          return defineClass(name, bytes, 0, bytes.length);
        }
        return ClassLoader.getSystemClassLoader().loadClass(name);
      }
    };
    Class<?> foreign = isolated.loadClass(TestFunctions.class.getName());
    assertThat(foreign).isNotSameAs(TestFunctions.class);
    assertThatThrownBy(() -> dev.spm.internal.task.Functions.ofClass(foreign))
        .isInstanceOf(SpmInputException.class);
  }

  @Test
  void anArgumentThatCannotBeSerialized_isRejectedNamingItsPosition() {
    assertThatThrownBy(() -> Task.of("t", TestFunctions::echo2, "ok", new Thread(() -> { })))
        .isInstanceOf(SpmInputException.class).hasMessageContaining("argument 2 of task 't'")
        .hasMessageContaining("java.lang.Thread").hasMessageContaining("cannot be serialized");
  }

  @Test
  void aNonPositiveTimeout_isRejectedNamingTheValue() {
    Task<String> task = Task.of("t", TestFunctions::echo, "x");
    assertThatThrownBy(() -> task.withTimeout(Duration.ofSeconds(-1))).isInstanceOf(SpmInputException.class)
        .hasMessage("timeout of task 't' must be positive, but was PT-1S");
    assertThatThrownBy(() -> task.withTimeout(Duration.ZERO)).isInstanceOf(SpmInputException.class);
    assertThatThrownBy(() -> ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(-1)))
        .isInstanceOf(SpmInputException.class).hasMessage("timeoutWaitForSpokes must be positive, but was PT-1S");
    assertThatThrownBy(() -> ManageOptions.builder().nSpokesMin(3).nSpokesMax(2).build())
        .isInstanceOf(SpmInputException.class).hasMessageContaining("nSpokesMin (3)");
  }

  @Test
  void badPoolSpecs_areRejectedNamingTheSpec() {
    for (String spec : List.of("", "everywhere", "inter:0", "inter:x", "serial:2", "intra_all")) {
      assertThatThrownBy(() -> Pools.parse(spec)).isInstanceOf(SpmInputException.class)
          .hasMessageContaining("bad pool spec '" + spec + "'");
    }
    assertThat(Pools.parse("inter-one-per-server:2")).isEqualTo(Pools.interOnePerServer().limit(2));
    assertThat(Pools.parse("intra-all").toString()).isEqualTo("intra-all");
    assertThat(Pools.parse(" Inter:4 ")).isEqualTo(Pools.inter().limit(4));
  }

  @Test
  void declaringANameTwice_isAClearError() {
    ListManager.declare("twice", r -> { });
    assertThatThrownBy(() -> ListManager.declare("twice", r -> { })).isInstanceOf(SpmUsageException.class)
        .hasMessageContaining("'twice' is already declared");
  }

  @Test
  void manageWithNoTasks_isAClearError() {
    ListManager<String> m = ListManager.declare("empty", r -> { });
    assertThatThrownBy(() -> m.manage(Pools.serial())).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("has no tasks");
    assertThat(Spm.amOffline()).isTrue();
  }

  @Test
  void guardsSayWhereCodeRuns() {
    assertThat(Spm.amHub()).isTrue();
    assertThat(Spm.amSpoke()).isFalse();
    assertThatThrownBy(Spm::requireSpoke).isInstanceOf(SpmUsageException.class);
    assertThatThrownBy(Spm::requireOnline).isInstanceOf(SpmUsageException.class);
    Spm.requireOffline();
    Spm.requireHub();
  }
}
