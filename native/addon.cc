// Module entry point: registers the classes and exports the ABI numbers and CPU features.
#include <napi.h>

#include <string>

#include "abi.h"
#include "code.h"
#include "context.h"
#include "cpu.h"
#include "memory.h"

namespace kiln {

namespace {

Napi::Object AbiObject(Napi::Env env) {
  Napi::Object abi = Napi::Object::New(env);
  abi.Set("version", KILN_ABI_VERSION);
  Napi::Object offsets = Napi::Object::New(env);
  offsets.Set("exitCode", KILN_CTX_EXIT_CODE);
  offsets.Set("exitArgs", KILN_CTX_EXIT_ARGS);
  offsets.Set("resumeAddress", KILN_CTX_RESUME_ADDRESS);
  offsets.Set("savedSp", KILN_CTX_SAVED_SP);
  offsets.Set("stackLimit", KILN_CTX_STACK_LIMIT);
  offsets.Set("memoryBase", KILN_CTX_MEMORY_BASE);
  offsets.Set("memorySize", KILN_CTX_MEMORY_SIZE);
  offsets.Set("interrupt", KILN_CTX_INTERRUPT);
  offsets.Set("hostSp", KILN_CTX_HOST_SP);
  offsets.Set("exitStub", KILN_CTX_EXIT_STUB);
  offsets.Set("stackTop", KILN_CTX_STACK_TOP);
  offsets.Set("stackBottom", KILN_CTX_STACK_BOTTOM);
  offsets.Set("savedFp", KILN_CTX_SAVED_FP);
  offsets.Set("interruptWord", KILN_CTX_INTERRUPT_WORD);
  offsets.Set("runtimeArea", KILN_CTX_RUNTIME_AREA);
  abi.Set("offsets", offsets);
  abi.Set("contextSize", KILN_CTX_SIZE);
  abi.Set("exitArgCount", KILN_EXIT_ARG_COUNT);
  Napi::Object exits = Napi::Object::New(env);
  exits.Set("none", KILN_EXIT_NONE);
  exits.Set("return", KILN_EXIT_RETURN);
  exits.Set("trap", KILN_EXIT_TRAP);
  exits.Set("hostCall", KILN_EXIT_HOST_CALL);
  exits.Set("memoryGrow", KILN_EXIT_MEMORY_GROW);
  exits.Set("stackExhausted", KILN_EXIT_STACK_EXHAUSTED);
  exits.Set("interrupted", KILN_EXIT_INTERRUPTED);
  abi.Set("exitCodes", exits);
  abi.Set("stackReserve", KILN_STACK_RESERVE);
  abi.Set("nestedEntryGap", KILN_NESTED_ENTRY_GAP);
  return abi;
}

Napi::Value CpuFeaturesValue(const Napi::CallbackInfo& info) {
  CpuFeatures f = DetectCpuFeatures();
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("arch", f.arch);
  if (std::string(f.arch) != "x64") return o;
  o.Set("sse41", f.sse41);
  o.Set("sse42", f.sse42);
  o.Set("popcnt", f.popcnt);
  o.Set("lzcnt", f.lzcnt);
  o.Set("bmi1", f.bmi1);
  o.Set("bmi2", f.bmi2);
  o.Set("avx", f.avx);
  o.Set("avx2", f.avx2);
  return o;
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("abi", AbiObject(env));
  exports.Set("cpuFeatures", Napi::Function::New(env, CpuFeaturesValue, "cpuFeatures"));
  exports.Set("CodeRegion", CodeRegion::Define(env));
  exports.Set("Context", ExecutionContext::Define(env));
  exports.Set("LinearMemory", LinearMemory::Define(env));
  return exports;
}

}  // namespace kiln

static Napi::Object InitKiln(Napi::Env env, Napi::Object exports) { return kiln::Init(env, exports); }

NODE_API_MODULE(kiln_native, InitKiln)
