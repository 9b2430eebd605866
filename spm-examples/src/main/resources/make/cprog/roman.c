#include <string.h>
#include "common.h"
#include "roman.h"

void to_roman(int n, char *out) {
  static const int values[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  static const char *symbols[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
  out[0] = '\0';
  for (size_t i = 0; i < COUNT_OF(values); i++) {
    while (n >= values[i]) {
      strcat(out, symbols[i]);
      n -= values[i];
    }
  }
}
