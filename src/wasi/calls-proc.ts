/**
 * WASI calls outside the file system: arguments and environment, clocks, randomness, process
 * exit, scheduling, `poll_oneoff`, and the socket calls (Kiln hands the guest no sockets, so
 * they fail with EBADF for a closed descriptor and ENOTSOCK for any other).
 */
import { randomFillSync } from "node:crypto";
import * as fs from "node:fs";
import { CLOCK, E, EVENTTYPE, FILETYPE, RIGHTS } from "./constants.js";
import type { Descriptor, WasiContext } from "./context.js";
import { fail, WasiError, WasiExit } from "./errors.js";
import type { GuestMemory } from "./memory.js";

const encoder = new TextEncoder();

/** Writes `strings` NUL-terminated at `buf` and a pointer to each at `ptrs`. */
function putStrings(m: GuestMemory, strings: readonly string[], ptrs: number, buf: number): number {
  let at = buf >>> 0;
  for (let i = 0; i < strings.length; i++) {
    const bytes = encoder.encode(`${strings[i]}\0`);
    m.slice(at, bytes.length).set(bytes);
    m.setU32(ptrs + i * 4, at);
    at += bytes.length;
  }
  return E.SUCCESS;
}

function putSizes(m: GuestMemory, strings: readonly string[], countPtr: number, sizePtr: number): number {
  let size = 0;
  for (const s of strings) size += Buffer.byteLength(s) + 1;
  m.setU32(countPtr, strings.length);
  m.setU32(sizePtr, size);
  return E.SUCCESS;
}

const monotonicStart = process.hrtime.bigint();
const realtimeStart = BigInt(Date.now()) * 1_000_000n;

