/** Comparison of "major.minor[.patch]" release strings, shared by the LXC and Podman checks. */

/**
 * Major (part 0) or minor (part 1) of a release string, as parseInt reads it (0 when absent
 * or not a number). Read in place: atLeast runs for every key of every config, and the former
 * split + map + tuple took 92 ms of a 2.1 s profile of bench section A (2,000 configs).
 */
function part(v: string, which: 0 | 1): number {
  const dot = v.indexOf('.');
  const s = which === 0 ? (dot < 0 ? v : v.slice(0, dot)) : dot < 0 ? '' : v.slice(dot + 1, (v.indexOf('.', dot + 1) + 1 || v.length + 1) - 1);
  return Number.parseInt(s, 10) || 0;
}

/**
 * Whether release `target` (compared by major.minor, so "4.0" stands for the newest 4.0.x)
 * has something that appeared in release `since`.
 */
export function atLeast(target: string, since: string): boolean {
  const tMaj = part(target, 0);
  const sMaj = part(since, 0);
  return tMaj > sMaj || (tMaj === sMaj && part(target, 1) >= part(since, 1));
}
