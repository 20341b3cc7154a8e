/**
 * Keys whose lines add up (lxc.mount.entry, lxc.mount.auto, cgroup device rules, hooks,
 * lxc.group, lxc.environment …) and the type of each network interface, recorded with their
 * origins for the effective view. An empty value clears the key and the keys under it
 * (`lxc.hook =` every hook, `lxc.net.0 =` interface 0, `lxc.cgroup2 =` every cgroup2 line).
 * The walk only appends events; `listEntries` replays them when a view asks.
 */
import type { LxcLine } from '../parser';
import type { Resolved } from '../resolve';
import type { CheckState, ListEntry, ListEvent } from './state';

export function recordList(s: CheckState, l: LxcLine, r: Resolved): void {
  const e = s.effective;
  if (l.value === '') {
    // Nothing recorded yet: nothing to clear (most files never clear a list key).
    if (e.lists.length) e.lists.push({ clear: l.key });
    return;
  }
  let record = false;
  if (r.type === 'net') record = r.key.kind === 'net-type';
  else if (r.type === 'exact') record = r.key.multi === 'accumulate' && r.key.kind !== 'caps' && r.key.kind !== 'include' && r.key.kind !== 'idmap';
  else if (r.type === 'family') record = r.key.multi === 'accumulate' && !r.bare;
  if (!record) return;
  if (r.type === 'net') e.lists.push({ clear: l.key });
  // A line of the document is its own entry (an object per line fewer on a big file).
  e.lists.push(s.depth === 0 ? l : { key: l.key, value: l.value, file: s.file, line: l.line, topLine: s.topLine });
}

/** The entries in force at the end, grouped by key (keys in order of first appearance). */
export function listEntries(events: readonly ListEvent[]): Map<string, ListEntry[]> {
  const out = new Map<string, ListEntry[]>();
  for (const ev of events) {
    if ('clear' in ev) {
      out.delete(ev.clear);
      const dotted = `${ev.clear}.`;
      for (const k of out.keys()) if (k.startsWith(dotted)) out.delete(k);
      continue;
    }
    const list = out.get(ev.key);
    if (list) list.push(ev);
    else out.set(ev.key, [ev]);
  }
  return out;
}
