/**
 * lxc.include: a file is replayed in the current state at the include line, as liblxc
 * does; a directory's `*.conf` files in readdir() order. /dev/null reads as empty. Cycles
 * are reported and the number of files followed is bounded (liblxc has no limit, any
 * depth loads, and it crashes on a cycle).
 */
import { range, type Finding } from '../../diagnostic';
import type { LxcDocument, LxcLine } from '../parser';
import { resolvePath } from '../../util/paths';
import { pathToUri } from '../../util/uri';
import { ruleInfo } from '../../rules';
import { readIncluded } from './includeCache';
import { firstInclude } from './firstInclude';
import type { CheckState, IncludeInfo } from './state';

/**
 * Most files followed from one document, nesting included (a directory of 10,000 files or a
 * chain of thousands must not stall); each nesting level costs a few stack frames only.
 */
export const MAX_INCLUDED_FILES = 256;

/** Replays a parsed file in the current state (check/walk.ts). */
export type Walk = (s: CheckState, doc: LxcDocument) => void;

export function checkInclude(s: CheckState, l: LxcLine, walk: Walk): void {
  const cache = s.opts.includes;
  if (s.depth === 0 && s.leading !== undefined && cache && !s.opts.restricted) firstInclude(s, l, cache, () => includeLine(s, l, walk));
  else includeLine(s, l, walk);
}

function includeLine(s: CheckState, l: LxcLine, walk: Walk): void {
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
  const blocked = blockedPrefix(s, p);
  if (blocked) {
    const why = blocked.missing ? 'does not exist' : 'is a file, not a directory';
    s.out.push({ code: 'lxc/include-missing', message: `\`${blocked.prefix}\` ${why}, so LXC cannot open \`${p}\` and refuses the config.`, range: s.valueRange(l) });
    return;
  }
  if (!st) {
    s.out.push({ code: 'lxc/include-missing', message: `The included file \`${p}\` does not exist, and LXC refuses the config. (A directory that may be missing must end with \`/\`.)`, range: s.valueRange(l) });
    return;
  }
  if (st.nullDevice) {
    // liblxc reads /dev/null (or a link to it) as an empty file.
    info.kind = 'file';
    info.files.push(abs);
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
    const st = s.opts.host.stat(file);
    if (st?.type === 'directory' || st?.nullDevice) {
      // liblxc cannot copy a directory's contents and goes on with the next entry (and
      // /dev/null is read as empty): neither adds a line.
      if (st.type === 'directory' && s.depth === 0) {
        s.out.push({ code: 'lxc/include-skipped', message: `\`${n}\` in this directory is itself a directory; LXC skips it (only files are read).`, range: s.valueRange(l) });
      }
      continue;
    }
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

/**
 * The part of the path as written that is missing or a file although more follows it
 * (`a.conf/.`, `a.conf/../b.conf`, `missing/../b.conf`): the kernel cannot look inside it,
 * while the normalised path would not show it. Only paths with `.` or `..` segments need
 * the walk.
 */
function blockedPrefix(s: CheckState, p: string): { prefix: string; missing: boolean } | undefined {
  if (!/(^|\/)\.\.?(\/|$)/.test(p)) return undefined;
  const raw = p.startsWith('/') ? p : `${s.opts.host.cwd().replace(/\/+$/, '')}/${p}`;
  for (let at = raw.indexOf('/', 1); at !== -1; at = raw.indexOf('/', at + 1)) {
    const prefix = raw.slice(0, at);
    // Empty, `.` and `..` segments: what they lead to was judged at the segment before.
    if (/(^|\/)\.{0,2}$/.test(prefix)) continue;
    const t = s.opts.host.stat(prefix);
    if (t === undefined) return { prefix, missing: true };
    if (t.type !== 'directory') return { prefix, missing: false };
  }
  return undefined;
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
  if (++s.filesFollowed > MAX_INCLUDED_FILES) {
    // Said once, on the document's include line that led here (however deep this is).
    if (s.filesFollowed === MAX_INCLUDED_FILES + 1) {
      const at = s.depth === 0 ? s.valueRange(l) : s.includeRanges.get(s.topLine) ?? s.valueRange(l);
      s.top.push({ code: 'lxc/include-skipped', message: `More than ${MAX_INCLUDED_FILES} files are included; ctconf does not check the rest (LXC reads them all).`, range: at });
    }
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
  const dependent = errors.length === 0 ? inner.find((f) => s.stateDependent.has(f)) : undefined;
  if (dependent) {
    // Not an error (liblxc may load the file), but the outcome is open: say so where it is seen.
    const f: Finding = {
      code: 'lxc/suspicious-value',
      message: `In the included file \`${file}\`, line ${dependent.range.start.line + 1}: ${dependent.message}`,
      range: s.valueRange(l),
      related: [{ uri: pathToUri(file), range: dependent.range, message: dependent.message }],
    };
    s.out.push(f);
    s.stateDependent.add(f);
  }
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
