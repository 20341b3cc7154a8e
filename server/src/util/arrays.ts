/**
 * Array helpers for lists whose length a document decides. `out.push(...list)` and
 * `Math.max(...list)` pass every element as an argument, and V8 throws "Maximum call stack
 * size exceeded" past roughly 120,000 of them: 200,000 bad SELinux lines once turned a
 * whole file's check into one internal error. A test forbids the spread form in server/src.
 */

/** Appends `items` to `out` one by one; returns `out`. */
export function appendAll<T>(out: T[], items: Iterable<T>): T[] {
  for (const x of items) out.push(x);
  return out;
}

/** The largest of `values`, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty: number): number {
  let max = -Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v > max) max = v;
  }
  return any ? max : empty;
}
