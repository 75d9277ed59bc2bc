// Hooks for analysis tools. With KILN_VALGRIND defined (the build made by
// native/tools/test-valgrind.sh):
// - execution stacks are registered with valgrind and kept at least 4 MiB (KILN_STACK_ISOLATION)
//   away from any other mapping, so that memcheck takes every move of the stack pointer between
//   Node's stack and an execution stack for a stack switch (it treats moves under 2 MiB as frame
//   pushes and pops, and would mark the frames in between unaddressable);
// - before each entry or resume at stack pointer `sp`, the free part of the stack below `sp` is
//   marked addressable (memcheck does not touch permissions on a stack switch, and earlier pops
//   left those bytes marked unaddressable).
// Otherwise the hooks compile to nothing.
#ifndef KILN_NATIVE_TOOLS_H_
#define KILN_NATIVE_TOOLS_H_

#if defined(KILN_VALGRIND)
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>
#define KILN_STACK_REGISTER(bottom, top) VALGRIND_STACK_REGISTER((bottom), (top))
#define KILN_STACK_DEREGISTER(id) VALGRIND_STACK_DEREGISTER(id)
#define KILN_STACK_ISOLATION (size_t{4} << 20)
#define KILN_STACK_FREE_BELOW(bottom, sp) \
  static_cast<void>(VALGRIND_MAKE_MEM_UNDEFINED((bottom), (sp) - (bottom)))
#else
#define KILN_STACK_REGISTER(bottom, top) 0u
#define KILN_STACK_DEREGISTER(id) static_cast<void>(id)
#define KILN_STACK_ISOLATION size_t{0}
#define KILN_STACK_FREE_BELOW(bottom, sp) static_cast<void>(0)
#endif

#endif  // KILN_NATIVE_TOOLS_H_
