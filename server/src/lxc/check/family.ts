/**
 * Key families (lxc.cgroup2.*, lxc.sysctl.*, lxc.prlimit.* …): a name after the prefix is
 * required, and a family with a fixed set of names (its `subKeys` in keys.ts) checks it.
 */
import { FAMILY_KEYS, type FamilyKey } from '../keys';
import type { LxcLine } from '../parser';
import { safeInt } from '../cnum';
import { Suggester } from '../../util/strings';
import { setLastWins } from './lastwins';
import { familySub } from '../resolve';
import { valueIssues } from './values';
import type { CheckState } from './state';

/** Sub-key suggestions of the families with a fixed set of names (built once, never changed). */
const SUB_NAMES: ReadonlyMap<FamilyKey, Suggester> = new Map(FAMILY_KEYS.flatMap((f) => (f.subKeys ? [[f, new Suggester(f.subKeys.names)] as const] : [])));

export function checkFamily(s: CheckState, l: LxcLine, k: FamilyKey, bare: boolean): void {
  // The name after the prefix is only cut out when the family checks it (no string per line).
  const emptySub = l.key.length === k.prefix.length + 1;
  // A family whose unknown names only fail at start (prlimit) loads an empty name too.
  if (bare || (emptySub && k.subKeys?.refusedAt !== 'start')) {
    s.out.push({
      code: 'lxc/invalid-value',
      message: bare
        ? `\`${k.prefix} =\` only clears every ${k.prefix} setting; to set a value, name it: \`${k.name}\`.`
        : `\`${l.key}\` needs a name after the dot, as in \`${k.name}\`.`,
      range: bare ? s.valueRange(l) : s.keyRange(l),
    });
    return;
  }
  if (k.subKeys && !checkSubName(s, l, k, familySub(l.key, k))) return;
  valueIssues(s, l, k);
  if (k.multi === 'last-wins') setLastWins(s, l, l.key);
}

/**
 * `family.<sub> =`: forgets that sub-key. Families whose clear looks the name up
 * (lxc.namespace.share.<ns>) refuse an unknown or empty name there too.
 */
export function clearFamilyKey(s: CheckState, l: LxcLine, k: FamilyKey, sub: string): boolean {
  if (!k.subKeys?.checkedOnClear) return true;
  if (sub === '') {
    s.out.push({ code: 'lxc/invalid-value', message: `\`${l.key} =\` needs a name after the dot, as in \`${k.name} =\`; LXC refuses the line.`, range: s.keyRange(l) });
    return false;
  }
  return checkSubName(s, l, k, sub);
}

/** Reports a sub-key name outside the family's fixed set; false when LXC refuses the line. */
function checkSubName(s: CheckState, l: LxcLine, k: FamilyKey, sub: string): boolean {
  const names = k.subKeys;
  if (names && !names.names.includes(sub) && !(names.numbers && safeInt(sub) !== null)) {
    const guess = SUB_NAMES.get(k)?.closest(names.lowerCaseHint ? sub.toLowerCase() : sub);
    const suggestion = guess ? `${k.prefix}.${guess}` : null;
    if (names.refusedAt === 'load') {
      s.out.push({
        code: 'lxc/unknown-key',
        message: `\`${sub}\` is not ${names.noun}; use ${listText(names.names)} (lower case).${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
        range: s.keyRange(l),
        data: { suggestion },
      });
      return false;
    }
    s.out.push({
      code: 'lxc/unknown-prlimit',
      message: sub === ''
        ? `LXC loads \`${l.key}\` but fails to start the container: the name of ${names.noun} is missing after the dot.`
        : `LXC loads \`${l.key}\` but fails to start the container: \`${sub}\` is not ${names.noun}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      range: s.keyRange(l),
      data: { suggestion },
    });
  }
  return true;
}

/** "a, b or c". */
function listText(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
