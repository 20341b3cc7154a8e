/**
 * Unprivileged Proxmox containers: their ID maps (Proxmox's default `0 100000 65536`, or raw
 * lxc.idmap lines), bind mounts of host directories, and the host files around them.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { range, type Finding } from '../diagnostic';
import type { DocContext } from '../language';
import { fixData } from '../rules';
import { inlineCode } from '../util/markdown';
import { accounts } from '../unpriv/hostfiles';
import { checkRootOwnSubIds, checkSharedIdmaps, type PlacedMap } from '../unpriv/checks';
import { PVE_DEFAULT_BASE, PVE_DEFAULT_COUNT } from './idmap';
import { splitOptions, type PveDocument, type PveLine } from './parse';

const TRUE = /^(?:1|on|yes|true)$/i;

export function isUnprivileged(doc: PveDocument): PveLine | undefined {
  return doc.lines.find((l) => l.section === '' && l.kind === 'key' && l.key === 'unprivileged' && TRUE.test(l.value));
}

/** The maps of the current config: raw lxc.idmap lines, or Proxmox's default for unprivileged containers. */
export function proxmoxMaps(doc: PveDocument): PlacedMap[] {
  const out: PlacedMap[] = [];
  for (const l of doc.lines) {
    if (l.section !== '' || l.kind !== 'raw' || l.key !== 'lxc.idmap') continue;
    const m = /^([ug])\s+(\d+)\s+(\d+)\s+(\d+)/.exec(l.value);
    if (m) out.push({ type: m[1] as 'u' | 'g', nsid: BigInt(m[2]), hostid: BigInt(m[3]), count: BigInt(m[4]), range: range(l.line, l.valueStart, l.valueEnd) });
  }
  const u = isUnprivileged(doc);
  if (u && out.length === 0) {
    for (const type of ['u', 'g'] as const) out.push({ type, nsid: 0n, hostid: PVE_DEFAULT_BASE, count: PVE_DEFAULT_COUNT, range: range(u.line, 0, u.valueEnd) });
  }
  return out;
}

/** The three-range idmap that passes host UID `uid` and GID `gid` through unchanged. */
export function passThroughIdmap(uid: number, gid: number): string[] {
  const lines = (t: string, id: number) => [
    `lxc.idmap: ${t} 0 ${PVE_DEFAULT_BASE} ${id}`,
    `lxc.idmap: ${t} ${id} ${id} 1`,
    `lxc.idmap: ${t} ${id + 1} ${PVE_DEFAULT_BASE + BigInt(id + 1)} ${Number(PVE_DEFAULT_COUNT) - id - 1}`,
  ];
  return [...lines('u', uid), ...lines('g', gid)];
}

/** The host UID and GID a bind mount most likely belongs to: the owner of a /home directory, else 1000. */
function hostIds(path: string, ctx: DocContext): { uid: number; gid: number } {
  const user = /^\/home\/([^/]+)/.exec(path)?.[1];
  const uid = Number(user && accounts(ctx).uid.get(user));
  return Number.isInteger(uid) && uid > 0 && uid < 65535 ? { uid, gid: uid } : { uid: 1000, gid: 1000 };
}

export function checkProxmoxUnpriv(doc: PveDocument, ctx: DocContext): Finding[] {
  const u = isUnprivileged(doc);
  if (!u) return [];
  const maps = proxmoxMaps(doc);
  const out: Finding[] = [...checkRootOwnSubIds(maps, ctx, 'liblxc on Proxmox'), ...checkSharedIdmaps(maps, 'root', ctx)];
  const rawMaps = maps.some((m) => m.range.start.line !== u.line);
  const firstSection = doc.lines.find((l) => l.kind === 'section')?.line ?? doc.lineCount;
  for (const l of doc.lines) {
    if (l.section !== '' || l.kind !== 'key' || !/^mp\d+$/.test(l.key)) continue;
    const opts = splitOptions(l.value, l.valueStart);
    const volume = opts.find((o) => o.name === undefined || o.name === 'volume');
    if (!volume || !volume.value.startsWith('/') || volume.value.startsWith('/dev/') || rawMaps || opts.some((o) => o.name === 'idmap')) continue;
    const ids = hostIds(volume.value, ctx);
    out.push({
      code: 'proxmox/bind-mount-unmapped',
      message: `${inlineCode(volume.value)} is bind-mounted into an unprivileged container, whose IDs are host IDs ${PVE_DEFAULT_BASE}–${PVE_DEFAULT_BASE + PVE_DEFAULT_COUNT - 1n}: files of host users (such as UID ${ids.uid}) show up as nobody (65534) and root in the container cannot write them. Map the host user through with lxc.idmap (and give root that ID in /etc/subuid and /etc/subgid), use the mount point's \`idmap=\` option, or chown the directory to ${PVE_DEFAULT_BASE}+.`,
      range: range(l.line, volume.start, volume.end),
      data: { uid: ids.uid, gid: ids.gid, line: firstSection },
    });
  }
  return out;
}

/** The quick fix of proxmox/bind-mount-unmapped: the three-range idmap for the host UID and GID. */
export function bindMountFix(d: Diagnostic, uri: string, lineCount: number, lastLineLength: number): CodeAction | undefined {
  const data = fixData(d, 'proxmox/bind-mount-unmapped');
  if (!data || !Number.isInteger(data.uid) || !Number.isInteger(data.gid) || data.uid < 1 || data.uid > 65534 || data.gid < 1 || data.gid > 65534) return undefined;
  const text = `${passThroughIdmap(data.uid, data.gid).join('\n')}\n`;
  // Before the first section, or at the end (after a final line break, added if missing).
  const atEnd = data.line >= lineCount - 1 && lastLineLength > 0;
  const at = atEnd ? { line: lineCount - 1, character: lastLineLength } : { line: Math.min(data.line, lineCount - 1), character: 0 };
  return {
    title: `Map host UID ${data.uid} and GID ${data.gid} into the container (three-range lxc.idmap)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: atEnd ? `\n${text}` : text }] } },
  };
}