/** The current time of clock `id` in nanoseconds; EINVAL for an unknown clock. */
export function now(id: number): bigint {
  switch (id) {
    case CLOCK.REALTIME:
      return realtimeStart + (process.hrtime.bigint() - monotonicStart);
    case CLOCK.MONOTONIC:
      return process.hrtime.bigint();
    case CLOCK.PROCESS_CPUTIME:
    case CLOCK.THREAD_CPUTIME: {
      const u = process.cpuUsage();
      return BigInt(u.user + u.system) * 1000n;
    }
    default:
      return fail(E.INVAL);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ns` nanoseconds. */
function sleep(ns: bigint): void {
  let left = Number(ns) / 1e6;
  const end = performance.now() + left;
  while (left > 0) {
    Atomics.wait(sleeper, 0, 0, left);
    left = end - performance.now();
  }
}

interface Ready {
  readonly userdata: bigint;
  readonly type: number;
  readonly error: number;
  readonly nbytes: bigint;
}

/** Bytes left to read from descriptor `d` for an FD_READ event (0 when unknown). */
function readable(d: Descriptor): bigint {
  if (d.input !== null) return BigInt(d.input.length - d.inputPos);
  if (d.type === FILETYPE.REGULAR_FILE && d.host !== null) {
    return BigInt(Math.max(0, fs.fstatSync(d.host).size - d.pos));
  }
  return 0n;
}

/** `poll_oneoff`: reports ready descriptors at once, else sleeps until the first clock fires. */
function pollOneoff(
  ctx: WasiContext,
  inPtr: number,
  outPtr: number,
  nsubs: number,
  neventsPtr: number,
): number {
  const m = ctx.mem();
  const n = nsubs >>> 0;
  if (n === 0) return E.INVAL;
  m.check(inPtr, n * 48);
  m.check(outPtr, n * 32);
  const ready: Ready[] = [];
  const clocks: { userdata: bigint; deadline: bigint }[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const s = (inPtr >>> 0) + i * 48;
    const userdata = m.u64(s);
    const tag = m.u8(s + 8);
    if (tag === EVENTTYPE.CLOCK) {
      const id = m.u32(s + 16);
      const timeout = m.u64(s + 24);
      const abs = (m.u16(s + 40) & 1) !== 0;
      let deadline: bigint;
      try {
        deadline = abs ? start + (timeout - now(id)) : start + timeout;
      } catch (e) {
        if (!(e instanceof WasiError)) throw e;
        ready.push({ userdata, type: tag, error: e.errno, nbytes: 0n });
        continue;
      }
      clocks.push({ userdata, deadline });
    } else if (tag === EVENTTYPE.FD_READ || tag === EVENTTYPE.FD_WRITE) {
      const fd = m.u32(s + 16);
      try {
        const d = ctx.get(fd, RIGHTS.POLL_FD_READWRITE);
        const nbytes = tag === EVENTTYPE.FD_READ ? readable(d) : 0n;
        ready.push({ userdata, type: tag, error: E.SUCCESS, nbytes });
      } catch (e) {
        if (!(e instanceof WasiError)) throw e;
        ready.push({ userdata, type: tag, error: e.errno, nbytes: 0n });
      }
    } else {
      return E.INVAL;
    }
  }
  if (ready.length === 0 && clocks.length > 0) {
    let first = clocks[0].deadline;
    for (const c of clocks) if (c.deadline < first) first = c.deadline;
    const wait = first - process.hrtime.bigint();
    if (wait > 0n) sleep(wait);
  }
  const t = process.hrtime.bigint();
  for (const c of clocks) {
    if (c.deadline <= t)
      ready.push({ userdata: c.userdata, type: EVENTTYPE.CLOCK, error: E.SUCCESS, nbytes: 0n });
  }
  for (let i = 0; i < ready.length; i++) {
    const ev = ready[i];
    const o = (outPtr >>> 0) + i * 32;
    m.slice(o, 32).fill(0);
    m.setU64(o, ev.userdata);
    m.setU16(o + 8, ev.error);
    m.setU8(o + 10, ev.type);
    m.setU64(o + 16, ev.nbytes);
  }
  m.setU32(neventsPtr, ready.length);
  return E.SUCCESS;
}

/** Fails with EBADF for a closed descriptor and ENOTSOCK for an open one. */
function notSocket(ctx: WasiContext, fd: number): number {
  ctx.get(fd);
  return E.NOTSOCK;
}

/** The process, clock, random, poll and socket calls, by import name. */
export const procCalls = {
  args_get: (ctx: WasiContext, argv: number, buf: number) => putStrings(ctx.mem(), ctx.args, argv, buf),
  args_sizes_get: (ctx: WasiContext, count: number, size: number) =>
    putSizes(ctx.mem(), ctx.args, count, size),
  environ_get: (ctx: WasiContext, envp: number, buf: number) => putStrings(ctx.mem(), ctx.env, envp, buf),
  environ_sizes_get: (ctx: WasiContext, count: number, size: number) =>
    putSizes(ctx.mem(), ctx.env, count, size),
  clock_res_get: (ctx: WasiContext, id: number, out: number) => {
    const m = ctx.mem();
    now(id);
    m.setU64(out, 1000n);
    return E.SUCCESS;
  },
  clock_time_get: (ctx: WasiContext, id: number, _precision: bigint, out: number) => {
    const m = ctx.mem();
    m.setU64(out, now(id));
    return E.SUCCESS;
  },
  random_get: (ctx: WasiContext, buf: number, len: number) => {
    randomFillSync(ctx.mem().slice(buf, len));
    return E.SUCCESS;
  },
  proc_exit: (_ctx: WasiContext, code: number): number => {
    throw new WasiExit(code >>> 0);
  },
  proc_raise: (_ctx: WasiContext, _sig: number) => E.NOSYS,
  sched_yield: (_ctx: WasiContext) => E.SUCCESS,
  poll_oneoff: pollOneoff,
  sock_accept: (ctx: WasiContext, fd: number, _flags: number, _out: number) => notSocket(ctx, fd),
  sock_recv: (ctx: WasiContext, fd: number, _d: number, _dl: number, _f: number, _ol: number, _of: number) =>
    notSocket(ctx, fd),
  sock_send: (ctx: WasiContext, fd: number, _d: number, _dl: number, _f: number, _ol: number) =>
    notSocket(ctx, fd),
  sock_shutdown: (ctx: WasiContext, fd: number, _how: number) => notSocket(ctx, fd),
};
