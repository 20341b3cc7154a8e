/**
 * containers/common's mounts.conf (/usr/share/containers/mounts.conf, /etc/containers/mounts.conf,
 * ~/.config/containers/mounts.conf): one `host-path[:container-path]` per line, mounted into every
 * container (subscriptions.go). Only lines that start with `/` (after blanks) are read; every other
 * line is skipped without a word, which is also how `#` comments work. A host path that does not
 * exist is skipped too.
 */
import { SymbolKind, type DocumentSymbol, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { DocContext, LanguageSupport } from '../language';
import { inlineCode } from '../util/markdown';

interface Entry {
  line: number;
  start: number;
  host: string;
  container: string;
  /** Column where the container part starts (after `:`), or -1 when the line has no `:`. */
  containerStart: number;
  end: number;
}

export interface MountsModel {
  entries: Entry[];
  ignored: { line: number; start: number; end: number }[];
}

const r = (line: number, s: number, e: number): Range => ({ start: { line, character: s }, end: { line, character: e } });

export function parseMounts(text: string): MountsModel {
  const entries: Entry[] = [];
  const ignored: MountsModel['ignored'] = [];
  text.split(/\r?\n|\r/).forEach((raw, n) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const start = raw.length - raw.trimStart().length;
    if (!t.startsWith('/')) {
      ignored.push({ line: n, start, end: raw.trimEnd().length });
      return;
    }
    const colon = raw.indexOf(':');
    const host = colon === -1 ? raw.slice(0) : raw.slice(0, colon);
    const container = colon === -1 ? host : raw.slice(colon + 1);
    entries.push({ line: n, start, host: host.trim(), container: container.trim(), containerStart: colon === -1 ? -1 : colon + 1, end: raw.length });
  });
  return { entries, ignored };
}

export function validateMounts(m: MountsModel, exists?: (path: string) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const i of m.ignored) out.push({ code: 'mounts/ignored-line', message: 'Podman reads only lines that start with `/` (a host path); it skips this one silently.', range: r(i.line, i.start, i.end) });
  const seen = new Map<string, number>();
  for (const e of m.entries) {
    const cRange = e.containerStart === -1 ? r(e.line, e.start, e.end) : r(e.line, e.containerStart, e.end);
    if (e.containerStart !== -1 && !e.container.startsWith('/')) {
      out.push({ code: 'mounts/relative-path', message: e.container === '' ? 'The container path after `:` is empty.' : `The container path ${inlineCode(e.container)} is not absolute.`, range: cRange });
    } else if (e.container.includes(':')) {
      out.push({ code: 'mounts/relative-path', message: 'Only the first `:` separates the host path from the container path; this container path contains another one.', range: cRange });
    }
    if (seen.has(e.container)) out.push({ code: 'mounts/duplicate', message: `${inlineCode(e.container)} is already mounted by line ${seen.get(e.container)! + 1}.`, range: cRange });
    seen.set(e.container, e.line);
    if (exists && !exists(e.host)) out.push({ code: 'mounts/missing-host-path', message: `${inlineCode(e.host)} does not exist on this host; Podman skips this line.`, range: r(e.line, e.start, e.start + e.host.length) });
  }
  return out;
}

function hover(m: MountsModel, pos: Position): Hover | null {
  const e = m.entries.find((x) => x.line === pos.line);
  if (!e) return null;
  const value = `**Mount for every container**: the host's ${inlineCode(e.host)} appears in each container at ${inlineCode(e.container)}. Podman copies the content into the container's own run directory (labelled for the container), so the container cannot change the host's files.`;
  return { contents: { kind: 'markdown', value }, range: r(e.line, e.start, e.end) };
}

export const mountsLanguage: LanguageSupport<MountsModel> = {
  id: 'containers-mounts-conf',
  parse: (text) => parseMounts(text),
  findings: (m, ctx: DocContext) => validateMounts(m, ctx.config.restricted ? undefined : (p) => ctx.host.stat(p) !== undefined),
  hover: (m, pos) => hover(m, pos),
  symbols: (m): DocumentSymbol[] => m.entries.map((e) => ({ name: e.container, detail: e.host, kind: SymbolKind.File, range: r(e.line, e.start, e.end), selectionRange: r(e.line, e.start, e.end) })),
};
