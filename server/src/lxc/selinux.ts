/**
 * SELinux contexts in LXC configs: `lxc.selinux.context` (the label the container's processes
 * run in) and `lxc.selinux.context.keyring` (the label of its session keyring).
 *
 * liblxc stores both values as plain strings when it loads a config (confile.c) and hands them
 * to the kernel only when the container starts, and only on a host whose security module is
 * SELinux (lsm/selinux.c: setexeccon / setkeycreatecon). A malformed context therefore never
 * stops a config from loading: the start fails on an SELinux host, and the key does nothing on
 * an AppArmor or plain host. So findings here are warnings, never errors. The literal value
 * `unconfined_t` is special for the process context only: liblxc then leaves the label alone.
 */
import type { Hover } from 'vscode-languageserver-types';
import { range, type Finding } from '../diagnostic';
import type { LxcDocument, LxcLine } from './parser';
import { atLeast, type LxcVersion } from './version';
import { selinuxContextHover, splitContext, validateSelinuxContext } from '../selinux/context';
import { FILE_TYPES } from '../selinux/types';
import { inlineCode } from '../util/markdown';
import { appendAll } from '../util/arrays';

export const PROCESS_KEY = 'lxc.selinux.context';
export const KEYRING_KEY = 'lxc.selinux.context.keyring';
/** The value liblxc treats as "do not change the label" (process context only). */
export const UNCONFINED = 'unconfined_t';

/** Where the effective value of a last-wins key came from (the LXC analysis' `effective.values`). */
export interface EffectiveValues {
  get(key: string): { value: string; file?: string; line: number } | undefined;
}

const isSelinuxKey = (key: string) => key === PROCESS_KEY || key === KEYRING_KEY;

/** Problems of one context value, placed on the value's own range. */
function lineFindings(l: LxcLine): Finding[] {
  const at = (s: number, e: number) => range(l.line, l.valueStart + s, l.valueStart + e);
  if (l.value === UNCONFINED) {
    if (l.key === PROCESS_KEY) return [];
    return [{ code: 'lxc/selinux-invalid-context', message: '`unconfined_t` only means "leave the label alone" in `lxc.selinux.context`. Here liblxc hands it to the kernel as the keyring\'s context, which the kernel refuses, so the container fails to start on an SELinux host.', range: at(0, l.value.length) }];
  }
  const problems = validateSelinuxContext(l.value);
  const out: Finding[] = problems.map((p) => ({
    code: p.severity === 'error' ? 'lxc/selinux-invalid-context' : 'lxc/selinux-unusual-context',
    message: p.severity === 'error' ? `${p.message} LXC loads the config, but the container fails to start on an SELinux host.` : p.message,
    range: at(p.start, p.end),
  }));
  const parts = splitContext(l.value);
  if (!parts || problems.some((p) => p.severity === 'error')) return out;
  if (!parts.level) {
    out.push({ code: 'lxc/selinux-unusual-context', message: 'No level: the MCS policies of container hosts need one (such as `s0` or `s0:c100,c200`); the kernel refuses the context without it and the container fails to start. LXC, unlike Podman, does not add one.', range: at(0, l.value.length) });
  }
  // A keyring is an object and may carry other labels; a process must run in a domain.
  if (l.key !== PROCESS_KEY) return out;
  if (parts.role.text === 'object_r') {
    out.push({ code: 'lxc/selinux-unusual-context', message: '`object_r` is the role of files and other objects; the policy lets no process run in it, so the container fails to start. Use a process role such as `system_r`.', range: at(parts.role.start, parts.role.start + parts.role.text.length) });
  } else if (FILE_TYPES.has(parts.type.text)) {
    out.push({ code: 'lxc/selinux-unusual-context', message: `${inlineCode(parts.type.text)} labels files, not processes; the container's processes need a process domain such as \`container_t\`.`, range: at(parts.type.start, parts.type.start + parts.type.text.length) });
  }
  return out;
}

/**
 * Findings for the document's own `lxc.selinux.context*` lines, plus one cross-key case: since
 * LXC 4.0 the keyring gets `lxc.selinux.context` when no keyring context is set, and the
 * special `unconfined_t` is not a context the kernel takes for a keyring.
 */
export function lxcSelinuxFindings(doc: LxcDocument, version: LxcVersion, effective?: EffectiveValues): Finding[] {
  const out: Finding[] = [];
  const entries = doc.entries;
  for (let i = 0; i < entries.length; i++) {
    const l = entries[i];
    if (l.unseen || !isSelinuxKey(l.key) || l.value === '') continue;
    appendAll(out, lineFindings(l));
  }
  if (!effective || !atLeast(version, '4.0')) return out;
  const proc = effective.get(PROCESS_KEY);
  const keyring = effective.get(KEYRING_KEY);
  const session = effective.get('lxc.keyring.session');
  if (proc && proc.file === undefined && proc.value === UNCONFINED && !keyring?.value && session?.value !== '0') {
    const l = doc.lineAt(proc.line);
    if (l && l.kind === 'entry') {
      out.push({ code: 'lxc/selinux-invalid-context', message: 'No `lxc.selinux.context.keyring` is set, so liblxc labels the container\'s session keyring with this value; the kernel refuses `unconfined_t` as a keyring context and the container fails to start on an SELinux host. Set `lxc.selinux.context.keyring` to a full context, or `lxc.keyring.session = 0`.', range: range(l.line, l.valueStart, l.valueEnd) });
    }
  }
  return out;
}

const HOST_NOTE = 'liblxc applies it when the container starts, and only on hosts that run SELinux; on AppArmor hosts (Debian, Ubuntu) the key has no effect.';

/** Hover on the value of an `lxc.selinux.context*` line; null elsewhere. */
export function lxcSelinuxHover(l: LxcLine, ch: number): Hover | null {
  if (l.kind !== 'entry' || !isSelinuxKey(l.key) || l.value === '' || ch < l.valueStart || ch > l.valueEnd) return null;
  const at = range(l.line, l.valueStart, l.valueEnd);
  const lead = l.key === PROCESS_KEY
    ? `The container's processes run in this SELinux context. ${HOST_NOTE}`
    : `The container's new session keyring is labelled with this context, so that only processes allowed to use keys of this label can read it. ${HOST_NOTE}`;
  if (l.value === UNCONFINED) {
    const text = l.key === PROCESS_KEY
      ? '**`unconfined_t`** (special value)\n\nliblxc does not change the label: the container runs in whatever context `lxc-start` runs in, which for an administrator is usually unconfined, so SELinux does not restrict the container at all.'
      : '**`unconfined_t`**\n\nNot a context: only `lxc.selinux.context` gives this word a special meaning. As a keyring context the kernel refuses it.';
    return { contents: { kind: 'markdown', value: text }, range: at };
  }
  const md = selinuxContextHover(l.value);
  if (!md) return { contents: { kind: 'markdown', value: `${lead}\n\nThis value is not \`user:role:type[:level]\`, so it is not a security context.` }, range: at };
  return { contents: { kind: 'markdown', value: `${md}\n\n${lead}` }, range: at };
}
