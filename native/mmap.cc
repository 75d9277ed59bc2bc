// Page-granular memory mapping helpers (POSIX mmap/mprotect).
#include "mmap.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kiln {

size_t PageSize() {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

bool RoundUp(size_t n, size_t align, size_t* out) {
  if (n > SIZE_MAX - (align - 1)) return false;
  *out = (n + align - 1) & ~(align - 1);
  return true;
}

std::string ErrnoMessage(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

uint8_t* ReservePages(size_t size) {
  void* p = mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    throw std::runtime_error(ErrnoMessage(("cannot reserve " + std::to_string(size) + " bytes").c_str()));
  }
  return static_cast<uint8_t*>(p);
}

bool ProtectPages(void* address, size_t size, Protection protection) {
  if (size == 0) return true;
  int prot = PROT_NONE;
  switch (protection) {
    case Protection::kNone:
      prot = PROT_NONE;
      break;
    case Protection::kReadWrite:
      prot = PROT_READ | PROT_WRITE;
      break;
    case Protection::kReadExecute:
      prot = PROT_READ | PROT_EXEC;
      break;
  }
  return mprotect(address, size, prot) == 0;
}

void ReleasePages(void* address, size_t size) {
  if (address != nullptr && size != 0) munmap(address, size);
}

void SharedMapping::Unref() {
  if (--refs_ == 0) delete this;
}

void SharedMapping::Release() {
  ReleasePages(base_, reserved_);
  base_ = nullptr;
}

}  // namespace kiln
