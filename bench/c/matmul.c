/* Matrix multiply: C = A x B for n x n doubles; returns the trace as an integer. */
#include "common.h"
#define MAX 256
static double A[MAX * MAX], B[MAX * MAX], C[MAX * MAX];
EXPORT("run") int32_t run(int n) {
  if (n > MAX) n = MAX;
  for (int i = 0; i < n * n; i++) { A[i] = (double)(i % 17) * 0.5; B[i] = (double)(i % 13) - 6.0; C[i] = 0; }
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++) {
      double a = A[i * n + k];
      for (int j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j];
    }
  double t = 0;
  for (int i = 0; i < n; i++) t += C[i * n + i];
  return (int32_t)t;
}
