// Context: entering generated code, recording its exits, resuming and abandoning activations.
#include "context.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <string>
#include <utility>

#include "tools.h"
#include "util.h"

namespace kiln {

namespace {

constexpr int64_t kDefaultStackSize = 8 * 1024 * 1024;
constexpr int64_t kMinStackSize = 64 * 1024;
constexpr int64_t kMaxStackSize = int64_t{1} << 30;
constexpr size_t kGuardSize = 64 * 1024;
constexpr int64_t kMaxInterruptDelay = 24LL * 60 * 60 * 1000;
constexpr int64_t kMaxBacktrace = int64_t{1} << 24;

uint64_t AlignDown16(uint64_t v) { return v & ~uint64_t{15}; }

}  // namespace

void InterruptTimer::Start(uint32_t* flag, uint32_t milliseconds) {
  Cancel();
  cancelled_ = false;
  thread_ = std::thread([this, flag, milliseconds] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!wake_.wait_for(lock, std::chrono::milliseconds(milliseconds), [this] { return cancelled_; })) {
      __atomic_store_n(flag, 1u, __ATOMIC_RELEASE);
    }
  });
}

void InterruptTimer::Cancel() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Napi::Function ExecutionContext::Define(Napi::Env env) {
  return DefineClass(env, kClassName,
                     {
                         InstanceAccessor<&ExecutionContext::GetBuffer>("buffer"),
                         InstanceAccessor<&ExecutionContext::GetAddress>("address"),
                         InstanceAccessor<&ExecutionContext::GetDepth>("depth"),
                         InstanceAccessor<&ExecutionContext::GetClosed>("closed"),
                         InstanceMethod<&ExecutionContext::Enter>("enter"),
                         InstanceMethod<&ExecutionContext::Bind>("bind"),
                         InstanceMethod<&ExecutionContext::Backtrace>("backtrace"),
                         InstanceMethod<&ExecutionContext::SetInterruptWord>("setInterruptWord"),
                         InstanceMethod<&ExecutionContext::Resume>("resume"),
                         InstanceMethod<&ExecutionContext::Abandon>("abandon"),
                         InstanceMethod<&ExecutionContext::SetInterruptTimer>("setInterruptTimer"),
                         InstanceMethod<&ExecutionContext::ClearInterruptTimer>("clearInterruptTimer"),
                         InstanceMethod<&ExecutionContext::Close>("close"),
                     });
}

ExecutionContext::ExecutionContext(const Napi::CallbackInfo& info) : Napi::ObjectWrap<ExecutionContext>(info) {
  Napi::Env env = info.Env();
  int64_t requested = kDefaultStackSize;
  if (info.Length() >= 1 && !info[0].IsUndefined()) {
    requested = IntegerArg(info, 0, "new Context(stackSize): stackSize", kMinStackSize, kMaxStackSize);
  }
  size_t page = PageSize();
  size_t usable = 0;
  size_t guard = 0;
  size_t block_size = 0;
  RoundUp(static_cast<size_t>(requested), page, &usable);
  RoundUp(kGuardSize + KILN_STACK_ISOLATION, page, &guard);
  size_t above = KILN_STACK_ISOLATION;  // inaccessible pages above the stack (valgrind builds only)
  RoundUp(KILN_CTX_SIZE, page, &block_size);

  uint8_t* block = nullptr;
  try {
    block = ReservePages(block_size);
    stack_ = ReservePages(guard + usable + above);
  } catch (const std::exception& e) {
    ReleasePages(block, block_size);
    throw Napi::Error::New(env, std::string("new Context: ") + e.what());
  }
  stack_mapped_ = guard + usable + above;
  if (!ProtectPages(block, block_size, Protection::kReadWrite) ||
      !ProtectPages(stack_ + guard, usable, Protection::kReadWrite)) {
    std::string message = ErrnoMessage("new Context: mprotect(read-write) failed");
    ReleasePages(block, block_size);
    ReleasePages(stack_, stack_mapped_);
    stack_ = nullptr;
    throw Napi::Error::New(env, message);
  }
  block_ = new SharedMapping(block, block_size);
  stack_bottom_ = reinterpret_cast<uint64_t>(stack_ + guard);
  stack_top_ = AlignDown16(reinterpret_cast<uint64_t>(stack_ + guard + usable));
  stack_id_ = KILN_STACK_REGISTER(stack_ + guard, stack_ + guard + usable);
  PrepareEntry();
  info.This().As<Napi::Object>().TypeTag(&kContextTag);
}

