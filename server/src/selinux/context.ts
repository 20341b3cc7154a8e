/**
 * SELinux security contexts (`user:role:type[:level]`), shared by every place ctconf meets
 * them: the container-selinux contexts file, LXC's `lxc.selinux.context` /
 * `lxc.selinux.context.keyring`, and containers.conf `label` explanations. The level is
 * `sensitivity[:categories]` or a range `low-high`; categories are `cN` and `cN.cM` items
 * separated by commas, within c0–c1023 (the 1024 categories container engines pick from).
 *
 * Call sites: `validateSelinuxContext(value)` returns problems with offsets inside `value`
 * (add the value's own offset); `selinuxContextHover(value, offset?)` returns Markdown.
 */
import { inlineCode } from '../util/markdown';
import { SELINUX_TYPES, ROLE_DOC, USER_DOC } from './types';

export const MAX_CATEGORY = 1023;

export interface SelinuxProblem {
  start: number;
  end: number;
  message: string;
  /** error: the kernel refuses the context; warning: valid but not what containers use. */
  severity: 'error' | 'warning';
  /** A warning the kernel of a container host (MCS policy: only s0, c0–c1023) still refuses. */
  mcs?: true;
}

export interface ContextParts {
  user: { text: string; start: number };
  role: { text: string; start: number };
  type: { text: string; start: number };
  level?: { text: string; start: number };
}

const NAME = /^[A-Za-z0-9_.]+$/;

/** Splits a context into its parts (the level keeps any further colons); undefined with fewer than three parts. */
export function splitContext(text: string): ContextParts | undefined {
  const parts: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i < 3; i++) {
    const c = text.indexOf(':', start);
    if (c === -1) {
      parts.push({ text: text.slice(start), start });
      start = text.length + 1;
      break;
    }
    parts.push({ text: text.slice(start, c), start });
    start = c + 1;
  }
  if (parts.length < 3) return undefined;
  const level = start <= text.length ? { text: text.slice(start), start } : undefined;
  return { user: parts[0], role: parts[1], type: parts[2], level };
}

/** At most this many problems are reported for one context (a pasted megabyte stays cheap). */
export const MAX_PROBLEMS = 100;

/** Whether any of the categories a..b (within c0–c1023) is already in `words`; then adds them all. */
function addCategories(words: Uint32Array, a: number, b: number): boolean {
  let hit = false;
  for (let w = a >>> 5; w <= b >>> 5; w++) {
    const lo = w === a >>> 5 ? a & 31 : 0;
    const hi = w === b >>> 5 ? b & 31 : 31;
    const mask = ((0xffffffff >>> (31 - hi)) & (0xffffffff << lo)) >>> 0;
    if ((words[w] & mask) !== 0) hit = true;
    words[w] |= mask;
  }
  return hit;
}

/** Problems of one level (`s0`, `s0:c1,c2`, `s0:c0.c1023`), offsets relative to `base`. */
function levelProblems(text: string, base: number): SelinuxProblem[] {
  const out: SelinuxProblem[] = [];
  const m = /^s(\d+)(?::(.*))?$/.exec(text);
  if (!m) return [{ start: base, end: base + text.length, message: `${inlineCode(text)} is not a level: write a sensitivity such as \`s0\`, optionally followed by \`:\` and categories.`, severity: 'error' }];
  if (m[1] !== '0') out.push({ start: base, end: base + 1 + m[1].length, message: `Sensitivity s${m[1]}: the MCS policies container hosts run know only s0.`, severity: 'warning', mcs: true });
  if (m[2] === undefined) return out;
  let pos = base + text.indexOf(':') + 1;
  const seen = new Uint32Array((MAX_CATEGORY + 1) / 32);
  for (const item of m[2].split(',')) {
    if (out.length >= MAX_PROBLEMS) break;
    // Category names are `c` and a number without leading zeros (`c01` is not a name the policy has).
    const r = /^c(0|[1-9]\d*)(?:\.c(0|[1-9]\d*))?$/.exec(item);
    const end = pos + item.length;
    if (!r) {
      out.push({ start: pos, end, message: `${inlineCode(item)} is not a category: write \`cN\` or a range \`cN.cM\`.`, severity: 'error' });
    } else {
      const a = Number(r[1]);
      const b = r[2] === undefined ? a : Number(r[2]);
      if (a > MAX_CATEGORY || b > MAX_CATEGORY) out.push({ start: pos, end, message: `Categories go from c0 to c${MAX_CATEGORY}; ${inlineCode(item)} is outside the range the policy defines.`, severity: 'error' });
      else if (r[2] !== undefined && b <= a) out.push({ start: pos, end, message: `A category range goes from the lower to the higher number: \`c${Math.min(a, b)}.c${Math.max(a, b)}\`.`, severity: 'error' });
      else if (addCategories(seen, a, b)) out.push({ start: pos, end, message: `${inlineCode(item)} repeats a category listed before.`, severity: 'warning' });
    }
    pos = end + 1;
  }
  return out;
}

