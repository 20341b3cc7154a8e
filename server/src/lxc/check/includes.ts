/**
 * lxc.include: a file is replayed in the current state at the include line, as liblxc
 * does; a directory's `*.conf` files in readdir() order. Cycles, depth and the number of
 * files followed are bounded (liblxc has no limit and crashes on a cycle).
 */
import { range, type Finding } from '../../diagnostic';
import type { LxcDocument, LxcLine } from '../parser';
import { resolvePath } from '../../util/paths';
import { pathToUri } from '../../util/uri';
import { ruleInfo } from '../../rules';
import { readIncluded } from './includeCache';
import type { CheckState, IncludeInfo } from './state';

/** Deepest include nesting followed; liblxc has no limit and crashes on cycles. */
export const MAX_INCLUDE_DEPTH = 16;
/** Most files followed from one document (a directory of 10,000 files must not stall). */
const MAX_INCLUDED_FILES = 256;

/** Replays a parsed file in the current state (check/walk.ts). */
export type Walk = (s: CheckState, doc: LxcDocument) => void;

export function checkInclude(s: CheckState, l: LxcLine, walk: Walk): void {
  const { host } = s.opts;
  const p = l.value;
  const abs = resolvePath(host.cwd(), p);
  if (!p.startsWith('/') && s.depth === 0) {
    s.out.push({
      code: 'lxc/include-relative',
      message: `LXC resolves the relative path \`${p}\` against the working directory of the command that loads the config, not against this file's folder. Use an absolute path.`,
      range: s.valueRange(l),
    });
  }
  if (s.opts.restricted) return;
  const st = host.stat(abs);
  const info: IncludeInfo = { line: l.line, path: abs, kind: 'missing', files: [] };
  if (s.depth === 0) {
    s.effective.includes.push(info);
    s.includeRanges.set(l.line, range(l.line, l.keyStart, Math.max(l.rawEnd, l.keyEnd)));
  }
  if (p.endsWith('/') || st?.type === 'directory') {
    if (!st) return; // a missing directory is fine when the path ends in '/'
    if (st.type !== 'directory') {
      s.out.push({ code: 'lxc/include-missing', message: `\`${p}\` ends with \`/\` but is not a directory, and LXC refuses the config.`, range: s.valueRange(l) });
      return;
    }
    info.kind = 'directory';
    includeDirectory(s, l, abs, info, walk);
    return;
  }
  if (!st) {
    s.out.push({ code: 'lxc/include-missing', message: `The included file \`${p}\` does not exist, and LXC refuses the config. (A directory that may be missing must end with \`/\`.)`, range: s.valueRange(l) });
    return;
  }
  if (st.type === 'other') {
    s.out.push({ code: 'lxc/include-missing', message: `\`${p}\` is not a regular file or directory (a FIFO or a device?); LXC would block or fail reading it.`, range: s.valueRange(l) });
    return;
  }
  info.kind = 'file';
  info.files.push(abs);
  includeFile(s, abs, l, walk);
}

function includeDirectory(s: CheckState, l: LxcLine, abs: string, info: IncludeInfo, walk: Walk): void {
  // liblxc reads the entries in readdir() order, not sorted, and only names ending in .conf.
  const names = (s.opts.host.readDir(abs) ?? []).filter((n) => n.length >= 6 && n.endsWith('.conf'));
  const setters = new Map<string, string[]>();
  for (const n of names) {
    const file = `${abs.replace(/\/+$/, '')}/${n}`;
    info.files.push(file);
    // What changes while the file is read is recorded as it happens (with the value
    // before it), so a big config is not copied once per included file.
    const outer = s.changed;
    const mine = (s.changed = new Map());
    try {
      includeFile(s, file, l, walk);
    } finally {
      s.changed = outer;
      // Changes seen while reading this file happened inside the enclosing file too.
      if (outer) for (const [k, v] of mine) if (!outer.has(k)) outer.set(k, v);
    }
    for (const [k, prev] of mine) {
      const v = s.effective.values.get(k);
      if (v && v.file === file && (prev === undefined || prev.value !== v.value)) setters.set(k, [...(setters.get(k) ?? []), n]);
    }
  }
  const clash = [...setters].find(([, files]) => files.length > 1);
  if (clash && s.depth === 0) {
    s.out.push({
      code: 'lxc/include-order',
      message: `\`${clash[1].join('` and `')}\` in this directory both set ${clash[0]}. LXC reads the directory in file-system order, not alphabetically, so which value wins is not defined.`,
      range: s.valueRange(l),
    });
  }
}

/** Reads an included file and replays it in the current state, as liblxc does. */
function includeFile(s: CheckState, file: string, l: LxcLine, walk: Walk): void {
  if (s.stack.includes(file)) {
    const chain = [...s.stack.slice(s.stack.indexOf(file)), file].map((f) => f.split('/').pop()).join(' → ');
    s.out.push({
      code: 'lxc/include-cycle',
      message: `\`${file}\` is already being read (${chain}): this include never ends, and liblxc recurses until it crashes. Remove the include.`,
      range: s.valueRange(l),
    });
    return;
  }
  if (s.depth >= MAX_INCLUDE_DEPTH) {
    s.out.push({ code: 'lxc/include-cycle', message: `Includes are nested more than ${MAX_INCLUDE_DEPTH} deep here; ctconf stops following them.`, range: s.valueRange(l) });
    return;
  }
  if (++s.filesFollowed > MAX_INCLUDED_FILES) {
    if (s.filesFollowed === MAX_INCLUDED_FILES + 1) s.out.push({ code: 'lxc/include-missing', message: `More than ${MAX_INCLUDED_FILES} files are included; ctconf does not check the rest.`, range: s.valueRange(l) });
    return;
  }
  const doc = readIncluded(s.opts.host, file, s.opts.includes);
  if (doc === undefined) {
    s.out.push({ code: 'lxc/include-missing', message: `\`${file}\` cannot be read, and LXC refuses the config.`, range: s.valueRange(l) });
    return;
  }
  const saved = { out: s.out, lastSet: s.lastSet, file: s.file };
  const inner: Finding[] = [];
  s.out = inner;
  s.lastSet = new Map();
  s.file = file;
  s.depth++;
  s.stack.push(file);
  try {
    walk(s, doc);
  } finally {
    s.stack.pop();
    s.depth--;
    s.out = saved.out;
    s.lastSet = saved.lastSet;
    s.file = saved.file;
  }
  const errors = inner.filter((f) => ruleInfo(f.code).severity === 'error');
  if (errors.length > 0) {
    const e = errors[0];
    s.out.push({
      code: 'lxc/include-invalid',
      message: `LXC refuses the included file \`${file}\`: line ${e.range.start.line + 1}: ${e.message}${errors.length > 1 ? ` (${errors.length - 1} more error${errors.length > 2 ? 's' : ''} there)` : ''}`,
      range: s.valueRange(l),
      related: errors.slice(0, 20).map((x) => ({ uri: pathToUri(file), range: x.range, message: x.message })),
    });
  }
}
