/**
 * Proxmox container config checks: lines and keys as Proxmox reads them, values and
 * property-string options against the schema facts, raw `lxc.*` lines against Proxmox's
 * allow-list and then through ctconf's LXC engine (the raw lines of the current config are laid
 * out as an LXC config with the same line and column numbers, so LXC findings keep their ranges).
 */
import { range, type Finding } from '../diagnostic';
import type { DocContext } from '../language';
import { parseLxc } from '../lxc/parser';
import { analyzeLxc } from '../lxc/validate';
import { closest, suggestionBudget, type Suggest } from '../util/strings';
import { inlineCode } from '../util/markdown';
import { NUMBERED, PVE_KEYS, pveKey, rawKeyStatus, type SubOption, type ValueType } from './schema';
import { splitOptions, type PveDocument, type PveLine } from './parse';
import { FORMATS } from './formats';

const BOOL = /^(?:1|0|on|off|yes|no|true|false)$/i;

/**
 * Why a value does not fit its type, or undefined. `topLevel`: a key of the config itself, which
 * pve-container reads more strictly than an option inside a value (check_type: digits only for
 * integers, no sign or exponent for numbers).
 */
export function typeProblem(t: ValueType, v: string, topLevel = false): string | undefined {
  switch (t.kind) {
    case 'boolean':
      return BOOL.test(v) ? undefined : 'expected a boolean (`1` or `0`)';
    case 'integer':
    case 'number': {
      const ok = topLevel
        ? (t.kind === 'integer' ? /^\d+$/ : /^\d+(?:\.\d+)?$/).test(v)
        : t.kind === 'integer' ? /^[+-]?\d+$/.test(v) : /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(v);
      if (!ok) return `expected ${t.kind === 'integer' ? 'an integer' : 'a number'}`;
      const n = Number(v);
      if (t.min !== undefined && n < t.min) return `the minimum is ${t.min}`;
      if (t.max !== undefined && n > t.max) return `the maximum is ${t.max}`;
      return undefined;
    }
    case 'enum':
      return t.values.includes(v) ? undefined : `expected one of ${t.values.map((x) => `\`${x}\``).join(', ')}`;
    case 'string':
      if (t.maxLength !== undefined && v.length > t.maxLength) return `at most ${t.maxLength} characters`;
      if (t.format && FORMATS[t.format]) return FORMATS[t.format](v);
      return t.pattern && !t.pattern.test(v) ? `not a valid ${t.format ?? 'value'}` : undefined;
    case 'options':
      return undefined;
  }
}

function checkOptions(l: PveLine, options: Readonly<Record<string, SubOption>>, out: Finding[], suggest: Suggest): void {
  const seen = new Set<string>();
  const defaultKey = Object.keys(options).find((k) => options[k].defaultKey);
  for (const o of splitOptions(l.value, l.valueStart)) {
    const name = o.name ?? defaultKey;
    if (!name) {
      out.push({ code: 'proxmox/invalid-value', message: `${inlineCode(o.value)} has no \`name=\`; \`${l.key}\` takes \`option=value\` pairs separated by commas.`, range: range(l.line, o.start, o.end) });
      continue;
    }
    const spec = options[name];
    if (!spec) {
      const suggestion = suggest(() => closest(name, Object.keys(options)));
      out.push({ code: 'proxmox/unknown-option', message: `\`${l.key}\` has no option ${inlineCode(name)}${suggestion ? `; did you mean \`${suggestion}\`?` : '.'} Proxmox cannot read the key's value.`, range: range(l.line, o.start, o.name ? o.start + o.name.length : o.end), data: { suggestion } });
      continue;
    }
    if (seen.has(name)) {
      out.push({ code: 'proxmox/invalid-value', message: `The option \`${name}\` is given twice.`, range: range(l.line, o.start, o.end) });
    }
    seen.add(name);
    const why = typeProblem(spec.type, o.value);
    if (why) out.push({ code: 'proxmox/invalid-value', message: `${inlineCode(o.value)} is not valid for \`${name}\`: ${why}.`, range: range(l.line, o.valueStart, o.end) });
  }
  for (const [name, spec] of Object.entries(options)) {
    if (spec.required && !seen.has(name)) {
      out.push({ code: 'proxmox/invalid-value', message: `\`${l.key}\` needs the option \`${name}\`${spec.defaultKey ? ' (the first, unnamed value)' : ''}.`, range: range(l.line, l.valueStart, l.valueEnd) });
    }
  }
}

/** Time zones pve-container accepts: `host`, `UTC`, or a zone of this host's zone.tab (undefined: not known here). */
function timeZones(ctx: DocContext): ReadonlySet<string> | undefined {
  if (ctx.config.restricted) return undefined;
  return ctx.shared('proxmox/zones', () => {
    const tab = ctx.host.readFile('/usr/share/zoneinfo/zone.tab');
    if (tab === undefined) return undefined;
    const zones = new Set(['host', 'UTC']);
    for (const line of tab.split('\n')) if (line && !line.startsWith('#')) zones.add(line.split('\t')[2] ?? '');
    return zones;
  });
}

