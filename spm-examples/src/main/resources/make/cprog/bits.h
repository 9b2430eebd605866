#ifndef BITS_H
#define BITS_H
#include <stdint.h>
int popcount64(uint64_t x);
uint32_t reverse_bits(uint32_t x);
#endif
