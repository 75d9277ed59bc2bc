// CodeRegion: maps machine code read-write, copies it in, then switches the pages to read-execute.
#include "code.h"

#include <cstring>
#include <string>

#include "mmap.h"
#include "util.h"

namespace kiln {

namespace {
constexpr size_t kMaxCodeSize = size_t{1} << 30;
}

Napi::Function CodeRegion::Define(Napi::Env env) {
  return DefineClass(env, kClassName,
                     {
                         InstanceAccessor<&CodeRegion::GetAddress>("address"),
                         InstanceAccessor<&CodeRegion::GetSize>("size"),
                         InstanceAccessor<&CodeRegion::GetFreed>("freed"),
                         InstanceMethod<&CodeRegion::Free>("free"),
                     });
}

CodeRegion::CodeRegion(const Napi::CallbackInfo& info) : Napi::ObjectWrap<CodeRegion>(info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throw Napi::TypeError::New(env, "new CodeRegion(bytes): bytes must be a Uint8Array");
  }
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  size_t length = bytes.ByteLength();
  if (length == 0 || length > kMaxCodeSize) {
    throw Napi::RangeError::New(env, "new CodeRegion(bytes): bytes.length must be in [1, " +
                                         std::to_string(kMaxCodeSize) + "], got " + std::to_string(length));
  }
  size_t mapped = 0;
  RoundUp(length, PageSize(), &mapped);
  uint8_t* base = nullptr;
  try {
    base = ReservePages(mapped);
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, std::string("new CodeRegion: ") + e.what());
  }
  if (!ProtectPages(base, mapped, Protection::kReadWrite)) {
    std::string message = ErrnoMessage("new CodeRegion: mprotect(read-write) failed");
    ReleasePages(base, mapped);
    throw Napi::Error::New(env, message);
  }
  std::memcpy(base, bytes.Data(), length);
  if (!ProtectPages(base, mapped, Protection::kReadExecute)) {
    std::string message = ErrnoMessage("new CodeRegion: mprotect(read-execute) failed");
    ReleasePages(base, mapped);
    throw Napi::Error::New(env, message);
  }
  // Required on arm64 (separate instruction and data caches); a no-op on x86-64.
  __builtin___clear_cache(reinterpret_cast<char*>(base), reinterpret_cast<char*>(base + length));
  base_ = base;
  size_ = length;
  mapped_ = mapped;
  info.This().As<Napi::Object>().TypeTag(&kCodeRegionTag);
}

CodeRegion::~CodeRegion() { ReleasePages(base_, mapped_); }

Napi::Value CodeRegion::GetAddress(const Napi::CallbackInfo& info) {
  if (freed()) throw Napi::Error::New(info.Env(), "CodeRegion.address: the region was freed");
  return AddressValue(info.Env(), base_);
}

Napi::Value CodeRegion::GetSize(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(size_));
}

Napi::Value CodeRegion::GetFreed(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), freed()); }

Napi::Value CodeRegion::Free(const Napi::CallbackInfo& info) {
  if (pins_ > 0) {
    throw Napi::Error::New(info.Env(), "CodeRegion.free(): " + std::to_string(pins_) +
                                           " suspended activation(s) still run in this region");
  }
  ReleasePages(base_, mapped_);
  base_ = nullptr;
  mapped_ = 0;
  return info.Env().Undefined();
}

}  // namespace kiln
