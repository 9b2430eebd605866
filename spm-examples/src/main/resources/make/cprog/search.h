#ifndef SEARCH_H
#define SEARCH_H
#include <stddef.h>
/* Index of key in the sorted array, or -1. */
long binary_search(const int *a, size_t n, int key);
#endif
