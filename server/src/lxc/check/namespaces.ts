/** lxc.namespace.clone and lxc.namespace.keep: liblxc refuses a line of one while the other is set. */
import type { LxcKey } from '../keys';
import type { LxcLine } from '../parser';
import { valueIssues } from './values';
import type { CheckState } from './state';

/** `lxc.namespace.clone =` / `.keep =`: that list is empty again. */
export function clearNamespaces(s: CheckState, k: LxcKey): void {
  if (k.nsMode) s.ns[k.nsMode] = false;
}

export function checkNamespaces(s: CheckState, l: LxcLine, k: LxcKey): void {
  const mode = k.nsMode ?? 'clone';
  const other = mode === 'clone' ? 'keep' : 'clone';
  if (s.ns[other]) {
    s.out.push({
      code: 'lxc/namespace-conflict',
      message: `lxc.namespace.clone and lxc.namespace.keep cannot both be set; LXC refuses this line. Keep one of them (or clear the other first with an empty value).`,
      range: s.keyRange(l),
    });
    return;
  }
  if (valueIssues(s, l, k).length === 0) s.ns[mode] = true;
}
