/**
 * Finds the installed LXC and Podman releases for `auto` version settings. Runs a fixed
 * program with fixed arguments (never text from a document), without a shell, once.
 */
import { execFile, execFileSync } from 'node:child_process';
import { branchOf, type LxcVersion } from './lxc/version';

function run(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { ...OPTIONS, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

const OPTIONS = { encoding: 'utf8' as const, timeout: 3000, env: { ...process.env, LC_ALL: 'C' } };

function runAsync(cmd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, OPTIONS, (err, stdout) => resolve(err ? undefined : stdout));
    child.stdin?.end();
  });
}

let lxc: { value: LxcVersion | undefined; release?: string } | undefined;

/** The LXC branch installed on this machine (from `lxc-start --version`), if any. */
export function detectLxcVersion(): { version: LxcVersion | undefined; release?: string } {
  const known = lxc ?? setLxc(run('lxc-start', ['--version']));
  return { version: known.value, release: known.release };
}

let podman: { release?: string } | undefined;

/** The installed Podman release ("4.3.1"), from `podman --version`. */
export function detectPodmanVersion(): string | undefined {
  return (podman ?? setPodman(run('podman', ['--version']))).release;
}

function setLxc(raw: string | undefined): NonNullable<typeof lxc> {
  const out = raw?.trim();
  return (lxc = { value: out ? branchOf(out) : undefined, release: out || undefined });
}

function setPodman(out: string | undefined): NonNullable<typeof podman> {
  const m = out ? /(\d+\.\d+(?:\.\d+)?)/.exec(out) : null;
  return (podman = { release: m?.[1] });
}

/**
 * Runs both detections at once without blocking the event loop (the language server starts
 * them at initialize and answers at once; the first validation waits for them). Afterwards the
 * synchronous functions above answer from the cache.
 */
export async function detectVersions(): Promise<void> {
  await Promise.all([
    lxc ? undefined : runAsync('lxc-start', ['--version']).then((out) => lxc ?? setLxc(out)),
    podman ? undefined : runAsync('podman', ['--version']).then((out) => podman ?? setPodman(out)),
  ]);
}
