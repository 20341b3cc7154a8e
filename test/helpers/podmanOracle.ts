/** Podman as an oracle: `CONTAINERS_CONF=FILE podman --version` loads and validates FILE. */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { podmanCommand, shmIsPrivate } from './podmanShm';

export function podmanMissing(): string | undefined {
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore', env: podmanEnv('/dev/null') });
    return undefined;
  } catch {
    return 'podman is not installed (scripts/prepare.sh installs it when run as root)';
  }
}

export function podmanRelease(): string | undefined {
  try {
    return /(\d+\.\d+\.\d+)/.exec(execFileSync('podman', ['--version'], { encoding: 'utf8', env: podmanEnv('/dev/null') }))?.[1];
  } catch {
    return undefined;
  }
}

let storageConf: string | undefined;
/** An environment that reads only `file` and keeps storage in a temporary directory. */
function podmanEnv(file: string): NodeJS.ProcessEnv {
  if (!storageConf) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-podman-'));
    storageConf = path.join(dir, 'storage.conf');
    fs.writeFileSync(storageConf, `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/graph"\nrunroot = "${dir}/run"\n`);
  }
  return { ...process.env, CONTAINERS_CONF: file, CONTAINERS_STORAGE_CONF: storageConf, XDG_CONFIG_HOME: path.dirname(storageConf) };
}

/** Whether podman loads the file: exit 0 of `podman --version`, plus its error line. */
export function podmanLoads(file: string): { ok: boolean; message: string } {
  const r = spawnSync('podman', ['--version'], { encoding: 'utf8', env: podmanEnv(file), timeout: 20000 });
  return { ok: r.status === 0, message: (r.stderr ?? '').trim().split('\n')[0] ?? '' };
}

let imported = false;
/**
 * Whether `podman create` accepts a container with the config in `file` (capability names
 * are only checked there). Uses an empty image imported offline into temporary storage.
 */
export function podmanCreates(file: string): { ok: boolean; message: string } {
  const env = podmanEnv(file);
  if (!imported) {
    const tar = path.join(path.dirname(storageConf ?? os.tmpdir()), 'empty.tar');
    if (spawnSync('tar', ['cf', tar, '--files-from', '/dev/null']).status !== 0) throw new Error('tar failed');
    const r = spawnSync(...podmanCommand(['import', tar, 'localhost/ctconf-empty']), { encoding: 'utf8', env: podmanEnv('/dev/null') });
    if (r.status !== 0) throw new Error(`podman import failed: ${r.stderr}`);
    imported = true;
  }
  const r = spawnSync(...podmanCommand(['create', '--network', 'none', 'localhost/ctconf-empty', '/none']), { encoding: 'utf8', env, timeout: 30000 });
  const message = (r.stderr ?? '').trim().split('\n').pop() ?? '';
  // without a private /dev/shm, each container holds an entry of the host's lock table until removed
  const id = r.status === 0 && !shmIsPrivate() ? /^[0-9a-f]{64}$/m.exec(r.stdout ?? '')?.[0] : undefined;
  if (id) spawnSync('podman', ['rm', '--force', id], { stdio: 'ignore', env, timeout: 30000 });
  if (message.includes('exceeded num_locks')) {
    throw new Error(`podman's lock table on this host is full (${message}); containers left by other runs hold it. \`podman system renumber\` as root, or a reboot, frees it.`);
  }
  return { ok: r.status === 0, message };
}
