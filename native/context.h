// Context: the block generated code reads and writes through its context register, the execution
// stack it runs on, and the record of suspended activations (see native/README.md).
#ifndef KILN_NATIVE_CONTEXT_H_
#define KILN_NATIVE_CONTEXT_H_

#include <napi.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "abi.h"
#include "code.h"
#include "mmap.h"

namespace kiln {

// A helper thread that sets a context's interrupt flag after a delay unless cancelled first.
class InterruptTimer {
 public:
  InterruptTimer() = default;
  InterruptTimer(const InterruptTimer&) = delete;
  InterruptTimer& operator=(const InterruptTimer&) = delete;
  ~InterruptTimer() { Cancel(); }

  void Start(uint32_t* flag, uint32_t milliseconds);
  // Stops a pending timer (joining its thread); the flag keeps whatever value it has.
  void Cancel();

 private:
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool cancelled_ = false;
};

class ExecutionContext : public Napi::ObjectWrap<ExecutionContext> {
 public:
  static constexpr const char* kClassName = "Context";
  static Napi::Function Define(Napi::Env env);

  // new Context(stackSize?: number)
  explicit ExecutionContext(const Napi::CallbackInfo& info);
  ~ExecutionContext() override;

 private:
  // A suspended activation: where it continues, and the code region it was entered in (`code`
  // holds that region's object unless it is the bound region, which bind_ref_ keeps alive).
  struct Activation {
    uint64_t saved_sp;
    uint64_t saved_fp;
    uint64_t resume_address;
    bool started;  // false for a nested entry refused because the stack was already exhausted
    Napi::ObjectReference code;
    CodeRegion* region;
  };

  Napi::Value GetBuffer(const Napi::CallbackInfo& info);
  Napi::Value GetAddress(const Napi::CallbackInfo& info);
  Napi::Value GetDepth(const Napi::CallbackInfo& info);
  Napi::Value GetClosed(const Napi::CallbackInfo& info);
  Napi::Value Enter(const Napi::CallbackInfo& info);
  Napi::Value Bind(const Napi::CallbackInfo& info);
  // The function bind() returns: its data is a CallTarget naming the context (null once the
  // context was garbage-collected), so a call needs no unwrapping of a receiver.
  struct CallTarget {
    ExecutionContext* owner;
  };
  static Napi::Value CallBound(const Napi::CallbackInfo& info);
  static Napi::Value ResumeBound(const Napi::CallbackInfo& info);
  // A function whose data names this context (see CallTarget).
  template <Napi::Function::Callback cb>
  Napi::Function BoundFunction(Napi::Env env, const char* name);
  // The context a bound function belongs to; throws once it was collected or closed.
  static ExecutionContext* Owner(const Napi::CallbackInfo& info, const char* what);
  Napi::Value ResumeInnermost(Napi::Env env);
  Napi::Value Backtrace(const Napi::CallbackInfo& info);
  Napi::Value SetInterruptWord(const Napi::CallbackInfo& info);
  Napi::Value Resume(const Napi::CallbackInfo& info);
  Napi::Value Abandon(const Napi::CallbackInfo& info);
  Napi::Value SetInterruptTimer(const Napi::CallbackInfo& info);
  Napi::Value ClearInterruptTimer(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  Context* ctx() const { return reinterpret_cast<Context*>(block_->base()); }
  void CheckOpen(Napi::Env env, const char* what) const;
  // Writes the fields the trampoline relies on, so that nothing TypeScript wrote can mislead it.
  void PrepareEntry();
  // Runs `region` at `offset` (already validated) as a new activation; `code` is its object or empty.
  Napi::Value Run(Napi::Env env, CodeRegion* region, uint64_t offset, Napi::ObjectReference code);
  // Records the outcome of a trampoline call: pops nothing, pushes a suspended activation unless the
  // activation finished, and returns the exit code.
  Napi::Value FinishRun(Napi::Env env, uint32_t exit_code, Activation running);
  // Copies the innermost suspended activation's state (or zeros) back into the context fields.
  void ExposeInnermost();
  void DropAllActivations();
  void ReleaseStack();

  SharedMapping* block_ = nullptr;
  Napi::Reference<Napi::ArrayBuffer> buffer_;
  uint8_t* stack_ = nullptr;  // the whole stack mapping, guard pages included
  size_t stack_mapped_ = 0;
  unsigned stack_id_ = 0;  // valgrind's id for the stack (see tools.h)
  uint64_t stack_bottom_ = 0;  // lowest usable address
  uint64_t stack_top_ = 0;     // highest address (exclusive), 16-byte aligned
  std::vector<Activation> activations_;
  CodeRegion* bound_ = nullptr;  // the region bind()'s function enters
  Napi::ObjectReference bound_ref_;
  std::shared_ptr<CallTarget> call_target_;
  Napi::Reference<Napi::Int32Array> interrupt_word_ref_;  // keeps an external interrupt word alive
  InterruptTimer timer_;
  bool closed_ = false;
};

}  // namespace kiln

#endif  // KILN_NATIVE_CONTEXT_H_
