/** Outline, document links and folding for LXC configs. */
import { FoldingRangeKind, SymbolKind, type DocumentLink, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { Host } from '../host';
import type { LxcDocument, LxcLine } from './parser';
import { resolveKey } from './resolve';
import { range } from '../diagnostic';
import { resolvePath } from '../util/paths';
import { pathToUri } from '../util/uri';
import { NOT_SHOWN } from '../symbols';

interface GroupInfo {
  id: string;
  name: string;
  kind: SymbolKind;
}

interface Group extends GroupInfo {
  detail?: string;
  count: number;
  first: LxcLine;
  last: LxcLine;
  /** The group's first lines (at most max + 1: no more can be shown). */
  lines: LxcLine[];
}

const group = (id: string, name: string, kind: SymbolKind): GroupInfo => Object.freeze({ id, name, kind });
const NETWORKS = group('net', 'Networks', SymbolKind.Interface);
const CAPS = group('cap', 'Capabilities', SymbolKind.Key);
const IDMAPS = group('idmap', 'ID maps', SymbolKind.Array);
const MOUNTS = group('mount', 'Mounts', SymbolKind.Package);
const INCLUDES = group('include', 'Includes', SymbolKind.File);
const ROOTFS = group('rootfs', 'Root file system', SymbolKind.Package);
const CGROUPS = group('cgroup', 'Control groups', SymbolKind.Struct);
const HOOKS = group('hook', 'Hooks', SymbolKind.Event);
const LIMITS = group('prlimit', 'Resource limits', SymbolKind.Number);
const SECURITY = group('security', 'Security', SymbolKind.Object);
const NAMESPACES = group('ns', 'Namespaces', SymbolKind.Namespace);
const CONSOLE = group('console', 'Console and logging', SymbolKind.Module);
const INIT = group('init', 'Init and environment', SymbolKind.Function);
const AUTOSTART = group('start', 'Autostart', SymbolKind.Event);
const KERNEL = group('kernel', 'Kernel settings', SymbolKind.Constant);
const GENERAL = group('general', 'Container', SymbolKind.Class);

/**
 * Topic groups by key prefix (`exact`: the whole key), looked up by the letter after `lxc.`:
 * three regular expressions per line took most of the outline of a 500,000-key config.
 */
interface Topic {
  prefix: string;
  exact: boolean;
  group: GroupInfo;
}
const TOPICS = new Map<number, Topic[]>();
for (const [spec, group] of [
  ['network', NETWORKS], ['=net', NETWORKS], ['cap.', CAPS], ['=idmap', IDMAPS], ['=id_map', IDMAPS], ['mount', MOUNTS],
  ['=include', INCLUDES], ['rootfs', ROOTFS], ['cgroup', CGROUPS], ['hook', HOOKS], ['prlimit', LIMITS], ['limit', LIMITS],
  ['apparmor', SECURITY], ['selinux', SECURITY], ['seccomp', SECURITY], ['aa_', SECURITY], ['se_', SECURITY], ['no_new_privs', SECURITY],
  ['namespace', NAMESPACES], ['console', CONSOLE], ['tty', CONSOLE], ['pty', CONSOLE], ['log', CONSOLE], ['syslog', CONSOLE],
  ['environment', INIT], ['init', INIT], ['execute', INIT], ['start', AUTOSTART], ['=group', AUTOSTART], ['sysctl', KERNEL], ['proc', KERNEL],
] as const) {
  const exact = spec.startsWith('=');
  const prefix = `lxc.${exact ? spec.slice(1) : spec}`;
  const list = TOPICS.get(prefix.charCodeAt(4)) ?? [];
  list.push({ prefix, exact, group });
  TOPICS.set(prefix.charCodeAt(4), list);
}

// No prefix starts another: a key has at most one topic, so a run of keys can reuse it.
for (const list of TOPICS.values()) {
  for (const a of list) {
    if (list.some((b) => b !== a && !a.exact && !b.exact && b.prefix.startsWith(a.prefix))) throw new Error(`outline topics: ${a.prefix} starts another prefix`);
  }
}

/** A network interface's own group (`lxc.net.N`, `lxc.network.N.`), if the key belongs to one. */
function interfaceGroup(key: string): GroupInfo | undefined {
  const net = key.startsWith('lxc.net') ? /^lxc\.net\.([0-9]+)(\.|$)/.exec(key) ?? /^lxc\.network\.([0-9]+)\./.exec(key) : null;
  return net ? { id: `net.${net[1]}`, name: `Network interface ${net[1]}`, kind: SymbolKind.Interface } : undefined;
}

/** The key's topic: the whole-key one, or the one whose prefix starts the key. */
function topicOf(key: string): Topic | undefined {
  const topics = key.startsWith('lxc.') ? TOPICS.get(key.charCodeAt(4)) : undefined;
  if (topics) for (const t of topics) if (t.exact ? key === t.prefix : key.startsWith(t.prefix)) return t;
  return undefined;
}

function keySymbol(l: LxcLine): DocumentSymbol {
  const r = resolveKey(l.key);
  const kind = r.type === 'legacy' || r.type === 'unknown' || r.type === 'invalid' ? SymbolKind.Null : SymbolKind.Property;
  return {
    name: l.key,
    detail: l.value.length > 60 ? `${l.value.slice(0, 57)}…` : l.value,
    kind,
    range: range(l.line, l.keyStart, Math.max(l.valueEnd, l.keyEnd)),
    selectionRange: range(l.line, l.keyStart, l.keyEnd),
  };
}

/**
 * Keys grouped by topic. With `max` (the caller shows that many), only the first max + 1
 * symbols are built and the later ones are NOT_SHOWN placeholders (symbols.ts).
 */
export function lxcSymbols(doc: LxcDocument, max = Infinity): DocumentSymbol[] {
  const groups = new Map<string, Group>();
  const entries = doc.entries;
  // Keys of one topic come in runs (sysctl after sysctl): the topic of the line before is tried first.
  let run: Topic | undefined;
  for (let i = 0; i < entries.length; i++) {
    const l = entries[i];
    let g: GroupInfo;
    if (run !== undefined && l.key.startsWith(run.prefix)) g = run.group;
    else {
      const net = interfaceGroup(l.key);
      const topic = net ? undefined : topicOf(l.key);
      // (not a network prefix: an interface's keys start with it too, and have their own group)
      run = topic && !topic.exact && !topic.prefix.startsWith('lxc.net') ? topic : undefined;
      g = net ?? topic?.group ?? GENERAL;
    }
    let grp = groups.get(g.id);
    if (!grp) {
      grp = { id: g.id, name: g.name, kind: g.kind, count: 0, first: l, last: l, lines: [] };
      groups.set(g.id, grp);
    }
    if (grp.count++ <= max) grp.lines.push(l);
    grp.last = l;
    if (g.id.startsWith('net.') && l.key.endsWith('.type') && l.value) grp.detail = l.value;
  }
  let budget = max + 1;
  const out: DocumentSymbol[] = [];
  for (const g of groups.values()) {
    const shown = budget-- > 0;
    // The symbols past the budget are counted, not built.
    const children = new Array<DocumentSymbol>(g.count).fill(NOT_SHOWN);
    for (let i = 0; i < g.lines.length && budget-- > 0; i++) children[i] = keySymbol(g.lines[i]);
    if (!shown) {
      out.push({ ...NOT_SHOWN, children });
      continue;
    }
    const { first, last } = g;
    out.push({
      name: g.name,
      detail: g.detail,
      kind: g.kind,
      range: { start: { line: first.line, character: first.keyStart }, end: { line: last.line, character: Math.max(last.valueEnd, last.keyEnd) } },
      selectionRange: range(first.line, first.keyStart, first.keyEnd),
      children,
    });
  }
  return out;
}

/** lxc.include values that name an existing file or directory become links. */
export function lxcLinks(doc: LxcDocument, host: Host): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const l of doc.entries) {
    if (l.key !== 'lxc.include' || !l.value) continue;
    const abs = resolvePath(host.cwd(), l.value);
    const st = host.stat(abs);
    if (!st || st.type === 'other') continue;
    out.push({ range: range(l.line, l.valueStart, l.valueEnd), target: pathToUri(abs), tooltip: st.type === 'directory' ? 'Open the included directory' : 'Open the included file' });
  }
  return out;
}

/** Blocks of two or more comment lines, and each network interface's block. */
export function lxcFolding(doc: LxcDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  let start = -1;
  for (let i = 0; i <= doc.lineCount; i++) {
    const isComment = i < doc.lineCount && doc.lineAt(i)?.kind === 'comment';
    if (isComment && start === -1) start = i;
    if (!isComment && start !== -1) {
      if (i - 1 > start) out.push({ startLine: start, endLine: i - 1, kind: FoldingRangeKind.Comment });
      start = -1;
    }
  }
  let netStart = -1;
  let netId = '';
  let lastLine = -1;
  const flush = () => {
    if (netStart !== -1 && lastLine > netStart) out.push({ startLine: netStart, endLine: lastLine, kind: FoldingRangeKind.Region });
  };
  for (const l of doc.entries) {
    const m = /^lxc\.net\.([0-9]+)\./.exec(l.key);
    const id = m ? m[1] : '';
    if (id !== netId) {
      flush();
      netStart = id ? l.line : -1;
      netId = id;
    }
    lastLine = l.line;
  }
  flush();
  return out;
}
