/**
 * Incus/LXD config checks: YAML syntax, keys and value types from the metadata facts, the
 * cross-key rules Incus applies (internal/server/instance/instance_utils.go), `raw.idmap` syntax,
 * `raw.lxc` line by line through ctconf's LXC engine plus the keys Incus refuses there, and the
 * subordinate-ID sizing of isolated containers.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { DocContext } from '../language';
import { parseLxc } from '../lxc/parser';
import { analyzeLxc } from '../lxc/validate';
import { closest } from '../util/strings';
import { inlineCode } from '../util/markdown';
import { INCUS_KEYS } from './keys';
import { configValue, incusKey, positionAt, rangeOf, type ConfigEntry, type IncusModel } from './model';
import { checkIsolatedSizing } from './idmap';
import { valueProblem } from './values';
import { checkRootOwnSubIds, type PlacedMap } from '../unpriv/checks';
import { appendAll } from '../util/arrays';
import { dialectOf, INCUS_ONLY, LXD_ONLY, type Dialect } from './dialect';

const BOOL = ['true', 'false', 'yes', 'no', '1', '0', 'on', 'off'];
export const isTrue = (v: string | undefined): boolean => v !== undefined && ['true', 'yes', '1', 'on'].includes(v.toLowerCase());
/** Key families Incus accepts under any name. */
const PREFIXES = ['user.', 'image.', 'environment.', 'limits.kernel.', 'linux.sysctl.', 'systemd.credential.', 'systemd.credential-binary.', 'smbios11.', 'volatile.'];
const NAMES = INCUS_KEYS.map((r) => r[0]).filter((n) => !/[*<]/.test(n));

/** Most "did you mean" lookups per document (each compares the key with every option name). */
const MAX_SUGGESTIONS = 200;

function typeFindings(e: ConfigEntry, out: Finding[], budget: { left: number }, dialect: Dialect): void {
  const product = dialect === 'lxd' ? 'LXD' : 'Incus';
  const lxdOnly = LXD_ONLY[e.key];
  const k = incusKey(e.key);
  const type = dialect === 'lxd' && lxdOnly ? (lxdOnly.type === 'bool' ? 'bool' : 'string') : k?.[1];
  if (!type || (dialect === 'lxd' && k && INCUS_ONLY.has(k[0]))) {
    if (!k && PREFIXES.some((p) => e.key.startsWith(p)) && !(dialect === 'lxd' && INCUS_ONLY_FAMILIES.some((p) => e.key.startsWith(p)))) return;
    // An LXD name in an Incus file: Incus's own name is the suggestion.
    const renamed = dialect === 'incus' ? lxdOnly?.incus : undefined;
    const suggestion = renamed ?? (budget.left-- > 0 ? closest(e.key, NAMES) ?? null : null);
    const why = dialect === 'lxd' && k ? ' (an Incus option LXD 5.0 does not have)' : renamed ? ' (that is LXD\'s name)' : '';
    out.push({ code: 'incus/unknown-key', message: `${product} has no instance option ${inlineCode(e.key)}${why}${suggestion ? `; ${renamed ? 'Incus calls it' : 'did you mean'} \`${suggestion}\`${renamed ? '' : '?'}` : ''}. It refuses the configuration.`, range: e.keyRange, data: { suggestion } });
    return;
  }
  if (e.value === undefined) {
    out.push({ code: 'incus/invalid-value', message: `\`${e.key}\` takes a string; ${product} refuses a list or map here.`, range: e.valueRange });
    return;
  }
  const v = e.value;
  let why: string | undefined;
  if (type === 'bool' && v !== '' && !BOOL.includes(v.toLowerCase())) why = 'expected `true` or `false`';
  else why = valueProblem(e.key, v, dialect === 'lxd');
  if (why) out.push({ code: 'incus/invalid-value', message: `${inlineCode(v)} is not valid for \`${e.key}\`: ${why}. ${product} refuses the configuration.`, range: e.valueRange });
}

