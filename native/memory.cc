// LinearMemory: reserves its whole address range up front (so the base never moves), commits pages
// read-write as it grows, and exposes the committed bytes as an external ArrayBuffer that is
// detached and replaced after every growth.
#include "memory.h"

#include <string>

#include "util.h"

namespace kiln {

namespace {

constexpr int64_t kDefaultPageSize = 65536;
constexpr int64_t kMaxPageSize = int64_t{1} << 30;
// 8 GiB covers any 32-bit index plus any 32-bit offset; one more 64 KiB is a guard.
constexpr int64_t kDefaultReserve = (int64_t{8} << 30) + 65536;
constexpr int64_t kMaxReserve = int64_t{1} << 46;
constexpr int64_t kMaxPages = int64_t{1} << 32;

}  // namespace

Napi::Function LinearMemory::Define(Napi::Env env) {
  return DefineClass(env, kClassName,
                     {
                         InstanceAccessor<&LinearMemory::GetBuffer>("buffer"),
                         InstanceAccessor<&LinearMemory::GetAddress>("address"),
                         InstanceAccessor<&LinearMemory::GetPages>("pages"),
                         InstanceAccessor<&LinearMemory::GetMaxPages>("maxPages"),
                         InstanceAccessor<&LinearMemory::GetPageSize>("pageSize"),
                         InstanceAccessor<&LinearMemory::GetByteLength>("byteLength"),
                         InstanceAccessor<&LinearMemory::GetReservedBytes>("reservedBytes"),
                         InstanceAccessor<&LinearMemory::GetFreed>("freed"),
                         InstanceMethod<&LinearMemory::Grow>("grow"),
                         InstanceMethod<&LinearMemory::Free>("free"),
                     });
}

LinearMemory::LinearMemory(const Napi::CallbackInfo& info) : Napi::ObjectWrap<LinearMemory>(info) {
  Napi::Env env = info.Env();
  int64_t page_size = kDefaultPageSize;
  if (info.Length() >= 3 && !info[2].IsUndefined()) {
    page_size = IntegerArg(info, 2, "new LinearMemory(initialPages, maxPages, pageSize): pageSize", 1, kMaxPageSize);
    if ((page_size & (page_size - 1)) != 0) {
      throw Napi::RangeError::New(env, "new LinearMemory: pageSize must be a power of two, got " +
                                           std::to_string(page_size));
    }
  }
  int64_t reserve = kDefaultReserve;
  if (info.Length() >= 4 && !info[3].IsUndefined()) {
    reserve = IntegerArg(info, 3, "new LinearMemory(initialPages, maxPages, pageSize, reserveBytes): reserveBytes",
                         1, kMaxReserve);
  }
  int64_t max_pages = IntegerArg(info, 1, "new LinearMemory(initialPages, maxPages): maxPages", 0, kMaxPages);
  int64_t initial = IntegerArg(info, 0, "new LinearMemory(initialPages, maxPages): initialPages", 0, max_pages);
  if (max_pages > reserve / page_size) {
    throw Napi::RangeError::New(env, "new LinearMemory: maxPages " + std::to_string(max_pages) + " x pageSize " +
                                         std::to_string(page_size) + " exceeds the reservation of " +
                                         std::to_string(reserve) + " bytes");
  }
  size_t reserved = 0;
  RoundUp(static_cast<size_t>(reserve), PageSize(), &reserved);
  uint8_t* base = nullptr;
  try {
    base = ReservePages(reserved);
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, std::string("new LinearMemory: ") + e.what());
  }
  size_t initial_bytes = static_cast<size_t>(initial) * static_cast<size_t>(page_size);
  size_t commit = 0;
  RoundUp(initial_bytes, PageSize(), &commit);
  if (!ProtectPages(base, commit, Protection::kReadWrite)) {
    std::string message = ErrnoMessage("new LinearMemory: mprotect(read-write) failed");
    ReleasePages(base, reserved);
    throw Napi::Error::New(env, message);
  }
  mapping_ = new SharedMapping(base, reserved);
  page_size_ = static_cast<size_t>(page_size);
  pages_ = static_cast<size_t>(initial);
  max_pages_ = static_cast<size_t>(max_pages);
  info.This().As<Napi::Object>().TypeTag(&kLinearMemoryTag);
  ReportCommitted(env, initial_bytes);
}

