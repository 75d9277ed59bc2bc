// CPU feature detection.
#ifndef KILN_NATIVE_CPU_H_
#define KILN_NATIVE_CPU_H_

#include <cstdint>

namespace kiln {

// x86-64 instruction set extensions generated code may use; all false on other architectures.
struct CpuFeatures {
  const char* arch = "unknown";  // "x64" or "arm64"
  bool sse41 = false;
  bool sse42 = false;
  bool popcnt = false;
  bool lzcnt = false;  // ABM
  bool bmi1 = false;
  bool bmi2 = false;
  bool avx = false;   // only when OSXSAVE is set and XCR0 says the OS saves YMM state
  bool avx2 = false;  // requires avx
};

CpuFeatures DetectCpuFeatures();

}  // namespace kiln

#endif  // KILN_NATIVE_CPU_H_