function checkKey(l: PveLine, seen: Map<string, PveLine>, out: Finding[], suggest: Suggest, ctx: DocContext): void {
  const k = pveKey(l.key);
  if (!k) {
    const suggestion = suggest(() => closest(l.key, [...Object.keys(PVE_KEYS), ...NUMBERED.map((n) => `${n.prefix}0`)]));
    out.push({ code: 'proxmox/unknown-key', message: `Proxmox has no container setting ${inlineCode(l.key)}${suggestion ? `; did you mean \`${suggestion}\`?` : '.'} It warns and the line has no effect.`, range: range(l.line, 0, l.keyEnd), data: { suggestion } });
    return;
  }
  if (k.snapshotOnly && l.section === '') {
    out.push({ code: 'proxmox/invalid-value', message: `\`${l.key}\` only belongs in a snapshot section.`, range: range(l.line, 0, l.keyEnd) });
  }
  const prev = seen.get(l.key);
  if (prev) {
    out.push({ code: 'proxmox/duplicate-key', message: `\`${l.key}\` is set again on line ${l.line + 1}; Proxmox keeps only the last value.`, range: range(prev.line, 0, prev.valueEnd), unnecessary: true });
  }
  seen.set(l.key, l);
  if (k.type.kind === 'options') checkOptions(l, k.type.options, out, suggest);
  else {
    const zones = k.type.kind === 'string' && k.type.format === 'pve-ct-timezone' ? timeZones(ctx) : undefined;
    const why = zones && !zones.has(l.value) ? 'not a time zone of /usr/share/zoneinfo/zone.tab on this host, `UTC` or `host`' : typeProblem(k.type, l.value, true);
    if (why) out.push({ code: 'proxmox/invalid-value', message: `${inlineCode(l.value)} is not valid for \`${l.key}\`: ${why}. Proxmox warns when it reads the file, and commands that use the key fail.`, range: range(l.line, l.valueStart, l.valueEnd) });
  }
}

/** Raw LXC lines: Proxmox's allow-list, then the LXC engine on the lines of the current config. */
function checkRaw(doc: PveDocument, ctx: DocContext, out: Finding[]): void {
  const lxcLines: string[] = new Array(doc.lineCount).fill('');
  for (const l of doc.lines) {
    if (l.kind !== 'raw') continue;
    const s = rawKeyStatus(l.key);
    if (!s.ok) {
      out.push({ code: 'proxmox/raw-key-refused', message: `${s.reason} The line has no effect.`, range: range(l.line, 0, l.keyEnd) });
      continue;
    }
    if (s.deprecated && l.key.startsWith('lxc.cgroup.')) {
      out.push({ code: 'proxmox/raw-key-deprecated', message: s.deprecated, range: range(l.line, 0, l.keyEnd) });
    }
    if (l.section !== '') continue;
    // Same columns: the value starts where it starts in the Proxmox line.
    lxcLines[l.line] = `${l.key}=${' '.repeat(Math.max(0, l.valueStart - l.keyEnd - 1))}${l.value}`;
  }
  if (!lxcLines.some((x) => x !== '')) return;
  const a = analyzeLxc(parseLxc(lxcLines.join('\n')), { version: ctx.config.lxcVersion, host: ctx.host, restricted: ctx.config.restricted });
  // Proxmox writes the keys it generates itself; LXC's findings about them do not apply here.
  for (const f of a.findings) {
    if (f.code === 'lxc/cap-already-dropped') continue;
    out.push(f);
  }
}

export function validateProxmox(doc: PveDocument, ctx: DocContext): Finding[] {
  const out: Finding[] = [];
  const seenBySection = new Map<string, Map<string, PveLine>>();
  const suggest = suggestionBudget();
  for (const l of doc.lines) {
    switch (l.kind) {
      case 'malformed':
        out.push({ code: 'proxmox/malformed-line', message: l.key ? `\`${l.key}:\` has no value; Proxmox cannot parse the line and ignores it.` : 'Proxmox cannot parse this line (expected `key: value`, `lxc.key: value`, a `#` description line or a `[section]`) and ignores it.', range: range(l.line, 0, l.valueEnd) });
        break;
      case 'delete':
        if (l.section !== 'pve:pending') out.push({ code: 'proxmox/malformed-line', message: '`delete:` is only read in the `[pve:pending]` section; Proxmox ignores it here.', range: range(l.line, 0, l.keyEnd) });
        break;
      case 'key': {
        if (!seenBySection.has(l.section)) seenBySection.set(l.section, new Map());
        checkKey(l, seenBySection.get(l.section)!, out, suggest, ctx);
        break;
      }
      default:
        break;
    }
  }
  checkRaw(doc, ctx, out);
  return out;
}
