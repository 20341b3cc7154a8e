/**
 * Work done in slices: a generator that yields between slices. The CLI and every feature run
 * it straight through with `finish`; the language server runs a huge document's check one
 * slice per event-loop turn, so requests are answered in between (server.ts).
 */
export type Slices<T> = Generator<void, T>;

/** Runs the rest of the work at once and returns its result. */
export function finish<T>(work: Slices<T>): T {
  let r = work.next();
  while (!r.done) r = work.next();
  return r.value;
}
