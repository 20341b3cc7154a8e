/**
 * The LXC *system* configuration, lxc.conf(5) (/etc/lxc/lxc.conf,
 * ~/.config/lxc/lxc.conf). It shares the file name pattern of container configs but has
 * its own small set of keys, read by lxc_global_config_value(); LXC ignores other keys there.
 */
import { range, type Finding } from '../diagnostic';
import type { LxcDocument } from './parser';
import { exactKey } from './keys';
import { closest, suggestionBudget } from '../util/strings';

export const SYSTEM_KEYS: Readonly<Record<string, string>> = {
  'lxc.lxcpath': 'Directory where containers live (default /var/lib/lxc, or ~/.local/share/lxc for unprivileged users).',
  'lxc.default_config': 'Container config that new containers start from (default /etc/lxc/default.conf).',
  'lxc.bdev.lvm.vg': 'LVM volume group for new LVM-backed containers (default lxc).',
  'lxc.bdev.lvm.thin_pool': 'LVM thin pool for new LVM-backed containers (default lxc).',
  'lxc.bdev.zfs.root': 'ZFS dataset under which ZFS-backed containers are created (default lxc).',
  'lxc.bdev.rbd.rbdpool': 'Ceph RBD pool for new RBD-backed containers (default lxc).',
  'lxc.cgroup.use': 'Comma-separated cgroup controllers LXC uses.',
  'lxc.cgroup.pattern': 'Pattern of the cgroup path of each container (default lxc.payload.%n).',
};

/** Whether a path is the system config rather than a container config. */
export function isSystemConfigPath(path: string | undefined): boolean {
  return !!path && /(^|\/)lxc\/lxc\.conf$/.test(path);
}

export function validateLxcSystem(doc: LxcDocument): Finding[] {
  const out: Finding[] = [];
  const suggest = suggestionBudget();
  for (const l of doc.entries) {
    if (Object.hasOwn(SYSTEM_KEYS, l.key)) continue;
    const s = suggest(() => closest(l.key, Object.keys(SYSTEM_KEYS)));
    out.push({
      code: 'lxc/system-config-key',
      message: exactKey(l.key)
        ? `This is LXC's system configuration (lxc.conf), where \`${l.key}\` has no effect; container keys belong in a container config or in default.conf.`
        : `\`${l.key}\` is not a setting of LXC's system configuration (lxc.conf); LXC ignores it.${s ? ` Did you mean \`${s}\`?` : ''}`,
      range: range(l.line, l.keyStart, l.keyEnd),
      data: { suggestion: s ?? null },
    });
  }
  return out;
}
