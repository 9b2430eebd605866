#ifndef STATS_H
#define STATS_H
#include <stddef.h>
/* Integer mean (floor) and median of a sorted array. */
long mean(const int *a, size_t n);
int median(const int *sorted, size_t n);
#endif
