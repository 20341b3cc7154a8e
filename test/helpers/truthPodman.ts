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

export class IsolatedPodman {
  private readonly storageConf: string;
  private readonly scratch: string;

  constructor(private readonly root: string) {
    this.scratch = path.join(root, 'scratch');
    fs.mkdirSync(this.scratch, { recursive: true });
    this.storageConf = path.join(root, 'storage.conf');
    fs.writeFileSync(this.storageConf, `[storage]\ndriver = "vfs"\ngraphroot = "${root}/graph"\nrunroot = "${root}/run"\n`);
  }

  private env(conf: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const k of ['PATH', 'LANG', 'TERM']) if (process.env[k]) env[k] = process.env[k];
    return { ...env, HOME: this.scratch, XDG_CONFIG_HOME: this.scratch, XDG_RUNTIME_DIR: '', TMPDIR: this.scratch,
      CONTAINERS_CONF: conf, CONTAINERS_STORAGE_CONF: this.storageConf, CONTAINERS_REGISTRIES_CONF: '/dev/null', TRUTH_SCRATCH: this.scratch };
  }

  private args(cmd: string[]): string[] {
    return ['-m', '--propagation', 'private', 'sh', '-c', ISOLATE, 'truth', 'podman', ...cmd];
  }

  /** Imports an empty image (offline) for `podman create`. */
  prepareImage(): void {
    const tar = path.join(this.root, 'empty.tar');
    const r1 = spawnSync('tar', ['cf', tar, '--files-from', '/dev/null']);
    if (r1.status !== 0) throw new Error('tar failed');
    const r = spawnSync('unshare', this.args(['import', tar, 'localhost/truth-empty']), { encoding: 'utf8', env: this.env('/dev/null'), timeout: 120000 });
    if (r.status !== 0) throw new Error(`podman import failed: ${r.stderr}`);
  }

  private run(conf: string, cmd: string[], timeout: number): Promise<{ status: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn('unshare', this.args(cmd), { env: this.env(conf), stdio: ['ignore', 'ignore', 'pipe'] });
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
    for (const [step, cmd] of steps) {
      if (!want.includes(step)) continue;
      const r = await this.run(conf, cmd, 60000);
      if (r.status !== 0) {
        const lines = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
        const err = lines.find((l) => /level=(error|fatal)|^Error:/.test(l)) ?? lines[lines.length - 1] ?? `exit ${r.status}`;
        return { ok: false, step, message: err.replace(/^time="[^"]*" level=\w+ msg=/, '') };
      }
    }
    return { ok: true, message: '' };
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
