/**
 * The rule catalogue: every diagnostic code ctconf emits, its default severity, a one-line
 * summary and, for codes whose quick fixes need details, the shape of the data a finding
 * carries. The catalogue is declared once, `as const`: `RuleCode` is derived from it, so an
 * unknown code is a compile error, and the fix data a validator writes is the data the fix
 * provider reads (`fixData`). RULES.md documents each code; a test keeps the two in step.
 *
 * Severity rule: an error exactly where the real parser (liblxc / Podman of the target
 * version) refuses the file; a warning where it accepts the file but cannot do what the
 * author meant; information for things that have no effect.
 *
 * Adding a rule: one entry here, one section in RULES.md, one test.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Field kinds of fix data; `string?` is a string or null (no suggestion). */
type FieldKind = 'string' | 'string?' | 'number' | 'boolean';
type FieldType<K extends FieldKind> = K extends 'string' ? string : K extends 'string?' ? string | null : K extends 'number' ? number : boolean;

interface RuleSpec {
  readonly severity: Severity;
  readonly summary: string;
  readonly data?: Readonly<Record<string, FieldKind>>;
}

const SUGGEST = { suggestion: 'string?' } as const;

const CATALOGUE = {
  // LXC: lines
  'lxc/malformed-line': { severity: 'error', summary: 'A line starting with `lxc.` has no `=`.' },
  'lxc/ignored-line': { severity: 'warning', summary: 'A line LXC skips silently because it does not start with `lxc.`.', data: SUGGEST },
  'lxc/bom': { severity: 'warning', summary: 'A byte order mark hides the first key from LXC.' },
  'lxc/nul-byte': { severity: 'warning', summary: 'LXC stops reading the file at a NUL byte.' },
  'lxc/inline-comment': { severity: 'warning', summary: 'A `#` after a value is part of the value; LXC has no inline comments.', data: { inlineComment: 'boolean' } },
  // LXC: keys
  'lxc/unknown-key': { severity: 'error', summary: 'LXC does not know this key.', data: SUGGEST },
  'lxc/legacy-key': { severity: 'error', summary: 'A key from LXC 2.x that LXC 3.0 and later refuse.', data: { replacement: 'string?' } },
  'lxc/key-too-new': { severity: 'error', summary: 'The key only exists in a later LXC than the target version.' },
  'lxc/key-removed': { severity: 'error', summary: 'The key was removed before the target version.' },
  'lxc/duplicate-key': { severity: 'information', summary: 'A key that keeps only its last value is set again; the earlier line has no effect.' },
  // LXC: values
  'lxc/invalid-value': { severity: 'error', summary: 'LXC refuses this value for this key.', data: { inlineComment: 'boolean' } },
  'lxc/suspicious-value': { severity: 'warning', summary: 'LXC accepts the value, but it does not do what it looks like.' },
  'lxc/empty-not-default': { severity: 'warning', summary: 'An empty value does not restore the default for this key.' },
  'lxc/env-unset': { severity: 'error', summary: '`lxc.environment = NAME` copies a variable that is not set.' },
  'lxc/unknown-prlimit': { severity: 'warning', summary: 'LXC loads an unknown resource limit but fails to start the container.', data: SUGGEST },
  // LXC: networks
  'lxc/net-type-required': { severity: 'error', summary: 'A network key that needs `lxc.net.<i>.type` set to a given type first.', data: { index: 'number', type: 'string', typed: 'boolean' } },
  'lxc/net-type-resets': { severity: 'warning', summary: '`lxc.net.<i>.type` after other keys of that interface discards them.', data: { index: 'number', firstLine: 'number' } },
  'lxc/net-missing-index': { severity: 'error', summary: 'Clearing a key of a network interface that does not exist.' },
  // LXC: capabilities and namespaces
  'lxc/unknown-capability': { severity: 'error', summary: 'Not a capability name LXC knows.', data: SUGGEST },
  'lxc/capability-spelling': { severity: 'error', summary: 'LXC wants lower-case capability names without `CAP_`.', data: { replacement: 'string' } },
  'lxc/capability-number': { severity: 'error', summary: 'A capability number above the last capability of the kernel.' },
  'lxc/cap-none-in-drop': { severity: 'error', summary: '`none` is only valid in `lxc.cap.keep`.' },
  'lxc/cap-mode-conflict': { severity: 'error', summary: '`lxc.cap.drop` and `lxc.cap.keep` are both in force without a clear in between.' },
  'lxc/namespace-conflict': { severity: 'error', summary: '`lxc.namespace.clone` and `lxc.namespace.keep` are both set.' },
  // LXC: includes
  'lxc/include-missing': { severity: 'error', summary: 'An included file does not exist or cannot be read.' },
  'lxc/include-relative': { severity: 'warning', summary: 'A relative include path is resolved against the working directory of the LXC command.' },
  'lxc/include-invalid': { severity: 'error', summary: 'An included file has a line LXC refuses.' },
  'lxc/include-cycle': { severity: 'error', summary: 'A file includes itself, directly or through other files.' },
  'lxc/include-skipped': { severity: 'information', summary: 'An entry of an included directory that LXC skips, or included files ctconf did not follow.' },
  'lxc/include-order': { severity: 'warning', summary: 'Files of an included directory set the same key; LXC reads them in no defined order.' },
  'lxc/cap-already-dropped': { severity: 'information', summary: 'A capability that is already dropped at this point is dropped again.' },
  'lxc/idmap-incomplete': { severity: 'warning', summary: 'An unprivileged config maps user IDs but not group IDs, or the reverse.' },
  'lxc/idmap-root': { severity: 'warning', summary: 'ID 0 of the container (root) is not mapped.' },
  'lxc/idmap-overlap': { severity: 'warning', summary: 'Two idmap ranges of the same type overlap.' },
  'lxc/idmap-subid': { severity: 'warning', summary: 'An idmap range lies outside the subordinate IDs of /etc/subuid or /etc/subgid.' },
  'lxc/system-config-key': { severity: 'warning', summary: 'A key that LXC\'s system configuration (lxc.conf) does not read.', data: SUGGEST },
  // containers.conf
  'containers/toml-syntax': { severity: 'error', summary: 'The file is not valid TOML; Podman refuses to start.' },
  'containers/duplicate': { severity: 'error', summary: 'A key or table is defined twice; Podman refuses to start.' },
  'containers/unknown-table': { severity: 'warning', summary: 'Podman has no such table and ignores it silently.', data: SUGGEST },
  'containers/unknown-key': { severity: 'warning', summary: 'Podman has no such key in this table and ignores it silently.', data: SUGGEST },
  'containers/wrong-table': { severity: 'warning', summary: 'The key belongs in another table; Podman ignores it here.', data: { table: 'string', key: 'string' } },
  'containers/key-case': { severity: 'warning', summary: 'The key only matches in a different case (Podman falls back to ignoring case).', data: SUGGEST },
  'containers/misspelled-key': { severity: 'warning', summary: 'A documented spelling that Podman does not read.', data: SUGGEST },
  'containers/removed-key': { severity: 'warning', summary: 'A key Podman no longer reads.', data: { replacement: 'string?' } },
  'containers/deprecated-key': { severity: 'information', summary: 'A key that still works but has a replacement.' },
  'containers/key-too-new': { severity: 'warning', summary: 'The key needs a later Podman than the target version, which ignores it.' },
  'containers/wrong-type': { severity: 'error', summary: 'The value has the wrong TOML type; Podman refuses to start.' },
  'containers/negative-unsigned': { severity: 'warning', summary: 'A negative number in an unsigned field, which Podman silently wraps to a huge value.' },
  'containers/not-a-table': { severity: 'warning', summary: 'A table key given a plain value, which Podman silently drops.' },
  'containers/invalid-value': { severity: 'error', summary: 'A value Podman rejects when it loads the file.' },
  'containers/runtime-value': { severity: 'error', summary: 'A value Podman loads but rejects when a command uses it.', data: SUGGEST },
  'containers/unknown-value': { severity: 'warning', summary: 'A value Podman does not know; it may be ignored or fail later.', data: SUGGEST },
  'containers/unknown-capability': { severity: 'error', summary: 'Not a capability: `podman create` fails.', data: SUGGEST },
  'containers/duplicate-capability': { severity: 'warning', summary: 'A capability listed twice.', data: { capability: 'string' } },
  'containers/capability-spelling': { severity: 'hint', summary: 'A capability written differently from the rest of the list.', data: { replacement: 'string' } },
  // ctconf itself
  'ctconf/internal-error': { severity: 'warning', summary: 'ctconf failed while checking part of the file; the rest was checked.' },
} as const satisfies Record<string, RuleSpec>;

