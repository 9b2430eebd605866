// The seed's acid test, as an spm shell script (seed/figures.md, "Prologue: the acid test"):
//
//     serial session        parallel session
//     >>> cmdA              >>> createVirtualCloud -async
//     >>> cmdB              >>> cmdA -parallel      (parallel make)
//     >>> cmdC              >>> cmdB -parallel      (map-reduce)
//     >>> cmdD              >>> cmdC -parallel      (fine-grain SAT solver, on resources like cmdA's)
//                           >>> cmdD -parallel      (graph analytics)
//
// Each parallel command ends in a sequence point: nothing of it is pending afterwards, and the next
// one may use the cloud's resources differently.
//
//     ./spm shell examples/prologue.jsh              # progress lines on stderr when it is a terminal
//     ./spm shell --progress examples/prologue.jsh   # and always

import dev.spm.examples.graph.GraphGangDemo;
import dev.spm.examples.graph.GraphGen;
import dev.spm.examples.launcher.LauncherDemo;
import dev.spm.examples.make.MakeDemo;
import dev.spm.examples.primes.PrimesDemo;
import dev.spm.examples.sat.Dimacs;
import dev.spm.examples.sat.Instances;
import dev.spm.examples.sat.SatGangDemo;
import dev.spm.examples.wordcount.WordCountDemo;

/** Stops the script (spm shell exits 1, naming this) when a command did not succeed. */
void check(String command, int status, ByteArrayOutputStream output) {
  if (status != 0) {
    System.out.print(output);
    throw new IllegalStateException(command + " failed with status " + status);
  }
}

// >>> createVirtualCloud -async: two virtual servers of two slots each. This returns at once; the
// first manage waits for the cloud, then for its spokes.
var cloud = Session.openAsync("local:2x2");

// The seed's session: the primes of Appendix A on each of its four pools, the same count each time.
for (Pool pool : List.of(Pools.intraAll(), Pools.intraOnePerServer(), Pools.inter(), Pools.interOnePerServer())) {
  PrimesDemo.Result r = PrimesDemo.run(pool, 3, 502347, 10);
  r.problems().forEach(System.err::println);
  check("primes on " + pool, r.exitCode(), new ByteArrayOutputStream());
  System.out.printf("primes=%d  (pool %s: %d tasks on %d spoke(s) of %d server(s))%n", r.primes(), pool,
      r.tasks(), r.spokes(), r.servers());
}

// The launcher: programs as tasks, with deadlines (the seed's spm.util.coprocess.shell.policyA).
var launched = new ByteArrayOutputStream();
int launcherFailed = LauncherDemo.run(Pools.inter(), Duration.ofSeconds(5),
    List.of("echo `hostname`", "echo `hostname`"), new PrintStream(launched, true), System.err);
check("the launcher", launcherFailed, launched);
System.out.println("launcher: " + launched.toString().lines().filter(l -> l.startsWith("-- status")).count()
    + " programs ran, " + launcherFailed + " failed");

// A serial function written here, in the shell. JShell compiles it in this JVM (the hub); spm ships
// the class to the spokes, which run it: no jar needed.
long collatzSteps(long n) {
  long steps = 0;
  for (; n != 1; steps++) {
    n = n % 2 == 0 ? n / 2 : 3 * n + 1;
  }
  return steps;
}

record Longest(long start, long steps) {}

Longest longestIn(long from, long to) {
  Longest best = new Longest(from, collatzSteps(from));
  for (long n = from + 1; n < to; n++) {
    long steps = collatzSteps(n);
    if (steps > best.steps()) {
      best = new Longest(n, steps);
    }
  }
  return best;
}

