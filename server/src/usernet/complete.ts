/**
 * Completion in /etc/lxc/lxc-usernet, field by field (`user type bridge count`): users and
 * `@groups` of this host, the one type lxc-user-nic creates (`veth`), bridges (this host's,
 * from /sys/class/net, and the `lxc.net.N.link` values of the LXC configs the front door
 * knows), (no count is guessed). Host facts are read through the Host interface, never in Restricted Mode.
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { range } from '../diagnostic';
import type { DocContext } from '../language';
import { parseLxc } from '../lxc/parser';
import { accounts, languageOf } from '../unpriv/hostfiles';
import { baseName } from '../unpriv/text';
import { uriToPath } from '../util/uri';

/** Most bridges read from /sys/class/net, most host users offered, and most open configs read for links. */
const MAX_HOST_ITEMS = 512;
const MAX_CONFIGS = 256;

/** Bridges of this host: interfaces with a `bridge` directory in sysfs. */
export function hostBridges(ctx: DocContext): string[] {
  if (ctx.config.restricted) return [];
  const names = (ctx.host.readDir('/sys/class/net') ?? []).sort();
  return names.slice(0, MAX_HOST_ITEMS).filter((n) => /^[^/\0]+$/.test(n) && ctx.host.stat(`/sys/class/net/${n}/bridge`)?.type === 'directory');
}

/** The `lxc.net.N.link` values of the LXC configs among the other documents, with the config's name. */
export function linksOfOpenConfigs(ctx: DocContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of ctx.others().filter((x) => languageOf(x) === 'lxc').slice(0, MAX_CONFIGS)) {
    for (const e of parseLxc(d.text).entries) {
      if (/^lxc\.net\.\d+\.link$/.test(e.key) && e.value && !out.has(e.value)) out.set(e.value, baseName((uriToPath(d.uri) ?? d.uri).replace(/\/config$/, '')));
    }
  }
  return out;
}

/** Which field the cursor is in, and where that field starts. */
function fieldAt(before: string): { field: number; start: number } | undefined {
  if (/^\s*#/.test(before)) return undefined;
  // A leading blank makes lxc-user-nic skip the line: nothing to offer there.
  if (/^[ \t]/.test(before)) return undefined;
  const parts = before.split(/[ \t]+/);
  if (parts.length > 4) return undefined;
  return { field: parts.length - 1, start: before.length - parts[parts.length - 1].length };
}

export function completeUsernet(text: string, pos: Position, ctx: DocContext): CompletionItem[] {
  const lineText = text.split(/\r\n|\r|\n/)[pos.line] ?? '';
  const before = lineText.slice(0, pos.character);
  const at = fieldAt(before);
  if (!at) return [];
  const replace = range(pos.line, at.start, pos.character);
  const item = (label: string, kind: CompletionItemKind, detail: string, newText = `${label} `): CompletionItem => ({ label, kind, detail, textEdit: { range: replace, newText } });
  if (at.field === 0) {
    const a = accounts(ctx);
    const users = [...a.uid.keys()].slice(0, MAX_HOST_ITEMS).map((u) => item(u, CompletionItemKind.Variable, `user (UID ${a.uid.get(u)})`));
    const groups = [...a.members.keys()].sort().slice(0, MAX_HOST_ITEMS).map((g) => item(`@${g}`, CompletionItemKind.Module, `group of ${a.members.get(g)!.size} user(s)`));
    return [...users, ...groups];
  }
  if (at.field === 1) return [item('veth', CompletionItemKind.EnumMember, 'the only type lxc-user-nic creates')];
  if (at.field === 2) {
    const seen = new Map<string, CompletionItem>();
    for (const b of hostBridges(ctx)) seen.set(b, item(b, CompletionItemKind.Value, 'bridge on this host'));
    for (const [b, c] of linksOfOpenConfigs(ctx)) if (!seen.has(b) && b.length <= 15) seen.set(b, item(b, CompletionItemKind.Value, `lxc.net link of ${c}`));
    return [...seen.values()];
  }
  return [];
}
