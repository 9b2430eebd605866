#include <ctype.h>
#include "table.h"
#include "words.h"

unsigned count_words(const char *text, const char *probe, long *probe_count) {
  table *t = table_new(64);
  char word[64];
  while (*text) {
    int n = 0;
    while (*text && !isalpha((unsigned char)*text)) text++;
    while (isalpha((unsigned char)*text)) {
      if (n < 63) word[n++] = (char)tolower((unsigned char)*text);
      text++;
    }
    if (n > 0) {
      word[n] = '\0';
      table_add(t, word, 1);
    }
  }
  *probe_count = table_get(t, probe);
  unsigned distinct = table_size(t);
  table_free(t);
  return distinct;
}
