/** Comparison of "major.minor[.patch]" release strings, shared by the LXC and Podman checks. */

/** Major and minor of a release string (LXC key availability is computed once per key and version). */
function parts(v: string): [number, number] {
  const [major, minor] = v.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return [major ?? 0, minor ?? 0];
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