ExecutionContext::~ExecutionContext() {
  if (call_target_) call_target_->owner = nullptr;
  timer_.Cancel();
  DropAllActivations();
  if (block_ != nullptr) block_->Unref();
  ReleaseStack();
}

void ExecutionContext::ReleaseStack() {
  if (stack_ == nullptr) return;
  KILN_STACK_DEREGISTER(stack_id_);
  ReleasePages(stack_, stack_mapped_);
  stack_ = nullptr;
  stack_mapped_ = 0;
}

void ExecutionContext::CheckOpen(Napi::Env env, const char* what) const {
  if (closed_) throw Napi::Error::New(env, std::string("Context.") + what + ": the context was closed");
}

void ExecutionContext::PrepareEntry() {
  Context* c = ctx();
  c->exit_code = KILN_EXIT_NONE;
  c->host_sp = 0;
  c->exit_stub = reinterpret_cast<uint64_t>(&kiln_exit_stub);
  c->stack_limit = stack_bottom_ + KILN_STACK_RESERVE;
  c->stack_top = stack_top_;
  c->stack_bottom = stack_bottom_;
  if (interrupt_word_ref_.IsEmpty()) c->interrupt_word = reinterpret_cast<uint64_t>(&c->interrupt);
}

void ExecutionContext::ExposeInnermost() {
  Context* c = ctx();
  if (activations_.empty()) {
    c->saved_sp = 0;
    c->saved_fp = 0;
    c->resume_address = 0;
  } else {
    c->saved_sp = activations_.back().saved_sp;
    c->saved_fp = activations_.back().saved_fp;
    c->resume_address = activations_.back().resume_address;
  }
}

void ExecutionContext::DropAllActivations() {
  for (Activation& a : activations_) {
    a.region->Unpin();
    a.code.Reset();
  }
  activations_.clear();
  bound_ = nullptr;
  bound_ref_.Reset();
  interrupt_word_ref_.Reset();
}

Napi::Value ExecutionContext::FinishRun(Napi::Env env, uint32_t exit_code, Activation running) {
  Context* c = ctx();
  c->host_sp = 0;
  if (exit_code == KILN_EXIT_RETURN) {
    running.region->Unpin();
    running.code.Reset();
    ExposeInnermost();
    return Napi::Number::New(env, exit_code);
  }
  uint64_t sp = c->saved_sp;
  if (sp < stack_bottom_ || sp > stack_top_) {
    running.region->Unpin();
    running.code.Reset();
    ExposeInnermost();
    throw Napi::Error::New(env, "Context: generated code exited with stack pointer " + std::to_string(sp) +
                                    " outside its execution stack; the activation was dropped");
  }
  running.saved_sp = sp;
  running.saved_fp = c->saved_fp;
  running.resume_address = c->resume_address;
  running.started = true;
  activations_.push_back(std::move(running));
  return Napi::Number::New(env, exit_code);
}

Napi::Value ExecutionContext::Enter(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckOpen(env, "enter()");
  CodeRegion* region = UnwrapTagged<CodeRegion>(env, info[0], kCodeRegionTag, "Context.enter(code, offset): code");
  if (region->freed()) throw Napi::Error::New(env, "Context.enter(code, offset): the code region was freed");
  int64_t offset = IntegerArg(info, 1, "Context.enter(code, offset): offset", 0,
                              static_cast<int64_t>(region->size()) - 1);
  return Run(env, region, static_cast<uint64_t>(offset), Napi::Persistent(info[0].As<Napi::Object>()));
}

template <Napi::Function::Callback cb>
Napi::Function ExecutionContext::BoundFunction(Napi::Env env, const char* name) {
  if (!call_target_) call_target_ = std::make_shared<CallTarget>(CallTarget{this});
  auto* holder = new std::shared_ptr<CallTarget>(call_target_);
  try {
    Napi::Function f = Napi::Function::New<cb>(env, name, holder);
    NAPI_THROW_IF_FAILED(env,
                         napi_add_finalizer(
                             env, f, holder,
                             [](napi_env /*env*/, void* data, void* /*hint*/) {
                               delete static_cast<std::shared_ptr<CallTarget>*>(data);
                             },
                             nullptr, nullptr),
                         Napi::Function());
    return f;
  } catch (...) {
    delete holder;
    throw;
  }
}

