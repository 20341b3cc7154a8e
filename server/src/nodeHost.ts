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

/** Most names read from one directory (a directory with more is not a config directory). */
const MAX_ENTRIES = 100_000;

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
      // Directory order (readdir), which is the order liblxc reads an included directory in;
      // fs.readdirSync would sort the names. At most MAX_ENTRIES names.
      let dir: fs.Dir | undefined;
      try {
        dir = fs.opendirSync(path);
        const names: string[] = [];
        for (let e = dir.readSync(); e && names.length < MAX_ENTRIES; e = dir.readSync()) names.push(e.name);
        return names;
      } catch {
        return undefined;
      } finally {
        try {
          dir?.closeSync();
        } catch {
          // already closed
        }
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
