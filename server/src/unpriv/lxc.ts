/**
 * The `unpriv/` checks on LXC container configs: the LXC language with checks between files
 * added (registry.ts lists `withUnprivChecks(lxcLanguage)`). The LXC side only hands over its
 * analysis (NICs and idmaps); nothing in lxc/ changes.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { DocContext, LanguageSupport } from '../language';
import type { LxcModel } from '../lxc/language';
import { fixData } from '../rules';
import { lxcConfigUser } from './hostfiles';
import { checkingLxcConfig } from './containers';
import { checkRootOwnSubIds, checkRootSubIds, checkSharedIdmaps, checkUserSubIds, checkUsernet, type Nic, type PlacedMap } from './checks';
import { appendAll } from '../util/arrays';

/** The range of a document line's whole entry (or the include line that brought it in). */
function lineRange(m: LxcModel, line: number): Range {
  const l = m.doc.lineAt(line);
  return l && l.kind === 'entry' ? { start: { line, character: l.keyStart }, end: { line, character: l.valueEnd } } : { start: { line, character: 0 }, end: { line, character: m.doc.lineText(line).length } };
}

/**
 * The container's NICs with their type and link, placed on their link (or type) line, replayed
 * from the document's own lines as liblxc applies them: a type line starts the interface
 * afresh, `lxc.net.N =` removes one, `lxc.net =` all of them.
 */
export function lxcNics(m: LxcModel): Nic[] {
  const nics = new Map<string, { type?: string; link?: string; line: number }>();
  for (const e of m.doc.entries) {
    if (e.key === 'lxc.net' && e.value === '') nics.clear();
    const k = /^lxc\.net\.(\d+)(?:\.(type|link))?$/.exec(e.key);
    if (!k) continue;
    const [, i, sub] = k;
    if (!sub) {
      if (e.value === '') nics.delete(i);
    } else if (sub === 'type') {
      nics.set(i, { type: e.value, line: e.line });
    } else {
      const n = nics.get(i) ?? { line: e.line };
      nics.set(i, { ...n, link: e.value || undefined, line: e.line });
    }
  }
  return [...nics.values()].flatMap((n) => (n.type ? [{ type: n.type, link: n.link, range: lineRange(m, n.line) }] : []));
}

export function lxcMaps(m: LxcModel, ctx: DocContext): PlacedMap[] {
  const idmaps = m.analysis(ctx)?.effective.idmaps ?? [];
  const out: PlacedMap[] = [];
  for (const x of idmaps) {
    try {
      out.push({ type: x.type, nsid: x.nsid, hostid: x.hostid, count: x.count, range: x.file ? lineRange(m, x.topLine) : { start: { line: x.line, character: x.valueStart }, end: { line: x.line, character: x.valueEnd } } });
    } catch {
      // Not a valid idmap: the LXC checks report it.
    }
  }
  return out;
}

/** The `unpriv/` findings of an LXC config; `base` are the LXC findings (not repeated). */
export function unprivLxcFindings(m: LxcModel, ctx: DocContext, base: Finding[]): Finding[] {
  if (m.system || !m.analysis(ctx)) return [];
  checkingLxcConfig(ctx, m.doc);
  const owner = lxcConfigUser(ctx, ctx.path);
  const maps = lxcMaps(m, ctx);
  const out: Finding[] = [];
  if (owner) {
    appendAll(out, checkUsernet(lxcNics(m), owner, ctx));
    const reported = new Set(base.filter((f) => f.code === 'lxc/idmap-subid').map((f) => f.range.start.line));
    appendAll(out, checkUserSubIds(maps.filter((x) => !reported.has(x.range.start.line)), owner, ctx, reported.size > 0 || /^\/home\//.test(ctx.path ?? '')));
  } else if (maps.length) {
    appendAll(appendAll(out, checkRootSubIds(maps, ctx)), checkRootOwnSubIds(maps, ctx));
  }
  appendAll(out, checkSharedIdmaps(maps, owner ?? 'root', ctx));
  return out;
}

/** The quick fix for a missing or short lxc-usernet allowance: a line added to that file. */
export function usernetFix(d: Diagnostic): CodeAction | undefined {
  const data = fixData(d, 'unpriv/usernet-missing') ?? fixData(d, 'unpriv/usernet-count');
  if (!data || !data.file) return undefined;
  const line = `${data.user} veth ${data.bridge} ${data.count}`;
  const at = { line: data.endLine, character: data.endCharacter };
  return {
    title: `Allow ${data.user} ${data.count} more veth interface${data.count === 1 ? '' : 's'} on ${data.bridge} in lxc-usernet`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [data.file]: [{ range: { start: at, end: at }, newText: `${data.newline ? '\n' : ''}${line}\n` }] } },
  };
}

/** The LXC language with the `unpriv/` checks and their quick fixes added. */
export function withUnprivChecks(base: LanguageSupport<LxcModel>): LanguageSupport<LxcModel> {
  return {
    ...base,
    readsOthers: true,
    findings(m, ctx) {
      const own = base.findings(m, ctx);
      return [...own, ...unprivLxcFindings(m, ctx, own)];
    },
    codeActions(m, range, diagnostics, ctx) {
      const out = base.codeActions?.(m, range, diagnostics, ctx) ?? [];
      for (const d of diagnostics) {
        const fix = usernetFix(d) ?? addLineFix(d);
        if (fix) out.push(fix);
      }
      return out;
    },
  };
}

/** The quick fix of unpriv/idmap-root-subid: the missing range added to /etc/subuid or /etc/subgid. */
export function addLineFix(d: Diagnostic): CodeAction | undefined {
  const data = fixData(d, 'unpriv/idmap-root-subid');
  if (!data) return undefined;
  const at = { line: data.endLine, character: data.endCharacter };
  return {
    title: `Add ${data.text} to ${data.file.replace(/^.*\//, '')}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [data.file]: [{ range: { start: at, end: at }, newText: `${data.newline ? '\n' : ''}${data.text}\n` }] } },
  };
}
