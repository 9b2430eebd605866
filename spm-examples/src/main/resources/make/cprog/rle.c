#include <stdio.h>
#include "rle.h"

void rle_encode(const char *s, char *out) {
  while (*s) {
    char c = *s;
    int run = 0;
    while (*s == c) {
      run++;
      s++;
    }
    out += sprintf(out, "%d%c", run, c);
  }
  *out = '\0';
}
