/**
 * Podman as an oracle for the files around containers.conf: storage.conf, registries.conf and
 * seccomp profiles. Every run happens in one private temporary directory (HOME, XDG dirs,
 * graph root, run root, tmp dir), with `--root`/`--runroot`/`--tmpdir` given on the command
 * line so that nothing under /var/lib/containers or /run/containers is touched even when the
 * file under test names those paths. The containers.conf podman reads is an empty file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS } from './paths';
import { podmanCommand } from './podmanShm';

export interface Verdict {
  ok: boolean;
  status: number | null;
  /** The last line podman wrote to stderr (its error, if any). */
  message: string;
  /** Whether podman warned that it did not decode some keys. */
  undecoded: boolean;
}

export function podmanMissing(): string | undefined {
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'podman is not installed (scripts/prepare.sh installs it when run as root)';
  }
}

/** Where Debian's shipped files are unpacked: the project corpus, or CTCONF_CORPUS. */
export function corpusFile(pkg: string, rel: string): string {
  return path.join(process.env.CTCONF_CORPUS ?? CORPUS, pkg, rel);
}

/** Why a test needing this corpus file cannot run (undefined when it can). */
export function corpusMissing(file: string): string | undefined {
  return fs.existsSync(file) ? undefined : `${file} not unpacked (add its package to CORPUS_PACKAGES in scripts/prepare.sh)`;
}

