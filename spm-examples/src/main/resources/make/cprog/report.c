#include <stdio.h>
#include "common.h"

void report(const char *name, const char *value) { printf("%s: %s\n", name, value); }

void report_long(const char *name, long value) { printf("%s: %ld\n", name, value); }
