// CodeRegion: a block of machine code mapped read-execute (never writable and executable at once).
#ifndef KILN_NATIVE_CODE_H_
#define KILN_NATIVE_CODE_H_

#include <napi.h>

#include <cstddef>
#include <cstdint>

namespace kiln {

class CodeRegion : public Napi::ObjectWrap<CodeRegion> {
 public:
  static constexpr const char* kClassName = "CodeRegion";
  static Napi::Function Define(Napi::Env env);

  // new CodeRegion(bytes: Uint8Array)
  explicit CodeRegion(const Napi::CallbackInfo& info);
  ~CodeRegion() override;

  uint8_t* base() const { return base_; }
  size_t size() const { return size_; }
  bool freed() const { return base_ == nullptr; }
  // Suspended activations pin the region they were entered in, so that it cannot be freed under them.
  void Pin() { ++pins_; }
  void Unpin() { --pins_; }

 private:
  Napi::Value GetAddress(const Napi::CallbackInfo& info);
  Napi::Value GetSize(const Napi::CallbackInfo& info);
  Napi::Value GetFreed(const Napi::CallbackInfo& info);
  Napi::Value Free(const Napi::CallbackInfo& info);

  uint8_t* base_ = nullptr;
  size_t size_ = 0;     // bytes of code
  size_t mapped_ = 0;   // bytes mapped (whole pages)
  int pins_ = 0;
};

}  // namespace kiln

#endif  // KILN_NATIVE_CODE_H_
