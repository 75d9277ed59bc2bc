/**
 * Interrupting running wasm: per-call deadlines and `AbortSignal`s, and a shared interrupt flag.
 * The interpreter polls at loop back edges and calls (every `pollInterval` of them); a poll checks
 * the flag, the signals and, when a deadline is active, the clock, and stops the running code with
 * an {@link InterruptedError}.
 *
 * Wasm runs synchronously, so an `AbortSignal` cannot be aborted by a timer or an event while a
 * call is running: it works when it is already aborted at the call, when a host function called by
 * the guest aborts it, or when it is aborted between the calls of a longer task. To stop a running
 * call from another thread, share an `Int32Array` over a `SharedArrayBuffer` as the runtime's
 * `interruptFlag` and store a non-zero value in element 0 (`Atomics.store`).
 */
import { RuntimeError } from "../errors.js";

/** Why a call was interrupted. */
export type InterruptReason = "deadline" | "aborted" | "flag";

/** A call stopped by a deadline, an abort signal or the interrupt flag (a `RuntimeError`). */
export class InterruptedError extends RuntimeError {
  /** What stopped the call. */
  readonly reason: InterruptReason;

  constructor(reason: InterruptReason, detail: string) {
    super(`interrupted: ${detail}`);
    this.name = "RuntimeError";
    this.reason = reason;
  }
}

/** Limits of one call from JS into wasm. */
export interface CallOptions {
  /** Stop the call once this many milliseconds have passed since it started. */
  readonly deadlineMs?: number;
  /** Stop the call once this signal is aborted (checked when the call starts and at every poll). */
  readonly signal?: AbortSignal;
}

interface Guard {
  readonly deadline: number;
  readonly ms: number;
  readonly signal: AbortSignal | null;
}

function abortedError(signal: AbortSignal): InterruptedError {
  const r: unknown = signal.reason;
  const why = r instanceof Error ? r.message : r === undefined ? "" : String(r);
  return new InterruptedError("aborted", why === "" ? "aborted" : `aborted (${why})`);
}

/** Checks `options` and returns it; throws `TypeError` for a bad deadline or signal. */
export function checkCallOptions(options: CallOptions | undefined): CallOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object") throw new TypeError("call options must be an object");
  const ms = options.deadlineMs;
  if (ms !== undefined && (typeof ms !== "number" || !(ms >= 0) || ms === Number.POSITIVE_INFINITY)) {
    throw new TypeError(`deadlineMs must be a finite number of milliseconds >= 0, got ${String(ms)}`);
  }
  const s = options.signal;
  if (s !== undefined && (s === null || typeof s !== "object" || typeof s.aborted !== "boolean")) {
    throw new TypeError("signal must be an AbortSignal");
  }
  return options;
}

/** The active limits of the calls in progress, checked at every poll of the engine. */
export class Interrupts {
  private readonly guards: Guard[] = [];
  private deadlines = 0;

  constructor(
    /** Interrupt flag: a non-zero element 0 stops the running call (and is reset to 0). */
    private readonly flag: Int32Array | null,
  ) {}

  /** Starts a call with `options`; throws at once when its signal is already aborted. Returns whether a guard was pushed. */
  begin(options: CallOptions): boolean {
    const { deadlineMs, signal } = options;
    if (signal?.aborted === true) throw abortedError(signal);
    if (deadlineMs === undefined && signal === undefined) return false;
    const deadline = deadlineMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + deadlineMs;
    if (deadlineMs !== undefined) this.deadlines++;
    this.guards.push({ deadline, ms: deadlineMs ?? 0, signal: signal ?? null });
    return true;
  }

  /** Ends a call that `begin` returned true for. */
  end(): void {
    const g = this.guards.pop();
    if (g !== undefined && g.deadline !== Number.POSITIVE_INFINITY) this.deadlines--;
  }

  /** The earliest deadline of the calls in progress (`performance.now()` time), or +Infinity. */
  nextDeadline(): number {
    let d = Number.POSITIVE_INFINITY;
    for (const g of this.guards) d = Math.min(d, g.deadline);
    return d;
  }

  /** The poll: throws `InterruptedError` when the flag is set, a signal aborted or a deadline passed. */
  check(): void {
    const flag = this.flag;
    if (flag !== null && Atomics.exchange(flag, 0, 0) !== 0) {
      throw new InterruptedError("flag", "the interrupt flag was set");
    }
    const guards = this.guards;
    if (guards.length === 0) return;
    const now = this.deadlines > 0 ? performance.now() : 0;
    for (const g of guards) {
      if (g.signal?.aborted === true) throw abortedError(g.signal);
      if (now >= g.deadline) throw new InterruptedError("deadline", `deadline of ${g.ms} ms exceeded`);
    }
  }
}
