/** Outline, document links and folding for LXC configs. */
import { FoldingRangeKind, SymbolKind, type DocumentLink, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { Host } from '../host';
import type { LxcDocument, LxcLine } from './parser';
import { resolveKey } from './resolve';
import { range } from '../diagnostic';
import { resolvePath } from '../util/paths';
import { pathToUri } from '../util/uri';

interface Group {
  name: string;
  kind: SymbolKind;
  detail?: string;
  lines: LxcLine[];
}

/** The outline group of a key: network interfaces one by one, then by topic. */
function groupOf(key: string): { id: string; name: string; kind: SymbolKind } {
  const net = /^lxc\.net\.([0-9]+)(\.|$)/.exec(key) ?? /^lxc\.network\.([0-9]+)\./.exec(key);
  if (net) return { id: `net.${net[1]}`, name: `Network interface ${net[1]}`, kind: SymbolKind.Interface };
  if (key.startsWith('lxc.network') || key === 'lxc.net') return { id: 'net', name: 'Networks', kind: SymbolKind.Interface };
  if (key.startsWith('lxc.cap.')) return { id: 'cap', name: 'Capabilities', kind: SymbolKind.Key };
  if (key === 'lxc.idmap' || key === 'lxc.id_map') return { id: 'idmap', name: 'ID maps', kind: SymbolKind.Array };
  if (key.startsWith('lxc.mount')) return { id: 'mount', name: 'Mounts', kind: SymbolKind.Package };
  if (key === 'lxc.include') return { id: 'include', name: 'Includes', kind: SymbolKind.File };
  if (key.startsWith('lxc.rootfs')) return { id: 'rootfs', name: 'Root file system', kind: SymbolKind.Package };
  if (key.startsWith('lxc.cgroup')) return { id: 'cgroup', name: 'Control groups', kind: SymbolKind.Struct };
  if (key.startsWith('lxc.hook')) return { id: 'hook', name: 'Hooks', kind: SymbolKind.Event };
  if (key.startsWith('lxc.prlimit') || key.startsWith('lxc.limit')) return { id: 'prlimit', name: 'Resource limits', kind: SymbolKind.Number };
  if (/^lxc\.(apparmor|selinux|seccomp|aa_|se_|no_new_privs)/.test(key)) return { id: 'security', name: 'Security', kind: SymbolKind.Object };
  if (key.startsWith('lxc.namespace')) return { id: 'ns', name: 'Namespaces', kind: SymbolKind.Namespace };
  if (/^lxc\.(console|tty|pty|log|syslog|loglevel|logfile)/.test(key)) return { id: 'console', name: 'Console and logging', kind: SymbolKind.Module };
  if (/^lxc\.(environment|init|execute)/.test(key)) return { id: 'init', name: 'Init and environment', kind: SymbolKind.Function };
  if (key.startsWith('lxc.start') || key === 'lxc.group') return { id: 'start', name: 'Autostart', kind: SymbolKind.Event };
  if (key.startsWith('lxc.sysctl') || key.startsWith('lxc.proc')) return { id: 'kernel', name: 'Kernel settings', kind: SymbolKind.Constant };
  return { id: 'general', name: 'Container', kind: SymbolKind.Class };
}

export function lxcSymbols(doc: LxcDocument): DocumentSymbol[] {
  const groups = new Map<string, Group>();
  for (const l of doc.entries) {
    const g = groupOf(l.key);
    let grp = groups.get(g.id);
    if (!grp) {
      grp = { name: g.name, kind: g.kind, lines: [] };
      groups.set(g.id, grp);
    }
    grp.lines.push(l);
    if (g.id.startsWith('net.') && l.key.endsWith('.type') && l.value) grp.detail = l.value;
  }
  const out: DocumentSymbol[] = [];
  for (const g of groups.values()) {
    const first = g.lines[0];
    const last = g.lines[g.lines.length - 1];
    const children = g.lines.map((l): DocumentSymbol => {
      const r = resolveKey(l.key);
      const kind = r.type === 'legacy' || r.type === 'unknown' || r.type === 'invalid' ? SymbolKind.Null : SymbolKind.Property;
      return {
        name: l.key,
        detail: l.value.length > 60 ? `${l.value.slice(0, 57)}…` : l.value,
        kind,
        range: range(l.line, l.keyStart, Math.max(l.valueEnd, l.keyEnd)),
        selectionRange: range(l.line, l.keyStart, l.keyEnd),
      };
    });
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
