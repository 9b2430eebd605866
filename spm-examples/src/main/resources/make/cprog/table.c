#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "hash.h"
#include "table.h"

struct entry {
  char *key;
  long value;
  struct entry *next;
};

struct table {
  unsigned buckets, size;
  struct entry **slots;
};

table *table_new(unsigned buckets) {
  table *t = malloc(sizeof *t);
  t->buckets = buckets;
  t->size = 0;
  t->slots = calloc(buckets, sizeof *t->slots);
  return t;
}

void table_add(table *t, const char *key, long delta) {
  unsigned b = fnv1a(key) % t->buckets;
  for (struct entry *e = t->slots[b]; e; e = e->next) {
    if (strcmp(e->key, key) == 0) {
      e->value += delta;
      return;
    }
  }
  struct entry *e = malloc(sizeof *e);
  e->key = malloc(strlen(key) + 1);
  strcpy(e->key, key);
  e->value = delta;
  e->next = t->slots[b];
  t->slots[b] = e;
  t->size++;
}

long table_get(const table *t, const char *key) {
  for (struct entry *e = t->slots[fnv1a(key) % t->buckets]; e; e = e->next) {
    if (strcmp(e->key, key) == 0) return e->value;
  }
  return 0;
}

unsigned table_size(const table *t) { return t->size; }

void table_free(table *t) {
  for (unsigned b = 0; b < t->buckets; b++) {
    struct entry *e = t->slots[b];
    while (e) {
      struct entry *next = e->next;
      free(e->key);
      free(e);
      e = next;
    }
  }
  free(t->slots);
  free(t);
}
