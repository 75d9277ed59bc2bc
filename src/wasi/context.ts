/**
 * The state of one WASI instance: arguments, environment, the descriptor table (stdio,
 * preopened directories, opened files and directories) and the guest memory.
 */
import * as fs from "node:fs";
import { E, FILETYPE, RIGHTS_ALL, RIGHTS_DIR, RIGHTS_FILE } from "./constants.js";
import { fail } from "./errors.js";
import { GuestMemory, type MemoryLike } from "./memory.js";

/** Where the guest's standard input comes from: a host fd, or the bytes it reads. */
export type InputSource = number | Uint8Array | string;

/** Something that takes written bytes, such as a Node `Writable` or a collector. */
export interface Writer {
  write(chunk: Uint8Array): unknown;
}

/** Where the guest's standard output or error goes: a host fd (written synchronously) or a writer. */
export type OutputSink = number | Writer;

/** An open descriptor of the guest. */
export class Descriptor {
  /** Descriptor flags (`fdflags`). */
  flags = 0;
  /** Position of a file descriptor (regular files only). */
  pos = 0;
  /** Read offset into `input`. */
  inputPos = 0;

  constructor(
    /** WASI file type. */
    readonly type: number,
    /** Rights of operations on this descriptor. */
    public rightsBase: number,
    /** Rights of descriptors opened through this one. */
    public rightsInheriting: number,
    /** Host fd of a file, a character device or stdio; null for directories and buffers. */
    readonly host: number | null,
    /** Host path of a file or directory; null for stdio. */
    readonly path: string | null,
    /** Guest name of a preopened directory; null otherwise. */
    readonly preopen: string | null = null,
    /** Bytes an input buffer yields; null otherwise. */
    readonly input: Uint8Array | null = null,
    /** Writer of an output; null otherwise. */
    readonly output: Writer | null = null,
  ) {}

  /** True for a directory. */
  get isDir(): boolean {
    return this.type === FILETYPE.DIRECTORY;
  }
}

/** The file type of a host `Stats`. */
export function filetypeOf(st: fs.Stats | fs.BigIntStats): number {
  if (st.isFile()) return FILETYPE.REGULAR_FILE;
  if (st.isDirectory()) return FILETYPE.DIRECTORY;
  if (st.isSymbolicLink()) return FILETYPE.SYMBOLIC_LINK;
  if (st.isCharacterDevice()) return FILETYPE.CHARACTER_DEVICE;
  if (st.isBlockDevice()) return FILETYPE.BLOCK_DEVICE;
  if (st.isSocket()) return FILETYPE.SOCKET_STREAM;
  return FILETYPE.UNKNOWN;
}

function stdioDescriptor(x: InputSource | OutputSink, input: boolean): Descriptor {
  if (typeof x === "number") {
    let type: number = FILETYPE.CHARACTER_DEVICE;
    try {
      const t = filetypeOf(fs.fstatSync(x));
      if (t === FILETYPE.REGULAR_FILE) type = t;
    } catch {
      type = FILETYPE.CHARACTER_DEVICE;
    }
    return new Descriptor(type, RIGHTS_FILE, 0, x, null);
  }
  if (input) {
    const bytes = typeof x === "string" ? new TextEncoder().encode(x) : (x as Uint8Array);
    return new Descriptor(FILETYPE.CHARACTER_DEVICE, RIGHTS_FILE, 0, null, null, null, bytes);
  }
  return new Descriptor(FILETYPE.CHARACTER_DEVICE, RIGHTS_FILE, 0, null, null, null, null, x as Writer);
}

/** Arguments, environment, descriptors and memory of one WASI instance. */
export class WasiContext {
  /** Open descriptors by number. */
  readonly fds = new Map<number, Descriptor>();
  /** The guest's memory, set by `start`/`initialize`. */
  memory: MemoryLike | null = null;

  constructor(
    /** Program arguments, the program name first. */
    readonly args: readonly string[],
    /** Environment as `K=V` strings. */
    readonly env: readonly string[],
    stdio: [InputSource, OutputSink, OutputSink],
    /** Preopened directories: guest name to host path. */
    preopens: ReadonlyArray<readonly [string, string]>,
  ) {
    this.fds.set(0, stdioDescriptor(stdio[0], true));
    this.fds.set(1, stdioDescriptor(stdio[1], false));
    this.fds.set(2, stdioDescriptor(stdio[2], false));
    let n = 3;
    for (const [guest, host] of preopens) {
      this.fds.set(n++, new Descriptor(FILETYPE.DIRECTORY, RIGHTS_DIR, RIGHTS_ALL, null, host, guest));
    }
  }

  /** A bounds-checked view of the guest memory for the current call. */
  mem(): GuestMemory {
    if (this.memory === null) fail(E.FAULT);
    return new GuestMemory(this.memory);
  }

  /** The descriptor `fd` with every right in `rights`; EBADF or ENOTCAPABLE otherwise. */
  get(fd: number, rights = 0): Descriptor {
    const d = this.fds.get(fd >>> 0);
    if (d === undefined) fail(E.BADF);
    if ((d.rightsBase & rights) !== rights) fail(E.NOTCAPABLE);
    return d;
  }

  /** The directory `fd` with `rights`: EBADF, ENOTDIR or ENOTCAPABLE otherwise. */
  dir(fd: number, rights = 0): Descriptor & { path: string } {
    const d = this.get(fd);
    if (!d.isDir || d.path === null) fail(E.NOTDIR);
    if ((d.rightsBase & rights) !== rights) fail(E.NOTCAPABLE);
    return d as Descriptor & { path: string };
  }

  /** Adds `d` at the lowest free descriptor number and returns the number. */
  add(d: Descriptor): number {
    let n = 3;
    while (this.fds.has(n)) n++;
    this.fds.set(n, d);
    return n;
  }

  /** Closes every open host fd (for the end of a run). */
  closeAll(): void {
    for (const [n, d] of this.fds) {
      if (n > 2 && d.host !== null) {
        try {
          fs.closeSync(d.host);
        } catch {
          // Already closed on the host; nothing more to release.
        }
      }
    }
  }
}
