// CPU feature detection: cpuid (and xgetbv for AVX state) on x86-64, the architecture alone on arm64.
#include "cpu.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace kiln {

#if defined(__x86_64__)
namespace {

// XCR0: whether the OS saves and restores the XMM (bit 1) and YMM (bit 2) register state.
bool OsSavesYmm() {
  uint32_t eax = 0;
  uint32_t edx = 0;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (eax & 0x6) == 0x6;
}

}  // namespace

CpuFeatures DetectCpuFeatures() {
  CpuFeatures f;
  f.arch = "x64";
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  unsigned max_leaf = __get_cpuid_max(0, nullptr);
  if (max_leaf >= 1 && __get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
    f.sse41 = (ecx & bit_SSE4_1) != 0;
    f.sse42 = (ecx & bit_SSE4_2) != 0;
    f.popcnt = (ecx & bit_POPCNT) != 0;
    bool osxsave = (ecx & bit_OSXSAVE) != 0;
    f.avx = (ecx & bit_AVX) != 0 && osxsave && OsSavesYmm();
  }
  if (max_leaf >= 7 && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
    f.bmi1 = (ebx & bit_BMI) != 0;
    f.bmi2 = (ebx & bit_BMI2) != 0;
    f.avx2 = f.avx && (ebx & bit_AVX2) != 0;
  }
  if (__get_cpuid_max(0x80000000u, nullptr) >= 0x80000001u &&
      __get_cpuid(0x80000001u, &eax, &ebx, &ecx, &edx)) {
    f.lzcnt = (ecx & bit_LZCNT) != 0;
  }
  return f;
}

#else

CpuFeatures DetectCpuFeatures() {
  CpuFeatures f;
#if defined(__aarch64__)
  f.arch = "arm64";
#else
  f.arch = "unknown";
#endif
  return f;
}

#endif

}  // namespace kiln
