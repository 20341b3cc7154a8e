/** /etc/subuid and /etc/subgid as a language of the engine. */
import { CompletionItemKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver-types';
import type { DocContext, LanguageSupport } from '../language';
import { inlineCode } from '../util/markdown';
import { accounts } from '../unpriv/hostfiles';
import { hostContainers } from '../unpriv/containers';
import { intersection, intersects, MAX_ID, plural, span } from '../unpriv/text';
import { parseSubIds, subIdKind, type SubIdDocument } from './parse';
import { validateSubIds } from './validate';

/** The first range useradd hands out with Debian's /etc/login.defs (SUB_UID_MIN, SUB_UID_COUNT; the same for GIDs). */
export const LOGIN_DEFS_DEFAULT = { start: 100000n, count: 65536n } as const;

/** At most this many containers are listed in a hover. */
const MAX_LISTED = 20;

function ownerKey(ctx: DocContext): (owner: string) => string {
  const a = accounts(ctx);
  return (o) => a.uid.get(o) ?? o;
}

/** The parsed file and its text (completion reads the line under the cursor). */
interface SubIdModel {
  doc: SubIdDocument;
  text: string;
}

export const subidLanguage: LanguageSupport<SubIdModel> = {
  id: 'subid',
  parse: (text, ctx) => ({ doc: parseSubIds(text, subIdKind(ctx.path)), text }),
  findings: (m, ctx) => validateSubIds(m.doc, ownerKey(ctx), ctx.uri),
  hover: (m, pos, ctx) => hoverSubId(m.doc, pos, ctx),
  completion: (m, pos, ctx) => completeSubId(m, pos, ctx),
};

/**
 * Completion: host users without a line yet where the owner goes, and after `owner:` the next
 * free range with the login.defs defaults (65,536 IDs, none below 100000), as useradd would pick.
 */
function completeSubId(m: SubIdModel, pos: Position, ctx: DocContext): CompletionItem[] {
  const before = (m.text.split(/\r\n|\r|\n/)[pos.line] ?? '').slice(0, pos.character);
  const at = (start: number) => ({ start: { line: pos.line, character: start }, end: pos });
  const owner = /^[^:#\s]*$/.exec(before);
  if (owner) {
    const listed = new Set(m.doc.entries.map((e) => e.owner));
    return [...accounts(ctx).uid.keys()].filter((u) => !listed.has(u)).slice(0, 512)
      .map((u) => ({ label: u, kind: CompletionItemKind.Variable, detail: `user (UID ${accounts(ctx).uid.get(u)})`, textEdit: { range: at(0), newText: `${u}:` } }));
  }
  const range = /^[^:#\s]+:(\d*)$/.exec(before);
  if (!range) return [];
  const end = m.doc.entries.reduce<bigint>((max, e) => (e.start + e.count > max ? e.start + e.count : max), LOGIN_DEFS_DEFAULT.start);
  if (end + LOGIN_DEFS_DEFAULT.count - 1n > MAX_ID) return [];
  const text = `${end}:${LOGIN_DEFS_DEFAULT.count}`;
  return [{ label: text, kind: CompletionItemKind.Value, detail: `the next free ${plural(LOGIN_DEFS_DEFAULT.count, 'ID')} after every range of this file`, textEdit: { range: at(before.length - range[1].length), newText: text } }];
}

function hoverSubId(doc: SubIdDocument, pos: Position, ctx: DocContext): Hover | null {
  const e = doc.entries.find((x) => x.line === pos.line && pos.character <= x.countEnd);
  if (!e) return null;
  const what = doc.kind === 'uid' ? 'user' : 'group';
  const lines = [
    `**${inlineCode(e.owner)}** may map the subordinate ${what} IDs **${span(e.start, e.count)}** (${plural(e.count, 'ID')}) into user namespaces it creates (newuidmap/newgidmap check this file).`,
  ];
  if (e.start === LOGIN_DEFS_DEFAULT.start && e.count === LOGIN_DEFS_DEFAULT.count) lines.push('This is the first range `useradd` hands out with Debian\'s defaults (`SUB_UID_MIN` 100000, `SUB_UID_COUNT` 65536 in /etc/login.defs).');
  const type = doc.kind === 'uid' ? 'u' : 'g';
  const key = ownerKey(ctx);
  const users = new Set([e.owner, ...[...accounts(ctx).uid].filter(([, uid]) => uid === e.owner).map(([n]) => n)]);
  const using: string[] = [];
  for (const c of hostContainers(ctx, users)) {
    for (const m of c.maps) {
      if (m.type !== type || !intersects(m.hostid, m.count, e.start, e.count)) continue;
      const [s, n] = intersection(m.hostid, m.count, e.start, e.count);
      const whose = key(c.owner) === key(e.owner) ? '' : ` — owned by ${inlineCode(c.owner)}, not ${inlineCode(e.owner)}`;
      using.push(`- ${inlineCode(c.name)} maps host IDs ${span(s, n)}${m.line < 0 ? ' (the platform\'s default map)' : ` (line ${m.line + 1})`}${whose}`);
    }
  }
  if (using.length) {
    lines.push('', `Containers mapping into this range${ctx.config.restricted ? ' (open documents only: Restricted Mode)' : ''}:`, ...using.slice(0, MAX_LISTED));
    if (using.length > MAX_LISTED) lines.push(`- … and ${using.length - MAX_LISTED} more`);
  } else {
    lines.push('', ctx.config.restricted ? 'No open container config maps into this range (host directories are not read in Restricted Mode).' : 'No known container maps into this range.');
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: { start: { line: e.line, character: 0 }, end: { line: e.line, character: e.countEnd } } };
}
