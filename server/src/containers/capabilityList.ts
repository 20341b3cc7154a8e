/**
 * `default_capabilities`: names Podman's `podman create` refuses, duplicates, and spellings
 * that differ from the rest of the list. Capability names come from ../capabilities/table.
 */
import type { TomlValue } from './toml';
import type { CheckContext } from './context';
import { CAPABILITIES, findCapability } from '../capabilities/table';
import { closest } from '../util/strings';

type StringValue = Extract<TomlValue, { type: 'string' }>;

/** How a capability is written: with or without `CAP_`, upper or lower case. */
export function spellingStyle(raw: string): string {
  const prefixed = /^cap_/i.test(raw);
  const upper = raw === raw.toUpperCase();
  return `${prefixed ? 'CAP_' : ''}${upper ? 'UPPER' : 'lower'}`;
}

/** Writes a capability (`sys_time`) in the style of an example spelling or style name. */
export function respell(name: string, styleOrExample: string): string {
  const style = styleOrExample.includes('UPPER') || styleOrExample.includes('lower') ? styleOrExample : spellingStyle(styleOrExample);
  const body = style.endsWith('UPPER') ? name.toUpperCase() : name.toLowerCase();
  return style.startsWith('CAP_') ? `${style.endsWith('UPPER') ? 'CAP_' : 'cap_'}${body}` : body;
}

export function checkCapabilities(value: Extract<TomlValue, { type: 'array' }>, cx: CheckContext): void {
  const seen = new Map<string, string>();
  const styles = new Map<string, number>();
  const items = value.items.filter((i): i is StringValue => i.type === 'string');
  // Suggestions follow how the list writes its names (`net_admin` beside `chown`), not the typo.
  const listStyle = majorityStyle(items.filter((i) => findCapability(i.value) && /^[^0-9]/.test(i.value) && i.value.trim() === i.value).map((i) => i.value));
  for (const it of items) {
    const raw = it.value;
    const cap = findCapability(raw);
    if (!cap || /^[0-9]+$/.test(raw.trim()) || raw.trim() !== raw) {
      const norm = raw.toUpperCase().startsWith('CAP_') ? raw.toUpperCase() : `CAP_${raw.toUpperCase()}`;
      const s = cx.suggest(() => closest(raw.toLowerCase().replace(/^cap_/, ''), CAPABILITIES.map((c) => c.name)));
      const sugg = s ? respell(s, listStyle ?? raw) : undefined;
      cx.report({
        code: 'containers/unknown-capability',
        message: raw.toUpperCase() === 'ALL'
          ? '`ALL` only works with --cap-add/--cap-drop; in default_capabilities it becomes CAP_ALL and `podman create` fails.'
          : `\`${raw}\` is not a capability. Podman loads the file, but \`podman create\` and \`podman run\` fail ("${norm}": unknown capability).${sugg ? ` Did you mean \`${sugg}\`?` : ''}`,
        range: cx.range(it.start, it.end),
        data: { suggestion: sugg ?? null },
      });
      continue;
    }
    const prev = seen.get(cap.cap);
    if (prev !== undefined) {
      cx.report({ code: 'containers/duplicate-capability', message: `${cap.cap} is already in the list (as \`${prev}\`).`, range: cx.range(it.start, it.end), data: { capability: cap.cap } });
    } else seen.set(cap.cap, raw);
    const style = spellingStyle(raw);
    styles.set(style, (styles.get(style) ?? 0) + 1);
  }
  if (styles.size > 1) {
    const major = [...styles].sort((a, b) => b[1] - a[1])[0][0];
    for (const it of items) {
      const cap = findCapability(it.value);
      if (cap && spellingStyle(it.value) !== major) {
        cx.report({ code: 'containers/capability-spelling', message: `The other names in this list are written like \`${respell('sys_chroot', major)}\`; writing \`${it.value}\` the same way keeps the list easy to read (Podman accepts both).`, range: cx.range(it.start, it.end), data: { replacement: respell(cap.name, major) } });
      }
    }
  }
}

/** The spelling style most names of a list use (the first one seen on a tie), if any. */
export function majorityStyle(names: readonly string[]): string | undefined {
  const count = new Map<string, number>();
  for (const n of names) count.set(spellingStyle(n), (count.get(spellingStyle(n)) ?? 0) + 1);
  let best: string | undefined;
  for (const [style, c] of count) if (best === undefined || c > count.get(best)!) best = style;
  return best;
}
