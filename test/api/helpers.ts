/** Helpers for embedding-API tests: module text to bytes through wabt. */
import { loadWatToBinary } from "../../src/spec/wat.js";

const toBinary = await loadWatToBinary();

/** The binary of module text `text`. */
export function wat(text: string): Uint8Array {
  return toBinary(new TextEncoder().encode(text));
}

/** `bytes` with a custom section `name` holding `payload` appended (names and payloads under 128 bytes). */
export function withCustom(bytes: Uint8Array, name: string, payload: string): Uint8Array {
  const n = new TextEncoder().encode(name);
  const p = new TextEncoder().encode(payload);
  return new Uint8Array([...bytes, 0, 1 + n.length + p.length, n.length, ...n, ...p]);
}
