// A small WASI program for `kiln run` tests. Modes (argv[1]):
//   app DIR      printf, args, env (GREETING), file I/O in preopened DIR; exits 7
//   big N        writes N MiB to stdout
//   cat          copies stdin to stdout
//   exit N       calls exit(N)
//   trap         executes `unreachable`
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int app(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  const char *g = getenv("GREETING");
  printf("GREETING=%s\n", g ? g : "(unset)");
  char path[256];
  snprintf(path, sizeof path, "%s/out.txt", argv[2]);
  FILE *f = fopen(path, "w");
  if (!f) {
    perror("fopen for writing");
    return 1;
  }
  fprintf(f, "written by wasm\n");
  fclose(f);
  snprintf(path, sizeof path, "%s/in.txt", argv[2]);
  f = fopen(path, "r");
  if (!f) {
    perror("fopen for reading");
    return 1;
  }
  char line[128] = {0};
  fgets(line, sizeof line, f);
  fclose(f);
  printf("in.txt: %s", line);
  fprintf(stderr, "to stderr\n");
  return 7;
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  if (strcmp(argv[1], "app") == 0 && argc >= 3) return app(argc, argv);
  if (strcmp(argv[1], "big") == 0 && argc >= 3) {
    static char buf[65536];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = 'a' + (i % 26);
    long n = atol(argv[2]) * 16;
    for (long i = 0; i < n; i++) fwrite(buf, 1, sizeof buf, stdout);
    return 0;
  }
  if (strcmp(argv[1], "cat") == 0) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
    return 0;
  }
  if (strcmp(argv[1], "exit") == 0 && argc >= 3) exit(atoi(argv[2]));
  if (strcmp(argv[1], "trap") == 0) __builtin_trap();
  return 2;
}
