/**
 * Podman as an oracle with no side effects on the host: each command runs in a private mount
 * namespace where /dev/shm, /run, /var/tmp, /var/lib/containers and /etc/containers are fresh
 * tmpfs, with vfs storage and the working directory in a private scratch directory.
 * Steps: `podman --version` (load), `podman info` (engine set-up), `podman create` (container
 * level values; it sets the engine up too), each only when the previous one passed.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type PodmanStep = 'load' | 'info' | 'create';

export interface PodmanVerdict {
  ok: boolean;
  /** The step that refused, when one did. */
  step?: PodmanStep;
  /** `podman create` ran. */
  created?: boolean;
  message: string;
}

const ISOLATE = [
  'set -e',
  'for d in /dev/shm /run /var/tmp /etc/containers; do mount -t tmpfs truth "$d"; done',
  'for d in /var/lib/containers /etc/cni; do if [ -d "$d" ]; then mount -t tmpfs truth "$d"; fi; done',
  // podman import needs a signature policy; the real one is hidden by the tmpfs
  'echo \'{"default":[{"type":"insecureAcceptAnything"}]}\' > /etc/containers/policy.json',
  'cd "$TRUTH_SCRATCH"',
  'exec "$@"',
].join('\n');

/** Why the isolated oracle cannot run here, or undefined. */
export function truthPodmanMissing(): string | undefined {
  const v = spawnSync('podman', ['--version'], { encoding: 'utf8', env: { ...process.env, CONTAINERS_CONF: '/dev/null' } });
  if (v.status !== 0) return 'podman is not installed (scripts/prepare.sh installs it when run as root)';
  const u = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs truth /var/tmp'], { encoding: 'utf8' });
  if (u.status !== 0) return `cannot isolate podman in a private mount namespace (needs root): ${(u.stderr ?? '').trim()}`;
  return undefined;
}

/**
 * Every `create` runs on its own copy of a pristine storage (with the empty image) and its own
 * scratch directory, so no verdict depends on what an earlier case left behind (containers
 * needing locks, a libpod database remembering other directories).
 */
export class IsolatedPodman {
  private readonly pristine: string;
  private readonly loads: string;
  private serial = 0;

  constructor(private readonly root: string) {
    this.pristine = this.space('pristine');
    this.loads = this.space('loads');
  }

  /** A storage configuration and scratch directory under `root/name`. */
  private space(name: string): string {
    const dir = path.join(this.root, name);
    fs.mkdirSync(path.join(dir, 'scratch'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'storage.conf'), `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/graph"\nrunroot = "${dir}/run"\n`);
    return dir;
  }

  private env(conf: string, space: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const k of ['PATH', 'LANG', 'TERM']) if (process.env[k]) env[k] = process.env[k];
    const scratch = path.join(space, 'scratch');
    return { ...env, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_RUNTIME_DIR: '', TMPDIR: scratch, CONTAINERS_CONF: conf,
      CONTAINERS_STORAGE_CONF: path.join(space, 'storage.conf'), CONTAINERS_REGISTRIES_CONF: '/dev/null', TRUTH_SCRATCH: scratch };
  }

  private args(cmd: string[]): string[] {
    return ['-m', '--propagation', 'private', 'sh', '-c', ISOLATE, 'truth', 'podman', ...cmd];
  }

  /** Imports an empty image (offline) for `podman create`. */
  prepareImage(): void {
    const tar = path.join(this.root, 'empty.tar');
    const r1 = spawnSync('tar', ['cf', tar, '--files-from', '/dev/null']);
    if (r1.status !== 0) throw new Error('tar failed');
    const r = spawnSync('unshare', this.args(['import', tar, 'localhost/truth-empty']), { encoding: 'utf8', env: this.env('/dev/null', this.pristine), timeout: 120000 });
    if (r.status !== 0) throw new Error(`podman import failed: ${r.stderr}`);
  }

  private run(conf: string, cmd: string[], space: string, timeout: number): Promise<{ status: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn('unshare', this.args(cmd), { env: this.env(conf, space), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        if (stderr.length < 20000) stderr += d;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stderr });
      });
    });
  }

  /** Runs the wanted steps in order; stops at the first refusal. */
  async verdict(conf: string, want: PodmanStep[]): Promise<PodmanVerdict> {
    const steps: Array<[PodmanStep, string[]]> = [
      ['load', ['--version']],
      ['info', ['info', '--format', '{{.Host.OCIRuntime.Name}}']],
      ['create', ['create', '--pull=never', '--network', 'none', 'localhost/truth-empty', '/none']],
    ];
    // loading does not depend on storage: one shared space serves; later steps get a copy of the pristine one
    let space = this.loads;
    let created = false;
    try {
      for (const [step, cmd] of steps) {
        if (!want.includes(step)) continue;
        if (step !== 'load' && space === this.loads) {
          space = this.space(`case-${++this.serial}`);
          fs.cpSync(path.join(this.pristine, 'graph'), path.join(space, 'graph'), {
            recursive: true,
            verbatimSymlinks: true,
            // not the device node Podman makes again when missing, and not libpod's database:
            // it records the pristine directories, and Podman would go on using them
            filter: (src) => !['backingFsBlockDev', 'libpod'].includes(path.basename(src)),
          });
        }
        const r = await this.run(conf, cmd, space, 60000);
        if (step === 'create') created = true;
        if (r.status !== 0) {
          const lines = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
          const err = lines.find((l) => /level=(error|fatal)|^Error:/.test(l)) ?? lines[lines.length - 1] ?? (r.status === null ? 'killed after 60 s' : `exit ${r.status}`);
          const message = err.replace(/^time="[^"]*" level=\w+ msg=/, '').replace(/reading system config \\?".*?\\?": decode configuration \S+: /, '');
          return { ok: false, step, message, created };
        }
      }
      return { ok: true, message: '', created };
    } finally {
      if (space !== this.loads) fs.rmSync(space, { recursive: true, force: true });
    }
  }
}

/** Runs `fn` over `items` with at most `width` at a time, keeping order. */
export async function pool<T, R>(items: T[], width: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}
