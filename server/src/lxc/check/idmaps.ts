/** lxc.idmap lines: recorded as read (an empty value clears them), checked together at the end. */
import { range } from '../../diagnostic';
import { PlacedIdmap, checkIdmapSet, idmapFast, parseIdmap } from '../idmap';
import type { LxcLine } from '../parser';
import type { CheckState } from './state';

export function clearIdmaps(s: CheckState): void {
  s.effective.idmaps = [];
}

/** Records a valid idmap line. */
export function recordIdmap(s: CheckState, l: LxcLine): void {
  const fast = idmapFast(l.value);
  const type = fast?.type ?? parseIdmap(l.value)?.type;
  if (type) s.effective.idmaps.push(new PlacedIdmap(type, l.value, s.file, l.line, s.topOf(l), l.valueStart, l.valueEnd, fast));
}

/** Checks across all maps (both types, root, overlaps, subordinate IDs), after the last line. */
export function checkIdmaps(s: CheckState): void {
  checkIdmapSet(s.effective.idmaps, s.top, s.opts, (line) => s.includeRanges.get(line) ?? range(line, 0, 0));
}
