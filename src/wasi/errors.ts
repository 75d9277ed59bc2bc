/**
 * How WASI calls fail: `WasiError` carries an errno back to the guest, `WasiExit` unwinds the
 * guest's stack on `proc_exit`, and `errnoOf` maps Node's system errors to WASI errno values.
 */
import { E } from "./constants.js";

/** A WASI call failing with `errno`; the import wrapper returns the errno to the guest. */
export class WasiError extends Error {
  constructor(
    /** The WASI errno value. */
    readonly errno: number,
  ) {
    super(`WASI errno ${errno}`);
    this.name = "WasiError";
  }
}

/**
 * Thrown by `proc_exit` to unwind the guest: it is not a `RuntimeError`, so engines pass it
 * through untouched, and `WASI.start` catches it and returns `code`.
 */
export class WasiExit extends Error {
  constructor(
    /** The exit code the guest passed to `proc_exit`. */
    readonly code: number,
  ) {
    super(`WASI guest exited with code ${code}`);
    this.name = "WasiExit";
  }
}

const byCode: Record<string, number> = {
  E2BIG: E.TOOBIG,
  EACCES: E.ACCES,
  EADDRINUSE: E.ADDRINUSE,
  EADDRNOTAVAIL: E.ADDRNOTAVAIL,
  EAFNOSUPPORT: E.AFNOSUPPORT,
  EAGAIN: E.AGAIN,
  EWOULDBLOCK: E.AGAIN,
  EALREADY: E.ALREADY,
  EBADF: E.BADF,
  EBUSY: E.BUSY,
  ECANCELED: E.CANCELED,
  ECONNABORTED: E.CONNABORTED,
  ECONNREFUSED: E.CONNREFUSED,
  ECONNRESET: E.CONNRESET,
  EDQUOT: E.DQUOT,
  EEXIST: E.EXIST,
  EFAULT: E.FAULT,
  EFBIG: E.FBIG,
  EINTR: E.INTR,
  EINVAL: E.INVAL,
  EIO: E.IO,
  EISDIR: E.ISDIR,
  ELOOP: E.LOOP,
  EMFILE: E.MFILE,
  EMLINK: E.MLINK,
  ENAMETOOLONG: E.NAMETOOLONG,
  ENFILE: E.NFILE,
  ENODEV: E.NODEV,
  ENOENT: E.NOENT,
  ENOMEM: E.NOMEM,
  ENOSPC: E.NOSPC,
  ENOSYS: E.NOSYS,
  ENOTDIR: E.NOTDIR,
  ENOTEMPTY: E.NOTEMPTY,
  ENOTSOCK: E.NOTSOCK,
  ENOTSUP: E.NOTSUP,
  EOPNOTSUPP: E.NOTSUP,
  ENOTTY: E.NOTTY,
  ENXIO: E.NXIO,
  EOVERFLOW: E.OVERFLOW,
  EPERM: E.PERM,
  EPIPE: E.PIPE,
  EPROTO: E.PROTO,
  EPROTONOSUPPORT: E.PROTONOSUPPORT,
  EPROTOTYPE: E.PROTOTYPE,
  ERANGE: E.RANGE,
  EROFS: E.ROFS,
  ESPIPE: E.SPIPE,
  ETIMEDOUT: E.TIMEDOUT,
  ETXTBSY: E.TXTBSY,
  EXDEV: E.XDEV,
};

/** The WASI errno for a thrown value, or null when it is not a system or WASI error. */
export function errnoOf(e: unknown): number | null {
  if (e instanceof WasiError) return e.errno;
  if (e instanceof Error && "code" in e && typeof e.code === "string") return byCode[e.code] ?? E.IO;
  return null;
}

/** Throws `WasiError(errno)`. */
export function fail(errno: number): never {
  throw new WasiError(errno);
}
