// node:util plus the Node 20.12+ functions vitest 4 imports (see loader.mjs): styleText without
// styling, and a parseEnv that reads KEY=VALUE lines.
import util from "node:util";

export * from "node:util";
export default util;

export const styleText = util.styleText ?? ((_format, text) => text);

export const parseEnv =
  util.parseEnv ??
  ((text) => {
    const env = {};
    for (const line of text.split("\n")) {
      const m = /^\s*([\w.-]+)\s*=\s*(.*)$/.exec(line);
      if (m !== null) env[m[1]] = m[2];
    }
    return env;
  });
