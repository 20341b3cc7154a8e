/**
 * LXC validation: walks the entries in file order and replays what liblxc does with
 * each line (the capability list and its mode, network interfaces and their types,
 * namespace flags), so that order-dependent errors are found where liblxc finds them.
 */
import type { Host } from '../host';
import { range, type Finding } from '../diagnostic';
import { CAPABILITY_NAMES, type LxcKey, type NetType } from './keys';
import { scanLxc, type LxcDocument, type LxcLine } from './parser';
import { availability, resolveKey, suggestKey, type Resolved } from './resolve';
import { checkValue, prlimitResourceKnown, splitTokens, type ValueIssue } from './values';
import { safeUint } from './cnum';
import type { LxcVersion } from './version';
import { closest } from '../util/strings';
import { resolvePath } from '../util/paths';
import { pathToUri } from '../util/uri';
import { ruleInfo } from '../rules';
import { PlacedIdmap, checkIdmapSet, idmapNumbers, parseIdmap, readIdmap } from './idmap';

export interface LxcValidateOptions {
  version: LxcVersion;
  host: Host;
  /** Path of the document on disk, if it has one (for include cycles). */
  documentPath?: string;
  /** Follow lxc.include into other files. */
  followIncludes?: boolean;
  /**
   * Restricted Mode (untrusted workspace): no host files or environment are consulted,
   * so checks that depend on them are skipped rather than guessed.
   */
  restricted?: boolean;
  /** Only findings are wanted (the CLI): skip the per-line capability snapshots editors show. */
  findingsOnly?: boolean;
}

/** Where a setting came from: a file (undefined = the document itself) and a line. */
export interface Origin {
  file?: string;
  line: number;
  /** The line of the document that led there (the include line, or the line itself). */
  topLine: number;
}

export interface CapEntry extends Origin {
  name: string;
}

/**
 * The capability state after a line. `list` only grows between clears (a clear starts a new
 * array), so a snapshot is the array and its length at that moment: O(1) to take.
 */
export interface CapState {
  mode?: 'drop' | 'keep';
  list: CapEntry[];
  length?: number;
}

/** The entries of a capability state (a snapshot's prefix of its list). */
export function capList(s: CapState): CapEntry[] {
  return s.length === undefined || s.length === s.list.length ? s.list : s.list.slice(0, s.length);
}

export type IdmapEntry = PlacedIdmap;

export interface IncludeInfo {
  line: number;
  path: string;
  kind: 'file' | 'directory' | 'missing';
  files: string[];
}

/** What the container ends up with after the document and everything it includes. */
export interface Effective {
  caps: CapState;
  /** Capability state after each include and lxc.cap.* line of the document. */
  capsAfter: Map<number, CapState>;
  /** Last-wins keys (family sub-keys and network keys by full name) and where they were set. */
  values: Map<string, { value: string } & Origin>;
  idmaps: IdmapEntry[];
  includes: IncludeInfo[];
}

export interface LxcAnalysis {
  findings: Finding[];
  effective: Effective;
}

/** Deepest include nesting followed; liblxc has no limit and crashes on cycles. */
export const MAX_INCLUDE_DEPTH = 16;
/** Most files followed from one document (a directory of 10,000 files must not stall). */
const MAX_INCLUDED_FILES = 256;

interface NetState {
  type?: NetType;
  /** Key ranges of this interface's entries since it was created or last typed. */
  keys: KeySpot[];
  /** Its last-wins keys recorded for duplicate detection (cleared by a type line). */
  lastWins: string[];
}

const CAP_NUMBER = new Map<string, number>(CAPABILITY_NAMES.map((name, i) => [name, i]));
/** The namespaces lxc.namespace.share.<name> accepts. */
const SHARE_NAMESPACES = ['user', 'mnt', 'pid', 'uts', 'ipc', 'net', 'cgroup', 'time'];

type ValueOptions = Pick<LxcValidateOptions, 'version' | 'host' | 'restricted'>;

/** The context of value checks (its key is set per line). */
function valueContext(opts: ValueOptions) {
  return {
    version: opts.version,
    env: (n: string) => (opts.restricted ? '' : opts.host.env(n)),
    exists: (p: string) => opts.restricted || opts.host.stat(resolvePath(opts.host.cwd(), p)) !== undefined,
    key: '',
  };
}