/** Syntax problems of a context, with offsets inside `text`. An empty list means it is well formed. */
export function validateSelinuxContext(text: string): SelinuxProblem[] {
  const p = splitContext(text);
  if (!p) return [{ start: 0, end: text.length, message: `${inlineCode(text)} is not a security context: write \`user:role:type\` with an optional \`:level\`, such as \`system_u:system_r:container_t:s0\`.`, severity: 'error' }];
  const out: SelinuxProblem[] = [];
  for (const [what, part] of [['user', p.user], ['role', p.role], ['type', p.type]] as const) {
    if (!NAME.test(part.text)) out.push({ start: part.start, end: part.start + part.text.length, message: part.text === '' ? `The ${what} is empty.` : `${inlineCode(part.text)} is not a valid SELinux ${what} name (letters, digits, \`_\` and \`.\`).`, severity: 'error' });
  }
  if (p.level) {
    if (p.level.text === '') out.push({ start: p.level.start - 1, end: p.level.start, message: 'A colon after the type must be followed by a level such as `s0`.', severity: 'error' });
    else {
      const dash = p.level.text.indexOf('-');
      const found = dash === -1 ? levelProblems(p.level.text, p.level.start)
        : [...levelProblems(p.level.text.slice(0, dash), p.level.start), ...levelProblems(p.level.text.slice(dash + 1), p.level.start + dash + 1)];
      for (const f of found.slice(0, MAX_PROBLEMS)) out.push(f);
    }
  }
  return out;
}

/**
 * Whether the kernel of a container host refuses the context: a syntax error, a sensitivity
 * other than s0, or no level at all (MCS policies want one; the engines add it themselves, LXC
 * does not).
 */
export function refusedByMcs(text: string): boolean {
  const p = splitContext(text);
  return !p || !p.level || validateSelinuxContext(text).some((x) => x.severity === 'error' || x.mcs === true);
}

/** Plain words about a level or range. */
export function levelMarkdown(level: string): string {
  const dash = level.indexOf('-');
  if (dash !== -1) {
    return `**Level range ${inlineCode(level)}**: the process runs at ${inlineCode(level.slice(0, dash))} and may act up to ${inlineCode(level.slice(dash + 1))}. A range up to \`s0:c0.c1023\` covers every category, so the process can reach the files of every container.`;
  }
  const cats = level.split(':')[1];
  const base = `**Level ${inlineCode(level)}**: the Multi-Category Security (MCS) part of the label.`;
  if (!cats) return `${base} \`s0\` without categories is the level ordinary system files have; a process at plain s0 cannot reach files that carry categories.`;
  return `${base} Categories ${inlineCode(cats)}: a process may only touch files whose categories are a subset of its own. Container engines give each container its own random pair (such as \`s0:c123,c456\`), so two containers with different pairs cannot read or write each other's files even when both run as \`container_t\` and as the same user.`;
}

/** Markdown for a whole context, or for the part under `offset` (inside `text`) when given. */
export function selinuxContextHover(text: string, offset?: number): string | undefined {
  const p = splitContext(text);
  if (!p) return undefined;
  const within = (part: { text: string; start: number } | undefined) => part !== undefined && offset !== undefined && offset >= part.start && offset <= part.start + part.text.length;
  const typeDoc = (t: string) => SELINUX_TYPES[t] ? `**${t}**: ${SELINUX_TYPES[t]}` : `**${inlineCode(t)}**: a type the policy defines; SELinux rules are written mostly in terms of types.`;
  const userDoc = (u: string) => `**SELinux user ${inlineCode(u)}**: ${USER_DOC[u] ?? 'an SELinux identity; it limits which roles the context may have.'}`;
  const roleDoc = (r: string) => `**Role ${inlineCode(r)}**: ${ROLE_DOC[r] ?? 'a role; it limits which domains (process types) the context may enter.'}`;
  if (within(p.user)) return userDoc(p.user.text);
  if (within(p.role)) return roleDoc(p.role.text);
  if (within(p.type)) return typeDoc(p.type.text);
  if (within(p.level) && p.level) return levelMarkdown(p.level.text);
  const lines = [`**SELinux context** ${inlineCode(text)}`, '', `- ${userDoc(p.user.text)}`, `- ${roleDoc(p.role.text)}`, `- ${typeDoc(p.type.text)}`];
  if (p.level) lines.push(`- ${levelMarkdown(p.level.text)}`);
  return lines.join('\n');
}
