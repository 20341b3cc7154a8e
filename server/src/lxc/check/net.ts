/**
 * Network interfaces (lxc.net.<i>.*): created by their first key, reset by a type line,
 * removed by `lxc.net.<i> =` or all at once by `lxc.net =`. Keys that need a given type are
 * refused before it is set.
 */
import { range } from '../../diagnostic';
import { NET_TYPES, type LxcKey } from '../keys';
import type { LxcLine } from '../parser';
import { forget, setLastWins } from './lastwins';
import { valueIssues } from './values';
import { spotOf, type CheckState } from './state';

/** `lxc.net =`: every interface is gone. */
export function clearInterfaces(s: CheckState): void {
  s.nets.clear();
}

/** `lxc.net.<i> =`: interface i is gone. */
export function removeInterface(s: CheckState, index: number): void {
  s.nets.delete(index);
}

/** `lxc.net.<i>.<sub> =`: liblxc refuses it unless the interface exists. */
export function clearNetKey(s: CheckState, l: LxcLine, index: number): void {
  forget(s, l.key);
  if (!s.nets.has(index)) {
    s.out.push({
      code: 'lxc/net-missing-index',
      message: `\`${l.key} =\` clears a key of network interface ${index}, which is not defined at this point; LXC refuses the line. Remove it, or define \`lxc.net.${index}.type\` first.`,
      range: s.keyRange(l),
    });
  }
}

/** `lxc.net.<i> = value`: the bare interface key only clears. */
export function interfaceValue(s: CheckState, l: LxcLine, index: number): void {
  s.out.push({
    code: 'lxc/invalid-value',
    message: `\`${l.key}\` only removes interface ${index} and takes no value. Set a key of the interface instead, such as \`${l.key}.type = veth\`.`,
    range: s.valueRange(l),
  });
}

export function checkNetKey(s: CheckState, l: LxcLine, k: LxcKey & { sub: string }, index: number): void {
  let nic = s.nets.get(index);
  if (!nic) {
    nic = { keys: [], lastWins: [] };
    s.nets.set(index, nic);
  }
  if (k.kind === 'net-type') {
    const lost = nic.keys;
    if (lost.length > 0) {
      s.out.push({
        code: 'lxc/net-type-resets',
        message: `Setting \`${l.key}\` resets interface ${index}, so the ${lost.length} earlier line${lost.length === 1 ? '' : 's'} for it ${lost.length === 1 ? 'is' : 'are'} lost. Put the type line first.`,
        range: s.keyRange(l),
        related: lost.map((x) => ({ range: range(x.line, x.keyStart, x.keyEnd), message: `discarded by the type line ${l.line + 1}` })),
        data: { index, firstLine: lost[0].line },
      });
    }
    nic.keys = [];
    nic.type = NET_TYPES.find((t) => t === l.value);
    for (const key of nic.lastWins) s.lastSet.delete(key);
    nic.lastWins = [];
    valueIssues(s, l, k);
    return;
  }
  if (k.requiresType && nic.type !== k.requiresType) {
    s.out.push({
      code: 'lxc/net-type-required',
      message: nic.type
        ? `\`${l.key}\` only applies to ${k.requiresType} interfaces, but interface ${index} is ${nic.type}; LXC refuses the line.`
        : `\`${l.key}\` needs \`lxc.net.${index}.type = ${k.requiresType}\` on an earlier line; LXC refuses it otherwise.`,
      range: s.keyRange(l),
      data: { index, type: k.requiresType, typed: nic.type !== undefined },
    });
    return;
  }
  if (valueIssues(s, l, k).length === 0) nic.keys.push(spotOf(l));
  if (k.multi === 'last-wins') {
    setLastWins(s, l, l.key);
    nic.lastWins.push(l.key);
  }
}
