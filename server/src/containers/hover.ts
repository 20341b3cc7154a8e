/**
 * Hovers for containers.conf: tables, keys (type, default, values, versions), values of
 * enumerated keys and capability names. Every string taken from the document is escaped
 * before it goes into Markdown.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import { offsetAt, type TomlDocument } from './toml';
import type { CcKey } from './data';
import { TABLES, valueAccepted, valuesFor, versionAtLeast } from './keys';
import { resolvePath, tableInfo } from './resolve';
import { entryAt, headerAt, rng } from './cursor';
import { CAPABILITIES, findCapability, podmanDefaultSet } from '../capabilities/table';
import { capabilityMarkdown } from '../capabilities/hover';
import { escapeMarkdown, inlineCode } from '../util/markdown';
import { PODMAN_LABEL_NOTES } from '../selinux/podman';

export const CC_MANPAGE_URL = 'https://github.com/containers/common/blob/main/docs/containers.conf.5.md';

export interface CcFeatureContext {
  podmanVersion: string;
  uri: string;
  /** The host's man page text for a capability or key, already Markdown (the caller escapes it). */
  capabilityExtra?: (cap: string) => string | undefined;
  keyExtra?: (key: string) => string | undefined;
  /** Effective value of a key across the layers, for hovers (Markdown; the caller escapes file text). */
  effective?: (path: string[]) => string | undefined;
}

const md = (value: string): Hover['contents'] => ({ kind: 'markdown', value });

/** Values of a key as a Markdown list for the target release. */
export function valuesMarkdown(k: CcKey, version: string): string {
  const values = valuesFor(k, version).filter(Boolean).map((x) => `\`${x}\``).join(', ');
  return `${values}${k.prefixes ? `, or ${k.prefixes.map((p) => `\`${p}…\``).join(', ')}` : ''}`;
}

/** A key's documentation; `shown` (how the document names it) is escaped here. */
export function keyMarkdown(k: CcKey, version: string, shown: string): string {
  const lines = [`**${escapeMarkdown(shown)}**`, '', k.doc || 'No longer read by Podman.', ''];
  const note = PODMAN_LABEL_NOTES[`${k.table}.${k.key}`];
  if (note) lines.push(note, '');
  lines.push(`- Type: ${k.type === 'string[]' ? 'array of strings' : k.type.replace('map<', 'table of ').replace('>', '')}`);
  if (k.check === 'capabilities') {
    const set = podmanDefaultSet(version);
    lines.push(`- Default built into Podman ${version}: ${set.length} capabilities, ${set.map((c) => `\`${c.slice(4)}\``).join(', ')}${versionAtLeast(version, '4.4') ? ' (Podman 4.4 dropped AUDIT_WRITE, MKNOD and NET_RAW)' : ' (Podman 4.4 and later drop AUDIT_WRITE, MKNOD and NET_RAW)'}`);
  } else if (k.default !== undefined) lines.push(`- Default: \`${k.default}\``);
  if (k.values) lines.push(`- Values: ${valuesMarkdown(k, version)}`);
  if (k.append) lines.push('- Accepts `{append = true}` to add to earlier files instead of replacing (Podman 4.8+)');
  if (k.since) lines.push(`- Podman ${k.since} and later; ${versionAtLeast(version, k.since) ? 'read by' : '**ignored by**'} the target Podman ${version}`);
  if (k.deprecated) lines.push(`- Deprecated: ${k.deprecated}`);
  if (k.removed) lines.push(`- Removed: ${k.removedNote ?? k.removed}`);
  lines.push('', `[containers.conf(5)](${CC_MANPAGE_URL})`);
  return lines.join('\n');
}

