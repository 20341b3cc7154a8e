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
import { findCapability, podmanDefaultSet } from '../capabilities/table';
import { capabilityMarkdown } from '../capabilities/hover';
import { escapeMarkdown, inlineCode } from '../util/markdown';

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
  lines.push(`- Type: ${k.type === 'string[]' ? 'array of strings' : k.type.replace('map<', 'table of ').replace('>', '')}`);
  if (k.default !== undefined) lines.push(`- Default: \`${k.default}\``);
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
