/**
 * A portfolio SAT solver's parts, without the gang: the seed's cmdC.
 *
 * <p>{@link dev.spm.examples.sat.Dimacs} reads and writes DIMACS CNF into a {@link
 * dev.spm.examples.sat.Cnf}, failing with a {@link dev.spm.examples.sat.DimacsError} that names the
 * line. {@link dev.spm.examples.sat.CdclSolver} is a CDCL solver of minisat's and glucose's kind
 * (watched literals with blockers, VSIDS, phase saving, first-UIP learning with recursive
 * minimization, Luby or LBD restarts, LBD-based clause deletion, clauses in one int arena), with
 * optional bounded variable elimination before the search and ProbSAT walks at restarts, tuned by
 * a {@link dev.spm.examples.sat.Config}. It is cooperative: {@code stop()} from any thread, and a
 * {@link dev.spm.examples.sat.ClauseExchange} through which it exports short learnt clauses and,
 * at each restart, imports those of the other members. {@link dev.spm.examples.sat.SatOutput}
 * prints a {@link dev.spm.examples.sat.SatResult} in SAT-competition form.
 *
 * <p>{@link dev.spm.examples.sat.PackedExchange} batches clauses into int-array packets for a wire;
 * {@link dev.spm.examples.sat.LocalPortfolio} runs members on threads, passing those packets in
 * memory; the gang does the same across spokes. {@link dev.spm.examples.sat.Generators} (and
 * {@code SatGen}, its command line) make benchmark formulas, named by {@link
 * dev.spm.examples.sat.Instances}' specs; {@code SatBench} times the solver against minisat,
 * which only the tests and the benchmark run ({@link dev.spm.examples.sat.Minisat}).
 */
package dev.spm.examples.sat;
