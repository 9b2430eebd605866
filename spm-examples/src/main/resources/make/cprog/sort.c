#include "sort.h"

static void swap(int *a, int *b) {
  int t = *a;
  *a = *b;
  *b = t;
}

static void quicksort(int *a, long lo, long hi) {
  while (lo < hi) {
    int pivot = a[lo + (hi - lo) / 2];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(&a[i++], &a[j--]);
    }
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}

void sort_ints(int *a, size_t n) {
  if (n > 1) quicksort(a, 0, (long)n - 1);
}

int is_sorted(const int *a, size_t n) {
  for (size_t i = 1; i < n; i++)
    if (a[i - 1] > a[i]) return 0;
  return 1;
}
