#ifndef SORT_H
#define SORT_H
#include <stddef.h>
void sort_ints(int *a, size_t n);
int is_sorted(const int *a, size_t n);
#endif
