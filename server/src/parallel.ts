/**
 * Helper threads for `ctconf check` on big LXC configs (Node only; the CLI alone uses them).
 *
 * Most lines of a config can be judged on their own: an entry that only accumulates, with a
 * good value, reports nothing and changes nothing (`inertLines` in lxc/validate.ts). Helpers
 * scan the back parts of the file and list the other lines; meanwhile the main thread
 * validates the front part as usual, then replays only the listed lines of each part, in
 * order, with the full state of everything before them. The findings are the same as a
 * sequential check (tests compare both); a helper that fails or stalls costs time, never
 * results: its part is then scanned by the main thread.
 *
 * Why threads at all: checking a million-line config in one thread takes 1.2-1.4 times as
 * long as liblxc loading it, and no single hot spot is left to shave (README "Benchmark").
 */
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { LivePiece, LxcAssistPart } from './lxc/validate';
import type { LxcVersion } from './lxc/version';

/**
 * Files smaller than this are checked in one thread: measured on a 2-core VM, a helper
 * (~40 ms to start, and a second JIT warm-up) slows a 4.5 MB file down, breaks even at
 * 12 MB and saves 15-20% at 46 MB.
 */
export const PARALLEL_MIN_BYTES = 16 << 20;

/**
 * Share of the file the main thread validates itself; it also replays the live lines of the
 * rest. Measured on the benchmark config with one helper: 0.1-0.2 do alike and beat 0, 0.05
 * and 0.3 or more; two helpers on two cores do worse than one.
 */
const MAIN_SHARE = 0.15;

/**
 * How long the main thread waits for a helper's next piece before it gives up on the helper
 * and scans the rest of the part itself. A piece (1 MB) normally takes a few milliseconds;
 * the first one also waits for the helper to start. A helper that failed to load or died
 * (which the blocked main thread cannot see as an event) costs at most this much.
 */
const PIECE_PATIENCE_MS = 2_000;

/** Size of the pieces a helper answers in: the main thread replays one while the next is found. */
export const PIECE_BYTES = 1 << 20;

/** What a helper writes in its state's second slot when it gives up. */
export const HELPER_FAILED = 1;

/** What a helper is asked to do. */
export interface HelperJob {
  bytes: SharedArrayBuffer;
  from: number;
  to: number;
  /** The part runs to the end of the file. */
  last: boolean;
  version: LxcVersion;
  restricted: boolean;
  /** Two Int32 slots: the number of messages posted (notified on change), and HELPER_FAILED. */
  state: SharedArrayBuffer;
  port: MessagePort;
}

/** Reads a file into memory the helpers share (no copy per thread). */
export function readShared(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let got = 0;
    while (got < size) {
      const n = fs.readSync(fd, bytes, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return Buffer.from(bytes.buffer, 0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** The helpers' code, next to the CLI's bundle. */
export const HELPER_SCRIPT = path.join(__dirname, 'lxc-helper.js');

/** How many helpers this machine can run next to the main thread (at most 3). */
export function helperCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(3, cores - 1));
}

/**
 * Helpers for one file. They are started before the file is read, so that loading their
 * code overlaps with the reading; `close` stops them.
 */
export class LxcHelpers {
  private readonly workers: Worker[];
  /** Pieces received, and parts the main thread had to finish itself (for CTCONF_TRACE). */
  readonly stats = { parts: 0, pieces: 0, unfinished: 0 };

  constructor(count: number, script = HELPER_SCRIPT) {
    this.workers = [];
    for (let i = 0; i < count; i++) {
      let w: Worker;
      try {
        w = new Worker(script);
      } catch {
        break; // no threads to be had: the main thread checks alone
      }
      // A helper never keeps the process alive; a failure shows as pieces that do not come.
      w.unref();
      w.on('error', () => undefined);
      this.workers.push(w);
    }
  }

  /**
   * Splits `bytes` (the whole file, from `readShared`) at line starts and hands the back parts
   * to the helpers. Undefined when the file does not suit: only pure ASCII without NUL bytes
   * or \r (offsets are then the same in bytes and in the text, and lines end at \n).
   */
  assign(bytes: Buffer, opts: { version: LxcVersion; restricted?: boolean }): LxcAssistPart[] | undefined {
    if (this.workers.length === 0 || !isAscii(bytes) || bytes.indexOf(0) !== -1 || bytes.indexOf(13) !== -1) return undefined;
    if (!(bytes.buffer instanceof SharedArrayBuffer)) return undefined;
    const n = bytes.length;
    const cuts: number[] = [];
    const first = Math.floor(n * MAIN_SHARE);
    for (let i = 0; i < this.workers.length; i++) {
      const at = first + Math.floor(((n - first) * i) / this.workers.length);
      // Parts start right after a line break.
      const nl = bytes.indexOf(10, at);
      if (nl === -1 || nl + 1 >= n) break;
      if (cuts.length === 0 || nl + 1 > cuts[cuts.length - 1]) cuts.push(nl + 1);
    }
    if (cuts.length === 0) return undefined;
    this.stats.parts = cuts.length;
    return cuts.map((from, i) => {
      const to = i + 1 < cuts.length ? cuts[i + 1] : n;
      const state = new SharedArrayBuffer(8);
      const { port1, port2 } = new MessageChannel();
      const job: HelperJob = {
        bytes: bytes.buffer as SharedArrayBuffer, from: bytes.byteOffset + from, to: bytes.byteOffset + to, last: to === n,
        version: opts.version, restricted: !!opts.restricted, state, port: port2,
      };
      this.workers[i].postMessage(job, [port2]);
      return { from, next: pieces(new Int32Array(state), port1, this.stats) };
    });
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}

/**
 * The helper's pieces in order, each waited for (blocking: validation is synchronous);
 * undefined once the helper has failed or kept the main thread waiting too long.
 */
function pieces(state: Int32Array, port: MessagePort, stats: LxcHelpers['stats']): () => LivePiece | undefined {
  let taken = 0;
  let over = false;
  return () => {
    if (over) return undefined;
    const deadline = Date.now() + PIECE_PATIENCE_MS;
    while (Atomics.load(state, 0) <= taken) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(state, 0, taken, left) === 'timed-out') break;
    }
    const piece = Atomics.load(state, 0) > taken && Atomics.load(state, 1) !== HELPER_FAILED ? (receiveMessageOnPort(port)?.message as LivePiece | undefined) : undefined;
    if (piece) stats.pieces++;
    if (!piece || piece.done) {
      if (!piece) stats.unfinished++;
      over = true;
      port.close();
    }
    taken++;
    return piece;
  };
}
