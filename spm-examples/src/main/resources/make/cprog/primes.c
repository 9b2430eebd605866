#include <stdlib.h>
#include <string.h>
#include "primes.h"

long count_primes(long n) {
  if (n < 3) return 0;
  char *composite = calloc((size_t)n, 1);
  long count = 0;
  for (long i = 2; i < n; i++) {
    if (composite[i]) continue;
    count++;
    for (long j = i * i; j < n; j += i) composite[j] = 1;
  }
  free(composite);
  return count;
}
