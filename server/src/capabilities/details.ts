/** The entries of the "Allow a capability" picker: risk, what it allows, where it is dropped. */
import { INIT_NEEDS, RISK_LABEL, findCapability } from './table';

/** One entry of the "Allow a capability" picker. */
export interface DroppedCapabilityDetails { name: string; risk?: string; summary?: string; initNeeds?: string; droppedIn: string; file?: string; line: number }

export function capabilityDetails(o: { name: string; file?: string; line: number }): DroppedCapabilityDetails {
  const c = findCapability(o.name);
  const init = INIT_NEEDS.find((n) => n.name === o.name);
  return {
    name: o.name,
    ...(c ? { risk: RISK_LABEL[c.risk], summary: c.summary } : {}),
    ...(init ? { initNeeds: init.reason } : {}),
    droppedIn: `${o.file ?? 'this file'}, line ${o.line + 1}`,
    ...(o.file ? { file: o.file } : {}),
    line: o.line,
  };
}
