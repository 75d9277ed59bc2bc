/* A small WASI program for `kiln run`: prints a greeting with its arguments and environment.
 * Built into examples/hello.wasm with:
 *   clang --target=wasm32-wasi -Os -s examples/hello.c -o examples/hello.wasm
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  const char *who = getenv("KILN_GREETING_NAME");
  printf("Hello from wasm, %s!\n", who != NULL ? who : "world");
  for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  return 0;
}
