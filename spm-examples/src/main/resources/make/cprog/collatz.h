#ifndef COLLATZ_H
#define COLLATZ_H
/* The start below limit with the longest Collatz sequence; its length goes to *steps. */
long longest_collatz(long limit, int *steps);
#endif
