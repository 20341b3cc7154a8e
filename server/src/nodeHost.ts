/** The real machine as a Host, for the CLI and the language server (Node only). */
import * as fs from 'node:fs';
import { DEFAULT_CAP_LAST_CAP, type Host } from './host';

/** Larger files are not read by includes or man page lookups. */
const MAX_READ = 16 * 1024 * 1024;

/**
 * Reads a regular file without ever blocking: it is opened non-blocking and its type is
 * checked on the descriptor, so a FIFO or a device (or a path swapped after stat) never
 * stalls the server.
 */
function readRegular(path: string): Buffer | undefined {
  try {
    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.size > MAX_READ) return undefined;
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
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
    capLastCap() {
      if (capLast === undefined) {
        const n = Number.parseInt(readRegular('/proc/sys/kernel/cap_last_cap')?.toString('utf8') ?? '', 10);
        capLast = Number.isFinite(n) && n > 0 ? n : DEFAULT_CAP_LAST_CAP;
      }
      return capLast;
    },
  };
}
