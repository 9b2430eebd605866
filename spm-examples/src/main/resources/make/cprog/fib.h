#ifndef FIB_H
#define FIB_H
#include <stdint.h>
uint64_t fib(unsigned n);
#endif
