/**
 * Seccomp profile validation. `podman create --security-opt seccomp=FILE` refuses a file that is
 * not JSON, has a value of the wrong type, names an unknown errno, or sets both `name` and
 * `names` / both `architectures` and `archMap` (errors). Unknown actions, architectures,
 * operators and argument indexes pass podman but the runtime refuses them when the container
 * starts (errors too, said so in the message). Unknown syscall names are ignored by the
 * runtime (a warning: the rule does nothing).
 */
// The ESM build: the package's UMD main loads its parts with a dynamic require esbuild cannot bundle.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { RuleCode } from '../rules';
import { CAPABILITIES } from '../capabilities/table';
import { closest, Suggester, suggestionBudget } from '../util/strings';
import { inlineCode } from '../util/markdown';
import { ACTIONS, ARCHES, ERRNOS, FLAGS, GO_ARCHES, OPERATORS, PROFILE_FIELDS, type FieldSpec } from './profile';
import { isKnownSyscall, syscallNames } from './syscalls';
import { GO_MAX_JSON_DEPTH, flattenDeep } from '../util/jsonDepth';

export interface SeccompModel {
  text: string;
  root: Node | undefined;
  errors: ParseError[];
  lineStarts: number[];
  /** Where the nesting passes Go's limit (util/jsonDepth.ts). */
  beyondGoLimit?: number;
}

export function parseSeccomp(text: string): SeccompModel {
  const errors: ParseError[] = [];
  // Values nested past 1,000 levels are parsed as a number at the same offsets (no stack overflow).
  const flat = flattenDeep(text);
  const root = parseTree(flat.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  return { text, root, errors, lineStarts, beyondGoLimit: flat.beyondGoLimit };
}

export function offsetRange(m: SeccompModel, start: number, end: number): Range {
  const pos = (o: number) => {
    let lo = 0;
    let hi = m.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (m.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - m.lineStarts[lo] };
  };
  return { start: pos(start), end: pos(Math.max(start, end)) };
}

/** The field spec a property key names (exact, then case-insensitive as Go does). */
export function fieldOf(fields: Readonly<Record<string, FieldSpec>>, key: string): [string, FieldSpec] | undefined {
  if (Object.prototype.hasOwnProperty.call(fields, key)) return [key, fields[key]];
  const k = Object.keys(fields).find((f) => f.toLowerCase() === key.toLowerCase());
  return k ? [k, fields[k]] : undefined;
}

const JSON_WORD: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'a boolean', null: 'null', array: 'an array', object: 'an object', property: 'a property' };
const WANT: Record<FieldSpec['type'], string> = { string: 'a string', uint: 'a non-negative integer', uint64: 'a non-negative integer', 'string[]': 'an array of strings', object: 'an object', 'object[]': 'an array of objects' };
const CAP_NAMES = new Set(CAPABILITIES.map((c) => `CAP_${c.name.toUpperCase()}`));
const START = 'podman create accepts it, but the container fails to start.';

/** `raw`: the number as written; Go's decoder reads an integer field only from digits (no `1.0`, `1e3`, `-0`). */
function typeOk(n: Node, t: FieldSpec['type'], raw: string): boolean {
  if (n.type === 'null') return true;
  switch (t) {
    case 'string': return n.type === 'string';
    case 'uint':
    case 'uint64': return n.type === 'number' && /^\d+$/.test(raw) && Number.isInteger(n.value) && n.value >= 0;
    case 'string[]': return n.type === 'array' && (n.children ?? []).every((c) => c.type === 'string' || c.type === 'null');
    case 'object': return n.type === 'object';
    case 'object[]': return n.type === 'array' && (n.children ?? []).every((c) => c.type === 'object' || c.type === 'null');
  }
}

/** The properties of an object node as [key, canonical field, spec, value] (unknown ones reported). */
function props(o: Node): { key: Node; value: Node; name: string }[] {
  return (o.children ?? []).filter((p) => p.children?.length === 2).map((p) => ({ key: p.children![0], value: p.children![1], name: String(p.children![0].value) }));
}

/** Did-you-mean candidates for system call names, indexed once (see Suggester). */
const SYSCALLS = new Suggester(syscallNames());

