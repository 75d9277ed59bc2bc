/**
 * Reading and writing the bytes of a descriptor: input buffers, output writers, and host fds
 * (blocking I/O, retried while a non-blocking pipe reports EAGAIN).
 */
import * as fs from "node:fs";
import { E, FILETYPE } from "./constants.js";
import type { Descriptor } from "./context.js";
import { fail } from "./errors.js";

const pause = new Int32Array(new SharedArrayBuffer(4));

function isAgain(e: unknown): boolean {
  return e instanceof Error && "code" in e && e.code === "EAGAIN";
}

/** Reads into `bufs` at `position` (null: the stream's own position); returns the bytes read. */
export function readInto(d: Descriptor, bufs: Uint8Array[], position: number | null): number {
  if (d.isDir) fail(E.ISDIR);
  if (d.input !== null) {
    let n = 0;
    for (const b of bufs) {
      const chunk = d.input.subarray(d.inputPos, d.inputPos + b.length);
      b.set(chunk);
      d.inputPos += chunk.length;
      n += chunk.length;
      if (chunk.length < b.length) break;
    }
    return n;
  }
  if (d.host === null) fail(E.BADF);
  let total = 0;
  for (const b of bufs) {
    if (b.length === 0) continue;
    let got: number;
    for (;;) {
      try {
        got = fs.readSync(d.host, b, 0, b.length, position === null ? null : position + total);
        break;
      } catch (e) {
        if (e instanceof Error && "code" in e && e.code === "EOF") {
          got = 0;
          break;
        }
        if (!isAgain(e)) throw e;
        if (total > 0) return total;
        Atomics.wait(pause, 0, 0, 2);
      }
    }
    total += got;
    if (got < b.length) break;
  }
  return total;
}

/** Writes all of `bufs` at `position` (null: the stream's own position); returns the bytes written. */
export function writeFrom(d: Descriptor, bufs: Uint8Array[], position: number | null): number {
  if (d.isDir) fail(E.ISDIR);
  let total = 0;
  if (d.output !== null) {
    for (const b of bufs) {
      if (b.length === 0) continue;
      d.output.write(b.slice());
      total += b.length;
    }
    return total;
  }
  if (d.host === null) fail(E.BADF);
  for (const b of bufs) {
    let off = 0;
    while (off < b.length) {
      try {
        off += fs.writeSync(
          d.host,
          b,
          off,
          b.length - off,
          position === null ? null : position + total + off,
        );
      } catch (e) {
        if (!isAgain(e)) throw e;
        Atomics.wait(pause, 0, 0, 1);
      }
    }
    total += b.length;
  }
  return total;
}

/**
 * True when the descriptor has a seekable position of its own: a regular file the guest opened.
 * Stdio redirected to a regular file is a stream (the host's file offset, shared with the
 * process that handed it over, as a shell's `>` and `>>` expect), so it reads and writes at that
 * offset and does not seek.
 */
export function seekable(d: Descriptor): boolean {
  return d.type === FILETYPE.REGULAR_FILE && d.host !== null && d.path !== null;
}
