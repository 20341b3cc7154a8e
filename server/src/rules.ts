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
/** Where the lxc-usernet quick fix adds its line (file null: no file to edit). */
/** A line a quick fix adds at the end of another file. */
const ADD_LINE = { file: 'string', text: 'string', endLine: 'number', endCharacter: 'number', newline: 'boolean' } as const;
const USERNET_FIX = { user: 'string', bridge: 'string', count: 'number', file: 'string?', endLine: 'number', endCharacter: 'number', newline: 'boolean' } as const;

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
  'lxc/cap-keep-too-few': { severity: 'warning', summary: 'lxc.cap.keep leaves out capabilities that init systems and ordinary services need.' },
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
  'lxc/selinux-invalid-context': { severity: 'warning', summary: 'An `lxc.selinux.context*` value the kernel will refuse: LXC loads it, the container fails to start on an SELinux host.' },
  'lxc/selinux-unusual-context': { severity: 'warning', summary: 'An `lxc.selinux.context*` value that is well formed but not a context a container process or keyring can use.' },
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
  'containers/surprising-value': { severity: 'warning', summary: 'Podman loads the value but reads it as something else than it looks (a float size as a byte count).' },
  'containers/not-a-table': { severity: 'warning', summary: 'A table key given a plain value, which Podman silently drops.' },
  'containers/invalid-value': { severity: 'error', summary: 'A value Podman rejects when it loads the file.' },
  'containers/runtime-value': { severity: 'error', summary: 'A value Podman loads but rejects when a command uses it.', data: SUGGEST },
  'containers/unknown-value': { severity: 'warning', summary: 'A value Podman does not know; it may be ignored or fail later.', data: SUGGEST },
  'containers/unknown-capability': { severity: 'error', summary: 'Not a capability: `podman create` fails.', data: SUGGEST },
  'containers/duplicate-capability': { severity: 'warning', summary: 'A capability listed twice.', data: { capability: 'string' } },
  'containers/capability-spelling': { severity: 'hint', summary: 'A capability written differently from the rest of the list.', data: { replacement: 'string' } },
  // storage.conf
  'storage/toml-syntax': { severity: 'error', summary: 'storage.conf is not valid TOML; Podman refuses to start.' },
  'storage/duplicate': { severity: 'error', summary: 'A key or table of storage.conf is defined twice; Podman refuses to start.' },
  'storage/unknown-table': { severity: 'warning', summary: 'containers/storage has no such table; it warns and ignores it.', data: SUGGEST },
  'storage/unknown-key': { severity: 'warning', summary: 'containers/storage has no such key in this table; it warns and ignores it.', data: SUGGEST },
  'storage/wrong-table': { severity: 'warning', summary: 'The key belongs in another table of storage.conf; it is ignored here.', data: { table: 'string', key: 'string' } },
  'storage/wrong-type': { severity: 'error', summary: 'A storage.conf value of the wrong TOML type; Podman refuses to start.' },
  'storage/removed-key': { severity: 'warning', summary: 'A storage.conf key the target Podman no longer reads.', data: { replacement: 'string?' } },
  'storage/key-too-new': { severity: 'warning', summary: 'A storage.conf key that needs a later Podman than the target version.' },
  'storage/invalid-value': { severity: 'warning', summary: 'A value containers/storage loads but cannot use (it fails or is ignored when a driver starts).', data: SUGGEST },
  'storage/unknown-driver': { severity: 'error', summary: 'A storage driver Podman does not have: every command fails.', data: SUGGEST },
  'storage/driver-unavailable': { severity: 'error', summary: 'A storage driver most builds lack (devicemapper, aufs): podman fails with "driver not supported".' },
  'storage/remap-no-subids': { severity: 'error', summary: '`remap-user`/`remap-group` names a user without a range in /etc/subuid or /etc/subgid; the file is refused.' },
  'storage/overlay2': { severity: 'information', summary: '`overlay2` is an old name of the `overlay` driver.', data: SUGGEST },
  'storage/empty-driver': { severity: 'warning', summary: 'An empty driver: containers/storage complains and picks one itself.' },
  'storage/driver-option': { severity: 'error', summary: 'A driver option the storage driver refuses when it starts; every podman command fails.' },
  'storage/quota-needs-xfs': { severity: 'warning', summary: 'A size or inode limit that works only with the graph root on XFS with project quotas.' },
  'storage/relative-graphroot': { severity: 'error', summary: 'A relative graph root, which Podman refuses.' },
  'storage/relative-path': { severity: 'warning', summary: 'A relative path, taken from the directory podman happens to run in.' },
  'storage/file-not-read': { severity: 'information', summary: 'A storage.conf that is not read: /etc/containers/storage.conf exists, the rootless user has their own file, or a drop-in before Podman 6.0.' },
  'storage/missing-root': { severity: 'error', summary: 'runroot or graphroot is not set in a system storage.conf; rootful Podman before 6.0 refuses to start.' },
  // registries.conf
  'registries/toml-syntax': { severity: 'error', summary: 'registries.conf is not valid TOML; Podman refuses it.' },
  'registries/duplicate': { severity: 'error', summary: 'A key or table of registries.conf is defined twice; Podman refuses it.' },
  'registries/unknown-key': { severity: 'warning', summary: 'containers/image has no such key or table; it ignores it (saying so only at debug level).', data: SUGGEST },
  'registries/wrong-table': { severity: 'warning', summary: 'The key belongs in another table of registries.conf; it is ignored here.', data: { table: 'string', key: 'string' } },
  'registries/wrong-type': { severity: 'error', summary: 'A registries.conf value of the wrong TOML type; Podman refuses the file.' },
  'registries/key-too-new': { severity: 'warning', summary: 'A registries.conf key that needs a later Podman than the target version.' },
  'registries/invalid-value': { severity: 'error', summary: 'A value containers/image refuses (short-name-mode, pull-from-mirror).', data: SUGGEST },
  'registries/ignored-value': { severity: 'warning', summary: 'A value Podman\'s decoder skips without a word (something other than a table for a map).', data: SUGGEST },
  'registries/invalid': { severity: 'error', summary: 'A registry, mirror or alias entry containers/image refuses.' },
  'registries/mixed-versions': { severity: 'error', summary: 'v1 `[registries.*]` tables mixed with v2 settings, or v1 in a drop-in file.' },
  'registries/overridden': { severity: 'information', summary: 'A setting a registries.conf file read later sets again.' },
  'registries/v1-format': { severity: 'information', summary: 'The old v1 format, which still works.' },
  // seccomp profiles
  'seccomp/json-syntax': { severity: 'error', summary: 'The profile is not valid JSON (no comments, no trailing commas); podman refuses it.' },
  'seccomp/wrong-type': { severity: 'error', summary: 'A profile field of the wrong JSON type; podman refuses the profile.' },
  'seccomp/unknown-field': { severity: 'warning', summary: 'A field Podman does not know; it is ignored.', data: SUGGEST },
  'seccomp/conflict': { severity: 'error', summary: '`name` with `names`, or `architectures` with `archMap`; podman refuses the profile.' },
  'seccomp/invalid-errno': { severity: 'error', summary: 'An errno that is neither a number nor a name Podman knows; podman refuses the profile.', data: SUGGEST },
  'seccomp/unknown-action': { severity: 'error', summary: 'Not a seccomp action: the container fails to start.', data: SUGGEST },
  'seccomp/unknown-arch': { severity: 'error', summary: 'Not an architecture name: the container fails to start, or the condition never matches.', data: SUGGEST },
  'seccomp/unknown-operator': { severity: 'error', summary: 'Not a comparison operator: the container fails to start.', data: SUGGEST },
  'seccomp/arg-index': { severity: 'error', summary: 'An argument index above 5: the container fails to start.' },
  'seccomp/unknown-flag': { severity: 'warning', summary: 'Not a seccomp filter flag.' },
  'seccomp/unknown-syscall': { severity: 'warning', summary: 'A system call name ctconf does not know; the runtime skips it.', data: SUGGEST },
  'seccomp/duplicate-syscall': { severity: 'warning', summary: 'A system call listed twice without conditions.' },
  'seccomp/allow-default': { severity: 'warning', summary: 'SCMP_ACT_ALLOW (or LOG) as default action: everything not listed is allowed.' },
  'seccomp/disabled': { severity: 'warning', summary: 'No default action and no rules: the container runs without a seccomp filter.' },
  'seccomp/no-effect': { severity: 'information', summary: 'An errno on an action that does not return one.' },
  'seccomp/unknown-capability': { severity: 'warning', summary: 'Not a capability name in includes/excludes: the condition never matches.', data: SUGGEST },
  // SELinux contexts
  'selinux/invalid-context': { severity: 'error', summary: 'Not a valid SELinux context (`user:role:type[:level]`, categories c0–c1023).' },
  'selinux/unusual-context': { severity: 'warning', summary: 'A valid context that is not what this kind of label uses.' },
  'selinux/malformed-line': { severity: 'warning', summary: 'A line of the contexts file without `=`; it is skipped.' },
  'selinux/unknown-key': { severity: 'warning', summary: 'A kind of label the engine does not read.', data: SUGGEST },
  'selinux/duplicate-key': { severity: 'warning', summary: 'A kind of label set twice.' },
  // mounts.conf
  'mounts/ignored-line': { severity: 'warning', summary: 'A mounts.conf line that does not start with `/`; Podman skips it.' },
  'mounts/relative-path': { severity: 'warning', summary: 'A container path that is empty, relative or holds another `:`.' },
  'mounts/duplicate': { severity: 'warning', summary: 'Two lines mount onto the same container path.' },
  'mounts/missing-host-path': { severity: 'information', summary: 'The host path does not exist; Podman skips the line.' },
  // /etc/subuid and /etc/subgid
  'subid/malformed-line': { severity: 'warning', summary: 'A line shadow cannot read as `owner:start:count`; the tools skip it.' },
  'subid/ignored-text': { severity: 'warning', summary: 'Text after a third `:` that shadow never reads; the range before it still counts.' },
  'subid/range-overflow': { severity: 'warning', summary: 'A range that reaches past the highest ID (4294967294).' },
  'subid/overlap': { severity: 'warning', summary: 'Two owners are given the same subordinate IDs.' },
  'subid/duplicate-range': { severity: 'information', summary: 'An owner is given IDs it already has on another line.' },
  'subid/empty-range': { severity: 'information', summary: 'A range with a count of 0 grants nothing.' },
  // /etc/lxc/lxc-usernet
  'usernet/skipped-line': { severity: 'warning', summary: 'A line lxc-user-nic skips silently (not four fields, a leading blank, or a count that is not a number).' },
  'usernet/unknown-type': { severity: 'warning', summary: 'An interface type other than `veth`, which lxc-user-nic never creates.' },
  'usernet/bridge-name': { severity: 'warning', summary: 'A bridge name longer than 15 characters, which no interface can have.' },
  'usernet/count': { severity: 'warning', summary: 'A count that allows no interface or does not fit an int.' },
  'usernet/trailing-text': { severity: 'information', summary: 'Text after the count, which lxc-user-nic ignores.' },
  'usernet/unknown-owner': { severity: 'information', summary: 'A user or group this host does not have.' },
  // Proxmox VE container configs
  'proxmox/malformed-line': { severity: 'warning', summary: 'A line Proxmox cannot parse; it warns and ignores it.' },
  'proxmox/unknown-key': { severity: 'warning', summary: 'Not a Proxmox container setting; Proxmox warns and ignores it.', data: SUGGEST },
  'proxmox/unknown-option': { severity: 'warning', summary: 'A property-string option the key does not have.', data: SUGGEST },
  'proxmox/invalid-value': { severity: 'warning', summary: 'A value that does not fit the key\'s type; Proxmox warns, and commands that use it fail.' },
  'proxmox/duplicate-key': { severity: 'information', summary: 'A key set twice in one section; only the last value counts.' },
  'proxmox/raw-key-refused': { severity: 'warning', summary: 'A raw `lxc.*` key Proxmox does not pass to LXC.' },
  'proxmox/raw-key-deprecated': { severity: 'warning', summary: 'A raw `lxc.cgroup.*` key, which Proxmox deprecates and cgroup v2 hosts ignore.' },
  'proxmox/bind-mount-unmapped': { severity: 'warning', summary: 'A host directory bind-mounted into an unprivileged container without an ID mapping for its owner.', data: { uid: 'number', gid: 'number', line: 'number' } },
  // Incus/LXD instance and profile YAML
  'incus/yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML; Incus cannot read it.' },
  'incus/duplicate-key': { severity: 'information', summary: 'An option given twice in `config`; Incus keeps the last value.' },
  'incus/ignored-document': { severity: 'warning', summary: 'A second YAML document in the file, which Incus never reads.' },
  'incus/unknown-key': { severity: 'error', summary: 'Not an Incus instance option; Incus refuses the configuration.', data: SUGGEST },
  'incus/invalid-value': { severity: 'error', summary: 'A value of the wrong type for the option; Incus refuses the configuration.' },
  'incus/conflicting-keys': { severity: 'error', summary: 'Options Incus refuses to combine.' },
  'incus/no-effect': { severity: 'information', summary: 'An ID-map option in a privileged container, where it has no effect.' },
  'incus/raw-idmap': { severity: 'error', summary: 'A `raw.idmap` line Incus cannot read.' },
  'incus/raw-lxc-refused': { severity: 'error', summary: 'A key Incus refuses in `raw.lxc`.' },
  'incus/idmap-subid': { severity: 'warning', summary: 'Root\'s subordinate IDs are too few for the isolated containers checked together.', data: { file: 'string?', line: 'number', start: 'number', end: 'number', count: 'string', name: 'string' } },
  // Unprivileged containers: checks between files
  'unpriv/usernet-missing': { severity: 'warning', summary: 'An unprivileged user\'s veth interface has no lxc-usernet allowance for its bridge.', data: USERNET_FIX },
  'unpriv/usernet-count': { severity: 'warning', summary: 'An unprivileged user\'s container has more veth interfaces on a bridge than lxc-usernet allows.', data: USERNET_FIX },
  'unpriv/idmap-subid': { severity: 'warning', summary: 'An idmap range outside the subordinate IDs the user is given in the subuid/subgid file checked with it.' },
  'unpriv/idmap-foreign-subid': { severity: 'warning', summary: 'A root-run container maps host IDs that /etc/subuid or /etc/subgid gives to a user.' },
  'unpriv/idmap-root-subid': { severity: 'warning', summary: 'A root-run container maps host IDs root is not given in /etc/subuid or /etc/subgid, on a host where liblxc uses newuidmap.', data: ADD_LINE },
  'unpriv/idmap-shared': { severity: 'warning', summary: 'Two containers of one host map the same host IDs, so they are not isolated from each other.' },
  // ctconf itself
  'ctconf/internal-error': { severity: 'warning', summary: 'ctconf failed while checking part of the file; the rest was checked.' },
  'ctconf/too-large': { severity: 'information', summary: 'The editor does not check a file of this kind this large; `ctconf check` does.' },
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
