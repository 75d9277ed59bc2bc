/** The `fd_*` calls: reading, writing, seeking, metadata and directory listing of descriptors. */
import * as fs from "node:fs";
import * as path from "node:path";
import { E, FDFLAGS, FILETYPE, FSTFLAGS, RIGHTS } from "./constants.js";
import { type Descriptor, filetypeOf, type WasiContext } from "./context.js";
import { fail } from "./errors.js";
import { readInto, seekable, writeFrom } from "./io.js";
import type { GuestMemory } from "./memory.js";

/**
 * Times set by the guest, exactly, by file (`dev:ino`). Node sets times from a floating-point
 * number of seconds, which rounds away nanoseconds; while a file's host time is still the one
 * such a call left, its stat reports the exact time the guest asked for.
 */
const exactTimes = new Map<string, { aHost: bigint; a: bigint; mHost: bigint; m: bigint }>();

/** The access and modification times to report for `st` (exact ones the guest set, if still current). */
function reported(st: fs.BigIntStats): [bigint, bigint] {
  const exact = exactTimes.get(`${st.dev}:${st.ino}`);
  return [
    exact !== undefined && exact.aHost === st.atimeNs ? exact.a : st.atimeNs,
    exact !== undefined && exact.mHost === st.mtimeNs ? exact.m : st.mtimeNs,
  ];
}

/**
 * Remembers the exact times a set-times call with `flags` gave a file, stat'ed as `before`
 * and `after` the call: requested times exactly, untouched ones as they were reported before.
 */
export function recordTimes(
  before: fs.BigIntStats,
  after: fs.BigIntStats,
  atim: bigint,
  mtim: bigint,
  flags: number,
): void {
  const [a, m] = reported(before);
  const pick = (set: number, setNow: number, value: bigint, host: bigint, old: bigint): bigint =>
    flags & set ? BigInt.asUintN(64, value) : flags & setNow ? host : old;
  exactTimes.set(`${after.dev}:${after.ino}`, {
    aHost: after.atimeNs,
    a: pick(FSTFLAGS.ATIM, FSTFLAGS.ATIM_NOW, atim, after.atimeNs, a),
    mHost: after.mtimeNs,
    m: pick(FSTFLAGS.MTIM, FSTFLAGS.MTIM_NOW, mtim, after.mtimeNs, m),
  });
}

/** Writes a `filestat` (64 bytes) for `st` at `ptr`. */
export function putFilestat(m: GuestMemory, ptr: number, st: fs.BigIntStats, type: number): void {
  m.check(ptr, 64);
  m.slice(ptr, 64).fill(0);
  const [atime, mtime] = reported(st);
  m.setU64(ptr, st.dev);
  m.setU64(ptr + 8, st.ino);
  m.setU8(ptr + 16, type);
  m.setU64(ptr + 24, st.nlink);
  m.setU64(ptr + 32, st.size);
  m.setU64(ptr + 40, atime);
  m.setU64(ptr + 48, mtime);
  m.setU64(ptr + 56, st.ctimeNs);
}

/** Host stats of a descriptor's file (null for an in-memory stdio stream). */
function statOf(d: Descriptor): fs.BigIntStats | null {
  if (d.host !== null) return fs.fstatSync(d.host, { bigint: true });
  if (d.path !== null) return fs.statSync(d.path, { bigint: true });
  return null;
}