LinearMemory::~LinearMemory() {
  ReportCommitted(Env(), 0);
  if (mapping_ != nullptr) mapping_->Unref();
}

void LinearMemory::ReportCommitted(napi_env env, size_t bytes) {
  int64_t delta = static_cast<int64_t>(bytes) - static_cast<int64_t>(reported_);
  int64_t total = 0;
  // Only an estimate for the garbage collector: a failure changes nothing else.
  if (delta != 0 && napi_adjust_external_memory(env, delta, &total) == napi_ok) reported_ = bytes;
}

void LinearMemory::CheckLive(Napi::Env env, const char* what) const {
  if (freed_) throw Napi::Error::New(env, std::string("LinearMemory.") + what + ": the memory was freed");
}

void LinearMemory::DetachBuffer() {
  if (buffer_.IsEmpty()) return;
  Napi::ArrayBuffer buffer = buffer_.Value();
  if (!buffer.IsEmpty() && !buffer.IsDetached()) buffer.Detach();
  buffer_.Reset();
}

Napi::Value LinearMemory::GetBuffer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckLive(env, "buffer");
  if (buffer_.IsEmpty()) {
    mapping_->Ref();
    Napi::ArrayBuffer buffer;
    try {
      buffer = Napi::ArrayBuffer::New(
          env, mapping_->base(), pages_ * page_size_,
          [](Napi::Env /*env*/, void* /*data*/, SharedMapping* mapping) { mapping->Unref(); }, mapping_);
    } catch (...) {
      mapping_->Unref();
      throw;
    }
    buffer_ = Napi::Persistent(buffer);
  }
  return buffer_.Value();
}

Napi::Value LinearMemory::Grow(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckLive(env, "grow()");
  int64_t delta = IntegerArg(info, 0, "LinearMemory.grow(deltaPages): deltaPages", 0, kMaxPages);
  size_t old_pages = pages_;
  if (static_cast<size_t>(delta) > max_pages_ - pages_) return Napi::Number::New(env, -1);
  if (delta == 0) return Napi::Number::New(env, static_cast<double>(old_pages));
  size_t new_pages = pages_ + static_cast<size_t>(delta);
  size_t new_commit = 0;
  RoundUp(new_pages * page_size_, PageSize(), &new_commit);
  // Re-protecting the already committed prefix is harmless and keeps this independent of rounding.
  if (!ProtectPages(mapping_->base(), new_commit, Protection::kReadWrite)) {
    return Napi::Number::New(env, -1);
  }
  pages_ = new_pages;
  ReportCommitted(env, pages_ * page_size_);
  DetachBuffer();
  return Napi::Number::New(env, static_cast<double>(old_pages));
}

Napi::Value LinearMemory::Free(const Napi::CallbackInfo& info) {
  if (freed_) return info.Env().Undefined();
  freed_ = true;
  DetachBuffer();
  mapping_->Release();
  ReportCommitted(info.Env(), 0);
  return info.Env().Undefined();
}

Napi::Value LinearMemory::GetAddress(const Napi::CallbackInfo& info) {
  CheckLive(info.Env(), "address");
  return AddressValue(info.Env(), mapping_->base());
}

Napi::Value LinearMemory::GetPages(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(pages_));
}

Napi::Value LinearMemory::GetMaxPages(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(max_pages_));
}

Napi::Value LinearMemory::GetPageSize(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(page_size_));
}

Napi::Value LinearMemory::GetByteLength(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(pages_ * page_size_));
}

Napi::Value LinearMemory::GetReservedBytes(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(mapping_->reserved()));
}

Napi::Value LinearMemory::GetFreed(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), freed_); }

}  // namespace kiln
