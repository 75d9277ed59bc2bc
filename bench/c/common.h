/* Shared helpers of the benchmark workloads: no libc, a small PRNG, exported entry points. */
#ifndef KILN_BENCH_COMMON_H
#define KILN_BENCH_COMMON_H
#include <stdint.h>
#define EXPORT(name) __attribute__((export_name(name)))
static uint32_t rng_state = 1;
static inline uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}
#endif
