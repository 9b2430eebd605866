#include <ctype.h>
#include <string.h>
#include "strutil.h"

void str_reverse(char *s) {
  for (size_t i = 0, j = strlen(s); i + 1 < j; i++, j--) {
    char t = s[i];
    s[i] = s[j - 1];
    s[j - 1] = t;
  }
}

void str_upper(char *s) {
  for (; *s; s++) *s = (char)toupper((unsigned char)*s);
}

int is_palindrome(const char *s) {
  size_t i = 0, j = strlen(s);
  while (i + 1 < j) {
    if (s[i++] != s[--j]) return 0;
  }
  return 1;
}
