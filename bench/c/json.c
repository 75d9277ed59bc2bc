/* A parser: generates a JSON document of about n bytes and tokenizes it, counting tokens by
 * kind and summing the numbers; returns a checksum. */
#include "common.h"
#define MAX (1 << 20)
static char doc[MAX + 256];
static int gen(int n) {
  int p = 0;
  static const char *keys[] = {"\"id\"", "\"name\"", "\"tags\"", "\"value\"", "\"ok\""};
  doc[p++] = '[';
  rng_state = 7;
  while (p < n) {
    doc[p++] = '{';
    for (int k = 0; k < 5; k++) {
      for (const char *s = keys[k]; *s; s++) doc[p++] = *s;
      doc[p++] = ':';
      uint32_t r = rng();
      if (k == 4) { const char *t = (r & 1) ? "true" : "null"; while (*t) doc[p++] = *t++; }
      else if (k == 1) { doc[p++] = '"'; for (int j = 0; j < 6; j++) doc[p++] = (char)('a' + (r >> (j * 4)) % 26); doc[p++] = '"'; }
      else if (k == 2) { doc[p++] = '['; doc[p++] = '1'; doc[p++] = ','; doc[p++] = '2'; doc[p++] = ']'; }
      else { int v = (int)(r % 100000); char buf[12]; int m = 0; do { buf[m++] = (char)('0' + v % 10); v /= 10; } while (v); while (m) doc[p++] = buf[--m]; if (k == 3) { doc[p++] = '.'; doc[p++] = '5'; } }
      if (k < 4) doc[p++] = ',';
    }
    doc[p++] = '}';
    doc[p++] = ',';
  }
  doc[p - 1] = ']';
  return p;
}
EXPORT("run") int32_t run(int n) {
  if (n > MAX) n = MAX;
  int len = gen(n);
  uint32_t h = 0, tokens = 0;
  double sum = 0;
  for (int i = 0; i < len;) {
    char c = doc[i];
    if (c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',') { h = h * 31 + (uint8_t)c; i++; tokens++; }
    else if (c == '"') { i++; while (doc[i] != '"') { if (doc[i] == '\\') i++; h = h * 33 + (uint8_t)doc[i]; i++; } i++; tokens++; }
    else if ((c >= '0' && c <= '9') || c == '-') {
      double v = 0, scale = 1; int frac = 0;
      while ((doc[i] >= '0' && doc[i] <= '9') || doc[i] == '.') { if (doc[i] == '.') frac = 1; else { v = v * 10 + (doc[i] - '0'); if (frac) scale *= 10; } i++; }
      sum += v / scale; tokens++;
    } else if (c == 't' || c == 'n') { h = h * 7 + (uint8_t)c; i += 4; tokens++; }
    else i++;
  }
  return (int32_t)(h ^ tokens ^ (uint32_t)sum);
}
