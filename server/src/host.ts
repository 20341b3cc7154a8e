/**
 * What the language service may ask of the machine it runs on. The CLI and the server
 * pass a file-system host; tests pass an in-memory one. Nothing here touches the network.
 * Calls are synchronous: they only stat small files, and never open anything that is
 * not a regular file (a FIFO or a device would block).
 */

export type FileType = 'file' | 'directory' | 'other';

export interface Host {
  /** File type after following symlinks, or undefined when the path does not exist. */
  stat(path: string): { type: FileType; size: number } | undefined;
  /** Contents of a regular file as UTF-8, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Raw bytes of a regular file (for gzipped man pages), or undefined. */
  readBytes?(path: string): Uint8Array | undefined;
  /** Entry names of a directory, in the order the file system returns them. */
  readDir(path: string): string[] | undefined;
  /** A variable of the environment configs are loaded in. */
  env(name: string): string | undefined;
  /** Directory that relative paths are resolved against. */
  cwd(): string;
  /** Highest capability number the running kernel knows (/proc/sys/kernel/cap_last_cap). */
  capLastCap(): number;
  /** User ID of the person editing (rootless Podman reads more files); 0 when unknown. */
  uid?(): number;
  /** User ID that owns a file (after following symlinks), or undefined when unknown. */
  fileOwner?(path: string): number | undefined;
}

/** Capability numbers known to current kernels: CAP_CHOWN (0) … CAP_CHECKPOINT_RESTORE (40). */
export const DEFAULT_CAP_LAST_CAP = 40;

/** An in-memory host for tests and for untrusted workspaces. */
export function memoryHost(files: Record<string, string | Uint8Array> = {}, options: { env?: Record<string, string>; cwd?: string; capLastCap?: number; uid?: number; owners?: Record<string, number> } = {}): Host {
  const dirs = new Set<string>(['/']);
  for (const f of Object.keys(files)) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/') || '/');
  }
  const norm = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  return {
    stat(path) {
      const p = norm(path);
      if (p in files) return { type: 'file', size: files[p].length };
      if (dirs.has(p)) return { type: 'directory', size: 0 };
      return undefined;
    },
    readFile(path) {
      const f = files[norm(path)];
      return typeof f === 'string' ? f : f === undefined ? undefined : Buffer.from(f).toString('utf8');
    },
    readBytes(path) {
      const f = files[norm(path)];
      return typeof f === 'string' ? Buffer.from(f, 'utf8') : f;
    },
    readDir(path) {
      const p = norm(path);
      if (!dirs.has(p)) return undefined;
      const prefix = p === '/' ? '/' : `${p}/`;
      const names = new Set<string>();
      for (const f of [...Object.keys(files), ...dirs]) {
        if (f.startsWith(prefix) && f !== p) names.add(f.slice(prefix.length).split('/')[0]);
      }
      return [...names];
    },
    env: (name) => options.env?.[name],
    cwd: () => options.cwd ?? '/',
    capLastCap: () => options.capLastCap ?? DEFAULT_CAP_LAST_CAP,
    uid: () => options.uid ?? 0,
    fileOwner: (path) => (norm(path) in files ? (options.owners?.[norm(path)] ?? options.uid ?? 0) : undefined),
  };
}
