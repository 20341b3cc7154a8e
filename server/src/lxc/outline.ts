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

/** The outline group of a key: network interfaces one by one, then by topic. */
function groupOf(key: string): GroupInfo {
  const net = key.startsWith('lxc.net') ? /^lxc\.net\.([0-9]+)(\.|$)/.exec(key) ?? /^lxc\.network\.([0-9]+)\./.exec(key) : null;
  if (net) return { id: `net.${net[1]}`, name: `Network interface ${net[1]}`, kind: SymbolKind.Interface };
  if (key.startsWith('lxc.network') || key === 'lxc.net') return NETWORKS;
  if (key.startsWith('lxc.cap.')) return CAPS;
  if (key === 'lxc.idmap' || key === 'lxc.id_map') return IDMAPS;
  if (key.startsWith('lxc.mount')) return MOUNTS;
  if (key === 'lxc.include') return INCLUDES;
  if (key.startsWith('lxc.rootfs')) return ROOTFS;
  if (key.startsWith('lxc.cgroup')) return CGROUPS;
  if (key.startsWith('lxc.hook')) return HOOKS;
  if (key.startsWith('lxc.prlimit') || key.startsWith('lxc.limit')) return LIMITS;
  if (/^lxc\.(apparmor|selinux|seccomp|aa_|se_|no_new_privs)/.test(key)) return SECURITY;
  if (key.startsWith('lxc.namespace')) return NAMESPACES;
  if (/^lxc\.(console|tty|pty|log|syslog|loglevel|logfile)/.test(key)) return CONSOLE;
  if (/^lxc\.(environment|init|execute)/.test(key)) return INIT;
  if (key.startsWith('lxc.start') || key === 'lxc.group') return AUTOSTART;
  if (key.startsWith('lxc.sysctl') || key.startsWith('lxc.proc')) return KERNEL;
  return GENERAL;
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
  for (const l of doc.entries) {
    const g = groupOf(l.key);
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
