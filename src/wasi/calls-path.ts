/**
 * The `path_*` calls. Every guest path goes through `sandbox.ts`, which confines it to the
 * directory descriptor it is relative to; the last component is then acted on without
 * following it (lstat, O_NOFOLLOW) unless the guest asked to follow symbolic links.
 */
import * as fs from "node:fs";
import { newTimes, putFilestat, recordTimes } from "./calls-fd.js";
import {
  E,
  FDFLAGS,
  FILETYPE,
  LOOKUP_SYMLINK_FOLLOW,
  OFLAGS,
  RIGHTS,
  RIGHTS_DIR,
  RIGHTS_FILE,
} from "./constants.js";
import { Descriptor, filetypeOf, type WasiContext } from "./context.js";
import { fail } from "./errors.js";
import { type Resolved, resolveEntry, resolvePath } from "./sandbox.js";

const C = fs.constants;

/** Rights that need the file opened for writing. */
const WRITE_RIGHTS = RIGHTS.FD_WRITE | RIGHTS.FD_ALLOCATE | RIGHTS.FD_FILESTAT_SET_SIZE | RIGHTS.FD_DATASYNC;

/** Resolves the guest path at `ptr`/`len` below directory `fd` (which must have `rights`). */
function guestPath(ctx: WasiContext, fd: number, rights: number, ptr: number, len: number): [string, string] {
  const m = ctx.mem();
  const p = m.string(ptr, len);
  return [ctx.dir(fd, rights).path, p];
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch {
    return null;
  }
}

function pathOpen(
  ctx: WasiContext,
  fd: number,
  dirflags: number,
  ptr: number,
  len: number,
  oflags: number,
  rightsBase: bigint,
  rightsInheriting: bigint,
  fdflags: number,
  out: number,
): number {
  const m = ctx.mem();
  const needed =
    RIGHTS.PATH_OPEN |
    (oflags & OFLAGS.CREAT ? RIGHTS.PATH_CREATE_FILE : 0) |
    (oflags & OFLAGS.TRUNC ? RIGHTS.PATH_FILESTAT_SET_SIZE : 0);
  const [base, p] = guestPath(ctx, fd, needed, ptr, len);
  const dir = ctx.dir(fd);
  m.check(out, 4);
  const follow = (dirflags & LOOKUP_SYMLINK_FOLLOW) !== 0;
  const r = resolvePath(base, p, follow);
  const wanted = Number(BigInt.asUintN(64, rightsBase) & 0x3fffffffn);
  const inherit = Number(BigInt.asUintN(64, rightsInheriting) & 0x3fffffffn) & dir.rightsInheriting;
  const dirRights = wanted & dir.rightsInheriting & RIGHTS_DIR;
  let flags = 0;
  const write =
    (wanted & WRITE_RIGHTS) !== 0 || (fdflags & FDFLAGS.APPEND) !== 0 || (oflags & OFLAGS.TRUNC) !== 0;
  const read = (wanted & (RIGHTS.FD_READ | RIGHTS.FD_READDIR)) !== 0 || !write;
  flags |= write ? (read ? C.O_RDWR : C.O_WRONLY) : C.O_RDONLY;
  if (oflags & OFLAGS.CREAT) flags |= C.O_CREAT;
  if (oflags & OFLAGS.EXCL) flags |= C.O_EXCL;
  if (oflags & OFLAGS.TRUNC) flags |= C.O_TRUNC;
  if (oflags & OFLAGS.DIRECTORY || r.trailingSlash) flags |= C.O_DIRECTORY;
  if (fdflags & FDFLAGS.NONBLOCK) flags |= C.O_NONBLOCK;
  if (fdflags & FDFLAGS.DSYNC) flags |= C.O_DSYNC;
  if (fdflags & (FDFLAGS.SYNC | FDFLAGS.RSYNC)) flags |= C.O_SYNC;
  if (!follow) flags |= C.O_NOFOLLOW;
  if (oflags & OFLAGS.DIRECTORY && oflags & OFLAGS.CREAT) return E.INVAL;
  if (r.trailingSlash && oflags & OFLAGS.CREAT) return E.ISDIR;
  const st = lstatOrNull(r.host);
  if (st?.isDirectory()) {
    if (write) return E.ISDIR;
    if (oflags & OFLAGS.EXCL && oflags & OFLAGS.CREAT) return E.EXIST;
    const d = new Descriptor(FILETYPE.DIRECTORY, dirRights, inherit, null, r.host);
    m.setU32(out, ctx.add(d));
    return E.SUCCESS;
  }
  if (st?.isSymbolicLink() && !follow) return oflags & OFLAGS.DIRECTORY ? E.NOTDIR : E.LOOP;
  const host = fs.openSync(r.host, flags, 0o666);
  let type: number;
  try {
    type = filetypeOf(fs.fstatSync(host));
  } catch (e) {
    fs.closeSync(host);
    throw e;
  }
  if (type === FILETYPE.DIRECTORY) {
    fs.closeSync(host);
    const d = new Descriptor(FILETYPE.DIRECTORY, dirRights, inherit, null, r.host);
    m.setU32(out, ctx.add(d));
    return E.SUCCESS;
  }
  const d = new Descriptor(type, wanted & dir.rightsInheriting & RIGHTS_FILE, inherit, host, r.host);
  d.flags = fdflags & (FDFLAGS.APPEND | FDFLAGS.NONBLOCK | FDFLAGS.DSYNC | FDFLAGS.SYNC | FDFLAGS.RSYNC);
  m.setU32(out, ctx.add(d));
  return E.SUCCESS;
}

