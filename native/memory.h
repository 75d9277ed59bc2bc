// LinearMemory: a natively allocated, growable byte array whose base address never moves.
#ifndef KILN_NATIVE_MEMORY_H_
#define KILN_NATIVE_MEMORY_H_

#include <napi.h>

#include <cstddef>
#include <cstdint>

#include "mmap.h"

namespace kiln {

class LinearMemory : public Napi::ObjectWrap<LinearMemory> {
 public:
  static constexpr const char* kClassName = "LinearMemory";
  static Napi::Function Define(Napi::Env env);

  // new LinearMemory(initialPages: number, maxPages: number, pageSize?: number, reserveBytes?: number)
  explicit LinearMemory(const Napi::CallbackInfo& info);
  ~LinearMemory() override;

 private:
  Napi::Value GetBuffer(const Napi::CallbackInfo& info);
  Napi::Value GetAddress(const Napi::CallbackInfo& info);
  Napi::Value GetPages(const Napi::CallbackInfo& info);
  Napi::Value GetMaxPages(const Napi::CallbackInfo& info);
  Napi::Value GetPageSize(const Napi::CallbackInfo& info);
  Napi::Value GetByteLength(const Napi::CallbackInfo& info);
  Napi::Value GetReservedBytes(const Napi::CallbackInfo& info);
  Napi::Value GetFreed(const Napi::CallbackInfo& info);
  Napi::Value Grow(const Napi::CallbackInfo& info);
  Napi::Value Free(const Napi::CallbackInfo& info);

  void CheckLive(Napi::Env env, const char* what) const;
  void DetachBuffer();
  // Tells V8 how many bytes are committed now (external memory makes it collect dropped memories
  // in time); `bytes` replaces the amount reported before.
  void ReportCommitted(napi_env env, size_t bytes);

  SharedMapping* mapping_ = nullptr;
  size_t reported_ = 0;
  Napi::Reference<Napi::ArrayBuffer> buffer_;
  size_t page_size_ = 0;
  size_t pages_ = 0;
  size_t max_pages_ = 0;
  bool freed_ = false;
};

}  // namespace kiln

#endif  // KILN_NATIVE_MEMORY_H_
