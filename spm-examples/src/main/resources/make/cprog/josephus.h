#ifndef JOSEPHUS_H
#define JOSEPHUS_H
/* The survivor (1-based) of n people when every k-th leaves, using the queue. */
int josephus(int n, int k);
#endif