function pathCreateDirectory(ctx: WasiContext, fd: number, ptr: number, len: number): number {
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_CREATE_DIRECTORY, ptr, len);
  fs.mkdirSync(resolveEntry(base, p, E.EXIST).host);
  return E.SUCCESS;
}

function pathRemoveDirectory(ctx: WasiContext, fd: number, ptr: number, len: number): number {
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_REMOVE_DIRECTORY, ptr, len);
  const r = resolveEntry(base, p, E.INVAL);
  const st = lstatOrNull(r.host);
  if (st !== null && !st.isDirectory()) return E.NOTDIR;
  fs.rmdirSync(r.host);
  return E.SUCCESS;
}

function pathUnlinkFile(ctx: WasiContext, fd: number, ptr: number, len: number): number {
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_UNLINK_FILE, ptr, len);
  const r = resolveEntry(base, p, E.ISDIR);
  const st = lstatOrNull(r.host);
  if (st?.isDirectory()) return E.ISDIR;
  if (r.trailingSlash) return st === null ? E.NOENT : E.NOTDIR;
  fs.unlinkSync(r.host);
  return E.SUCCESS;
}

function pathFilestatGet(
  ctx: WasiContext,
  fd: number,
  flags: number,
  ptr: number,
  len: number,
  out: number,
): number {
  const m = ctx.mem();
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_FILESTAT_GET, ptr, len);
  m.check(out, 64);
  const r = resolvePath(base, p, (flags & LOOKUP_SYMLINK_FOLLOW) !== 0);
  const st = fs.lstatSync(r.host, { bigint: true });
  putFilestat(m, out, st, filetypeOf(st));
  return E.SUCCESS;
}

function pathFilestatSetTimes(
  ctx: WasiContext,
  fd: number,
  flags: number,
  ptr: number,
  len: number,
  atim: bigint,
  mtim: bigint,
  fst: number,
): number {
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_FILESTAT_SET_TIMES, ptr, len);
  const follow = (flags & LOOKUP_SYMLINK_FOLLOW) !== 0;
  const r = resolvePath(base, p, follow);
  const st = fs.lstatSync(r.host, { bigint: true });
  const [a, mt] = newTimes(st, atim, mtim, fst);
  if (follow || !st.isSymbolicLink()) fs.utimesSync(r.host, a, mt);
  else fs.lutimesSync(r.host, a, mt);
  recordTimes(st, fs.lstatSync(r.host, { bigint: true }), atim, mtim, fst);
  return E.SUCCESS;
}

