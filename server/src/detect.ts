/**
 * Finds the installed LXC and Podman releases for `auto` version settings. Runs a fixed
 * program with fixed arguments (never text from a document), without a shell, once.
 */
import { branchOf, type LxcVersion } from './lxc/version';

/** node:child_process (and the stream and net modules under it) is loaded when a release is first asked for: a run with explicit versions never needs it. */
const childProcess = (): typeof import('node:child_process') => require('node:child_process');

function run(cmd: string, args: string[]): string | undefined {
  try {
    return childProcess().execFileSync(cmd, args, { ...OPTIONS, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

const OPTIONS = { encoding: 'utf8' as const, timeout: 3000, env: { ...process.env, LC_ALL: 'C' } };

function runAsync(cmd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = childProcess().execFile(cmd, args, OPTIONS, (err, stdout) => resolve(err ? undefined : stdout));
    child.stdin?.end();
  });
}

export interface VersionDetector {
  /** The LXC branch installed on this machine (from `lxc-start --version`), if any. */
  lxc(): { version: LxcVersion | undefined; release?: string };
  /** The installed Podman release ("4.3.1"), from `podman --version`. */
  podman(): string | undefined;
  /**
   * Runs both detections at once without blocking the event loop (the language server starts
   * them at initialize and answers at once; the first validation waits for them). Afterwards
   * the synchronous answers above come from what was found.
   */
  detectAll(): Promise<void>;
}

/** One front door's detector: each program is run at most once. */
export function createDetector(): VersionDetector {
  let lxc: { value: LxcVersion | undefined; release?: string } | undefined;
  let podman: { release?: string } | undefined;
  const setLxc = (raw: string | undefined) => {
    const out = raw?.trim();
    return (lxc = { value: out ? branchOf(out) : undefined, release: out || undefined });
  };
  const setPodman = (out: string | undefined) => {
    const m = out ? /(\d+\.\d+(?:\.\d+)?)/.exec(out) : null;
    return (podman = { release: m?.[1] });
  };
  return {
    lxc() {
      const known = lxc ?? setLxc(run('lxc-start', ['--version']));
      return { version: known.value, release: known.release };
    },
    podman: () => (podman ?? setPodman(run('podman', ['--version']))).release,
    async detectAll() {
      await Promise.all([
        lxc ? undefined : runAsync('lxc-start', ['--version']).then((out) => lxc ?? setLxc(out)),
        podman ? undefined : runAsync('podman', ['--version']).then((out) => podman ?? setPodman(out)),
      ]);
    },
  };
}
