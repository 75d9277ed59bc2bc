// Page-granular memory mapping helpers shared by code regions, contexts, stacks and linear memories.
#ifndef KILN_NATIVE_MMAP_H_
#define KILN_NATIVE_MMAP_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace kiln {

// The system page size (4 KiB on x86-64; 4, 16 or 64 KiB on arm64).
size_t PageSize();

// Rounds `n` up to a multiple of `align` (a power of two); returns false on overflow.
bool RoundUp(size_t n, size_t align, size_t* out);

// Protection of a range of pages. Never read-write-execute at once.
enum class Protection { kNone, kReadWrite, kReadExecute };

// Reserves `size` bytes of address space with no access (nothing is committed). Throws
// std::runtime_error (with errno text) when the kernel refuses.
uint8_t* ReservePages(size_t size);

// Changes the protection of `[address, address + size)`; page aligned. Returns false (and leaves
// errno set) on failure.
bool ProtectPages(void* address, size_t size, Protection protection);

// Unmaps `[address, address + size)`; a null `address` is ignored.
void ReleasePages(void* address, size_t size);

// "<what>: <strerror(errno)>".
std::string ErrnoMessage(const char* what);

// A mapping shared between an owner object and the external ArrayBuffers that expose it. The owner
// and every live buffer hold one reference; the mapping itself is unmapped either by an explicit
// Release() (after the owner detached its buffers) or when the last reference goes away.
class SharedMapping {
 public:
  SharedMapping(uint8_t* base, size_t reserved) : base_(base), reserved_(reserved) {}
  SharedMapping(const SharedMapping&) = delete;
  SharedMapping& operator=(const SharedMapping&) = delete;

  uint8_t* base() const { return base_; }
  size_t reserved() const { return reserved_; }
  bool released() const { return base_ == nullptr; }

  void Ref() { ++refs_; }
  // Drops one reference; unmaps and deletes `this` with the last one.
  void Unref();
  // Unmaps now; later Unref() calls only count down.
  void Release();

 private:
  ~SharedMapping() { Release(); }
  uint8_t* base_;
  size_t reserved_;
  int refs_ = 1;
};

}  // namespace kiln

#endif  // KILN_NATIVE_MMAP_H_