ExecutionContext* ExecutionContext::Owner(const Napi::CallbackInfo& info, const char* what) {
  ExecutionContext* self = (*static_cast<std::shared_ptr<CallTarget>*>(info.Data()))->owner;
  if (self == nullptr) {
    throw Napi::Error::New(info.Env(), std::string("Context ") + what + ": the context was garbage-collected");
  }
  self->CheckOpen(info.Env(), what);
  return self;
}

Napi::Value ExecutionContext::Bind(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckOpen(env, "bind()");
  CodeRegion* region = UnwrapTagged<CodeRegion>(env, info[0], kCodeRegionTag, "Context.bind(code): code");
  if (region->freed()) throw Napi::Error::New(env, "Context.bind(code): the code region was freed");
  if (!activations_.empty()) throw Napi::Error::New(env, "Context.bind(code): an activation is suspended");
  bound_ = region;
  bound_ref_ = Napi::Persistent(info[0].As<Napi::Object>());
  Napi::Object entries = Napi::Object::New(env);
  entries.Set("call", BoundFunction<&ExecutionContext::CallBound>(env, "call"));
  entries.Set("resume", BoundFunction<&ExecutionContext::ResumeBound>(env, "resume"));
  return entries;
}

Napi::Value ExecutionContext::CallBound(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ExecutionContext* self = Owner(info, "call()");
  CodeRegion* region = self->bound_;
  if (region == nullptr || region->freed()) {
    throw Napi::Error::New(env, "Context call(offset): the bound code region was freed");
  }
  double offset = 0;
  if (info.Length() < 1 || napi_get_value_double(env, info[0], &offset) != napi_ok) {
    throw Napi::TypeError::New(env, "Context call(offset): offset must be a number");
  }
  if (!(offset >= 0 && offset < static_cast<double>(region->size())) || std::trunc(offset) != offset) {
    throw Napi::RangeError::New(env, "Context call(offset): offset must be an integer in [0, " +
                                         std::to_string(region->size()) + ")");
  }
  return self->Run(env, region, static_cast<uint64_t>(offset), Napi::ObjectReference());
}

Napi::Value ExecutionContext::ResumeBound(const Napi::CallbackInfo& info) {
  return Owner(info, "resume()")->ResumeInnermost(info.Env());
}

Napi::Value ExecutionContext::Run(Napi::Env env, CodeRegion* region, uint64_t offset, Napi::ObjectReference code) {
  uint64_t sp = stack_top_;
  if (!activations_.empty()) {
    // Nested entry (e.g. from a host function): run below the suspended frames, on the same stack.
    sp = AlignDown16(activations_.back().saved_sp - KILN_NESTED_ENTRY_GAP);
  }
  PrepareEntry();
  region->Pin();
  Activation running{0, 0, 0, false, std::move(code), region};
  if (sp <= ctx()->stack_limit) {
    // No room for even one frame: report exhaustion as an exit that never ran (abandon() drops it).
    ctx()->exit_code = KILN_EXIT_STACK_EXHAUSTED;
    activations_.push_back(std::move(running));
    ExposeInnermost();
    return Napi::Number::New(env, KILN_EXIT_STACK_EXHAUSTED);
  }
  uint64_t target = reinterpret_cast<uint64_t>(region->base()) + offset;
  KILN_STACK_FREE_BELOW(stack_bottom_, sp);
  uint32_t exit_code = kiln_trampoline_enter(ctx(), target, sp);
  return FinishRun(env, exit_code, std::move(running));
}

Napi::Value ExecutionContext::Backtrace(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckOpen(env, "backtrace()");
  int64_t max = IntegerArg(info, 0, "Context.backtrace(maxFrames): maxFrames", 0, kMaxBacktrace);
  std::vector<double> pcs;
  if (!activations_.empty() && activations_.back().started && max > 0) {
    const Activation& a = activations_.back();
    pcs.push_back(static_cast<double>(a.resume_address));
    // Frame records are [fp] = the caller's fp, [fp + 8] = the return address. Only records that lie
    // inside the suspended part of the execution stack, each above the last, are read.
    uint64_t fp = a.saved_fp;
    uint64_t low = a.saved_sp;
    while (static_cast<int64_t>(pcs.size()) < max && fp >= low && fp <= stack_top_ - 16 && (fp & 7) == 0) {
      const uint64_t* record = reinterpret_cast<const uint64_t*>(fp);
      pcs.push_back(static_cast<double>(record[1]));
      low = fp + 16;
      fp = record[0];
    }
  }
  Napi::Float64Array out = Napi::Float64Array::New(env, pcs.size());
  if (!pcs.empty()) std::memcpy(out.Data(), pcs.data(), pcs.size() * sizeof(double));
  return out;
}

