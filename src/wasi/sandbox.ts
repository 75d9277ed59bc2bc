/**
 * Path resolution confined to a directory. A guest path is resolved component by component
 * below the directory a descriptor names: `..` may not climb above it, absolute paths are
 * refused, and every symbolic link met on the way (and the last component's, when following)
 * is read with `readlink` and expanded in place, so a link pointing outside is refused like a
 * literal `..` would be. More than {@link MAX_SYMLINKS} expansions fail with ELOOP.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { E } from "./constants.js";
import { fail } from "./errors.js";

/** Most symbolic links expanded while resolving one path. */
export const MAX_SYMLINKS = 40;

/** A guest path resolved to a host path inside the sandbox. */
export interface Resolved {
  /** The host path (its last component not resolved when not following). */
  readonly host: string;
  /** Components below the base directory (empty: the base itself). */
  readonly depth: number;
  /** The guest path ended with `/` (the target must be a directory). */
  readonly trailingSlash: boolean;
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if (e instanceof Error && "code" in e && (e.code === "ENOENT" || e.code === "ENOTDIR")) return null;
    throw e;
  }
}

/**
 * Resolves guest path `guest` below host directory `base`. With `follow`, a symbolic link in
 * the last component is expanded too. Escapes fail with ENOTCAPABLE (absolute paths with
 * EPERM), a missing intermediate directory with ENOENT, a non-directory one with ENOTDIR.
 */
export function resolvePath(base: string, guest: string, follow: boolean): Resolved {
  if (guest.includes("\0")) fail(E.ILSEQ);
  if (guest === "") fail(E.NOENT);
  if (guest.startsWith("/")) fail(E.PERM);
  const trailingSlash = guest.endsWith("/");
  const queue = guest.split("/").reverse();
  const cur: string[] = [];
  let links = 0;
  while (queue.length > 0) {
    const c = queue.pop() as string;
    if (c === "" || c === ".") continue;
    if (c === "..") {
      if (cur.length === 0) fail(E.NOTCAPABLE);
      cur.pop();
      continue;
    }
    const last = queue.every((q) => q === "");
    const host = path.join(base, ...cur, c);
    if (last && !follow) {
      if (trailingSlash) {
        const st = lstatOrNull(host);
        if (st !== null && !st.isDirectory()) fail(E.NOTDIR);
      }
      cur.push(c);
      break;
    }
    const st = lstatOrNull(host);
    if (st === null) {
      if (last) {
        cur.push(c);
        break;
      }
      fail(E.NOENT);
    }
    if (st.isSymbolicLink()) {
      if (++links > MAX_SYMLINKS) fail(E.LOOP);
      const target = fs.readlinkSync(host);
      if (target.startsWith("/")) fail(E.NOTCAPABLE);
      const parts = target.split("/").reverse();
      if (target.endsWith("/") && queue.length === 0) queue.push("");
      queue.push(...parts);
      continue;
    }
    if (!last && !st.isDirectory()) fail(E.NOTDIR);
    cur.push(c);
  }
  return { host: path.join(base, ...cur), depth: cur.length, trailingSlash };
}

/**
 * Resolves `guest` for an operation on the entry itself (create, remove, rename, link): the
 * last component is not followed, and naming the base directory itself fails with `onBase`.
 */
export function resolveEntry(base: string, guest: string, onBase: number): Resolved {
  const r = resolvePath(base, guest, false);
  if (r.depth === 0) fail(onBase);
  return r;
}
