/** LXC release branches ctconf can target, and comparison of release strings. */

export const LXC_VERSIONS = ['4.0', '5.0', '6.0', '7.0'] as const;
export type LxcVersion = (typeof LXC_VERSIONS)[number];
export type LxcVersionSetting = LxcVersion | 'auto';
/** Used when `auto` finds no installed LXC: the current long-term branch. */
export const LXC_FALLBACK_VERSION: LxcVersion = '6.0';

/** Whether the newest release of branch `target` (4.0.12 for "4.0") has something from release `since`. */
export { atLeast } from '../util/version';

export function isLxcVersion(v: string): v is LxcVersion {
  return (LXC_VERSIONS as readonly string[]).includes(v);
}

/** Maps an installed release ("5.0.2", "6.0.4~git") to the branch ctconf checks against. */
export function branchOf(release: string): LxcVersion | undefined {
  const m = /^(\d+)\.(\d+)/.exec(release.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  if (major < 4) return '4.0';
  if (major > 7) return '7.0';
  return `${major}.0` as LxcVersion;
}