export function validateSeccomp(m: SeccompModel): Finding[] {
  const out: Finding[] = [];
  const suggest = suggestionBudget();
  const at = (n: Node) => offsetRange(m, n.offset, n.offset + n.length);
  const push = (code: RuleCode, message: string, n: Node, data?: Record<string, unknown>) => out.push({ code, message, range: at(n), ...(data ? { data } : {}) } as Finding);
  for (const e of m.errors) {
    out.push({ code: 'seccomp/json-syntax', message: `Not valid JSON (${printParseErrorCode(e.error)}); podman refuses the profile. Go's JSON reader allows no comments or trailing commas.`, range: offsetRange(m, e.offset, e.offset + e.length) });
  }
  if (m.beyondGoLimit !== undefined) {
    out.push({ code: 'seccomp/json-syntax', message: `Nested more than ${GO_MAX_JSON_DEPTH.toLocaleString('en')} levels deep here: Go's JSON reader stops ("exceeded max depth"), and podman refuses the profile.`, range: offsetRange(m, m.beyondGoLimit, m.beyondGoLimit + 1) });
  }
  const root = m.root;
  // `null` decodes to an empty profile, as `{}` does.
  if (!root || root.type === 'null') return out;
  if (root.type !== 'object') {
    push('seccomp/wrong-type', `A seccomp profile is a JSON object, not ${JSON_WORD[root.type]}; podman refuses it.`, root);
    return out;
  }
  /** Checks the keys and types of an object; returns its known fields by canonical name. */
  const object = (o: Node, fields: Readonly<Record<string, FieldSpec>>, where: string): Map<string, Node> => {
    const seen = new Map<string, Node>();
    for (const p of props(o)) {
      const f = fieldOf(fields, p.name);
      if (!f) {
        const s = suggest(() => closest(p.name, Object.keys(fields)));
        push('seccomp/unknown-field', `Podman does not know ${inlineCode(p.name)} ${where} and ignores it.${s ? ` Did you mean \`${s}\`?` : ''}`, p.key, { suggestion: s });
        continue;
      }
      const [name, spec] = f;
      const raw = m.text.slice(p.value.offset, p.value.offset + p.value.length);
      if (!typeOk(p.value, spec.type, raw)) {
        push('seccomp/wrong-type', `\`${name}\` takes ${WANT[spec.type]}, not ${JSON_WORD[p.value.type]}${p.value.type === 'number' ? ` (${raw.slice(0, 40)}; Go reads integers only from plain digits)` : ''}; podman refuses the profile.`, p.value);
        continue;
      }
      if (spec.nullCrashes && p.value.type === 'array') {
        for (const c of p.value.children ?? []) if (c.type === 'null') push('seccomp/wrong-type', `A \`null\` entry in \`${name}\` crashes podman (it reads every entry as an object): podman create fails.`, c);
      }
      seen.set(name, p.value);
      if (spec.fields && p.value.type === 'object') object(p.value, spec.fields, `in \`${name}\``);
      if (spec.fields && p.value.type === 'array') for (const c of p.value.children ?? []) if (c.type === 'object') object(c, spec.fields, `in \`${name}\``);
    }
    return seen;
  };
  const top = object(root, PROFILE_FIELDS, 'at the top of the profile');
  const str = (n: Node | undefined) => (n?.type === 'string' ? (n.value as string) : undefined);
  const action = (n: Node | undefined) => {
    const a = str(n);
    if (a === undefined || a === '' || ACTIONS.some((x) => x.name === a)) return a;
    const s = suggest(() => closest(a.toUpperCase(), ACTIONS.map((x) => x.name)));
    push('seccomp/unknown-action', `${inlineCode(a)} is not a seccomp action; ${START}${s ? ` Did you mean \`${s}\`?` : ''}`, n!, { suggestion: s });
    return undefined;
  };
  const errno = (n: Node | undefined) => {
    const e = str(n);
    if (e && !/^\d+$/.test(e) && !ERRNOS.has(e)) push('seccomp/invalid-errno', `${inlineCode(e)} is neither an error number nor an error name Podman knows; podman refuses the profile.`, n!, { suggestion: suggest(() => closest(e.toUpperCase(), ERRNOS)) });
  };
  const strings = (n: Node | undefined) => (n?.type === 'array' ? (n.children ?? []).filter((c) => c.type === 'string') : []);

  const def = action(top.get('defaultAction'));
  const syscalls = top.get('syscalls');
  const rules = syscalls?.type === 'array' ? (syscalls.children ?? []).filter((c) => c.type === 'object') : [];
  if ((def === undefined || def === '') && !str(top.get('defaultAction')) && rules.length === 0) {
    out.push({ code: 'seccomp/disabled', message: 'No defaultAction and no syscalls: Podman treats the profile as empty and runs the container without any seccomp filter.', range: at(root) });
  }
  if (def === 'SCMP_ACT_ALLOW' || def === 'SCMP_ACT_LOG') {
    push('seccomp/allow-default', `With ${def} as the default action every system call no rule names is allowed, including new ones; the profile only blocks what it lists. Start from SCMP_ACT_ERRNO and allow what the container needs.`, top.get('defaultAction')!);
  }
  errno(top.get('defaultErrno'));
  const archs = top.get('architectures');
  const archMap = top.get('archMap');
  if (strings(archs).length && archMap?.type === 'array' && archMap.children?.length) {
    push('seccomp/conflict', 'Both `architectures` and `archMap` are set; podman refuses the profile. Keep one.', archs!);
  }
  const arch = (n: Node) => {
    if (!ARCHES.includes(n.value as string)) push('seccomp/unknown-arch', `${inlineCode(String(n.value))} is not a seccomp architecture; ${START}`, n, { suggestion: suggest(() => closest(String(n.value).toUpperCase(), ARCHES)) });
  };
  for (const a of strings(archs)) arch(a);
  for (const e of archMap?.type === 'array' ? archMap.children ?? [] : []) {
    if (e.type !== 'object') continue;
    for (const p of props(e)) {
      const f = fieldOf(PROFILE_FIELDS.archMap.fields!, p.name)?.[0];
      if (f === 'architecture' && p.value.type === 'string') arch(p.value);
      if (f === 'subArchitectures') for (const a of strings(p.value)) arch(a);
    }
  }
  for (const f of strings(top.get('flags'))) if (!FLAGS.includes(f.value as string)) push('seccomp/unknown-flag', `${inlineCode(String(f.value))} is not a seccomp filter flag; the runtime refuses or ignores it.`, f);

  const unconditional = new Map<string, Node>();
  for (const r of rules) {
    const fields = new Map<string, Node>();
    for (const p of props(r)) {
      const f = fieldOf(PROFILE_FIELDS.syscalls.fields!, p.name);
      if (f) fields.set(f[0], p.value);
    }
    const a = action(fields.get('action'));
    if (str(fields.get('action')) === undefined && !fields.has('action')) push('seccomp/unknown-action', `This rule has no \`action\`; ${START}`, r, { suggestion: null });
    const name = fields.get('name');
    const names = fields.get('names');
    if (str(name) && strings(names).length) push('seccomp/conflict', 'Both `name` and `names` are set in one rule; podman refuses the profile. Keep `names`.', name!);
    errno(fields.get('errno'));
    for (const k of ['errno', 'errnoRet']) {
      const n = fields.get(k);
      if (n && (n.type === 'string' || (n.type === 'number' && n.value >= 0)) && a && a !== 'SCMP_ACT_ERRNO' && a !== 'SCMP_ACT_TRACE') push('seccomp/no-effect', `\`${k}\` only matters for SCMP_ACT_ERRNO (and SCMP_ACT_TRACE); with ${a} it has no effect.`, n);
    }
    const args = fields.get('args');
    const conditional = (args?.type === 'array' && (args.children?.length ?? 0) > 0)
      || ['includes', 'excludes'].some((k) => fields.get(k)?.type === 'object' && (fields.get(k)!.children ?? []).some((p) => p.children?.[1]?.type === 'array' && (p.children[1].children?.length ?? 0) > 0));
    for (const arg of args?.type === 'array' ? args.children ?? [] : []) {
      if (arg.type !== 'object') continue;
      for (const p of props(arg)) {
        const f = fieldOf(PROFILE_FIELDS.syscalls.fields!.args.fields!, p.name)?.[0];
        if (f === 'op' && p.value.type === 'string' && !OPERATORS.some((o) => o.name === p.value.value)) push('seccomp/unknown-operator', `${inlineCode(String(p.value.value))} is not a comparison operator; ${START}`, p.value, { suggestion: suggest(() => closest(String(p.value.value).toUpperCase(), OPERATORS.map((o) => o.name))) });
        if (f === 'index' && p.value.type === 'number' && p.value.value > 5) push('seccomp/arg-index', `System calls have six arguments (index 0 to 5), not ${p.value.value}; ${START}`, p.value);
      }
    }
    for (const k of ['includes', 'excludes']) {
      const filt = fields.get(k);
      if (filt?.type !== 'object') continue;
      for (const p of props(filt)) {
        const f = fieldOf(PROFILE_FIELDS.syscalls.fields!.includes.fields!, p.name)?.[0];
        if (f === 'caps') for (const c of strings(p.value)) if (!CAP_NAMES.has(c.value as string)) push('seccomp/unknown-capability', `${inlineCode(String(c.value))} is not a capability name (CAP_…): this condition never matches.`, c, { suggestion: suggest(() => closest(String(c.value).toUpperCase(), CAP_NAMES)) });
        if (f === 'arches') for (const c of strings(p.value)) if (!GO_ARCHES.includes(c.value as string)) push('seccomp/unknown-arch', `${inlineCode(String(c.value))} is not an architecture name here (Go names such as amd64, arm64); this condition never matches.`, c, { suggestion: suggest(() => closest(String(c.value), GO_ARCHES)) });
      }
    }
    const list = [...(str(name) ? [name!] : []), ...strings(names)];
    const inRule = new Set<string>();
    for (const n of list) {
      const s = n.value as string;
      if (!isKnownSyscall(s)) push('seccomp/unknown-syscall', `${inlineCode(s)} is not a system call ctconf knows on any architecture; the runtime skips unknown names, so this entry does nothing.`, n, { suggestion: suggest(() => SYSCALLS.closest(s)) });
      if (inRule.has(s)) push('seccomp/duplicate-syscall', `${inlineCode(s)} is listed twice in this rule.`, n);
      else if (!conditional && unconditional.has(s)) push('seccomp/duplicate-syscall', `${inlineCode(s)} already has an unconditional rule above (line ${at(unconditional.get(s)!).start.line + 1}); only one of them can decide.`, n);
      inRule.add(s);
      if (!conditional && !unconditional.has(s)) unconditional.set(s, n);
    }
  }
  return out;
}