/** Checks trailing-slash rules of rename and link: a slash on a non-directory is ENOTDIR. */
function checkSlash(r: Resolved, st: fs.Stats | null): void {
  if (r.trailingSlash && st !== null && !st.isDirectory()) fail(E.NOTDIR);
}

function pathRename(
  ctx: WasiContext,
  fd: number,
  ptr: number,
  len: number,
  newFd: number,
  newPtr: number,
  newLen: number,
): number {
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_RENAME_SOURCE, ptr, len);
  const [newBase, np] = guestPath(ctx, newFd, RIGHTS.PATH_RENAME_TARGET, newPtr, newLen);
  const from = resolveEntry(base, p, E.BUSY);
  const to = resolveEntry(newBase, np, E.BUSY);
  const src = lstatOrNull(from.host);
  if (src === null) return E.NOENT;
  const dst = lstatOrNull(to.host);
  checkSlash(from, src);
  if ((to.trailingSlash || from.trailingSlash) && !src.isDirectory()) return E.NOTDIR;
  if (dst !== null && src.isDirectory() && !dst.isDirectory()) return E.NOTDIR;
  if (dst !== null && !src.isDirectory() && dst.isDirectory()) return E.ISDIR;
  fs.renameSync(from.host, to.host);
  return E.SUCCESS;
}

function pathLink(
  ctx: WasiContext,
  fd: number,
  flags: number,
  ptr: number,
  len: number,
  newFd: number,
  newPtr: number,
  newLen: number,
): number {
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_LINK_SOURCE, ptr, len);
  const [newBase, np] = guestPath(ctx, newFd, RIGHTS.PATH_LINK_TARGET, newPtr, newLen);
  const from = resolvePath(base, p, (flags & LOOKUP_SYMLINK_FOLLOW) !== 0);
  const to = resolveEntry(newBase, np, E.EXIST);
  const src = lstatOrNull(from.host);
  if (src === null) return E.NOENT;
  if (src.isDirectory()) return E.PERM;
  checkSlash(from, src);
  if (to.trailingSlash) return lstatOrNull(to.host) !== null ? E.EXIST : E.NOENT;
  fs.linkSync(from.host, to.host);
  return E.SUCCESS;
}

function pathSymlink(
  ctx: WasiContext,
  oldPtr: number,
  oldLen: number,
  fd: number,
  ptr: number,
  len: number,
): number {
  const m = ctx.mem();
  const target = m.string(oldPtr, oldLen);
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_SYMLINK, ptr, len);
  if (target.startsWith("/")) return E.PERM;
  const r = resolveEntry(base, p, E.EXIST);
  const existing = lstatOrNull(r.host);
  if (existing !== null) return E.EXIST;
  if (r.trailingSlash) return E.NOENT;
  fs.symlinkSync(target, r.host);
  return E.SUCCESS;
}

function pathReadlink(
  ctx: WasiContext,
  fd: number,
  ptr: number,
  len: number,
  buf: number,
  bufLen: number,
  out: number,
): number {
  const m = ctx.mem();
  const [base, p] = guestPath(ctx, fd, RIGHTS.PATH_READLINK, ptr, len);
  const r = resolveEntry(base, p, E.INVAL);
  const target = Buffer.from(fs.readlinkSync(r.host));
  const dst = m.slice(buf, bufLen);
  m.check(out, 4);
  const n = Math.min(target.length, dst.length);
  dst.set(target.subarray(0, n));
  m.setU32(out, n);
  return E.SUCCESS;
}

/** The `path_*` calls, by import name. */
export const pathCalls = {
  path_create_directory: pathCreateDirectory,
  path_filestat_get: pathFilestatGet,
  path_filestat_set_times: pathFilestatSetTimes,
  path_link: pathLink,
  path_open: pathOpen,
  path_readlink: pathReadlink,
  path_remove_directory: pathRemoveDirectory,
  path_rename: pathRename,
  path_symlink: pathSymlink,
  path_unlink_file: pathUnlinkFile,
};
