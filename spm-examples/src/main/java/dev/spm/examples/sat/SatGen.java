package dev.spm.examples.sat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a generated formula as DIMACS CNF: {@code SatGen SPEC [FILE]}, to stdout without a FILE.
 * SPEC is one of {@link Instances#FORMS}, e.g. {@code random3:250:4.26:1}, {@code php:9},
 * {@code tseitin:30:4:1:unsat}, {@code colour:250:3:4.7:1}. Exits 0, or 2 with a message on
 * stderr for a bad spec.
 */
public final class SatGen {
  private SatGen() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    if (args.length < 1 || args.length > 2) {
      err.println("usage: SatGen SPEC [FILE]; SPEC is one of " + Instances.FORMS);
      return 2;
    }
    Cnf cnf;
    try {
      cnf = Instances.generate(args[0]);
    } catch (IllegalArgumentException e) {
      err.println("SatGen: " + e.getMessage());
      return 2;
    }
    if (args.length == 2) {
      Dimacs.write(cnf, Path.of(args[1]));
    } else {
      Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
      w.write("c " + args[0] + "\n");
      Dimacs.write(cnf, w);
      w.flush();
    }
    return 0;
  }
}
