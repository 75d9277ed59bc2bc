/**
 * Engine-neutral trap kinds: the spec's trap messages (Kiln's engines) and V8's messages map to
 * one kind each, merging only distinctions V8 does not make (an out-of-range `trunc` and a
 * signed-division overflow are both "unrepresentable" there; a null entry and a signature
 * mismatch of `call_indirect` are one message).
 */

/** Message fragments and the kind they mean, first match wins. */
const KINDS: readonly (readonly [string, string])[] = [
  ["unreachable", "unreachable"],
  ["out of bounds memory access", "memory out of bounds"],
  ["memory access out of bounds", "memory out of bounds"],
  ["data segment", "memory out of bounds"],
  ["integer divide by zero", "divide by zero"],
  ["divide by zero", "divide by zero"],
  ["remainder by zero", "divide by zero"],
  ["integer overflow", "unrepresentable"],
  ["divide result unrepresentable", "unrepresentable"],
  ["invalid conversion to integer", "unrepresentable"],
  ["float unrepresentable in integer range", "unrepresentable"],
  ["undefined element", "table out of bounds"],
  ["out of bounds table access", "table out of bounds"],
  ["table index is out of bounds", "table out of bounds"],
  ["element segment", "table out of bounds"],
  ["uninitialized element", "indirect call"],
  ["indirect call type mismatch", "indirect call"],
  ["null function or function signature mismatch", "indirect call"],
];

/** The kind of a trap with message `message`, or `other: <message>` when it is not known. */
export function trapKind(message: string): string {
  for (const [fragment, kind] of KINDS) if (message.includes(fragment)) return kind;
  return `other: ${message}`;
}
