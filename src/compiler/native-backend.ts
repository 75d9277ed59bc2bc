/**
 * Picks the code generator for the machine the native addon runs on: the amd64 backend on x86-64
 * (which needs SSE4.1), the arm64 backend on AArch64.
 */
import type { Backend } from "../backend/backend.js";
import { Amd64Backend } from "../backend-amd64/compile.js";
import { Arm64Backend } from "../backend-arm64/compile.js";
import type { CpuFeatures } from "../native/types.js";

/** Why the compiler cannot generate code for this CPU, or null when it can. */
export function backendUnavailableReason(cpu: CpuFeatures): string | null {
  if (cpu.arch === "x64") return cpu.sse41 ? null : "the compiler needs a CPU with SSE4.1";
  if (cpu.arch === "arm64") return null;
  return `the compiler supports x86-64 and arm64 only (this is ${cpu.arch})`;
}

/** The backend for `cpu`; throws an `Error` with the reason when there is none. */
export function backendFor(cpu: CpuFeatures): Backend {
  const reason = backendUnavailableReason(cpu);
  if (reason !== null) throw new Error(reason);
  return cpu.arch === "x64" ? new Amd64Backend({ popcnt: cpu.popcnt, avx: cpu.avx }) : new Arm64Backend();
}
