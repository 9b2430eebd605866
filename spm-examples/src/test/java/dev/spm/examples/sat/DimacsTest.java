package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DimacsTest {
  @TempDir
  Path dir;

  private static List<int[]> clauses(Cnf cnf) {
    return java.util.stream.IntStream.range(0, cnf.numClauses()).mapToObj(cnf::clause).toList();
  }

  @Test
  void commentsAnywhere_clausesAcrossLinesAndSharingLines_areRead() {
    Cnf cnf = Dimacs.parse("""
        c a comment
        c   another
        p cnf 4 4
        1 -2
          3 0 -1 0
        c between clauses
        2 3
        -4
        0
        \t0
        """);
    assertThat(cnf.numVars()).isEqualTo(4);
    assertThat(clauses(cnf)).containsExactly(new int[] {1, -2, 3}, new int[] {-1}, new int[] {2, 3, -4},
        new int[] {});
  }

  @Test
  void satlibPercentLine_endsTheFormula() {
    Cnf cnf = Dimacs.parse("p cnf 2 1\r\n1 -2 0\r\n%\r\n0\r\n\r\n");
    assertThat(clauses(cnf)).containsExactly(new int[] {1, -2});
  }

  @Test
  void writeThenRead_givesTheSameFormula_plainAndGzip() throws IOException {
    Cnf cnf = Generators.random3Sat(50, 4.26, 7);
    Path plain = dir.resolve("f.cnf");
    Dimacs.write(cnf, plain);
    assertThat(Dimacs.read(plain)).isEqualTo(cnf);
    Path gz = dir.resolve("f.cnf.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
    assertThat(Dimacs.read(gz)).isEqualTo(cnf);
    assertThat(Dimacs.parse(Dimacs.toString(cnf))).isEqualTo(cnf);
  }

  @Test
  void emptyFormula_withZeroVariables_isRead() {
    Cnf cnf = Dimacs.parse("p cnf 0 0\n");
    assertThat(cnf.numVars()).isZero();
    assertThat(cnf.numClauses()).isZero();
  }

  private static void assertError(String text, int line, String message) {
    assertThatThrownBy(() -> Dimacs.parse(text)).isInstanceOf(DimacsError.class)
        .hasMessage("<string>" + (line > 0 ? ":" + line : "") + ": " + message)
        .extracting(e -> ((DimacsError) e).line()).isEqualTo(line);
  }

  @Test
  void missingHeader_isAnError() {
    assertError("c only a comment\n", 0, "no header 'p cnf VARIABLES CLAUSES'");
    assertError("c\n1 2 0\n", 2, "a clause before the header 'p cnf VARIABLES CLAUSES'");
  }

  @Test
  void badHeaders_areErrorsOnTheirLine() {
    assertError("p dnf 3 1\n1 0\n", 1, "expected 'p cnf VARIABLES CLAUSES', but found 'p dnf 3 1'");
    assertError("c\np cnf x 1\n", 2, "expected 'p cnf VARIABLES CLAUSES', but found 'p cnf x 1'");
    assertError("p cnf 3\n", 1, "expected 'p cnf VARIABLES CLAUSES', but found 'p cnf 3'");
    assertError("p cnf -3 1\n", 1,
        "expected 'p cnf VARIABLES CLAUSES', but found 'p cnf -3 1': the counts must be non-negative integers");
    assertError("p cnf 3 1\np cnf 3 1\n1 0\n", 2, "a second header 'p cnf 3 1' (the first is on line 1)");
  }

  @Test
  void badTokens_areErrorsOnTheirLine() {
    assertError("p cnf 3 1\n1 2\n3x 0\n", 3, "'3x' is not a literal");
    assertError("p cnf 3 1\n1 - 0\n", 2, "'-' is not a literal");
    assertError("p cnf 3 1\n1 --2 0\n", 2, "'--2' is not a literal");
  }

  @Test
  void literalBeyondTheDeclaredVariables_isAnError() {
    assertError("p cnf 3 1\n1 -4 0\n", 2, "literal -4 is out of range: the header declares 3 variables");
    assertError("p cnf 3 1\n99999999999999 0\n", 2,
        "literal 99999999999999 is out of range: the header declares 3 variables");
  }

  @Test
  void clauseCountOtherThanDeclared_isAnError() {
    assertError("p cnf 3 2\n1 0\n", 1, "the header declares 2 clauses, but the file holds 1");
    assertError("p cnf 3 1\n1 0\n\n2\n3 0\n", 4, "more clauses than the 1 the header declares");
  }

  @Test
  void lastClauseWithoutZero_isAnErrorAtItsStart() {
    assertError("p cnf 3 2\n1 0\n2\n3\n", 3, "the last clause is not ended by 0");
  }

  @Test
  void fileErrors_nameTheFile() throws IOException {
    Path bad = dir.resolve("bad.cnf");
    Files.writeString(bad, "p cnf 1 1\n2 0\n");
    assertThatThrownBy(() -> Dimacs.read(bad)).isInstanceOf(DimacsError.class)
        .hasMessage(bad + ":2: literal 2 is out of range: the header declares 1 variables");
  }
}