Napi::Value ExecutionContext::SetInterruptWord(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckOpen(env, "setInterruptWord()");
  const char* what = "Context.setInterruptWord(flag): flag must be null or an Int32Array over a SharedArrayBuffer";
  if (info.Length() < 1 || info[0].IsNull() || info[0].IsUndefined()) {
    interrupt_word_ref_.Reset();
    ctx()->interrupt_word = reinterpret_cast<uint64_t>(&ctx()->interrupt);
    return env.Undefined();
  }
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    throw Napi::TypeError::New(env, what);
  }
  Napi::Int32Array flag = info[0].As<Napi::Int32Array>();
  // An ArrayBuffer can be detached (transferred) under the pointer; a SharedArrayBuffer cannot.
  if (flag.ElementLength() < 1 || flag.ArrayBuffer().IsArrayBuffer()) throw Napi::TypeError::New(env, what);
  interrupt_word_ref_ = Napi::Persistent(flag);
  ctx()->interrupt_word = reinterpret_cast<uint64_t>(flag.Data());
  return env.Undefined();
}

Napi::Value ExecutionContext::Resume(const Napi::CallbackInfo& info) {
  CheckOpen(info.Env(), "resume()");
  return ResumeInnermost(info.Env());
}

Napi::Value ExecutionContext::ResumeInnermost(Napi::Env env) {
  if (activations_.empty()) throw Napi::Error::New(env, "Context.resume(): there is no suspended activation");
  if (!activations_.back().started) {
    throw Napi::Error::New(env, "Context.resume(): the innermost activation never started (its entry found "
                                "the stack exhausted); abandon() it");
  }
  Activation running = std::move(activations_.back());
  activations_.pop_back();
  PrepareEntry();
  KILN_STACK_FREE_BELOW(stack_bottom_, running.saved_sp);
  uint32_t exit_code = kiln_trampoline_resume(ctx(), running.resume_address, running.saved_sp);
  return FinishRun(env, exit_code, std::move(running));
}

Napi::Value ExecutionContext::Abandon(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckOpen(env, "abandon()");
  if (activations_.empty()) throw Napi::Error::New(env, "Context.abandon(): there is no suspended activation");
  activations_.back().region->Unpin();
  activations_.back().code.Reset();
  activations_.pop_back();
  ExposeInnermost();
  return env.Undefined();
}

Napi::Value ExecutionContext::SetInterruptTimer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckOpen(env, "setInterruptTimer()");
  int64_t ms = IntegerArg(info, 0, "Context.setInterruptTimer(milliseconds): milliseconds", 0, kMaxInterruptDelay);
  timer_.Start(&ctx()->interrupt, static_cast<uint32_t>(ms));
  return env.Undefined();
}

Napi::Value ExecutionContext::ClearInterruptTimer(const Napi::CallbackInfo& info) {
  timer_.Cancel();
  return info.Env().Undefined();
}

Napi::Value ExecutionContext::Close(const Napi::CallbackInfo& info) {
  if (closed_) return info.Env().Undefined();
  closed_ = true;
  timer_.Cancel();
  DropAllActivations();
  if (!buffer_.IsEmpty()) {
    Napi::ArrayBuffer buffer = buffer_.Value();
    if (!buffer.IsDetached()) buffer.Detach();
    buffer_.Reset();
  }
  block_->Release();
  ReleaseStack();
  return info.Env().Undefined();
}

Napi::Value ExecutionContext::GetBuffer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckOpen(env, "buffer");
  if (buffer_.IsEmpty()) {
    block_->Ref();
    Napi::ArrayBuffer buffer;
    try {
      buffer = Napi::ArrayBuffer::New(
          env, block_->base(), KILN_CTX_SIZE,
          [](Napi::Env /*env*/, void* /*data*/, SharedMapping* mapping) { mapping->Unref(); }, block_);
    } catch (...) {
      block_->Unref();
      throw;
    }
    buffer_ = Napi::Persistent(buffer);
  }
  return buffer_.Value();
}

Napi::Value ExecutionContext::GetAddress(const Napi::CallbackInfo& info) {
  CheckOpen(info.Env(), "address");
  return AddressValue(info.Env(), block_->base());
}

Napi::Value ExecutionContext::GetDepth(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(activations_.size()));
}

Napi::Value ExecutionContext::GetClosed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), closed_);
}

}  // namespace kiln
