#ifndef PRIMES_H
#define PRIMES_H
/* How many primes are below n (sieve of Eratosthenes). */
long count_primes(long n);
#endif
