/**
 * LXD (Debian 12's `lxd` 5.0.2) as an oracle for Incus/LXD instance and profile YAML: a private
 * daemon (its own LXD_DIR in a temporary directory, no network, a `dir` storage pool) judges
 * each `config:` map twice — `lxc profile edit` (key names, types, cross-key rules, raw.lxc's
 * refused keys) and `lxc init --empty` with that profile (raw.idmap is parsed there). It never
 * starts a container, so what liblxc itself refuses in raw.lxc is out of its reach (the liblxc
 * oracle covers that). Needs root (the daemon mounts two small tmpfs in its directory).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface LxdVerdict {
  ok: boolean;
  /** LXD's error line when it refused. */
  message: string;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).status === 0;
}

/** Why the oracle cannot run here, or undefined when it can (the daemon itself is tried in `start`). */
export function lxdMissing(): string | undefined {
  if (process.platform !== 'linux') return 'LXD runs on Linux only';
  if (!has('lxd') || !has('lxc')) return 'lxd is not installed (scripts/prepare.sh installs Debian\'s lxd 5.0.2 when run as root)';
  if (process.getuid?.() !== 0) return 'the LXD daemon needs root';
  return undefined;
}

export class LxdSandbox {
  private n = 0;
  private constructor(readonly dir: string, private readonly daemon: ChildProcess, private readonly log: () => string) {}

  private run(args: string[], input?: string): { status: number | null; out: string } {
    const r = spawnSync('lxc', args, { input, encoding: 'utf8', env: { ...process.env, LXD_DIR: this.dir }, timeout: 60000 });
    return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
  }

  /** Starts a private daemon; throws with the daemon's log when it does not come up. */
  static start(): LxdSandbox {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-lxd-'));
    let log = '';
    const daemon = spawn('lxd', ['--group', 'root'], { env: { ...process.env, LXD_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    daemon.stdout!.on('data', (d) => (log += d));
    daemon.stderr!.on('data', (d) => (log += d));
    const box = new LxdSandbox(dir, daemon, () => log);
    const ready = spawnSync('lxd', ['waitready', '--timeout', '60'], { env: { ...process.env, LXD_DIR: dir }, encoding: 'utf8' });
    const pool = ready.status === 0 ? box.run(['storage', 'create', 'pool', 'dir']) : undefined;
    if (ready.status !== 0 || pool?.status !== 0) {
      const why = `${ready.stderr ?? ''} ${pool?.out ?? ''}\n${log.split('\n').slice(-5).join('\n')}`;
      box.stop();
      throw new Error(`the LXD daemon did not come up: ${why}`);
    }
    return box;
  }

  /** Does LXD accept this `config:` map (a YAML or JSON document) for a profile and an instance using it? */
  judge(profileYaml: string): LxdVerdict {
    const id = ++this.n;
    const profile = `p${id}`;
    const instance = `c${id}`;
    try {
      const created = this.run(['profile', 'create', profile]);
      if (created.status !== 0) throw new Error(`lxc profile create failed: ${created.out}`);
      const edit = this.run(['profile', 'edit', profile], profileYaml);
      if (edit.status !== 0) return { ok: false, message: edit.out };
      const init = this.run(['init', '--empty', instance, '-p', 'default', '-p', profile, '-s', 'pool']);
      return { ok: init.status === 0, message: init.status === 0 ? '' : init.out.split('\n').filter((l) => /error/i.test(l)).join(' ') || init.out };
    } finally {
      this.run(['delete', '--force', instance]);
      this.run(['profile', 'delete', profile]);
    }
  }

  stop(): void {
    spawnSync('lxd', ['shutdown', '--timeout', '30'], { env: { ...process.env, LXD_DIR: this.dir }, timeout: 40000 });
    if (this.daemon.exitCode === null) this.daemon.kill('SIGKILL');
    // The daemon unmounts its tmpfs on shutdown; a killed one may leave them.
    for (const m of ['shmounts', 'devlxd']) spawnSync('umount', [path.join(this.dir, m)], { stdio: 'ignore' });
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  daemonLog(): string {
    return this.log();
  }
}
