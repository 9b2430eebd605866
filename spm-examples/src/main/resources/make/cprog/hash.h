#ifndef HASH_H
#define HASH_H
#include <stdint.h>
/* 32-bit FNV-1a. */
uint32_t fnv1a(const char *s);
#endif