/** Families of keys INCUS_ONLY lists as patterns (`smbios11.*`): LXD knows none of their names. */
const INCUS_ONLY_FAMILIES = [...INCUS_ONLY].filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -1));

/** `raw.idmap`: lines of `both|uid|gid HOST[-HOST] NS[-NS]`, exactly three fields, same-size ranges. */
export function rawIdmapFindings(e: ConfigEntry, m: IncusModel): Finding[] {
  const out: Finding[] = [];
  for (const { text, range } of valueLines(e, m)) {
    if (text.trim() === '') continue;
    const f = text.split(' ');
    const rangeSize = (s: string): number | undefined => {
      const r = /^(\d+)(?:-(\d+))?$/.exec(s);
      if (!r) return undefined;
      const a = Number(r[1]);
      const b = r[2] === undefined ? a : Number(r[2]);
      return b >= a && b <= 4294967295 ? b - a + 1 : undefined;
    };
    let why: string | undefined;
    if (f.length !== 3) why = 'expected three fields separated by single spaces: `both|uid|gid HOST NS`';
    else if (!['both', 'uid', 'gid'].includes(f[0])) why = `${inlineCode(f[0])} is not \`both\`, \`uid\` or \`gid\``;
    else if (rangeSize(f[1]) === undefined || rangeSize(f[2]) === undefined) why = 'the IDs must be numbers or inclusive ranges `A-B` with A ≤ B';
    else if (rangeSize(f[1]) !== rangeSize(f[2])) why = 'the host and container ranges have different sizes';
    if (why) out.push({ code: 'incus/raw-idmap', message: `Incus cannot read this raw.idmap line: ${why}.`, range });
  }
  return out;
}

/** The host side of each valid raw.idmap line, as maps of user and/or group IDs. */
export function rawIdmapMaps(e: ConfigEntry, m: IncusModel): PlacedMap[] {
  const out: PlacedMap[] = [];
  for (const { text, range } of valueLines(e, m)) {
    const f = /^(both|uid|gid) (\d+)(?:-(\d+))? (\d+)(?:-(\d+))?$/.exec(text);
    if (!f) continue;
    const host = BigInt(f[2]);
    const count = BigInt(f[3] ?? f[2]) - host + 1n;
    const ns = BigInt(f[4]);
    if (count <= 0n || BigInt(f[5] ?? f[4]) - ns + 1n !== count) continue;
    for (const type of f[1] === 'both' ? (['u', 'g'] as const) : f[1] === 'uid' ? (['u'] as const) : (['g'] as const)) {
      out.push({ type, nsid: ns, hostid: host, count, range });
    }
  }
  return out;
}

/** The document lines of a string value with their ranges (block scalars: one per content line). */
export function valueLines(e: ConfigEntry, m: IncusModel): { text: string; range: Range; line: number; column: number }[] {
  const n = e.node;
  if (!n || !n.range) return [];
  const type = n.type;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const start = positionAt(m.lineStarts, n.range[0]).line + 1;
    // The block ends where the next key's line starts (or at the end of the text).
    const stop = positionAt(m.lineStarts, n.range[1]);
    const end = stop.character === 0 ? stop.line - 1 : stop.line;
    const out = [];
    for (let line = start; line <= end && line < m.lineStarts.length; line++) {
      const raw = m.text.slice(m.lineStarts[line], m.lineStarts[line + 1] ?? m.text.length).replace(/\r?\n$|\r$/, '');
      const column = raw.length - raw.trimStart().length;
      out.push({ text: raw.trimStart(), line, column, range: { start: { line, character: column }, end: { line, character: raw.length } } });
    }
    return out;
  }
  if (type === 'PLAIN' || type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') {
    const r = rangeOf(m.lineStarts, n.range, m.text);
    const value = e.value ?? '';
    if (r.start.line === r.end.line && !value.includes('\n')) {
      const column = r.start.character + (type === 'PLAIN' ? 0 : 1);
      return [{ text: value, line: r.start.line, column, range: { start: { line: r.start.line, character: column }, end: { line: r.start.line, character: column + value.length } } }];
    }
    return value.split('\n').map((text) => ({ text, line: r.start.line, column: r.start.character, range: r }));
  }
  return [];
}

