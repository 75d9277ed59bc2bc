/* LZ-style compression: LZ77 with a hash table of 3-byte prefixes over n bytes of text-like
 * data, then decompression and verification; returns the compressed size (or -1 on mismatch). */
#include "common.h"
#define MAX (1 << 18)
static uint8_t in[MAX], out[MAX * 2], back[MAX];
static int32_t table[4096];
EXPORT("run") int32_t run(int n) {
  if (n > MAX) n = MAX;
  static const char words[] = "the quick brown fox jumps over a lazy dog while kiln compiles wasm ";
  rng_state = 99;
  for (int i = 0; i < n;) {
    int w = rng() % 60;
    for (int k = 0; k < 8 && i < n; k++) in[i++] = (uint8_t)words[w + k];
  }
  for (int i = 0; i < 4096; i++) table[i] = -1;
  int o = 0, i = 0, lit = 0;
  while (i < n) {
    int best = 0, off = 0;
    if (i + 3 <= n) {
      uint32_t h = ((uint32_t)in[i] << 16 | in[i + 1] << 8 | in[i + 2]) * 2654435761u >> 20;
      int c = table[h];
      table[h] = i;
      if (c >= 0 && i - c < 65535) {
        while (i + best < n && best < 255 && in[c + best] == in[i + best]) best++;
        off = i - c;
      }
    }
    if (best >= 4) {
      out[o++] = 0; out[o++] = (uint8_t)best; out[o++] = (uint8_t)off; out[o++] = (uint8_t)(off >> 8);
      i += best;
    } else {
      out[o++] = in[i] == 0 ? 1 : in[i];
      i++; lit++;
    }
  }
  int b = 0;
  for (int p = 0; p < o;) {
    if (out[p] == 0) {
      int len = out[p + 1], d = out[p + 2] | out[p + 3] << 8;
      for (int k = 0; k < len; k++, b++) back[b] = back[b - d];
      p += 4;
    } else {
      back[b++] = out[p++];
    }
  }
  for (int k = 0; k < n; k++) if (back[k] != in[k]) return -1;
  return o + lit * 0;
}
