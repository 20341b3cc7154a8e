/**
 * Proxmox container configs (`/etc/pve/lxc/<vmid>.conf`), read line by line as Proxmox reads
 * them: blank lines are skipped; `[pve:pending]` and `[snapname]` start sections; a line
 * starting with `#` adds to the section's description; `lxc.*` lines (with `:` or `=`) are raw
 * LXC keys; `delete:` belongs to the pending section; other lines are `key: value` with the
 * key at the start of the line. Anything else is a line Proxmox cannot parse.
 */
import { splitLines } from '../unpriv/text';

export type PveLineKind = 'section' | 'comment' | 'raw' | 'key' | 'delete' | 'malformed';

export interface PveLine {
  line: number;
  kind: PveLineKind;
  /** The section the line belongs to: '' (current config), 'pve:pending' or a snapshot name. */
  section: string;
  key: string;
  keyEnd: number;
  value: string;
  valueStart: number;
  valueEnd: number;
  /** The separator was `=` (raw lines only). */
  eq: boolean;
}

export interface PveDocument {
  lines: PveLine[];
  /** The config's VMID from its file name, if it has the Proxmox form. */
  vmid?: string;
  lineCount: number;
}

export function parseProxmox(text: string, path?: string): PveDocument {
  const out: PveLine[] = [];
  let section = '';
  const raw = splitLines(text);
  for (const l of raw) {
    const t = l.text;
    if (/^\s*$/.test(t)) continue;
    const base = { line: l.line, section, key: '', keyEnd: 0, value: '', valueStart: t.length, valueEnd: t.length, eq: false };
    let m: RegExpExecArray | null;
    if (/^\[pve:pending\]\s*$/i.test(t)) {
      section = 'pve:pending';
      out.push({ ...base, kind: 'section', section, key: section, keyEnd: t.indexOf(']') });
    } else if ((m = /^\[([a-z][a-z0-9_-]+)\]\s*$/i.exec(t))) {
      section = m[1];
      out.push({ ...base, kind: 'section', section, key: section, keyEnd: m[1].length + 1 });
    } else if (t.startsWith('#')) {
      out.push({ ...base, kind: 'comment', value: t.slice(1), valueStart: 1 });
    } else if ((m = /^(lxc\.[a-z0-9_\-.]+)(:|\s*=)\s*(.*?)\s*$/.exec(t))) {
      const valueStart = m[1].length + m[2].length + (t.length - m[1].length - m[2].length - t.slice(m[1].length + m[2].length).trimStart().length);
      out.push({ ...base, kind: 'raw', key: m[1], keyEnd: m[1].length, value: m[3], valueStart, valueEnd: valueStart + m[3].length, eq: m[2] !== ':' });
    } else if ((m = /^([a-z][a-z_]*\d*):\s*(.*?)\s*$/.exec(t))) {
      const valueStart = m[1].length + 1 + (t.length - m[1].length - 1 - t.slice(m[1].length + 1).trimStart().length);
      const kind = m[1] === 'delete' ? 'delete' : m[2] === '' ? 'malformed' : 'key';
      out.push({ ...base, kind, key: m[1], keyEnd: m[1].length, value: m[2], valueStart, valueEnd: valueStart + m[2].length });
    } else {
      out.push({ ...base, kind: 'malformed', valueStart: 0 });
    }
  }
  const vmid = path ? /\/lxc\/(\d+)\.conf$/.exec(path)?.[1] : undefined;
  return { lines: out, vmid, lineCount: raw.length };
}

/** One option of a property string (`name=value` or a bare value for the default option). */
export interface PropOption {
  name: string | undefined;
  value: string;
  start: number;
  end: number;
  /** Column where the value starts. */
  valueStart: number;
}

/** Splits a property string (`a=1,b=2` or `value,a=1`) into its options, with columns from `offset`. */
export function splitOptions(value: string, offset: number): PropOption[] {
  const out: PropOption[] = [];
  let pos = 0;
  for (const part of value.split(',')) {
    const start = offset + pos;
    const eq = part.indexOf('=');
    const name = eq >= 0 && /^[a-z][a-z0-9_-]*$/i.test(part.slice(0, eq)) ? part.slice(0, eq) : undefined;
    out.push({ name, value: name === undefined ? part : part.slice(eq + 1), start, end: start + part.length, valueStart: name === undefined ? start : start + eq + 1 });
    pos += part.length + 1;
  }
  return out;
}
