#ifndef RNG_H
#define RNG_H
#include <stdint.h>
/* xorshift32: the same numbers on every machine. */
uint32_t rng_next(uint32_t *state);
#endif