export function hoverCc(doc: TomlDocument, pos: Position, ctx: CcFeatureContext): Hover | null {
  const offset = offsetAt(doc, pos);
  const h = headerAt(doc, offset);
  if (h) {
    const path = h.key.parts.map((p) => p.name);
    const r = resolvePath(path);
    const range = rng(doc, h.key.start, h.key.end);
    if (r.type === 'table') {
      const t = tableInfo(r.table)!;
      return { contents: md(`${inlineCode(`[${r.canonical.join('.')}]`)}\n\n${t.doc}\n\n- Podman ${t.since} and later`), range };
    }
    if (r.type === 'key' && r.key.type === 'table[]') return { contents: md(keyMarkdown(r.key, ctx.podmanVersion, `[[${path.join('.')}]]`)), range };
    return null;
  }
  const hit = entryAt(doc, offset);
  if (!hit) return null;
  const r = resolvePath(hit.e.path);
  if (hit.inKey) {
    let text: string | undefined;
    if (r.type === 'key') text = keyMarkdown(r.key, ctx.podmanVersion, `${r.canonical.slice(0, -1).join('.')} › ${r.canonical[r.canonical.length - 1]}`);
    else if (r.type === 'map-entry') text = `${inlineCode(r.name)} in \`[${r.table}]\`\n\n${TABLES[r.table]?.doc ?? ''}\n\n- Value: ${r.valueType === 'string[]' ? 'array of strings' : 'string'}`;
    if (!text) return null;
    const eff = ctx.effective?.(r.type === 'key' ? r.canonical : hit.e.path);
    if (eff) text += `\n\n${eff}`;
    const extra = r.type === 'key' ? ctx.keyExtra?.(r.key.key) : undefined;
    if (extra && r.type === 'key' && r.key.check === 'capabilities') text += manCapabilityNote(extra, ctx.podmanVersion);
    if (extra) text += `\n\n---\n\n${extra}`;
    return { contents: md(text), range: rng(doc, hit.e.kv.key.start, hit.e.kv.key.end) };
  }
  if (r.type !== 'key' || !hit.value || hit.value.type !== 'string') return null;
  const range = rng(doc, hit.value.start, hit.value.end);
  const s = hit.value.value;
  if (r.key.check === 'capabilities') {
    const cap = findCapability(s);
    if (!cap || /^\d+$/.test(s)) return null;
    const inDefault = podmanDefaultSet(ctx.podmanVersion).includes(cap.cap);
    return { contents: md(capabilityMarkdown(cap, { context: 'podman', inPodmanDefault: inDefault, podmanVersion: ctx.podmanVersion, extra: ctx.capabilityExtra?.(cap.cap) })), range };
  }
  if (!r.key.values) return null;
  const ok = valueAccepted(r.key, s, ctx.podmanVersion);
  const text = `${inlineCode(s)} (${r.key.key})\n\n${ok ? 'Podman accepts this value.' : 'Podman does not know this value.'} Accepted: ${valuesMarkdown(r.key, ctx.podmanVersion)}.`;
  return { contents: md(text), range };
}

/**
 * The host's man page may list another default set than the target Podman has (the man page
 * of containers-common 0.50 lists 13 names; Podman 4.3 has 14 built in, 4.4+ has 11): say
 * which differ and which list Podman uses.
 */
export function manCapabilityNote(man: string, version: string): string {
  const listed = new Set(CAPABILITIES.filter((c) => new RegExp(`\\b(CAP_)?${c.name.toUpperCase()}\\b`).test(man)).map((c) => c.cap));
  const set = podmanDefaultSet(version);
  if (listed.size === 0) return '';
  const missing = set.filter((c) => !listed.has(c)).map((c) => `\`${c.slice(4)}\``);
  const extra = [...listed].filter((c) => !set.includes(c)).map((c) => `\`${c.slice(4)}\``);
  if (!missing.length && !extra.length) return '';
  const diff = [extra.length ? `adds ${extra.join(', ')}` : '', missing.length ? `leaves out ${missing.join(', ')}` : ''].filter(Boolean).join(' and ');
  return `\n\n**The man page below lists ${listed.size} capabilities, Podman ${version} has ${set.length} built in**: the man page ${diff}. Man pages list what their authors wrote at the time and are not read by Podman; Podman ${version} starts from the built-in list above unless a containers.conf sets \`default_capabilities\` (the effective value, when shown, is the one containers get).`;
}
