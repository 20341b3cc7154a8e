/** The real machine as a Host, for the CLI and the language server (Node only). */
import * as fs from 'node:fs';
import type { Host } from './host';
import { readRegularFile } from './util/read';

/** A regular file's bytes, read with the one bounded reader; undefined when it cannot be. */
function readRegular(path: string, cap?: number): Buffer | undefined {
  const r = readRegularFile(path, cap);
  return r.ok ? r.bytes : undefined;
}

/** A file's type, size, time and owner as the Host interface gives them. */
export function hostStat(st: fs.Stats): NonNullable<ReturnType<Host['stat']>> {
  const type = st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
  // /dev/null is character device 1:3 (rdev = major << 8 | minor for small numbers).
  return { type, size: st.size, mtimeMs: st.mtimeMs, uid: st.uid, ...(st.isCharacterDevice() && st.rdev === 0x103 ? { nullDevice: true } : {}) };
}

export function nodeHost(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Host {
  const env = options.env ?? process.env;
  let capLast: number | null | undefined;
  return {
    stat(path) {
      try {
        return hostStat(fs.statSync(path));
      } catch {
        return undefined;
      }
    },
    readFile(path) {
      return readRegular(path)?.toString('utf8');
    },
    readBytes(path, maxBytes) {
      return readRegular(path, maxBytes);
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
        const text = readRegular('/proc/sys/kernel/cap_last_cap', 64)?.toString('utf8').trim() ?? '';
        // Unknown (null) rather than guessed when /proc does not say.
        capLast = /^\d{1,4}$/.test(text) ? Number(text) : null;
      }
      return capLast ?? undefined;
    },
  };
}