List<Longest> parts = new ArrayList<>();
Set<Long> collatzPids = new HashSet<>();
var collatz = ListManager.<Longest>declare("prologue::collatz", r -> {
  parts.add(r.value());
  collatzPids.add(r.origin().pid());
});
for (long from = 1; from < 100_000; from += 10_000) {
  collatz.submit(Task.of("c" + from, (Long a, Long b) -> longestIn(a, b), from, from + 10_000));
}
collatz.manage(Pools.inter());
Longest longest = parts.stream().max(Comparator.comparingLong(Longest::steps)).orElseThrow();
System.out.printf("collatz: %d takes %d steps, the most below 100000 (a shell function, run by %d spoke(s)%s)%n",
    longest.start(), longest.steps(), collatzPids.size(),
    collatzPids.contains(ProcessHandle.current().pid()) ? ", one of them the hub" : ", none of them the hub");

// The shipped C program, copied out of the examples' jar, for cmdA and cmdB.
Path cprog = Files.createTempDirectory("spm-prologue-");
URI makefile = MakeDemo.class.getResource("/make/cprog/Makefile").toURI();
if (makefile.getScheme().equals("jar")) {
  try {
    FileSystems.newFileSystem(makefile, Map.of());
  } catch (FileSystemAlreadyExistsException e) {
    // opened by an earlier run in this JVM
  }
}
try (var sources = Files.list(Path.of(makefile).getParent())) {
  for (Path source : sources.toList()) {
    Files.copy(source, cprog.resolve(source.getFileName().toString()));
  }
}

// >>> cmdA -parallel: a parallel make of the C program (each recipe line a task), if gcc is here.
boolean haveGcc = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
    .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "gcc")));
if (haveGcc) {
  var made = new ByteArrayOutputStream();
  check("cmdA (make)", MakeDemo.run(List.of(cprog.toString(), "--pool", "inter"), new PrintStream(made, true),
      System.err), made);
  System.out.println("cmdA: make ran " + made.toString().lines().filter(l -> l.startsWith("gcc")).count()
      + " recipe lines; cprog " + (Files.isExecutable(cprog.resolve("cprog")) ? "built" : "missing"));
} else {
  System.out.println("cmdA: skipped, no gcc on the PATH");
}

// >>> cmdB -parallel: map-reduce, a word count of the C program's sources.
var counted = new ByteArrayOutputStream();
List<String> wordcountArgs = new ArrayList<>();
try (var sources = Files.list(cprog)) {
  sources.filter(p -> p.toString().endsWith(".c")).sorted().forEach(p -> wordcountArgs.add(p.toString()));
}
wordcountArgs.addAll(List.of("--pool", "inter", "--chunk-mb", "1"));
check("cmdB (wordcount)", WordCountDemo.run(wordcountArgs, new PrintStream(counted, true), System.err), counted);
System.out.println("cmdB: the commonest words of the C sources: "
    + String.join(", ", counted.toString().lines().limit(3).map(l -> l.replace('\t', '=')).toList()));

try (var files = Files.walk(cprog)) {
  files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
}

// >>> cmdC -parallel: a fine-grain SAT solver, on resources like cmdA's: a portfolio of CDCL
// solvers, one per spoke, sharing short learnt clauses spoke to spoke; the first to finish wins.
Path formula = Files.createTempFile("prologue-parity", ".cnf");
Dimacs.write(Instances.generate("tseitin:18:4:2:unsat"), formula);
var solved = SatGangDemo.run(formula, Pools.inter(), System.err);
System.out.println("cmdC: " + solved.output().lines().findFirst().orElse("?") + "  (" + solved.summary() + ")");
Files.delete(formula);

// >>> cmdD -parallel: graph analytics. A gang on inter: one member per spoke of every server, each
// loading its part of the edge list; rank contributions travel spoke to spoke every iteration.
Path edges = Files.createTempFile("prologue-graph", ".txt");
GraphGen.write(edges, 20_000, 1);
var pagerank = GraphGangDemo.run("pagerank", edges, 0, Pools.inter(), System.err);
System.out.println("cmdD: pagerank's top node: " + pagerank.lines().get(0) + "  (" + pagerank.timing() + ")");
var components = GraphGangDemo.run("components", edges, 0, Pools.inter(), System.err);
System.out.println("cmdD: " + components.lines().get(0));
Files.delete(edges);

cloud.join().close();
System.out.println("prologue: done; the cloud is closed");
