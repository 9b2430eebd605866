#include "stats.h"

long mean(const int *a, size_t n) {
  long sum = 0;
  for (size_t i = 0; i < n; i++) sum += a[i];
  return n ? sum / (long)n : 0;
}

int median(const int *sorted, size_t n) { return n ? sorted[n / 2] : 0; }
