#ifndef TABLE_H
#define TABLE_H
typedef struct table table;
table *table_new(unsigned buckets);
void table_add(table *t, const char *key, long delta);
long table_get(const table *t, const char *key);
unsigned table_size(const table *t);
void table_free(table *t);
#endif
