/**
 * Path values as liblxc stores them (set_config_path_item): the path is first simplified
 * (repeated `/`, `/./` and a trailing `/` dropped; `..` kept) and must then be shorter than
 * PATH_MAX (4096 bytes). lxc.log.file is also opened, and its directories created, while
 * the config loads.
 */
import type { FileType } from '../host';
import type { LxcKey } from './keys';
import type { ValueContext, ValueIssue } from './values';

/** PATH_MAX on Linux: a stored path must be shorter (its NUL byte included). */
export const PATH_MAX = 4096;
/** NAME_MAX on Linux file systems: the longest name of one directory entry. */
export const NAME_MAX = 255;

/** liblxc's path_simplify, character for character. */
export function pathSimplify(path: string): string {
  if (path === '') return path;
  const absolute = path[0] === '/';
  let out = '';
  let i = 0;
  let slash = false;
  let ignoreSlash = false;
  const dotSegment = (k: number): boolean => path[k] === '.' && (k + 1 === path.length || path[k + 1] === '/');
  if (dotSegment(0)) {
    ignoreSlash = true;
    i = 1;
  }
  for (; i < path.length; i++) {
    const c = path[i];
    if (c === '/') {
      slash = true;
      continue;
    }
    if (slash) {
      if (dotSegment(i)) continue;
      slash = false;
      if (ignoreSlash) ignoreSlash = false;
      else out += '/';
    }
    out += c;
  }
  if (out === '') out = absolute ? '/' : '.';
  return out;
}

/** Whether liblxc refuses the path as too long (measured after simplification, in bytes). */
export function pathTooLong(path: string): boolean {
  // A path shorter than PATH_MAX characters cannot reach PATH_MAX bytes once simplified
  // unless it holds non-ASCII characters; the common case needs no copy.
  if (path.length < PATH_MAX / 4) return false;
  return Buffer.byteLength(pathSimplify(path), 'utf8') >= PATH_MAX;
}

export type StatType = (path: string) => FileType | undefined;

/**
 * Why opening a log file at `path` (already simplified) fails, or undefined: a name longer
 * than NAME_MAX; on this host, a directory on the way is a file (the directories are created
 * as needed, so missing ones are fine), or the path names a directory.
 */
export function logFileProblem(path: string, cwd: string, stat: StatType): { text: string; hostDependent: boolean } | undefined {
  // Creating or opening a name longer than NAME_MAX fails on every Linux file system.
  const long = path.split('/').find((part) => part.length > NAME_MAX / 4 && Buffer.byteLength(part, 'utf8') > NAME_MAX);
  if (long !== undefined) return { text: `the name \`${long.slice(0, 16)}…\` is longer than the ${NAME_MAX} bytes a file name may have`, hostDependent: false };
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/+$/, '')}/${path}`;
  // Every prefix that ends before a `/` must be (or become) a directory.
  for (let at = abs.indexOf('/', 1); at !== -1; at = abs.indexOf('/', at + 1)) {
    const prefix = abs.slice(0, at);
    const t = stat(prefix);
    if (t !== undefined && t !== 'directory') return { text: `\`${prefix}\` is not a directory on this host`, hostDependent: true };
  }
  if (stat(abs) === 'directory') return { text: `\`${abs}\` is a directory on this host`, hostDependent: true };
  return undefined;
}

/** No issues: one shared, frozen answer. */
const NONE: ValueIssue[] = Object.freeze([]) as unknown as ValueIssue[];

export const tooLong = (name: string): string =>
  `The path for ${name} is ${PATH_MAX} bytes or longer once LXC drops repeated \`/\`, \`/./\` and a trailing \`/\`; LXC's limit is ${PATH_MAX - 1} bytes.`;

/** A path key's value: its length after simplification, and what opening it at load meets. */
export function checkPath(key: LxcKey, value: string, ctx: ValueContext): ValueIssue[] {
  const name = ctx.key;
  // `[type:]path`: the storage type before the first `:` is stored as a path too.
  const colon = key.storagePrefix ? value.indexOf(':') : -1;
  const parts = colon === -1 ? [[0, value.length]] : [[0, colon], [colon + 1, value.length]];
  for (const [start, end] of parts) {
    if (pathTooLong(value.slice(start, end))) return [{ code: 'lxc/invalid-value', message: tooLong(name), start, end }];
  }
  if (key.openedAtLoad) {
    const problem = logFileProblem(pathSimplify(value), ctx.cwd, ctx.stat);
    if (problem) {
      const where = problem.hostDependent ? ' here. This depends on the host that loads the config.' : '.';
      return [{ code: 'lxc/invalid-value', start: 0, end: value.length, message: `LXC opens ${name} (creating missing directories) while it reads the config, and ${problem.text}, so LXC refuses the config${where}` }];
    }
  }
  return NONE;
}
