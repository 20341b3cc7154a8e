/**
 * The one way ctconf reads a file from disk (Node only): includes, directory entries, man
 * pages, /etc/subuid and friends, containers.conf layers, the CLI's arguments, `--config` and
 * `.ctconf.json` all come through here.
 *
 * - Only regular files are opened. The path's type is checked before opening (opening some
 *   devices has side effects), and again on the descriptor (the path may be swapped between
 *   the two); the open is non-blocking, so a FIFO can never stall the caller.
 * - Never more than `cap` bytes are read, whatever size the file system reports: files in
 *   /proc report 0 and can be endless.
 */
import * as fs from 'node:fs';
import { isAscii } from 'node:buffer';

/** The default cap: far above any real config, far below what could hurt the process. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * The cap for files a person names on the command line (and standard input): a generated
 * config of a million lines is about 45 MB, and checking 128 MB stays well under 1.5 GB of
 * memory. Files ctconf finds by itself (includes, layers, man pages) keep the default cap.
 */
export const CLI_INPUT_BYTES = 128 * 1024 * 1024;

export type ReadFailure = 'missing' | 'directory' | 'not-regular' | 'too-large' | 'unreadable';

export type ReadResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; why: ReadFailure; message: string };

const fail = (why: ReadFailure, message: string): ReadResult => ({ ok: false, why, message });

/** What a stat says the path is, in the words a user should read. */
function notRegular(st: fs.Stats): ReadResult {
  if (st.isDirectory()) return fail('directory', 'is a directory');
  const kind = st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a regular file';
  return fail('not-regular', `is ${kind}, not a regular file`);
}

/**
 * Reads at most `cap` bytes of a regular file. `seenRegular`: the caller's own stat of `path`
 * found a regular file just before (the CLI stats each argument to find directories), so it is
 * not asked twice; the descriptor is checked again either way.
 */
export function readRegularFile(path: string, cap = MAX_FILE_BYTES, seenRegular = false): ReadResult {
  if (!seenRegular) {
    let st: fs.Stats;
    try {
      st = fs.statSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? fail('missing', 'does not exist') : fail('unreadable', code ?? 'cannot be read');
    }
    if (!st.isFile()) return notRegular(st);
  }
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (e) {
    return fail('unreadable', (e as NodeJS.ErrnoException).code ?? 'cannot be opened');
  }
  try {
    const fst = fs.fstatSync(fd);
    if (!fst.isFile()) return notRegular(fst);
    return readBounded(fd, cap, Math.min(fst.size, cap));
  } catch (e) {
    return fail('unreadable', (e as NodeJS.ErrnoException).code ?? 'cannot be read');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads standard input, at most `cap` bytes. A terminal, pipe or regular file is read; a
 * device (`- < /dev/zero`) or a directory is refused.
 */
export function readStdin(cap = MAX_FILE_BYTES): ReadResult {
  let st: fs.Stats;
  try {
    st = fs.fstatSync(0);
  } catch (e) {
    return fail('unreadable', (e as NodeJS.ErrnoException).code ?? 'cannot be read');
  }
  if (!st.isFile() && !st.isFIFO() && !st.isSocket() && !(st.isCharacterDevice() && process.stdin.isTTY)) return notRegular(st);
  try {
    return readBounded(0, cap, st.isFile() ? Math.min(st.size, cap) : 64 * 1024);
  } catch (e) {
    return fail('unreadable', (e as NodeJS.ErrnoException).code ?? 'cannot be read');
  }
}

/** Reads until end of file; more than `cap` bytes is a failure, not a truncation. */
function readBounded(fd: number, cap: number, hint: number): ReadResult {
  // One byte more than the size says, so a file that grew (or a /proc file, which says 0) is
  // noticed; a small file's buffer then comes from Node's pool instead of an allocation of its own
  // (2,000 configs of 1 KB each made 2,000 separate 4 KB buffers and extra garbage collections).
  let buf = Buffer.allocUnsafe(hint > 0 ? hint + 1 : 4096);
  let used = 0;
  for (;;) {
    if (used === buf.length) {
      if (buf.length > cap) return fail('too-large', `is larger than ${cap} bytes`);
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, cap + 1));
      buf.copy(bigger, 0, 0, used);
      buf = bigger;
    }
    let n: number;
    try {
      n = fs.readSync(fd, buf, used, buf.length - used, null);
    } catch (e) {
      // A non-blocking pipe with nothing in it yet: wait a little and read again.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    used += n;
    if (used > cap) return fail('too-large', `is larger than ${cap} bytes`);
    // Exactly the size fstat gave, asked for one byte more: the whole file, and no read that
    // returns 0 is needed to know it (a host check reads 2,000 configs: 2,000 system calls less).
    // A file that grew meanwhile fills the extra byte and is read on.
    if (hint > 0 && used === hint && used < buf.length) break;
  }
  return { ok: true, bytes: buf.subarray(0, used) };
}

/**
 * A file's text. Pure ASCII (nearly every config) is copied as Latin-1, which is the same
 * string and skips UTF-8 decoding; anything else is decoded as UTF-8 (invalid bytes become
 * U+FFFD, as in an editor).
 */
export function decodeText(buf: Uint8Array): string {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return isAscii(b) ? b.toString('latin1') : b.toString('utf8');
}