export class PodmanSandbox {
  readonly dir: string;
  private imported = false;
  private n = 0;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctconf-podfmt-'));
    for (const d of ['home', 'cfg', 'data', 'xdg', 'tmp']) fs.mkdirSync(path.join(this.dir, d), { mode: 0o700 });
    fs.writeFileSync(path.join(this.dir, 'containers.conf'), '');
    fs.writeFileSync(path.join(this.dir, 'storage.conf'), `[storage]\ndriver = "vfs"\ngraphroot = "${this.dir}/root"\nrunroot = "${this.dir}/run"\n`);
    fs.writeFileSync(path.join(this.dir, 'registries.conf'), '');
  }

  /** Writes `text` to a new file in the sandbox and returns its path. */
  file(text: string, name = 'f'): string {
    const f = path.join(this.dir, `${name}-${this.n++}`);
    fs.writeFileSync(f, text);
    return f;
  }

  private env(over: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: path.join(this.dir, 'home'),
      XDG_CONFIG_HOME: path.join(this.dir, 'cfg'),
      XDG_DATA_HOME: path.join(this.dir, 'data'),
      XDG_RUNTIME_DIR: path.join(this.dir, 'xdg'),
      TMPDIR: path.join(this.dir, 'tmp'),
      CONTAINERS_CONF: path.join(this.dir, 'containers.conf'),
      CONTAINERS_STORAGE_CONF: path.join(this.dir, 'storage.conf'),
      CONTAINERS_REGISTRIES_CONF: path.join(this.dir, 'registries.conf'),
    };
    return { ...env, ...over };
  }

  /**
   * The storage flags that keep every run inside the sandbox, whatever the file says. Podman
   * records the driver in its database under the graph root, so each run that may name another
   * driver gets fresh roots (`fresh`); the seccomp runs share one store holding the image.
   */
  private storageFlags(fresh: boolean, driver?: string): string[] {
    const tag = fresh ? `-${this.n++}` : '';
    const flags = ['--root', path.join(this.dir, `root${tag}`), '--runroot', path.join(this.dir, `run${tag}`), '--tmpdir', path.join(this.dir, 'tmp')];
    return driver ? [...flags, '--storage-driver', driver] : flags;
  }

  private run(args: string[], env: Record<string, string>, timeout = 30000): Verdict {
    // In the sandbox: a relative path in the file under test lands there, not in the repository.
    const r = spawnSync(...podmanCommand(args), { encoding: 'utf8', env: this.env(env), timeout, cwd: this.dir });
    const lines = (r.stderr ?? '').trim().split('\n').filter(Boolean);
    return { ok: r.status === 0, status: r.status, message: lines[lines.length - 1] ?? '', undecoded: /Failed to decode (the )?keys/.test(r.stderr ?? '') };
  }

  /**
   * `podman info` with `file` as storage.conf, in fresh roots inside the sandbox. The file's
   * driver is used (podman refuses unknown ones here); overlay and vfs work in a temporary
   * directory and leave no mount behind.
   */
  storageInfo(file: string): Verdict {
    const own = this.sandboxedStorage(file);
    if (own) return this.run(['--tmpdir', path.join(this.dir, 'tmp'), 'info', '--format', '{{.Store.GraphDriverName}}'], { CONTAINERS_STORAGE_CONF: own });
    return this.run([...this.storageFlags(true), 'info', '--format', '{{.Store.GraphDriverName}}'], { CONTAINERS_STORAGE_CONF: file });
  }

  /**
   * A copy of a storage.conf whose absolute `graphroot` and `runroot` strings in `[storage]`
   * point into fresh sandbox directories, everything else as written. Podman's `--root` flag
   * cannot be used for storage.conf itself: it also drops every `[storage.options]` driver
   * option, so their errors would never show. Undefined when the file has no plain `[storage]`
   * header line or does not write both roots as absolute strings (the flags are used then).
   */
  private sandboxedStorage(file: string): string | undefined {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const header = lines.findIndex((l) => /^\s*\[\s*storage\s*\]\s*(?:#.*)?$/.test(l));
    // Both roots written as absolute strings: a missing or odd one keeps its meaning with the flags.
    const plain = (key: string) => lines.some((l) => new RegExp(`^\\s*${key}\\s*=\\s*"/[^"]*"\\s*(?:#.*)?$`).test(l));
    if (header < 0 || !plain('graphroot') || !plain('runroot')) return undefined;
    const tag = this.n++;
    const roots: Record<string, string> = { graphroot: path.join(this.dir, `root-${tag}`), runroot: path.join(this.dir, `run-${tag}`) };
    const end = lines.findIndex((l, i) => i > header && /^\s*\[/.test(l));
    for (const key of Object.keys(roots)) {
      const at = lines.findIndex((l, i) => i > header && (end < 0 || i < end) && new RegExp(`^\\s*${key}\\s*=`).test(l));
      if (at < 0) return undefined;
      lines[at] = lines[at].replace(new RegExp(`^(\\s*${key}\\s*=\\s*)"/[^"]*"`), `$1"${roots[key]}"`);
    }
    const copy = path.join(this.dir, `storage-${tag}.conf`);
    fs.writeFileSync(copy, lines.join('\n'));
    return copy;
  }

  /** `podman info` with `file` as registries.conf (exit 125 when podman refuses it). */
  registriesInfo(file: string): Verdict {
    return this.run([...this.storageFlags(true, 'vfs'), 'info', '--format', '{{.Registries}}'], { CONTAINERS_REGISTRIES_CONF: file });
  }

  /** `podman create --security-opt seccomp=FILE` of an empty image imported offline. */
  seccompCreate(file: string): Verdict {
    if (!this.imported) {
      const tar = path.join(this.dir, 'empty.tar');
      if (spawnSync('tar', ['cf', tar, '--files-from', '/dev/null']).status !== 0) throw new Error('tar failed');
      const r = spawnSync(...podmanCommand([...this.storageFlags(false, 'vfs'), 'import', tar, 'localhost/ctconf-empty']), { encoding: 'utf8', env: this.env({}) });
      if (r.status !== 0) throw new Error(`podman import failed: ${r.stderr}`);
      this.imported = true;
    }
    return this.run([...this.storageFlags(false, 'vfs'), 'create', '--network', 'none', '--security-opt', `seccomp=${file}`, 'localhost/ctconf-empty', '/none'], {});
  }

  dispose(): void {
    spawnSync(...podmanCommand([...this.storageFlags(false, 'vfs'), 'rm', '-a', '-f']), { env: this.env({}), stdio: 'ignore' });
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
