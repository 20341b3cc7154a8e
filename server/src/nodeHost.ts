/** The real machine as a Host, for the CLI and the language server (Node only). */
import * as fs from 'node:fs';
import { DEFAULT_CAP_LAST_CAP, type Host } from './host';
import { readRegularFile } from './util/read';

/** A regular file's bytes, read with the one bounded reader; undefined when it cannot be. */
function readRegular(path: string): Buffer | undefined {
  const r = readRegularFile(path);
  return r.ok ? r.bytes : undefined;
}

export function nodeHost(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Host {
  const env = options.env ?? process.env;
  let capLast: number | undefined;
  return {
    stat(path) {
      try {
        const st = fs.statSync(path);
        return { type: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', size: st.size };
      } catch {
        return undefined;
      }
    },
    readFile(path) {
      return readRegular(path)?.toString('utf8');
    },
    readBytes(path) {
      return readRegular(path);
    },
    readDir(path) {
      try {
        return fs.readdirSync(path);
      } catch {
        return undefined;
      }
    },
    env: (name) => env[name],
    cwd: () => options.cwd ?? process.cwd(),
    uid: () => process.getuid?.() ?? 0,
    fileOwner(path) {
      try {
        return fs.statSync(path).uid;
      } catch {
        return undefined;
      }
    },
    capLastCap() {
      if (capLast === undefined) {
        const n = Number.parseInt(readRegular('/proc/sys/kernel/cap_last_cap')?.toString('utf8') ?? '', 10);
        capLast = Number.isFinite(n) && n > 0 ? n : DEFAULT_CAP_LAST_CAP;
      }
      return capLast;
    },
  };
}
