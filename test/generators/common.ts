/**
 * Shared pieces of the independent case generators: a seeded PRNG, deterministic sampling
 * and the case shape. Nothing here knows what ctconf or the real parsers will say.
 */

/** An extra file a case needs, relative to the case's own directory. */
export type ExtraFile = string | { symlink: string } | { dir: true };

export interface GeneratedCase {
  /** Unique and stable: key, value shape and placement. */
  id: string;
  /** The key under test (a concrete name, e.g. `lxc.net.0.link`). */
  key: string;
  /** Value shape, e.g. `uint:INT_MAX+1` or `toml:float`. */
  shape: string;
  /** Placement, e.g. `alone`, `after-type`, `in-include-dir`. */
  placement: string;
  /** The main file; `@D@` stands for the case's own directory (absolute, no trailing `/`). */
  text: string;
  files?: Record<string, ExtraFile>;
}

/** The seeded PRNG the bench and the fuzzer use too. */
import { rng } from '../../bench/generate';

export { rng };

/** The seed: TRUTH_SEED from the environment, else a fixed one (so CI runs the same cases). */
export function seedFromEnv(fallback = 20261201): number {
  const s = Number(process.env.TRUTH_SEED);
  return Number.isInteger(s) && s > 0 ? s : fallback;
}

/**
 * A deterministic sample of at most `n` cases that keeps every stratum (by `strata(c)`)
 * represented: first one case per stratum, then the rest drawn at random.
 */
export function stratifiedSample<T>(items: T[], n: number, seed: number, strata: (t: T) => string): T[] {
  if (items.length <= n) return items.slice();
  const next = rng(seed);
  const shuffled = items.map((t, i) => ({ t, i, r: next() })).sort((a, b) => a.r - b.r);
  const seen = new Set<string>();
  const picked = new Set<number>();
  for (const s of shuffled) {
    const k = strata(s.t);
    if (!seen.has(k)) {
      seen.add(k);
      picked.add(s.i);
    }
  }
  for (const s of shuffled) {
    if (picked.size >= n) break;
    picked.add(s.i);
  }
  return items.filter((_, i) => picked.has(i));
}

/** A path of exactly `len` bytes: `/aaa…/aaa…` with 200-byte segments (each under NAME_MAX). */
export function longPath(len: number, absolute = true): string {
  let p = absolute ? '/' : '';
  while (p.length < len) {
    const room = len - p.length;
    const seg = Math.min(200, room);
    p += 'p'.repeat(seg);
    if (p.length < len) p += '/';
  }
  if (p.endsWith('/')) p = p.slice(0, -1) + 'q';
  return p;
}
