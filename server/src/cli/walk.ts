/**
 * The files a `ctconf check` run looks at: each argument that is a file (or -) as given, and
 * the regular files inside each argument that is a directory. The walk is bounded: symbolic
 * links to directories are followed once (a directory already visited is skipped, so a link
 * loop ends), sockets, FIFOs and devices are skipped without being opened, and depth and the
 * number of entries have limits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Host } from '../host';
import { hostStat } from '../nodeHost';

export const MAX_DEPTH = 32;
export const MAX_ENTRIES = 200_000;
/** Directories never entered by a walk (they may still be given as arguments). */
export const SKIPPED_DIRECTORIES: readonly string[] = ['.git', 'node_modules', 'rootfs'];

export interface Candidate {
  /** The path as shown in the output: the argument, or the argument joined with the names below it. */
  path: string;
  /** Named on the command line (an error when it cannot be read or recognised), not found by a walk. */
  explicit: boolean;
  /**
   * Its stat, when the walk made one: the run's host snapshot keeps it as the answer for this
   * path. In the host's small form: 2,000 fs.Stats (four Date objects each) kept for a whole run
   * were 1.8 MB that every garbage collection of the run copied.
   */
  stat?: NonNullable<ReturnType<Host['stat']>>;
  /** Its stat, or its directory entry's type, says it is a regular file (so it is opened without another stat). */
  regular: boolean;
}

export interface WalkResult {
  files: Candidate[];
  /** Problems to report (exit 2): a directory that cannot be read, a limit reached. */
  problems: string[];
}

/** A test for `--exclude` globs: against the path relative to the working directory, the absolute path, and (for globs without /) the name. */
export function excluder(globs: readonly string[], cwd: string): (p: string) => boolean {
  if (globs.length === 0) return () => false;
  const full = picomatch([...globs], { dot: true });
  const names = globs.filter((g) => !g.includes('/'));
  const byName = names.length > 0 ? picomatch(names, { dot: true }) : () => false;
  return (p) => {
    const abs = path.resolve(cwd, p);
    const rel = path.relative(cwd, abs) || '.';
    return full(rel) || full(abs) || byName(path.basename(abs));
  };
}

export function collectFiles(args: readonly string[], excluded: (p: string) => boolean, cwd: string): WalkResult {
  const abs = (p: string) => path.resolve(cwd, p);
  const files: Candidate[] = [];
  const problems: string[] = [];
  const visited = new Set<string>();
  let entries = 0;
  let stopped = false;

  const walk = (dir: string, depth: number): void => {
    if (stopped) return;
    if (depth > MAX_DEPTH) {
      problems.push(`${dir}: deeper than ${MAX_DEPTH} directories; not entered`);
      return;
    }
    let st: fs.Stats;
    let names: fs.Dirent[];
    try {
      st = fs.statSync(abs(dir));
      const id = `${st.dev}:${st.ino}`;
      if (visited.has(id)) return;
      visited.add(id);
      names = fs.readdirSync(abs(dir), { withFileTypes: true });
    } catch (e) {
      problems.push(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      if (++entries > MAX_ENTRIES) {
        problems.push(`stopped after ${MAX_ENTRIES} entries; name fewer directories or use --exclude`);
        stopped = true;
        return;
      }
      const p = path.join(dir, d.name);
      if (excluded(p)) continue;
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        try {
          const t = fs.statSync(abs(p));
          isDir = t.isDirectory();
          isFile = t.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) {
        if (!SKIPPED_DIRECTORIES.includes(d.name)) walk(p, depth + 1);
      } else if (isFile) files.push({ path: p, explicit: false, regular: true });
      // FIFOs, sockets and devices are never opened.
    }
  };

  for (const a of args) {
    if (a === '-') {
      files.push({ path: a, explicit: true, regular: false });
      continue;
    }
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs(a));
    } catch {
      // Not there or not readable: the read reports it.
    }
    if (st?.isDirectory()) walk(a, 0);
    else if (!excluded(a)) files.push({ path: a, explicit: true, stat: st && hostStat(st), regular: st?.isFile() === true });
  }
  return { files, problems };
}
