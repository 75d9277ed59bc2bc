// Argument validation and object type-tag helpers shared by the addon's classes. Every check throws
// a JavaScript TypeError or RangeError naming the function and the argument.
#ifndef KILN_NATIVE_UTIL_H_
#define KILN_NATIVE_UTIL_H_

#include <napi.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace kiln {

// Distinct tags for the objects the addon wraps, so that one class's instance can never be
// mistaken for another's (prototype tricks defeat `instanceof`, not type tags).
inline constexpr napi_type_tag kCodeRegionTag = {0x6b696c6e636f6465ULL, 0x7265672d76310000ULL};
inline constexpr napi_type_tag kContextTag = {0x6b696c6e63747874ULL, 0x2d2d2d2d76310000ULL};
inline constexpr napi_type_tag kLinearMemoryTag = {0x6b696c6e6d656d6fULL, 0x7279212176310000ULL};

// Reads argument `index` as an integer in [min, max]. `what` is "Class.method(name)".
inline int64_t IntegerArg(const Napi::CallbackInfo& info, size_t index, const char* what, int64_t min,
                          int64_t max) {
  Napi::Env env = info.Env();
  if (index >= info.Length() || !info[index].IsNumber()) {
    throw Napi::TypeError::New(env, std::string(what) + " must be a number");
  }
  double v = info[index].As<Napi::Number>().DoubleValue();
  if (!std::isfinite(v) || std::trunc(v) != v) {
    throw Napi::RangeError::New(env, std::string(what) + " must be an integer, got " + std::to_string(v));
  }
  if (v < static_cast<double>(min) || v > static_cast<double>(max)) {
    throw Napi::RangeError::New(env, std::string(what) + " must be in [" + std::to_string(min) + ", " +
                                         std::to_string(max) + "], got " + std::to_string(v));
  }
  return static_cast<int64_t>(v);
}

// A native address as a JavaScript number (user-space addresses are below 2^53 on every supported
// platform: 47 or 48 bits on x86-64 and arm64 Linux).
inline Napi::Number AddressValue(Napi::Env env, const void* p) {
  return Napi::Number::New(env, static_cast<double>(reinterpret_cast<uintptr_t>(p)));
}

// Unwraps `value` as an instance of `T` tagged with `tag`, or throws a TypeError naming `what`.
template <typename T>
T* UnwrapTagged(Napi::Env env, Napi::Value value, const napi_type_tag& tag, const char* what) {
  if (!value.IsObject() || !value.As<Napi::Object>().CheckTypeTag(&tag)) {
    throw Napi::TypeError::New(env, std::string(what) + " must be a " + T::kClassName);
  }
  return T::Unwrap(value.As<Napi::Object>());
}

}  // namespace kiln

#endif  // KILN_NATIVE_UTIL_H_
