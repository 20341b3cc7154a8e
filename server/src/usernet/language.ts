/** /etc/lxc/lxc-usernet as a language of the engine. */
import type { Hover } from 'vscode-languageserver-types';
import { range, type Finding } from '../diagnostic';
import type { DocContext, LanguageSupport } from '../language';
import { inlineCode } from '../util/markdown';
import { accounts } from '../unpriv/hostfiles';
import { allowance, parseUsernet, type UsernetDocument } from './parse';
import { completeUsernet } from './complete';

/** The parsed file and its text (completion reads the line under the cursor). */
interface UsernetModel {
  doc: UsernetDocument;
  text: string;
}

/** Longest interface name Linux allows (IFNAMSIZ - 1). */
const IFNAME_MAX = 15;
const INT_MAX = 2147483647;

const SKIPPED: Record<'leading-blank' | 'fields' | 'count', string> = {
  'leading-blank': 'The line starts with a blank, so lxc-user-nic cannot read a user name and skips the line without a word.',
  fields: 'lxc-user-nic needs four fields (`user type bridge count`) and skips this line without a word.',
  count: 'The count is not a number, so lxc-user-nic skips this line without a word.',
};

export function validateUsernet(doc: UsernetDocument, ctx: DocContext): Finding[] {
  const out: Finding[] = doc.skipped.map((s) => ({ code: 'usernet/skipped-line' as const, message: `${SKIPPED[s.reason]} It grants nothing.`, range: range(s.line, s.start, s.end) }));
  const acc = accounts(ctx);
  for (const e of doc.entries) {
    const at = (i: number) => range(e.line, e.cols[i][0], e.cols[i][1]);
    if (e.type !== 'veth') {
      out.push({ code: 'usernet/unknown-type', message: `lxc-user-nic only creates \`veth\` interfaces, so a line for type ${inlineCode(e.type)} never matches and grants nothing.`, range: at(1) });
    }
    if (e.bridge.length > IFNAME_MAX) {
      out.push({ code: 'usernet/bridge-name', message: `Interface names have at most ${IFNAME_MAX} characters; no bridge is called ${inlineCode(e.bridge)}, so this line never matches.`, range: at(2) });
    }
    if (e.count <= 0) {
      out.push({ code: 'usernet/count', message: `A count of ${e.count} lets no interface be created; it only lowers what other matching lines grant, as lxc-user-nic sums the counts of every matching line.`, range: at(3) });
    } else if (e.count > INT_MAX) {
      out.push({ code: 'usernet/count', message: `The count is larger than ${INT_MAX}, which lxc-user-nic reads into an int: the result is undefined.`, range: at(3) });
    }
    if (e.rest >= 0) {
      out.push({ code: 'usernet/trailing-text', message: 'lxc-user-nic ignores everything after the count; there are no inline comments.', range: range(e.line, e.rest, e.end), unnecessary: true });
    }
    if (acc.uid.size > 0) {
      const group = e.name.startsWith('@') ? e.name.slice(1) : undefined;
      const known = group !== undefined ? acc.members.has(group) : acc.uid.has(e.name);
      if (!known) {
        out.push({
          code: 'usernet/unknown-owner',
          message: group !== undefined ? `This host has no group ${inlineCode(group)} with members, so the line grants nothing here.` : `This host has no user ${inlineCode(e.name)} (groups are written \`@group\`), so the line grants nothing here.`,
          range: at(0),
        });
      }
    }
  }
  return out;
}

function hoverUsernet(doc: UsernetDocument, line: number, ctx: DocContext): Hover | null {
  const e = doc.entries.find((x) => x.line === line);
  if (!e) return null;
  const acc = accounts(ctx);
  const group = e.name.startsWith('@') ? e.name.slice(1) : undefined;
  const lines = [
    group !== undefined
      ? `Every member of group ${inlineCode(group)} may attach up to **${e.count}** ${inlineCode(e.type)} interfaces to bridge ${inlineCode(e.bridge)} through lxc-user-nic.`
      : `User ${inlineCode(e.name)} may attach up to **${e.count}** ${inlineCode(e.type)} interfaces to bridge ${inlineCode(e.bridge)} through lxc-user-nic.`,
    '',
    'lxc-user-nic adds up the counts of every line that names the user or one of its groups with the same type and bridge; interfaces already handed out (listed in /run/lxc/nics) count against the total.',
  ];
  const users = group !== undefined ? [...(acc.members.get(group) ?? [])] : [e.name];
  const totals = users.slice(0, 10).map((u) => `- ${inlineCode(u)}: ${allowance(doc, u, acc.groups.get(u) ?? new Set(), e.type, e.bridge).total} in total`);
  if (totals.length && acc.uid.size > 0) lines.push('', `On this host, for ${inlineCode(e.type)} on ${inlineCode(e.bridge)}:`, ...totals);
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: range(e.line, 0, e.cols[3][1]) };
}

export const usernetLanguage: LanguageSupport<UsernetModel> = {
  id: 'lxc-usernet',
  parse: (text) => ({ doc: parseUsernet(text), text }),
  findings: (m, ctx) => validateUsernet(m.doc, ctx),
  hover: (m, pos, ctx) => hoverUsernet(m.doc, pos.line, ctx),
  completion: (m, pos, ctx) => completeUsernet(m.text, pos, ctx),
};
