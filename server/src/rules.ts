/**
 * The rule catalogue: every diagnostic code ctconf emits, its default severity and a
 * one-line summary. Codes are stable strings (never positions in an enum); RULES.md
 * documents each with an example and the fix, and a test keeps the two in step.
 *
 * Severity rule: an error exactly where the real parser (liblxc / Podman of the target
 * version) refuses the file; a warning where it accepts the file but cannot do what the
 * author meant; information for things that have no effect.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RuleInfo {
  code: string;
  severity: Severity;
  summary: string;
}

const rule = (code: string, severity: Severity, summary: string): RuleInfo => ({ code, severity, summary });

export const RULES: readonly RuleInfo[] = [
  // LXC: lines
  rule('lxc/malformed-line', 'error', 'A line starting with `lxc.` has no `=`.'),
  rule('lxc/ignored-line', 'warning', 'A line LXC skips silently because it does not start with `lxc.`.'),
  rule('lxc/bom', 'warning', 'A byte order mark hides the first key from LXC.'),
  rule('lxc/nul-byte', 'warning', 'LXC stops reading the file at a NUL byte.'),
  rule('lxc/inline-comment', 'warning', 'A `#` after a value is part of the value; LXC has no inline comments.'),
  // LXC: keys
  rule('lxc/unknown-key', 'error', 'LXC does not know this key.'),
  rule('lxc/legacy-key', 'error', 'A key from LXC 2.x that LXC 3.0 and later refuse.'),
  rule('lxc/key-too-new', 'error', 'The key only exists in a later LXC than the target version.'),
  rule('lxc/key-removed', 'error', 'The key was removed before the target version.'),
  rule('lxc/duplicate-key', 'information', 'A key that keeps only its last value is set again; the earlier line has no effect.'),
  // LXC: values
  rule('lxc/invalid-value', 'error', 'LXC refuses this value for this key.'),
  rule('lxc/suspicious-value', 'warning', 'LXC accepts the value, but it does not do what it looks like.'),
  rule('lxc/empty-not-default', 'warning', 'An empty value does not restore the default for this key.'),
  rule('lxc/env-unset', 'error', '`lxc.environment = NAME` copies a variable that is not set.'),
  rule('lxc/unknown-prlimit', 'warning', 'LXC loads an unknown resource limit but fails to start the container.'),
  // LXC: networks
  rule('lxc/net-type-required', 'error', 'A network key that needs `lxc.net.<i>.type` set to a given type first.'),
  rule('lxc/net-type-resets', 'warning', '`lxc.net.<i>.type` after other keys of that interface discards them.'),
  rule('lxc/net-missing-index', 'error', 'Clearing a key of a network interface that does not exist.'),
  // LXC: capabilities and namespaces
  rule('lxc/unknown-capability', 'error', 'Not a capability name LXC knows.'),
  rule('lxc/capability-spelling', 'error', 'LXC wants lower-case capability names without `CAP_`.'),
  rule('lxc/capability-number', 'error', 'A capability number above the last capability of the kernel.'),
  rule('lxc/cap-none-in-drop', 'error', '`none` is only valid in `lxc.cap.keep`.'),
  rule('lxc/cap-mode-conflict', 'error', '`lxc.cap.drop` and `lxc.cap.keep` are both in force without a clear in between.'),
  rule('lxc/namespace-conflict', 'error', '`lxc.namespace.clone` and `lxc.namespace.keep` are both set.'),
  // LXC: includes
  rule('lxc/include-missing', 'error', 'An included file does not exist or cannot be read.'),
  rule('lxc/include-relative', 'warning', 'A relative include path is resolved against the working directory of the LXC command.'),
  rule('lxc/include-invalid', 'error', 'An included file has a line LXC refuses.'),
  rule('lxc/include-cycle', 'error', 'A file includes itself, directly or through other files.'),
  rule('lxc/include-order', 'warning', 'Files of an included directory set the same key; LXC reads them in no defined order.'),
  rule('lxc/cap-already-dropped', 'information', 'A capability that is already dropped at this point is dropped again.'),
  rule('lxc/idmap-incomplete', 'warning', 'An unprivileged config maps user IDs but not group IDs, or the reverse.'),
  rule('lxc/idmap-root', 'warning', 'ID 0 of the container (root) is not mapped.'),
  rule('lxc/idmap-overlap', 'warning', 'Two idmap ranges of the same type overlap.'),
  rule('lxc/idmap-subid', 'warning', 'An idmap range lies outside the subordinate IDs of /etc/subuid or /etc/subgid.'),
  rule('lxc/system-config-key', 'warning', 'A key that LXC\'s system configuration (lxc.conf) does not read.'),
  // containers.conf
  rule('containers/toml-syntax', 'error', 'The file is not valid TOML; Podman refuses to start.'),
  rule('containers/duplicate', 'error', 'A key or table is defined twice; Podman refuses to start.'),
  rule('containers/unknown-table', 'warning', 'Podman has no such table and ignores it silently.'),
  rule('containers/unknown-key', 'warning', 'Podman has no such key in this table and ignores it silently.'),
  rule('containers/wrong-table', 'warning', 'The key belongs in another table; Podman ignores it here.'),
  rule('containers/key-case', 'warning', 'The key only matches in a different case (Podman falls back to ignoring case).'),
  rule('containers/misspelled-key', 'warning', 'A documented spelling that Podman does not read.'),
  rule('containers/removed-key', 'warning', 'A key Podman no longer reads.'),
  rule('containers/deprecated-key', 'information', 'A key that still works but has a replacement.'),
  rule('containers/key-too-new', 'warning', 'The key needs a later Podman than the target version, which ignores it.'),
  rule('containers/wrong-type', 'error', 'The value has the wrong TOML type; Podman refuses to start.'),
  rule('containers/negative-unsigned', 'warning', 'A negative number in an unsigned field, which Podman silently wraps to a huge value.'),
  rule('containers/not-a-table', 'warning', 'A table key given a plain value, which Podman silently drops.'),
  rule('containers/invalid-value', 'error', 'A value Podman rejects when it loads the file.'),
  rule('containers/runtime-value', 'error', 'A value Podman loads but rejects when a command uses it.'),
  rule('containers/unknown-value', 'warning', 'A value Podman does not know; it may be ignored or fail later.'),
  rule('containers/unknown-capability', 'error', 'Not a capability: `podman create` fails.'),
  rule('containers/duplicate-capability', 'warning', 'A capability listed twice.'),
  rule('containers/capability-spelling', 'hint', 'A capability written differently from the rest of the list.'),
];

const byCode = new Map(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: string): RuleInfo {
  const r = byCode.get(code);
  if (!r) throw new Error(`unknown rule code ${code}`);
  return r;
}

export function isRuleCode(code: string): boolean {
  return byCode.has(code);
}
