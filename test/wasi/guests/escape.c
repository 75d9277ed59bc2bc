// Hostile guest: tries to leave its preopened directory (fd 3) through the raw WASI calls.
// Prints "ok NAME" for each refused attempt and "ESCAPED NAME" for each one that worked;
// exits with the number of escapes.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static int escapes = 0;

static void expect_fail(const char *name, __wasi_errno_t err) {
  if (err == 0) {
    printf("ESCAPED %s\n", name);
    escapes++;
  } else {
    printf("ok %s %d\n", name, err);
  }
}

static __wasi_errno_t open_read(const char *path, __wasi_lookupflags_t follow) {
  __wasi_fd_t fd;
  __wasi_errno_t err = __wasi_path_open(3, follow, path, 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd);
  if (err == 0) {
    char buf[64] = {0};
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
    __wasi_size_t n = 0;
    (void)__wasi_fd_read(fd, &iov, 1, &n);
    printf("read through %s: %s\n", path, buf);
    (void)__wasi_fd_close(fd);
  }
  return err;
}

int main(void) {
  const __wasi_lookupflags_t F = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  __wasi_filestat_t st;
  expect_fail("dotdot", open_read("../outside/secret.txt", F));
  expect_fail("dotdot-nested", open_read("sub/../../outside/secret.txt", F));
  expect_fail("absolute", open_read("/etc/passwd", F));
  expect_fail("intermediate-symlink", open_read("link_out/secret.txt", F));
  expect_fail("final-symlink-follow", open_read("file_link", F));
  expect_fail("final-symlink-nofollow", open_read("file_link", 0));
  expect_fail("absolute-symlink", open_read("abs_link", F));
  expect_fail("symlink-chain", open_read("chain", F));
  expect_fail("symlink-loop", open_read("loop1", F));
  expect_fail("filestat-symlink", __wasi_path_filestat_get(3, F, "file_link", &st));
  expect_fail("filestat-dotdot", __wasi_path_filestat_get(3, 0, "..", &st));
  expect_fail("mkdir-out", __wasi_path_create_directory(3, "../newdir"));
  expect_fail("mkdir-through-link", __wasi_path_create_directory(3, "link_out/newdir"));
  expect_fail("rename-out", __wasi_path_rename(3, "inside.txt", 3, "../outside/moved.txt"));
  expect_fail("rename-through-link", __wasi_path_rename(3, "inside.txt", 3, "link_out/moved.txt"));
  expect_fail("rename-in", __wasi_path_rename(3, "link_out/secret.txt", 3, "stolen.txt"));
  expect_fail("link-out", __wasi_path_link(3, 0, "inside.txt", 3, "../outside/linked.txt"));
  expect_fail("link-in-follow", __wasi_path_link(3, F, "file_link", 3, "stolen2.txt"));
  expect_fail("unlink-through-link", __wasi_path_unlink_file(3, "link_out/secret.txt"));
  expect_fail("rmdir-preopen", __wasi_path_remove_directory(3, "."));
  expect_fail("symlink-absolute", __wasi_path_symlink("/etc/passwd", 3, "mine"));
  if (__wasi_path_symlink("../outside/secret.txt", 3, "made_link") == 0) {
    expect_fail("made-symlink-follow", open_read("made_link", F));
  }
  __wasi_fd_t fd;
  expect_fail("open-dotdot-dir", __wasi_path_open(3, 0, "..", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
  // A bad pointer must give EFAULT, not touch host memory.
  __wasi_ciovec_t bad = {(const uint8_t *)0xfffffff0u, 64};
  __wasi_size_t n;
  __wasi_errno_t err = __wasi_fd_write(1, &bad, 1, &n);
  if (err == __WASI_ERRNO_FAULT) printf("ok efault\n");
  else {
    printf("ESCAPED efault %d\n", err);
    escapes++;
  }
  return escapes;
}
