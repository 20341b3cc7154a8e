/**
 * What the language service may ask of the machine it runs on. The CLI and the server
 * pass a file-system host; tests pass an in-memory one. Nothing here touches the network.
 * Calls are synchronous: they only stat small files, and never open anything that is
 * not a regular file (a FIFO or a device would block).
 */

export type FileType = 'file' | 'directory' | 'other';

export interface Host {
  /**
   * File type after following symlinks, or undefined when the path does not exist.
   * `mtimeMs` (modification time) lets callers reuse what they parsed from a file.
   * `nullDevice` marks the character device /dev/null (major 1, minor 3), which reads as
   * empty: the one device a caller may treat as an empty file (found by stat, never opened).
   * `uid` is the owner, when the host knows it (as `fileOwner` gives it).
   */
  stat(path: string): { type: FileType; size: number; mtimeMs?: number; nullDevice?: boolean; uid?: number } | undefined;
  /** Contents of a regular file as UTF-8, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Raw bytes of a regular file (for gzipped man pages), at most `maxBytes` of them; undefined when it cannot be read or is larger. */
  readBytes?(path: string, maxBytes?: number): Uint8Array | undefined;
  /** Names in the directory in the order the file system gives them (as readdir; not sorted). */
  readDir(path: string): string[] | undefined;
  /** A variable of the environment configs are loaded in. */
  env(name: string): string | undefined;
  /** Directory that relative paths are resolved against. */
  cwd(): string;
  /**
   * Highest capability number the running kernel knows (/proc/sys/kernel/cap_last_cap), or
   * undefined when it is not known (Restricted Mode, another OS, an unreadable /proc): then
   * no check may depend on it (it is never guessed).
   */
  capLastCap(): number | undefined;
  /** User ID of the person editing (rootless Podman reads more files); 0 when unknown. */
  uid?(): number;
  /** User ID that owns a file (after following symlinks), or undefined when unknown. */
  fileOwner?(path: string): number | undefined;
  /** Its answers never change while it lives (a CLI run's snapshot): what was asked need not be asked again. */
  readonly stable?: boolean;
}

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
    readBytes(path, maxBytes = Infinity) {
      const f = files[norm(path)];
      const b = typeof f === 'string' ? Buffer.from(f, 'utf8') : f;
      return b && b.length <= maxBytes ? b : undefined;
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
    capLastCap: () => options.capLastCap,
    uid: () => options.uid ?? 0,
    fileOwner: (path) => (norm(path) in files ? (options.owners?.[norm(path)] ?? options.uid ?? 0) : undefined),
  };
}
