/**
 * Network interfaces (lxc.net.<i>.*): created by their first key, reset by a type line,
 * removed by `lxc.net.<i> =` or all at once by `lxc.net =`. Keys that need a given type are
 * refused before it is set.
 */
import { range } from '../../diagnostic';
import { NET_TYPES, type LxcKey } from '../keys';
import type { LxcLine } from '../parser';
import { dropDuplicateSpot, forget, setLastWins } from './lastwins';
import { valueIssues } from './values';
import type { CheckState, NetState } from './state';

/** `lxc.net =`: every interface is gone. */
export function clearInterfaces(s: CheckState): void {
  s.nets.clear();
}

/** `lxc.net.<i> =`: interface i is gone. */
export function removeInterface(s: CheckState, index: number): void {
  s.nets.delete(index);
}

/**
 * `lxc.net.<i>.<sub> =`: liblxc refuses it unless the interface exists. Clearing the type
 * resets the whole interface (its keys are gone and it has no type, so type-specific keys
 * after it are refused), as a new type line does.
 */
export function clearNetKey(s: CheckState, l: LxcLine, k: LxcKey & { sub: string }, index: number): void {
  forget(s, l.key);
  const nic = s.nets.get(index);
  if (!nic) {
    s.out.push({
      code: 'lxc/net-missing-index',
      message: `\`${l.key} =\` clears a key of network interface ${index}, which is not defined at this point; LXC refuses the line. Remove it, or define \`lxc.net.${index}.type\` first.`,
      range: s.keyRange(l),
    });
    return;
  }
  if (k.kind === 'net-type') resetInterface(s, l, index, nic, 'Clearing');
}

/** A type line (set or cleared) resets the interface: earlier lines for it are lost. */
function resetInterface(s: CheckState, l: LxcLine, index: number, nic: NetState, verb: 'Setting' | 'Clearing'): void {
  const lost = nic.keys;
  if (lost.length > 0) {
    s.out.push({
      code: 'lxc/net-type-resets',
      message: `${verb} \`${l.key}\` resets interface ${index}, so the ${lost.length} earlier line${lost.length === 1 ? '' : 's'} for it ${lost.length === 1 ? 'is' : 'are'} lost.${verb === 'Setting' ? ' Put the type line first.' : ''}`,
      range: s.keyRange(l),
      related: lost.map((x) => ({ range: range(x.line, x.keyStart, x.keyEnd), message: `discarded by the type line ${l.line + 1}` })),
      // The quick fix moves a type line above the keys; a cleared type has nothing to move.
      data: verb === 'Setting' ? { index, firstLine: lost[0].line } : undefined,
    });
  }
  nic.keys = [];
  nic.type = undefined;
  for (const key of nic.lastWins) dropDuplicateSpot(s, key);
  nic.lastWins = [];
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
    resetInterface(s, l, index, nic, 'Setting');
    nic.type = NET_TYPES.find((t) => t === l.value);
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
  if (valueIssues(s, l, k).length === 0) nic.keys.push(l);
  if (k.multi === 'last-wins') {
    setLastWins(s, l, l.key);
    nic.lastWins.push(l.key);
  }
}
