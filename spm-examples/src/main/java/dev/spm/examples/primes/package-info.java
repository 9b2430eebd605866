/**
 * The seed's Appendix A: counting primes by trial division, first as plain serial Java
 * ({@link dev.spm.examples.primes.Primes}), then split into buckets of equal cost
 * ({@link dev.spm.examples.primes.Buckets}) and run as tasks of a List manager over any pool
 * ({@link dev.spm.examples.primes.PrimesDemo}).
 */
package dev.spm.examples.primes;
