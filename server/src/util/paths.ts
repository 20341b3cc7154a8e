/** POSIX path helpers that do not depend on the platform the server runs on. */
import * as posix from 'node:path/posix';

/** Absolute form of `p`, relative paths taken from `cwd`. */
export function resolvePath(cwd: string, p: string): string {
  return posix.resolve(cwd, p);
}

export function dirname(p: string): string {
  return posix.dirname(p);
}