/** Keys Incus refuses in raw.lxc (it manages them itself). */
export function refusedRawLxc(key: string): string | undefined {
  const k = key.toLowerCase();
  if (k === 'lxc.logfile' || k === 'lxc.log.file') return 'Incus sets the log file itself and refuses it in raw.lxc.';
  if (k === 'lxc.syslog' || k === 'lxc.log.syslog') return 'Incus refuses syslog logging in raw.lxc.';
  if (k === 'lxc.ephemeral') return 'Incus refuses lxc.ephemeral in raw.lxc; use an ephemeral instance instead.';
  if (k.startsWith('lxc.prlimit.')) return 'Incus refuses lxc.prlimit.* in raw.lxc; use the `limits.kernel.*` options.';
  // Interface keys: every LXD release and Incus before 6.15 allow only an interface's addresses and gateways.
  if (k.startsWith('lxc.net.') && !/^lxc\.net\.[^.]*\.ipv[46]\.(?:address|gateway)$/.test(k)) {
    return 'LXD and Incus before 6.15 refuse `lxc.net.*` keys in raw.lxc other than an interface\'s `ipv4`/`ipv6` `address` and `gateway`; add a `nic` device instead.';
  }
  return undefined;
}

/** raw.lxc: Incus's refused keys, then every line through the LXC engine on its own columns. */
function rawLxcFindings(e: ConfigEntry, m: IncusModel, ctx: DocContext): Finding[] {
  const out: Finding[] = [];
  const lines = valueLines(e, m);
  const lxc: string[] = new Array(m.lineStarts.length).fill('');
  let exact = true;
  for (const l of lines) {
    const key = /^([^=]*)=/.exec(l.text)?.[1].trim();
    const why = key !== undefined ? refusedRawLxc(key) : undefined;
    if (why) {
      out.push({ code: 'incus/raw-lxc-refused', message: `${why} Incus refuses the configuration.`, range: { start: l.range.start, end: { line: l.line, character: l.column + key!.length } } });
      continue;
    }
    if (l.range.start.line !== l.range.end.line) exact = false;
    lxc[l.line] = exact ? `${' '.repeat(l.column)}${l.text}` : l.text;
  }
  if (!exact) return out;
  const a = analyzeLxc(parseLxc(lxc.join('\n')), { version: ctx.config.lxcVersion, host: ctx.host, restricted: ctx.config.restricted });
  // Incus appends raw.lxc to a config it generates, so findings that need the whole config do not apply.
  for (const f of a.findings) if (!['lxc/cap-already-dropped', 'lxc/idmap-incomplete', 'lxc/idmap-root'].includes(f.code)) out.push(f);
  return out;
}

