/**
 * Isolated Incus containers and root's subordinate IDs. Incus gives non-isolated containers the
 * first 65,536 IDs of root's first range in /etc/subuid and /etc/subgid, and each isolated
 * container its own block of `security.idmap.size` IDs (65,536 by default) after them. So with
 * default sizes root's range must hold 65,536 × (1 + isolated containers) IDs, or Incus fails
 * with "Not enough uid/gid available". The isolated instances and profiles counted are this
 * document and the Incus documents the front door knows (the workspace, or the CLI's inputs).
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { DocContext } from '../language';
import { fixData } from '../rules';
import { othersOf } from '../unpriv/hostfiles';
import { subIds } from '../unpriv/checks';
import { intersects } from '../unpriv/text';
import { configValue, parseIncus, type IncusModel } from './model';

export const DEFAULT_BLOCK = 65536n;
const TRUE = ['true', 'yes', '1', 'on'];

function isolatedSize(m: IncusModel): bigint | undefined {
  const iso = configValue(m, 'security.idmap.isolated');
  if (!iso || !TRUE.includes(iso.toLowerCase()) || TRUE.includes((configValue(m, 'security.privileged') ?? '').toLowerCase())) return undefined;
  const size = configValue(m, 'security.idmap.size');
  return size && /^\d+$/.test(size) && Number(size) > 0 ? BigInt(size) : DEFAULT_BLOCK;
}

/** The isolated instances and profiles among the other Incus documents, parsed once per text. */
function otherIsolated(ctx: DocContext): { uri: string; size: bigint }[] {
  const cache = ctx.shared('incus/isolated', () => new Map<string, { text: string; size: bigint | undefined }>());
  const out: { uri: string; size: bigint }[] = [];
  for (const d of othersOf(ctx, 'incus-yaml')) {
    let hit = cache.get(d.uri);
    if (!hit || hit.text !== d.text) {
      hit = { text: d.text, size: isolatedSize(parseIncus(d.text)) };
      cache.set(d.uri, hit);
    }
    if (hit.size !== undefined) out.push({ uri: d.uri, size: hit.size });
  }
  return out;
}

export function checkIsolatedSizing(m: IncusModel, ctx: DocContext): Finding[] {
  const own = isolatedSize(m);
  const at = m.config.find((e) => e.key === 'security.idmap.isolated');
  if (own === undefined || !at || configValue(m, 'security.idmap.base')) return [];
  const others = otherIsolated(ctx);
  const need = DEFAULT_BLOCK + own + others.reduce((s, o) => s + o.size, 0n);
  const count = others.length + 1;
  const out: Finding[] = [];
  for (const type of ['u', 'g'] as const) {
    const s = subIds(ctx, type);
    const root = s?.entries.find((e) => e.owner === 'root' || e.owner === '0');
    if (!s || !root || root.count >= need) continue;
    const file = type === 'u' ? 'subuid' : 'subgid';
    // Growing root's range in place is only offered when it then overlaps no other range.
    const clash = s.entries.some((e) => e !== root && intersects(e.start, e.count, root.start, need));
    out.push({
      code: 'incus/idmap-subid',
      message: `Root has ${root.count.toLocaleString('en')} subordinate ${type === 'u' ? 'user' : 'group'} IDs in ${s.src.path ?? s.src.uri} (line ${root.line + 1}), but Incus needs ${DEFAULT_BLOCK.toLocaleString('en')} for non-isolated containers plus a block for each of the ${count} isolated instance${count === 1 ? '' : 's'} or profile${count === 1 ? '' : 's'} checked together (${need.toLocaleString('en')} in all); creating the ${count === 1 ? 'container' : 'last ones'} fails with "Not enough uid/gid available". ${clash ? `Give root a range of ${need} IDs that no other line uses.` : `Raise the count on that line to ${need}.`}`,
      range: at.keyRange,
      data: { file: clash ? null : s.src.uri, line: root.line, start: root.countCol, end: root.countEnd, count: need.toString(), name: file },
    });
  }
  return out;
}

/** The quick fix of incus/idmap-subid: root's count raised in /etc/subuid or /etc/subgid. */
export function subidCountFix(d: Diagnostic): CodeAction | undefined {
  const data = fixData(d, 'incus/idmap-subid');
  if (!data || !data.file || !/^\d+$/.test(data.count)) return undefined;
  return {
    title: `Give root ${data.count} IDs in ${data.name}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [data.file]: [{ range: { start: { line: data.line, character: data.start }, end: { line: data.line, character: data.end } }, newText: data.count }] } },
  };
}