/** Where a key was written: kept instead of the line itself (lines are reused while scanning). */
interface KeySpot {
  line: number;
  keyStart: number;
  keyEnd: number;
  /** End of the whole assignment (value included). */
  end: number;
}

const spotOf = (l: LxcLine): KeySpot => ({ line: l.line, keyStart: l.keyStart, keyEnd: l.keyEnd, end: l.valueEnd > l.keyEnd ? l.rawEnd : l.keyEnd });

export function validateLxc(doc: LxcDocument | string, opts: LxcValidateOptions): Finding[] {
  return analyzeLxc(doc, opts).findings;
}

/**
 * Validates a parsed document, or a text directly: then each line is checked as the scanner
 * reaches it and nothing is kept per line, which is how the CLI checks very large files.
 */
export function analyzeLxc(doc: LxcDocument | string, opts: LxcValidateOptions): LxcAnalysis {
  const top: Finding[] = [];
  let out: Finding[] = top;
  const at = (l: LxcLine, s: number, e: number) => range(l.line, s, e);
  const keyRange = (l: LxcLine) => at(l, l.keyStart, l.keyEnd);
  const valueRange = (l: LxcLine) => (l.valueEnd > l.valueStart ? at(l, l.valueStart, l.valueEnd) : at(l, l.eq, l.eq + 1));

  const caps: CapState = { list: [] };
  const nets = new Map<number, NetState>();
  const ns = { clone: false, keep: false };
  /** Last non-empty assignment of each last-wins key, per file (duplicates are reported within a file). */
  let lastSet = new Map<string, KeySpot>();
  const effective: Effective = { caps, capsAfter: new Map(), values: new Map(), idmaps: [], includes: [] };
  /** The file being walked (undefined: the document) and the document line that led to it. */
  let curFile: string | undefined;
  let topLine = 0;
  let depth = 0;
  const stack: string[] = opts.documentPath ? [opts.documentPath] : [];
  let filesFollowed = 0;
  /** The document line a line of the current file belongs to (itself, or the include line). */
  const topOf = (l: LxcLine): number => (depth === 0 ? l.line : topLine);
  // Origins are built field by field (no object spread): this runs for most lines of a file.
  const capEntry = (name: string, l: LxcLine): CapEntry => ({ name, file: curFile, line: l.line, topLine: topOf(l) });
  /** Ranges of the document's include lines, where findings about included lines are shown. */
  const includeRanges = new Map<number, ReturnType<typeof range>>();
  /** One context object for every value check (its key is set per line). */
  const valueCtx = valueContext(opts);
  const snapshot = (): CapState => ({ mode: caps.mode, list: caps.list, length: caps.list.length });
  /**
   * While a file of an included directory is read: the keys changed meanwhile, each with the
   * entry it had before (undefined: none), to tell which files of the directory set the same key.
   */
  let changed: Map<string, { value: string } | undefined> | undefined;
  /**
   * The first entry of each capability (by number) currently in the list, for "already
   * dropped" in constant time.
   */
  let capIndex: (CapEntry | undefined)[] = [];

  walk(doc);
  checkIdmaps();
  return { findings: top, effective };

  function walk(src: LxcDocument | string): void {
    const first = out.length;
    const r = typeof src === 'string' ? scanLxc(src, line, { reuse: true }) : (src.items.forEach(line), src);
    if (r.nul) {
      const after = r.afterNul;
      // Reported first, as LXC meets it first for what follows.
      out.splice(first, 0, {
        code: 'lxc/nul-byte',
        message: `LXC stops reading the file at this NUL byte${after ? `; the ${after} key line${after === 1 ? '' : 's'} after it are never applied` : ''}. Remove the NUL byte.`,
        range: range(r.nul.line, r.nul.character, r.nul.character + 1),
      });
    }
  }

  function line(l: LxcLine): void {
    if (l.unseen === 'nul') return;
    if (l.unseen === 'bom') {
      out.push({
        code: 'lxc/bom',
        message: 'The file starts with a byte order mark (BOM), so LXC does not see `lxc.` at the start of this line and silently skips it. Save the file as UTF-8 without BOM.',
        range: keyRange(l),
      });
      return;
    }
    switch (l.kind) {
      case 'blank':
      case 'comment':
        break;
      case 'ignored':
        out.push(ignoredLine(l));
        break;
      case 'malformed': {
        const r = resolveKey(l.key);
        const known = r.type === 'exact' || r.type === 'family' || r.type === 'net';
        out.push({
          code: 'lxc/malformed-line',
          message: known
            ? `\`${l.key}\` has no \`=\`, and LXC refuses the file. Write \`${l.key} = value\` (or \`${l.key} =\` to clear it).`
            : 'This line starts with `lxc.` but has no `=`, and LXC refuses the file. Write `key = value`, or start the line with `#` to make it a comment.',
          range: at(l, l.keyStart, l.keyEnd),
        });
        break;
      }
      case 'entry':
        if (depth === 0) topLine = l.line;
        entry(l);
        if (depth === 0 && !opts.findingsOnly && (l.key === 'lxc.include' || l.key === 'lxc.cap.drop' || l.key === 'lxc.cap.keep')) effective.capsAfter.set(l.line, snapshot());
        break;
    }
  }

  function entry(l: LxcLine): void {
    const r = resolveKey(l.key);
    switch (r.type) {
      case 'legacy': {
        const { replacement, note } = r.legacy;
        out.push({
          code: 'lxc/legacy-key',
          message: replacement
            ? `\`${l.key}\` is an LXC 2.x key that LXC 3.0 and later refuse; it is now \`${replacement}\`.${note ? ` ${note}` : ''}`
            : `\`${l.key}\` is an LXC 2.x key that LXC 3.0 and later refuse, and it has no replacement. ${note ?? ''}`.trimEnd(),
          range: keyRange(l),
          data: { replacement: replacement ?? null },
        });
        return;
      }
      case 'unknown':
        out.push({
          code: 'lxc/unknown-key',
          message: `LXC does not know the key \`${l.key}\` and refuses the file.${r.suggestion ? ` Did you mean \`${r.suggestion}\`?` : ''}`,
          range: keyRange(l),
          data: { suggestion: r.suggestion ?? null },
        });
        return;
      case 'invalid':
        out.push({
          code: 'lxc/unknown-key',
          message: `${r.message}${r.suggestion ? ` Did you mean \`${r.suggestion}\`?` : ''}`,
          range: keyRange(l),
          data: { suggestion: r.suggestion ?? null },
        });
        return;
    }
    const info = r.type === 'net-index' ? undefined : r.key;
    if (info) {
      const avail = availability(info, opts.version);
      if (!avail.ok) {
        const hint = info.removed && info.name.startsWith('lxc.cgroup.') ? ' Use the matching `lxc.cgroup2.` key (cgroup v2 file names differ from v1).' : '';
        out.push({ code: avail.code, message: avail.message + hint, range: keyRange(l) });
        return;
      }
    }
    if (l.value === '') emptyValue(l, r);
    else setValue(l, r);
  }

  function emptyValue(l: LxcLine, r: Exclude<Resolved, { type: 'legacy' | 'unknown' | 'invalid' }>): void {
    switch (r.type) {
      case 'net-index':
        nets.delete(r.index);
        return;
      case 'net':
        forget(l.key);
        if (!nets.has(r.index)) {
          out.push({
            code: 'lxc/net-missing-index',
            message: `\`${l.key} =\` clears a key of network interface ${r.index}, which is not defined at this point; LXC refuses the line. Remove it, or define \`lxc.net.${r.index}.type\` first.`,
            range: keyRange(l),
          });
        }
        return;
      case 'family':
        lastSet.delete(l.key);
        if (r.bare) {
          for (const key of [...effective.values.keys()]) if (key.startsWith(`${r.key.prefix}.`)) forget(key);
        } else forget(l.key);
        return;
      case 'exact':
        break;
    }
    const k = r.key;
    lastSet.delete(k.name);
    forget(k.name);
    if (k.name === 'lxc.net') nets.clear();
    if (k.name === 'lxc.idmap') effective.idmaps = [];
    if (k.kind === 'caps') {
      caps.mode = undefined;
      caps.list = [];
      capIndex = [];
    }
    if (k.name === 'lxc.namespace.clone') ns.clone = false;
    if (k.name === 'lxc.namespace.keep') ns.keep = false;
    if (k.empty === 'error') {
      out.push({ code: 'lxc/invalid-value', message: `${k.name} cannot be empty: ${k.emptyNote ?? 'LXC refuses an empty value for this key.'}`, range: at(l, l.keyStart, l.eq + 1) });
    } else if (k.empty === 'not-default') {
      out.push({ code: 'lxc/empty-not-default', message: k.emptyNote ?? `An empty ${k.name} does not restore the default.`, range: at(l, l.keyStart, l.eq + 1) });
    }
  }

  function setValue(l: LxcLine, r: Exclude<Resolved, { type: 'legacy' | 'unknown' | 'invalid' }>): void {
    switch (r.type) {
      case 'net-index':
        out.push({
          code: 'lxc/invalid-value',
          message: `\`${l.key}\` only removes interface ${r.index} and takes no value. Set a key of the interface instead, such as \`${l.key}.type = veth\`.`,
          range: valueRange(l),
        });
        return;
      case 'family':
        family(l, r.key, r.sub, r.bare);
        return;
      case 'net':
        net(l, r.key, r.index);
        return;
      case 'exact':
        exact(l, r.key);
        return;
    }
  }

  function family(l: LxcLine, k: LxcKey & { prefix: string }, sub: string, bare: boolean): void {
    if (bare || sub === '') {
      out.push({
        code: 'lxc/invalid-value',
        message: bare
          ? `\`${k.prefix} =\` only clears every ${k.prefix} setting; to set a value, name it: \`${k.name}\`.`
          : `\`${l.key}\` needs a name after the dot, as in \`${k.name}\`.`,
        range: bare ? valueRange(l) : keyRange(l),
      });
      return;
    }
    if (k.prefix === 'lxc.namespace.share' && !SHARE_NAMESPACES.includes(sub)) {
      const s = closest(sub.toLowerCase(), SHARE_NAMESPACES);
      out.push({
        code: 'lxc/unknown-key',
        message: `\`${sub}\` is not a namespace LXC can share; use user, mnt, pid, uts, ipc, net, cgroup or time (lower case).${s ? ` Did you mean \`lxc.namespace.share.${s}\`?` : ''}`,
        range: keyRange(l),
        data: { suggestion: s ? `lxc.namespace.share.${s}` : null },
      });
      return;
    }
    if (k.prefix === 'lxc.prlimit' && !prlimitResourceKnown(sub)) {
      const s = closest(sub, ['as', 'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);
      out.push({
        code: 'lxc/unknown-prlimit',
        message: `LXC loads \`${l.key}\` but fails to start the container: \`${sub}\` is not a resource limit.${s ? ` Did you mean \`lxc.prlimit.${s}\`?` : ''}`,
        range: keyRange(l),
        data: { suggestion: s ? `lxc.prlimit.${s}` : null },
      });
    }
    valueIssues(l, k);
    if (k.multi === 'last-wins') duplicate(l, l.key);
  }

  function net(l: LxcLine, k: LxcKey & { sub: string }, index: number): void {
    let nic = nets.get(index);
    if (!nic) {
      nic = { keys: [], lastWins: [] };
      nets.set(index, nic);
    }
    if (k.sub === 'type') {
      const lost = nic.keys;
      if (lost.length > 0) {
        out.push({
          code: 'lxc/net-type-resets',
          message: `Setting \`${l.key}\` resets interface ${index}, so the ${lost.length} earlier line${lost.length === 1 ? '' : 's'} for it ${lost.length === 1 ? 'is' : 'are'} lost. Put the type line first.`,
          range: keyRange(l),
          related: lost.map((x) => ({ range: range(x.line, x.keyStart, x.keyEnd), message: `discarded by the type line ${l.line + 1}` })),
          data: { index, firstLine: lost[0].line },
        });
      }
      nic.keys = [];
      nic.type = (['veth', 'macvlan', 'ipvlan', 'vlan', 'phys', 'empty', 'none'] as const).find((t) => t === l.value);
      for (const key of nic.lastWins) lastSet.delete(key);
      nic.lastWins = [];
      valueIssues(l, k);
      return;
    }
    if (k.requiresType && nic.type !== k.requiresType) {
      out.push({
        code: 'lxc/net-type-required',
        message: nic.type
          ? `\`${l.key}\` only applies to ${k.requiresType} interfaces, but interface ${index} is ${nic.type}; LXC refuses the line.`
          : `\`${l.key}\` needs \`lxc.net.${index}.type = ${k.requiresType}\` on an earlier line; LXC refuses it otherwise.`,
        range: keyRange(l),
        data: { index, type: k.requiresType, typed: nic.type !== undefined },
      });
      return;
    }
    if (valueIssues(l, k).length === 0) nic.keys.push(spotOf(l));
    if (k.multi === 'last-wins') {
      duplicate(l, l.key);
      nic.lastWins.push(l.key);
    }
  }

  function exact(l: LxcLine, k: LxcKey): void {
    switch (k.kind) {
      case 'caps':
        capabilities(l, k.name === 'lxc.cap.keep');
        return;
      case 'include':
        include(l);
        return;
      case 'namespaces': {
        const isClone = k.name === 'lxc.namespace.clone';
        if ((isClone && ns.keep) || (!isClone && ns.clone)) {
          out.push({
            code: 'lxc/namespace-conflict',
            message: `lxc.namespace.clone and lxc.namespace.keep cannot both be set; LXC refuses this line. Keep one of them (or clear the other first with an empty value).`,
            range: keyRange(l),
          });
          return;
        }
        const issues = valueIssues(l, k);
        if (issues.length === 0) {
          if (isClone) ns.clone = true;
          else ns.keep = true;
        }
        return;
      }
    }
    const issues = valueIssues(l, k);
    if (k.name === 'lxc.idmap' && issues.length === 0) {
      const t = readIdmap(l.value);
      const type = t === 117 ? 'u' : t === 103 ? 'g' : parseIdmap(l.value)?.type;
      if (type) effective.idmaps.push(new PlacedIdmap(type, l.value, curFile, l.line, topOf(l), l.valueStart, l.valueEnd, t ? idmapNumbers : undefined));
    }
    if (k.multi === 'last-wins') duplicate(l, k.name);
  }

  /** Runs the kind's check, with LXC's lack of inline comments in mind. */
  function valueIssues(l: LxcLine, k: LxcKey): ValueIssue[] {
    const ctx = valueCtx;
    ctx.key = l.key;
    const issues = checkValue(k, l.value, ctx);
    const hash = l.quoted || l.value.indexOf('#') === -1 ? null : /[ \t]#/.exec(l.value);
    if (hash) {
      const before = l.value.slice(0, hash.index).replace(/[ \t]+$/, '');
      const hashCol = l.valueStart + hash.index + 1;
      const cleanIssues = before === '' ? [] : checkValue(k, before, ctx);
      const commentRange = at(l, hashCol, l.valueEnd);
      const refused = (list: ValueIssue[]) => list.some((i) => i.code === 'lxc/invalid-value' || i.code === 'lxc/env-unset');
      if (refused(issues) && !refused(cleanIssues)) {
        out.push({
          code: 'lxc/invalid-value',
          message: `LXC has no inline comments: \`${l.value.slice(hash.index + 1)}\` is read as part of the value, and LXC refuses the result. Move the comment to its own line.`,
          range: commentRange,
          data: { inlineComment: true },
        });
        return issues;
      }
      out.push({
        code: 'lxc/inline-comment',
        message: `LXC has no inline comments: \`${l.value.slice(hash.index + 1)}\` becomes part of the value of ${l.key}. Move the comment to its own line.`,
        range: commentRange,
        data: { inlineComment: true },
      });
      // What else is wrong is judged on the value without the comment (the comment is reported above).
      for (const i of cleanIssues) out.push({ code: i.code, message: i.message, range: at(l, l.valueStart + i.start, l.valueStart + i.end) });
      return issues;
    }
    for (const i of issues) {
      out.push({ code: i.code, message: i.message, range: at(l, l.valueStart + i.start, l.valueStart + i.end) });
    }
    return issues;
  }

  function capabilities(l: LxcLine, keep: boolean): void {
    if (keep && caps.mode !== 'keep' && caps.list.length > 0) {
      out.push({
        code: 'lxc/cap-mode-conflict',
        message: 'Capabilities are already being dropped (lxc.cap.drop) at this point, and LXC cannot keep and drop at once; it refuses this line. Add `lxc.cap.drop =` before it to clear the drop list, or use lxc.cap.drop only.',
        range: keyRange(l),
      });
      return;
    }
    if (!keep && caps.mode === 'keep') {
      out.push({
        code: 'lxc/cap-mode-conflict',
        message: 'lxc.cap.keep is already in force at this point, and LXC cannot keep and drop at once; it refuses this line. Add `lxc.cap.keep =` before it to clear the keep list, or use lxc.cap.keep only.',
        range: keyRange(l),
      });
      return;
    }
    let bad = false;
    let added: CapEntry[] = [];
    /** The capability number of each entry of `added`. */
    let nums: number[] = [];
    let cleared = false;
    const hash = l.quoted || l.value.indexOf('#') === -1 ? null : /[ \t]#/.exec(l.value);
    const list = hash ? l.value.slice(0, hash.index) : l.value;
    if (hash) {
      out.push({
        code: 'lxc/invalid-value',
        message: `LXC has no inline comments: \`${l.value.slice(hash.index + 1)}\` is read as more capability names, and LXC refuses the line. Move the comment to its own line.`,
        range: at(l, l.valueStart + hash.index + 1, l.valueEnd),
        data: { inlineComment: true },
      });
      bad = true;
    }
    // Names found by hand rather than with splitTokens, and ranges built only for findings:
    // a big config may drop capabilities on tens of thousands of lines.
    const len = list.length;
    let i = 0;
    while (i < len) {
      let c = list.charCodeAt(i);
      while (i < len && (c === 32 || c === 9)) c = list.charCodeAt(++i);
      if (i === len) break;
      const start = i;
      while (i < len && c !== 32 && c !== 9) c = list.charCodeAt(++i);
      const name = list.slice(start, i);
      const num = CAP_NUMBER.get(name);
      if (num !== undefined) {
        added.push(capEntry(CAPABILITY_NAMES[num], l));
        nums.push(num);
        continue;
      }
      const t = { text: name, start, end: i };
      const tr = at(l, l.valueStart + t.start, l.valueStart + t.end);
      if (t.text === 'none') {
        if (!keep) {
          out.push({ code: 'lxc/cap-none-in-drop', message: '`none` only means something in lxc.cap.keep (keep no capability); LXC refuses it in lxc.cap.drop.', range: tr });
          bad = true;
        } else {
          cleared = true;
          added = [];
          nums = [];
        }
        continue;
      }
      const lower = t.text.toLowerCase().replace(/^cap_/, '');
      if (CAP_NUMBER.has(lower)) {
        out.push({
          code: 'lxc/capability-spelling',
          message: `LXC only accepts capability names in lower case without the CAP_ prefix: write \`${lower}\`, not \`${t.text}\`.`,
          range: tr,
          data: { replacement: lower },
        });
        bad = true;
        continue;
      }
      const n = safeUint(t.text);
      if (n !== null) {
        const last = opts.host.capLastCap();
        if (last !== undefined && n > last) {
          out.push({ code: 'lxc/capability-number', message: `Capability number ${t.text} is above ${last}, the last capability this kernel knows; LXC refuses it.`, range: tr });
          bad = true;
        } else {
          added.push(capEntry(CAPABILITY_NAMES[n] ?? t.text, l));
          nums.push(n);
        }
        continue;
      }
      const s = closest(lower, CAPABILITY_NAMES);
      out.push({
        code: 'lxc/unknown-capability',
        message: `\`${t.text}\` is not a capability LXC knows, so it refuses the line.${s ? ` Did you mean \`${s}\`?` : ''}`,
        range: tr,
        data: { suggestion: s ?? null },
      });
      bad = true;
    }
    if (!bad) {
      if (!keep && depth === 0) alreadyDropped(l, added, nums);
      caps.mode = keep ? 'keep' : 'drop';
      if (cleared) {
        caps.list = added;
        capIndex = [];
      } else {
        for (const a of added) caps.list.push(a);
      }
      for (let k = 0; k < added.length; k++) capIndex[nums[k]] ??= added[k];
    }
  }

  function include(l: LxcLine): void {
    const p = l.value;
    const abs = resolvePath(opts.host.cwd(), p);
    if (!p.startsWith('/') && depth === 0) {
      out.push({
        code: 'lxc/include-relative',
        message: `LXC resolves the relative path \`${p}\` against the working directory of the command that loads the config, not against this file's folder. Use an absolute path.`,
        range: valueRange(l),
      });
    }
    if (opts.restricted) return;
    const st = opts.host.stat(abs);
    const info: IncludeInfo = { line: l.line, path: abs, kind: 'missing', files: [] };
    if (depth === 0) {
      effective.includes.push(info);
      includeRanges.set(l.line, range(l.line, l.keyStart, Math.max(l.rawEnd, l.keyEnd)));
    }
    if (p.endsWith('/') || st?.type === 'directory') {
      if (!st) return; // a missing directory is fine when the path ends in '/'
      if (st.type !== 'directory') {
        out.push({ code: 'lxc/include-missing', message: `\`${p}\` ends with \`/\` but is not a directory, and LXC refuses the config.`, range: valueRange(l) });
        return;
      }
      info.kind = 'directory';
      // liblxc reads the entries in readdir() order, not sorted, and only names ending in .conf.
      const names = (opts.host.readDir(abs) ?? []).filter((n) => n.length >= 6 && n.endsWith('.conf'));
      const setters = new Map<string, string[]>();
      for (const n of names) {
        const file = `${abs.replace(/\/+$/, '')}/${n}`;
        info.files.push(file);
        // What changes while the file is read is recorded as it happens (with the value
        // before it), so a big config is not copied once per included file.
        const outer = changed;
        const mine = (changed = new Map());
        try {
          includeFile(file, l);
        } finally {
          changed = outer;
          // Changes seen while reading this file happened inside the enclosing file too.
          if (outer) for (const [k, v] of mine) if (!outer.has(k)) outer.set(k, v);
        }
        for (const [k, prev] of mine) {
          const v = effective.values.get(k);
          if (v && v.file === file && (prev === undefined || prev.value !== v.value)) setters.set(k, [...(setters.get(k) ?? []), n]);
        }
      }
      const clash = [...setters].find(([, files]) => files.length > 1);
      if (clash && depth === 0) {
        out.push({
          code: 'lxc/include-order',
          message: `\`${clash[1].join('` and `')}\` in this directory both set ${clash[0]}. LXC reads the directory in file-system order, not alphabetically, so which value wins is not defined.`,
          range: valueRange(l),
        });
      }
      return;
    }
    if (!st) {
      out.push({ code: 'lxc/include-missing', message: `The included file \`${p}\` does not exist, and LXC refuses the config. (A directory that may be missing must end with \`/\`.)`, range: valueRange(l) });
      return;
    }
    if (st.type === 'other') {
      out.push({ code: 'lxc/include-missing', message: `\`${p}\` is not a regular file or directory (a FIFO or a device?); LXC would block or fail reading it.`, range: valueRange(l) });
      return;
    }
    info.kind = 'file';
    info.files.push(abs);
    includeFile(abs, l);
  }

  /** Reads an included file and replays it in the current state, as liblxc does. */
  function includeFile(file: string, l: LxcLine): void {
    if (opts.followIncludes === false) return;
    if (stack.includes(file)) {
      const chain = [...stack.slice(stack.indexOf(file)), file].map((f) => f.split('/').pop()).join(' → ');
      out.push({
        code: 'lxc/include-cycle',
        message: `\`${file}\` is already being read (${chain}): this include never ends, and liblxc recurses until it crashes. Remove the include.`,
        range: valueRange(l),
      });
      return;
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      out.push({ code: 'lxc/include-cycle', message: `Includes are nested more than ${MAX_INCLUDE_DEPTH} deep here; ctconf stops following them.`, range: valueRange(l) });
      return;
    }
    if (++filesFollowed > MAX_INCLUDED_FILES) {
      if (filesFollowed === MAX_INCLUDED_FILES + 1) out.push({ code: 'lxc/include-missing', message: `More than ${MAX_INCLUDED_FILES} files are included; ctconf does not check the rest.`, range: valueRange(l) });
      return;
    }
    const text = opts.host.readFile(file);
    if (text === undefined) {
      out.push({ code: 'lxc/include-missing', message: `\`${file}\` cannot be read, and LXC refuses the config.`, range: valueRange(l) });
      return;
    }
    const saved = { out, lastSet, curFile };
    const inner: Finding[] = [];
    out = inner;
    lastSet = new Map();
    curFile = file;
    depth++;
    stack.push(file);
    try {
      walk(text);
    } finally {
      stack.pop();
      depth--;
      ({ out, lastSet, curFile } = saved);
    }
    const errors = inner.filter((f) => ruleInfo(f.code).severity === 'error');
    if (errors.length > 0) {
      const e = errors[0];
      out.push({
        code: 'lxc/include-invalid',
        message: `LXC refuses the included file \`${file}\`: line ${e.range.start.line + 1}: ${e.message}${errors.length > 1 ? ` (${errors.length - 1} more error${errors.length > 2 ? 's' : ''} there)` : ''}`,
        range: valueRange(l),
        related: errors.slice(0, 20).map((x) => ({ uri: pathToUri(file), range: x.range, message: x.message })),
      });
    }
  }

  /** Dropping what is already dropped does nothing; say where it was dropped first. */
  function alreadyDropped(l: LxcLine, added: CapEntry[], nums: number[]): void {
    for (let i = 0; i < added.length; i++) {
      const a = added[i];
      let prev = caps.mode === 'drop' ? capIndex[nums[i]] : undefined;
      // Names dropped earlier on this same line (a line names a handful, so a scan will do).
      for (let j = 0; !prev && j < i; j++) if (nums[j] === nums[i]) prev = added[j];
      if (prev) {
        const where = prev.file ? `\`${prev.file.split('/').pop()}\` line ${prev.line + 1}` : `line ${prev.line + 1}`;
        const tok = splitTokens(l.value).find((t) => t.text === a.name);
        out.push({
          code: 'lxc/cap-already-dropped',
          message: `\`${a.name}\` is already dropped (${where}); dropping it again has no effect.`,
          range: tok ? at(l, l.valueStart + tok.start, l.valueStart + tok.end) : keyRange(l),
          unnecessary: true,
        });
      }
    }
  }

  function checkIdmaps(): void {
    checkIdmapSet(effective.idmaps, top, opts, (line) => includeRanges.get(line) ?? range(line, 0, 0));
  }

  /** Notes a key's entry before it first changes while a directory's file is read. */
  function beforeChange(name: string): void {
    if (changed && !changed.has(name)) changed.set(name, effective.values.get(name));
  }

  function forget(name: string): void {
    beforeChange(name);
    effective.values.delete(name);
  }

  function duplicate(l: LxcLine, name: string): void {
    beforeChange(name);
    effective.values.set(name, { value: l.value, file: curFile, line: l.line, topLine: topOf(l) });
    const prev = lastSet.get(name);
    if (prev) {
      out.push({
        code: 'lxc/duplicate-key',
        message: `\`${name}\` is set again on line ${l.line + 1}, and only the last value counts; this line has no effect.`,
        range: range(prev.line, prev.keyStart, prev.end),
        related: [{ range: keyRange(l), message: 'the value that counts' }],
        unnecessary: true,
      });
    }
    lastSet.set(name, spotOf(l));
  }

  function ignoredLine(l: LxcLine): Finding {
    const text = l.key;
    const eq = text.indexOf('=');
    const head = (eq === -1 ? text : text.slice(0, eq)).trim();
    let suggestion: string | undefined;
    let message = 'LXC silently skips this line because it does not start with `lxc.`. Make it a comment with `#`, or fix the key.';
    if (/^lxc\./i.test(head)) {
      const lower = head.toLowerCase();
      const r = resolveKey(lower);
      suggestion = r.type === 'unknown' || r.type === 'invalid' ? r.suggestion ?? lower : lower;
      message = `Keys are case-sensitive, so LXC silently skips \`${head}\`. Write \`${suggestion}\`.`;
    } else if (eq !== -1 && /^lx/i.test(head)) {
      suggestion = suggestKey(head.toLowerCase());
      message = `LXC silently skips this line because \`${head}\` does not start with \`lxc.\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`;
    }
    return {
      code: 'lxc/ignored-line',
      message,
      range: range(l.line, l.keyStart, l.keyStart + (eq === -1 ? text.replace(/[ \t]+$/, '').length : text.slice(0, eq).replace(/[ \t]+$/, '').length)),
      data: { suggestion: suggestion ?? null },
    };
  }
}
