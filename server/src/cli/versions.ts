/**
 * Which Podman releases `--podman-version` (and `podman.version` in .ctconf.json) accepts:
 * from the release that introduced containers.conf (the oldest table in the key data) to the
 * newest release ctconf knows, by major.minor, with an optional patch number.
 */
import { NEWEST_PODMAN, OLDEST_PODMAN } from '../service';
import { atLeast } from '../util/version';


/** Undefined when the value is usable; otherwise what is wrong, naming what is accepted. */
export function checkPodmanVersion(v: string): string | undefined {
  const m = /^(\d{1,4})\.(\d{1,4})(?:\.\d{1,4})?$/.exec(v);
  if (v === 'auto' || (m && atLeast(`${m[1]}.${m[2]}`, OLDEST_PODMAN) && atLeast(NEWEST_PODMAN, `${m[1]}.${m[2]}`))) return undefined;
  const shown = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  return `"${shown.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}" is not a Podman release ctconf knows; use auto or a release from ${OLDEST_PODMAN} to ${NEWEST_PODMAN} (major.minor, such as 4.3, or major.minor.patch, such as 5.0.2)`;
}
