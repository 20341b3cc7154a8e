/**
 * Finds the installed LXC and Podman releases for `auto` version settings. Runs a fixed
 * program with fixed arguments (never text from a document), without a shell, once.
 */
import { execFileSync } from 'node:child_process';
import { branchOf, type LxcVersion } from './lxc/version';

function run(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, LC_ALL: 'C' } });
  } catch {
    return undefined;
  }
}

let lxc: { value: LxcVersion | undefined; release?: string } | undefined;

/** The LXC branch installed on this machine (from `lxc-start --version`), if any. */
export function detectLxcVersion(): { version: LxcVersion | undefined; release?: string } {
  if (!lxc) {
    const out = run('lxc-start', ['--version'])?.trim();
    lxc = { value: out ? branchOf(out) : undefined, release: out };
  }
  return { version: lxc.value, release: lxc.release };
}

let podman: { release?: string } | undefined;

/** The installed Podman release ("4.3.1"), from `podman --version`. */
export function detectPodmanVersion(): string | undefined {
  if (!podman) {
    const out = run('podman', ['--version']);
    const m = out ? /(\d+\.\d+(?:\.\d+)?)/.exec(out) : null;
    podman = { release: m?.[1] };
  }
  return podman.release;
}
