package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.internal.task.ShippedClasses;
import dev.spm.testing.LocalSession;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Classes that exist only as bytes in the hub (as JShell's do) reach the spokes: their functions
 * run there, and values of their types travel both ways. Compiled here at test time, so that no
 * class loader but the shipped one knows them.
 */
class ShippedClassesTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ManageOptions OPTIONS = ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
      .build();
  @RegisterExtension
  static final LocalSession SESSION = new LocalSession("local:1x2");
  private ShippedClasses.Generation generation;

  @AfterEach
  void endGeneration() {
    ShippedClasses.end(generation);
  }

  /** A class shipped.Shapes whose area() is side * side + {@code plus}, and a record Square. */
  private static String shapes(int plus) {
    return """
        package shipped;
        import dev.spm.Fn;
        public final class Shapes {
          public record Square(long side) {}
          public static Square square(long side) { return new Square(side); }
          public static long area(Square s) { return s.side() * s.side() + %d; }
          public static Fn.F1<Long, Square> squareFn() { return Shapes::square; }
          public static Fn.F1<Square, Long> areaFn() { return Shapes::area; }
        }
        """.formatted(plus);
  }

  /** Compiles the source and declares its classes in a new generation; returns shipped.Shapes. */
  private Class<?> ship(String source) throws Exception {
    generation = ShippedClasses.begin();
    for (Map.Entry<String, byte[]> c : compile("shipped.Shapes", source).entrySet()) {
      generation.declare(c.getKey(), c.getValue());
    }
    return Class.forName("shipped.Shapes", true, generation.loader());
  }

  @SuppressWarnings("unchecked")
  private static <A, R> Fn.F1<A, R> fn(Class<?> type, String factory) throws Exception {
    return (Fn.F1<A, R>) type.getMethod(factory).invoke(null);
  }

  private static <R> List<R> run(Pool pool, List<Task<R>> tasks) {
    List<R> values = new ArrayList<>();
    ListManager<R> m = ListManager.declare("shipped-" + NAMES.incrementAndGet(), r -> values.add(r.value()));
    tasks.forEach(m::submit);
    m.manage(pool, OPTIONS);
    return values;
  }

  @Test
  void functionOfAShippedClass_runsOnSpokes_withShippedValuesBothWays() throws Exception {
    Class<?> shapes = ship(shapes(0));
    Fn.F1<Long, Object> square = fn(shapes, "squareFn");
    Fn.F1<Object, Long> area = fn(shapes, "areaFn");
    List<Object> squares = run(Pools.intraAll(), List.of(Task.of("s3", square, 3L), Task.of("s4", square, 4L)));
    assertThat(squares).hasSize(2).allSatisfy(s -> assertThat(s.getClass()).isSameAs(
        Class.forName("shipped.Shapes$Square", false, generation.loader())));
    List<Long> areas = run(Pools.intraAll(), squares.stream().map(s -> Task.of("a", area, s)).toList());
    assertThat(areas).containsExactlyInAnyOrder(9L, 16L);
  }

  @Test
  void aNewGeneration_replacesClassesOfTheSameName_onWarmSpokes() throws Exception {
    Class<?> first = ship(shapes(0));
    Object square = first.getMethod("square", long.class).invoke(null, 5L);
    assertThat(run(Pools.intraAll(), List.of(Task.of("a", fn(first, "areaFn"), square)))).containsExactly(25L);
    ShippedClasses.end(generation);

    Class<?> second = ship(shapes(1000));
    Object again = second.getMethod("square", long.class).invoke(null, 5L);
    assertThat(run(Pools.intraAll(), List.of(Task.of("a", fn(second, "areaFn"), again)))).containsExactly(1025L);
  }

  @Test
  void serialPool_resolvesShippedClassesToo() throws Exception {
    Class<?> shapes = ship(shapes(7));
    Object square = shapes.getMethod("square", long.class).invoke(null, 2L);
    assertThat(run(Pools.serial(), List.of(Task.of("a", fn(shapes, "areaFn"), square)))).containsExactly(11L);
  }

  @Test
  void aClassOfAnotherLoader_isStillRefused_onTheHub() throws Exception {
    Class<?> shapes = ship(shapes(0));
    ShippedClasses.end(generation); // no longer shipped: no spoke could resolve it
    Fn.F1<Long, Object> square = fn(shapes, "squareFn");
    assertThatThrownBy(() -> Task.of("s", square, 1L)).isInstanceOf(SpmInputException.class)
        .hasMessageContaining("shipped.Shapes");
  }

  /** Compiles one source file in memory against the test class path: binary name to class file. */
  private static Map<String, byte[]> compile(String className, String source) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Map<String, ByteArrayOutputStream> out = new HashMap<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, null);
    JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
          FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
          @Override
          public OutputStream openOutputStream() {
            return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
          }
        };
      }
    };
    JavaFileObject unit = new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    boolean ok = compiler.getTask(null, files, null, List.of("-cp", System.getProperty("java.class.path")), null,
        List.of(unit)).call();
    assertThat(ok).as("test source compiles").isTrue();
    Map<String, byte[]> classes = new HashMap<>();
    out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return classes;
  }
}
