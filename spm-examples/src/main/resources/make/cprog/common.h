#ifndef COMMON_H
#define COMMON_H
#include <stddef.h>
#include <stdint.h>

/* Prints one result line: "name: value". */
void report(const char *name, const char *value);
void report_long(const char *name, long value);
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#endif
