/** Markdown for a capability, shared by the LXC and containers.conf hovers and completions. */
import { INIT_NEEDS, RISK_LABEL, type Capability } from './table';

export interface CapabilityHoverOptions {
  /** How the name is written in the document. */
  spelledAs?: string;
  /** The host's man page paragraph, already rendered. */
  extra?: string;
  /** Where it appears, to phrase the default-set line. */
  context?: 'drop' | 'keep' | 'podman';
  /** Whether it is in Podman's default set for the target version (containers.conf only). */
  inPodmanDefault?: boolean;
  podmanVersion?: string;
}

export function capabilityMarkdown(cap: Capability, o: CapabilityHoverOptions = {}): string {
  const lines = [
    `**${cap.cap}** (\`${cap.name}\`, number ${cap.number}, since Linux ${cap.since})`,
    '',
    cap.summary,
    '',
    `${cap.risk === 'critical' || cap.risk === 'high' ? '⚠ ' : ''}**Risk: ${RISK_LABEL[cap.risk]}.** ${cap.riskNote}`,
    '',
    `- Allows: ${cap.allows}`,
    `- LXC's common.conf: ${cap.lxcCommonDrop ? 'drops it' : 'keeps it'}`,
    o.inPodmanDefault !== undefined
      ? `- Podman ${o.podmanVersion ?? ''} default set: ${o.inPodmanDefault ? 'included' : 'not included'}`.replace('  ', ' ')
      : `- Podman's default set: ${cap.podmanDefault ? 'included' : 'not included'}`,
    `- Docker's default set: ${cap.dockerDefault ? 'included' : 'not included'}`,
  ];
  const init = INIT_NEEDS.find((n) => n.name === cap.name);
  if (init) lines.push(`- Init systems need it: ${init.reason}`);
  if (o.extra) lines.push('', '---', '', o.extra);
  return lines.join('\n');
}