export type RuleCode = keyof typeof CATALOGUE;

/** Codes whose findings carry fix data, and that data's type. */
export type FixData = {
  [C in RuleCode as (typeof CATALOGUE)[C] extends { data: object } ? C : never]:
    (typeof CATALOGUE)[C] extends { data: infer D extends Record<string, FieldKind> } ? { -readonly [F in keyof D]: FieldType<D[F]> } : never;
};
export type CodeWithData = keyof FixData;

export interface RuleInfo {
  code: RuleCode;
  severity: Severity;
  summary: string;
}

/** The declared fix-data fields of each code (empty for codes without data). */
export const RULE_DATA: { readonly [C in RuleCode]?: Readonly<Record<string, FieldKind>> } = Object.fromEntries(
  (Object.keys(CATALOGUE) as RuleCode[]).flatMap((c) => ((CATALOGUE[c] as RuleSpec).data ? [[c, (CATALOGUE[c] as RuleSpec).data]] : [])),
);

/** Every rule, in catalogue order. */
export const RULES: readonly RuleInfo[] = (Object.keys(CATALOGUE) as RuleCode[]).map((code) => ({ code, severity: CATALOGUE[code].severity, summary: CATALOGUE[code].summary }));

export function ruleInfo(code: RuleCode): RuleInfo {
  return { code, severity: CATALOGUE[code].severity, summary: CATALOGUE[code].summary };
}

/** The anchor of a rule's section in RULES.md (`### lxc-unknown-key`). */
export function ruleAnchor(code: string): string {
  return code.replace(/[^a-z0-9]+/g, '-');
}

export function isRuleCode(code: unknown): code is RuleCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CATALOGUE, code);
}

/**
 * The fix data of a diagnostic the client sent back, checked against the catalogue: undefined
 * unless the diagnostic has this code and every field has its declared type (data from a
 * client is never trusted).
 */
export function fixData<C extends CodeWithData>(d: { code?: unknown; data?: unknown }, code: C): FixData[C] | undefined {
  if (d.code !== code || typeof d.data !== 'object' || d.data === null) return undefined;
  const spec = (CATALOGUE[code] as RuleSpec).data!;
  const data = d.data as Record<string, unknown>;
  for (const [field, kind] of Object.entries(spec)) {
    const v = data[field];
    const ok = kind === 'string?' ? v === null || typeof v === 'string' : typeof v === kind;
    if (!ok) return undefined;
  }
  return data as FixData[C];
}
