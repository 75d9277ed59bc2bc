/* Sorting: quicksort of n pseudo-random 32-bit integers; returns a checksum of the order. */
#include "common.h"
#define MAX 65536
static uint32_t a[MAX];
static void qs(uint32_t *v, int lo, int hi) {
  while (lo < hi) {
    uint32_t p = v[(lo + hi) >> 1];
    int i = lo, j = hi;
    while (i <= j) {
      while (v[i] < p) i++;
      while (v[j] > p) j--;
      if (i <= j) { uint32_t t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { qs(v, lo, j); lo = i; } else { qs(v, i, hi); hi = j; }
  }
}
EXPORT("run") uint32_t run(int n) {
  if (n > MAX) n = MAX;
  rng_state = 12345;
  for (int i = 0; i < n; i++) a[i] = rng();
  qs(a, 0, n - 1);
  uint32_t h = 0;
  for (int i = 0; i < n; i++) h = h * 31 + a[i];
  return h;
}