function crossKeyFindings(m: IncusModel, out: Finding[]): void {
  const at = (k: string) => m.config.find((e) => e.key === k)?.keyRange;
  const has = (k: string) => m.config.some((e) => e.key === k && e.value !== '');
  const seccomp = at('raw.seccomp');
  if (seccomp && has('raw.seccomp') && m.config.some((e) => e.key.startsWith('security.syscalls.') && e.value !== '')) {
    out.push({ code: 'incus/conflicting-keys', message: '`raw.seccomp` cannot be combined with `security.syscalls.*` options; Incus refuses the configuration.', range: seccomp });
  }
  const allow = at('security.syscalls.allow');
  if (allow && has('security.syscalls.allow') && (has('security.syscalls.deny') || isTrue(configValue(m, 'security.syscalls.deny_default')) || isTrue(configValue(m, 'security.syscalls.deny_compat')))) {
    out.push({ code: 'incus/conflicting-keys', message: '`security.syscalls.allow` cannot be combined with `security.syscalls.deny`, `deny_default` or `deny_compat`; Incus refuses the configuration.', range: allow });
  }
  const nv = at('nvidia.runtime');
  if (nv && isTrue(configValue(m, 'nvidia.runtime')) && isTrue(configValue(m, 'security.privileged'))) {
    out.push({ code: 'incus/conflicting-keys', message: '`nvidia.runtime` does not work in privileged containers; Incus refuses the configuration.', range: nv });
  }
  if (isTrue(configValue(m, 'security.privileged'))) {
    for (const k of ['security.idmap.isolated', 'security.idmap.size', 'security.idmap.base', 'raw.idmap']) {
      const r = at(k);
      if (r) out.push({ code: 'incus/no-effect', message: `\`${k}\` only applies to unprivileged containers; with \`security.privileged\` the container has no ID map.`, range: r });
    }
  }
}

export function validateIncus(m: IncusModel, ctx: DocContext): Finding[] {
  const out: Finding[] = [];
  for (const err of m.doc.errors) {
    // The yaml library ran out of stack (nesting some hundreds deep): a limit of ctconf, not a
    // verdict on the file, which Incus may well read.
    if (err.code === 'RESOURCE_EXHAUSTION') {
      out.push({ code: 'ctconf/internal-error', message: 'ctconf cannot follow YAML nested this deeply, so what follows is not checked; Incus itself may read it.', range: rangeOf(m.lineStarts, err.pos, m.text) });
      continue;
    }
    out.push({ code: 'incus/yaml-syntax', message: `${err.message.split('\n')[0]} Incus cannot read the YAML.`, range: rangeOf(m.lineStarts, err.pos, m.text) });
  }
  for (const r of m.badMerges) {
    out.push({ code: 'incus/yaml-syntax', message: 'A merge key (`<<`) takes a map or a list of maps; Incus cannot read the YAML.', range: r });
  }
  for (const { entry, by } of m.overridden) {
    out.push({
      code: 'incus/duplicate-key',
      message: `\`${entry.key}\` is given again on line ${by.keyRange.start.line + 1}; Incus keeps the last value, so this one has no effect.`,
      range: entry.keyRange,
      unnecessary: true,
    });
    if (entry.value === undefined) out.push({ code: 'incus/invalid-value', message: `\`${entry.key}\` takes a string; Incus refuses a list or map here, even one given again later.`, range: entry.valueRange });
  }
  if (m.mergeLimit) {
    out.push({ code: 'ctconf/internal-error', message: 'Merge keys here bring in more than 100,000 entries; ctconf stops following them, so the rest is not checked (Incus itself would expand them all).', range: m.mergeLimit });
  }
  if (m.ignoredDocuments) {
    out.push({ code: 'incus/ignored-document', message: 'Incus reads only the first YAML document of a file; everything from this `---` on is ignored.', range: m.ignoredDocuments });
  }
  if (m.configNotMap) out.push({ code: 'incus/invalid-value', message: '`config` must be a map of option names to values.', range: m.configNotMap });
  const budget = { left: MAX_SUGGESTIONS };
  const dialect = dialectOf(ctx.path ?? ctx.uri, m.text);
  for (const e of m.config) {
    typeFindings(e, out, budget, dialect);
    if (e.key === 'raw.idmap' && e.value) {
      appendAll(out, rawIdmapFindings(e, m));
      if (!isTrue(configValue(m, 'security.privileged'))) appendAll(out, checkRootOwnSubIds(rawIdmapMaps(e, m), ctx, 'Incus', true));
    }
    if (e.key === 'raw.lxc' && e.value) appendAll(out, rawLxcFindings(e, m, ctx));
  }
  crossKeyFindings(m, out);
  appendAll(out, checkIsolatedSizing(m, ctx));
  return out;
}