/** Seconds (as the fractional number Node's `utimes` takes) for a time given in nanoseconds. */
function seconds(ns: bigint): number {
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

/**
 * The access and modification times `fd_filestat_set_times` and `path_filestat_set_times`
 * ask for, in seconds, given the current ones; EINVAL for contradictory flags.
 */
export function newTimes(
  current: fs.BigIntStats,
  atim: bigint,
  mtim: bigint,
  flags: number,
): [number, number] {
  if (flags & ~0xf) fail(E.INVAL);
  if ((flags & FSTFLAGS.ATIM) !== 0 && (flags & FSTFLAGS.ATIM_NOW) !== 0) fail(E.INVAL);
  if ((flags & FSTFLAGS.MTIM) !== 0 && (flags & FSTFLAGS.MTIM_NOW) !== 0) fail(E.INVAL);
  const nowS = Date.now() / 1000;
  const pick = (set: number, setNow: number, value: bigint, cur: bigint): number =>
    flags & set ? seconds(BigInt.asUintN(64, value)) : flags & setNow ? nowS : seconds(cur);
  return [
    pick(FSTFLAGS.ATIM, FSTFLAGS.ATIM_NOW, atim, current.atimeNs),
    pick(FSTFLAGS.MTIM, FSTFLAGS.MTIM_NOW, mtim, current.mtimeNs),
  ];
}

/** A regular file (or other non-directory) descriptor with `rights`; EBADF for directories. */
function file(ctx: WasiContext, fd: number, rights: number): Descriptor {
  const d = ctx.get(fd);
  if (d.isDir) fail(E.BADF);
  if ((d.rightsBase & rights) !== rights) fail(E.NOTCAPABLE);
  return d;
}

/** A u64 file offset or length as a number; EINVAL/EFBIG past 2^53. */
function offset(x: bigint): number {
  const v = BigInt.asUintN(64, x);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(E.FBIG);
  return Number(v);
}

function fdRead(ctx: WasiContext, fd: number, iovs: number, n: number, out: number): number {
  const m = ctx.mem();
  const d = file(ctx, fd, RIGHTS.FD_READ);
  const bufs = m.iovecs(iovs, n);
  m.check(out, 4);
  if (seekable(d)) {
    const got = readInto(d, bufs, d.pos);
    d.pos += got;
    m.setU32(out, got);
  } else {
    m.setU32(out, readInto(d, bufs, null));
  }
  return E.SUCCESS;
}

function fdWrite(ctx: WasiContext, fd: number, iovs: number, n: number, out: number): number {
  const m = ctx.mem();
  const d = file(ctx, fd, RIGHTS.FD_WRITE);
  const bufs = m.iovecs(iovs, n);
  m.check(out, 4);
  if (seekable(d) && d.host !== null) {
    if (d.flags & FDFLAGS.APPEND) d.pos = fs.fstatSync(d.host).size;
    const wrote = writeFrom(d, bufs, d.pos);
    d.pos += wrote;
    m.setU32(out, wrote);
  } else {
    m.setU32(out, writeFrom(d, bufs, null));
  }
  return E.SUCCESS;
}

function fdPread(ctx: WasiContext, fd: number, iovs: number, n: number, at: bigint, out: number): number {
  const m = ctx.mem();
  const d = file(ctx, fd, RIGHTS.FD_READ | RIGHTS.FD_SEEK);
  if (!seekable(d)) fail(E.SPIPE);
  const bufs = m.iovecs(iovs, n);
  m.setU32(out, readInto(d, bufs, offset(at)));
  return E.SUCCESS;
}

function fdPwrite(ctx: WasiContext, fd: number, iovs: number, n: number, at: bigint, out: number): number {
  const m = ctx.mem();
  const d = file(ctx, fd, RIGHTS.FD_WRITE | RIGHTS.FD_SEEK);
  if (!seekable(d) || d.host === null) fail(E.SPIPE);
  const bufs = m.iovecs(iovs, n);
  const pos = d.flags & FDFLAGS.APPEND ? fs.fstatSync(d.host).size : offset(at);
  m.setU32(out, writeFrom(d, bufs, pos));
  return E.SUCCESS;
}

function fdSeek(ctx: WasiContext, fd: number, delta: bigint, whence: number, out: number): number {
  const m = ctx.mem();
  const rights = delta === 0n && whence === 1 ? RIGHTS.FD_TELL : RIGHTS.FD_SEEK;
  const d = file(ctx, fd, rights);
  if (!seekable(d) || d.host === null) fail(E.SPIPE);
  let base: number;
  if (whence === 0) base = 0;
  else if (whence === 1) base = d.pos;
  else if (whence === 2) base = fs.fstatSync(d.host).size;
  else return E.INVAL;
  const next = BigInt(base) + BigInt.asIntN(64, delta);
  if (next < 0n) return E.INVAL;
  d.pos = offset(next);
  m.setU64(out, d.pos);
  return E.SUCCESS;
}

function fdTell(ctx: WasiContext, fd: number, out: number): number {
  const m = ctx.mem();
  const d = file(ctx, fd, RIGHTS.FD_TELL);
  if (!seekable(d)) fail(E.SPIPE);
  m.setU64(out, d.pos);
  return E.SUCCESS;
}

function fdFdstatGet(ctx: WasiContext, fd: number, out: number): number {
  const m = ctx.mem();
  const d = ctx.get(fd);
  m.check(out, 24);
  m.slice(out, 24).fill(0);
  m.setU8(out, d.type);
  m.setU16(out + 2, d.flags);
  m.setU64(out + 8, d.rightsBase);
  m.setU64(out + 16, d.rightsInheriting);
  return E.SUCCESS;
}

function fdFdstatSetFlags(ctx: WasiContext, fd: number, flags: number): number {
  const d = ctx.get(fd, RIGHTS.FD_FDSTAT_SET_FLAGS);
  if (flags & ~(FDFLAGS.APPEND | FDFLAGS.NONBLOCK)) return E.NOTSUP;
  d.flags = flags & 0xffff;
  return E.SUCCESS;
}

function fdFdstatSetRights(ctx: WasiContext, fd: number, base: bigint, inheriting: bigint): number {
  const d = ctx.get(fd);
  const b = Number(BigInt.asUintN(64, base) & 0x3fffffffn);
  const i = Number(BigInt.asUintN(64, inheriting) & 0x3fffffffn);
  if ((b & ~d.rightsBase) !== 0 || (i & ~d.rightsInheriting) !== 0) return E.NOTCAPABLE;
  d.rightsBase = b;
  d.rightsInheriting = i;
  return E.SUCCESS;
}

function fdFilestatGet(ctx: WasiContext, fd: number, out: number): number {
  const m = ctx.mem();
  const d = ctx.get(fd, RIGHTS.FD_FILESTAT_GET);
  m.check(out, 64);
  const st = statOf(d);
  if (st === null) {
    m.slice(out, 64).fill(0);
    m.setU8(out + 16, d.type);
  } else {
    putFilestat(m, out, st, d.type);
  }
  return E.SUCCESS;
}

function fdFilestatSetSize(ctx: WasiContext, fd: number, size: bigint): number {
  const d = file(ctx, fd, RIGHTS.FD_FILESTAT_SET_SIZE);
  if (d.host === null) return E.INVAL;
  fs.ftruncateSync(d.host, offset(size));
  return E.SUCCESS;
}

function fdFilestatSetTimes(ctx: WasiContext, fd: number, atim: bigint, mtim: bigint, flags: number): number {
  const d = ctx.get(fd, RIGHTS.FD_FILESTAT_SET_TIMES);
  const st = statOf(d);
  if (st === null) return E.BADF;
  const [a, mt] = newTimes(st, atim, mtim, flags);
  if (d.host !== null) fs.futimesSync(d.host, a, mt);
  else if (d.path !== null) fs.utimesSync(d.path, a, mt);
  const after = statOf(d);
  if (after !== null) recordTimes(st, after, atim, mtim, flags);
  return E.SUCCESS;
}

function fdAllocate(ctx: WasiContext, fd: number, at: bigint, len: bigint): number {
  const d = file(ctx, fd, RIGHTS.FD_ALLOCATE);
  if (d.host === null || !seekable(d)) return E.BADF;
  const end = offset(at) + offset(len);
  if (fs.fstatSync(d.host).size < end) fs.ftruncateSync(d.host, end);
  return E.SUCCESS;
}

function fdSync(ctx: WasiContext, fd: number, rights: number, data: boolean): number {
  const d = ctx.get(fd, rights);
  if (d.host !== null && d.type === FILETYPE.REGULAR_FILE) {
    if (data) fs.fdatasyncSync(d.host);
    else fs.fsyncSync(d.host);
  }
  return E.SUCCESS;
}

function fdClose(ctx: WasiContext, fd: number): number {
  const d = ctx.get(fd);
  if (d.host !== null && fd >>> 0 > 2) fs.closeSync(d.host);
  ctx.fds.delete(fd >>> 0);
  return E.SUCCESS;
}

function fdRenumber(ctx: WasiContext, from: number, to: number): number {
  const d = ctx.get(from);
  ctx.get(to);
  if (from >>> 0 === to >>> 0) return E.SUCCESS;
  fdClose(ctx, to);
  ctx.fds.delete(from >>> 0);
  ctx.fds.set(to >>> 0, d);
  return E.SUCCESS;
}

function fdPrestatGet(ctx: WasiContext, fd: number, out: number): number {
  const m = ctx.mem();
  const d = ctx.get(fd);
  if (d.preopen === null) return E.BADF;
  m.check(out, 8);
  m.setU32(out, 0);
  m.setU32(out + 4, Buffer.byteLength(d.preopen));
  return E.SUCCESS;
}

function fdPrestatDirName(ctx: WasiContext, fd: number, buf: number, len: number): number {
  const m = ctx.mem();
  const d = ctx.get(fd);
  if (d.preopen === null) return E.BADF;
  const bytes = Buffer.from(d.preopen);
  if (len >>> 0 < bytes.length) return E.NAMETOOLONG;
  m.slice(buf, bytes.length).set(bytes);
  return E.SUCCESS;
}

/** Directory listings by descriptor, read at cookie 0 and reused for later cookies. */
const listings = new WeakMap<Descriptor, { name: string; ino: bigint; type: number }[]>();

function listing(
  d: Descriptor & { path: string },
  cookie: bigint,
): { name: string; ino: bigint; type: number }[] {
  const cached = listings.get(d);
  if (cached !== undefined && cookie !== 0n) return cached;
  const entries: { name: string; ino: bigint; type: number }[] = [];
  const self = fs.statSync(d.path, { bigint: true });
  entries.push({ name: ".", ino: self.ino, type: FILETYPE.DIRECTORY });
  let parentIno = 0n;
  try {
    parentIno = fs.statSync(path.dirname(d.path), { bigint: true }).ino;
  } catch {
    parentIno = 0n;
  }
  entries.push({ name: "..", ino: parentIno, type: FILETYPE.DIRECTORY });
  for (const name of fs.readdirSync(d.path)) {
    try {
      const st = fs.lstatSync(path.join(d.path, name), { bigint: true });
      entries.push({ name, ino: st.ino, type: filetypeOf(st) });
    } catch {
      entries.push({ name, ino: 0n, type: FILETYPE.UNKNOWN });
    }
  }
  listings.set(d, entries);
  return entries;
}

function fdReaddir(
  ctx: WasiContext,
  fd: number,
  buf: number,
  len: number,
  cookie: bigint,
  out: number,
): number {
  const m = ctx.mem();
  const d = ctx.dir(fd, RIGHTS.FD_READDIR);
  const size = len >>> 0;
  const dst = m.slice(buf, size);
  m.check(out, 4);
  const entries = listing(d, BigInt.asUintN(64, cookie));
  const header = new DataView(new ArrayBuffer(24));
  let used = 0;
  for (let i = Number(BigInt.asUintN(64, cookie)); i < entries.length && used < size; i++) {
    const e = entries[i];
    const name = Buffer.from(e.name);
    header.setBigUint64(0, BigInt(i + 1), true);
    header.setBigUint64(8, e.ino, true);
    header.setUint32(16, name.length, true);
    header.setUint32(20, e.type, true);
    const record = new Uint8Array(24 + name.length);
    record.set(new Uint8Array(header.buffer), 0);
    record.set(name, 24);
    const n = Math.min(record.length, size - used);
    dst.set(record.subarray(0, n), used);
    used += n;
  }
  m.setU32(out, used);
  return E.SUCCESS;
}

function fdAdvise(ctx: WasiContext, fd: number, _at: bigint, _len: bigint, advice: number): number {
  file(ctx, fd, RIGHTS.FD_ADVISE);
  return advice >>> 0 > 5 ? E.INVAL : E.SUCCESS;
}

/** The `fd_*` calls, by import name. */
export const fdCalls = {
  fd_advise: fdAdvise,
  fd_allocate: fdAllocate,
  fd_close: fdClose,
  fd_datasync: (ctx: WasiContext, fd: number) => fdSync(ctx, fd, RIGHTS.FD_DATASYNC, true),
  fd_fdstat_get: fdFdstatGet,
  fd_fdstat_set_flags: fdFdstatSetFlags,
  fd_fdstat_set_rights: fdFdstatSetRights,
  fd_filestat_get: fdFilestatGet,
  fd_filestat_set_size: fdFilestatSetSize,
  fd_filestat_set_times: fdFilestatSetTimes,
  fd_pread: fdPread,
  fd_prestat_get: fdPrestatGet,
  fd_prestat_dir_name: fdPrestatDirName,
  fd_pwrite: fdPwrite,
  fd_read: fdRead,
  fd_readdir: fdReaddir,
  fd_renumber: fdRenumber,
  fd_seek: fdSeek,
  fd_sync: (ctx: WasiContext, fd: number) => fdSync(ctx, fd, RIGHTS.FD_SYNC, false),
  fd_tell: fdTell,
  fd_write: fdWrite,
};
