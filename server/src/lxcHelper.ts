/**
 * A helper thread of `ctconf check` (see parallel.ts): lists the lines of its part of a big
 * LXC config that validation must still see, a piece at a time, so that the main thread can
 * replay each piece while the next is found. Bundled on its own (dist/lxc-helper.js).
 */
import { parentPort } from 'node:worker_threads';
import { nodeHost } from './nodeHost';
import { findLivePieces } from './lxc/assist';
import { HELPER_FAILED, PIECE_BYTES, type HelperJob } from './parallel';

parentPort?.on('message', (job: HelperJob) => {
  const state = new Int32Array(job.state);
  try {
    const text = Buffer.from(job.bytes, job.from, job.to - job.from).toString('latin1');
    findLivePieces(text, job.last, { version: job.version, host: nodeHost(), restricted: job.restricted }, PIECE_BYTES, (piece) => {
      job.port.postMessage(piece, [piece.offsets.buffer as ArrayBuffer, piece.rel.buffer as ArrayBuffer]);
      Atomics.add(state, 0, 1);
      Atomics.notify(state, 0);
    });
  } catch {
    Atomics.store(state, 1, HELPER_FAILED);
    Atomics.add(state, 0, 1);
    Atomics.notify(state, 0);
  }
});
