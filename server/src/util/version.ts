/** Comparison of "major.minor[.patch]" release strings, shared by the LXC and Podman checks. */

/** Parsed releases: a handful of distinct strings, asked about for every line of a file. */
const partsCache = new Map<string, [number, number]>();
function parts(v: string): [number, number] {
  let p = partsCache.get(v);
  if (!p) {
    const [major, minor] = v.split('.').map((x) => Number.parseInt(x, 10) || 0);
    p = [major ?? 0, minor ?? 0];
    if (partsCache.size > 256) partsCache.clear();
    partsCache.set(v, p);
  }
  return p;
}

/**
 * Whether release `target` (compared by major.minor, so "4.0" stands for the newest 4.0.x)
 * has something that appeared in release `since`.
 */
export function atLeast(target: string, since: string): boolean {
  const [tMaj, tMin] = parts(target);
  const [sMaj, sMin] = parts(since);
  return tMaj > sMaj || (tMaj === sMaj && tMin >= sMin);
}
