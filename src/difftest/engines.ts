/**
 * The engines differential testing compares: Kiln's engines from the spec runner's registry
 * (`interp`, and `compiler` once it exists) and V8.
 */
import type { Engine } from "../spec/engine.js";
import { engines as registry } from "../spec/engines.js";
import type { WatToBinary } from "../spec/wat.js";
import { v8Engine } from "./v8-engine.js";

/** Names of the engines that exist now, Kiln's first. */
export function availableEngines(): string[] {
  return [...Object.keys(registry).filter((n) => registry[n].load !== null), "v8"];
}

/** Loads the engine `name`; throws for an unknown or unwritten engine. */
export async function loadEngine(name: string, wat: WatToBinary): Promise<Engine> {
  if (name === "v8") return v8Engine(wat);
  const entry = registry[name];
  if (entry === undefined)
    throw new Error(`unknown engine "${name}" (known: ${availableEngines().join(", ")})`);
  if (entry.load === null) throw new Error(`engine "${name}" (${entry.summary}) does not exist yet`);
  return entry.load();
}
