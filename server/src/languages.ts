/**
 * Which files are in which language (LXC configs, containers.conf and the files around
 * them): the same rules as the `contributes.languages` entries of package.json (a test keeps
 * them equal), used by the CLI and by the server for documents whose language the client did
 * not set.
 */
import picomatch from 'picomatch';

export type LanguageId = 'lxc' | 'containers-conf' | 'containers-storage-conf' | 'containers-registries-conf' | 'seccomp-json' | 'selinux-contexts' | 'containers-mounts-conf' | 'subid' | 'lxc-usernet' | 'proxmox-ct' | 'incus-yaml';

export const LANGUAGE_PATTERNS: Record<LanguageId, readonly string[]> = {
  lxc: [
    '**/var/lib/lxc/*/config',
    '**/.local/share/lxc/*/config',
    '**/lxc/default.conf',
    '**/lxc/config/*.conf',
    '**/lxc/config/*.conf.d/*.conf',
    // Not every *.conf under /etc/lxc is an LXC config: lxc-net's dnsmasq.conf is read by
    // dnsmasq. Other files there are recognised by their first line.
    '**/lxc/lxc.conf',
  ],
  'containers-conf': [
    '**/containers.conf',
    '**/containers.conf.d/*.conf',
    '**/containers.rootless.conf',
    '**/containers.rootless.conf.d/*.conf',
    '**/containers.conf.modules/**/*.conf',
  ],
  'containers-storage-conf': [
    '**/containers/storage.conf',
    // Drop-in files, read from containers/storage 1.63 (Podman 6.0).
    '**/containers/storage.conf.d/*.conf',
    '**/containers/storage.rootful.conf.d/*.conf',
    '**/containers/storage.rootless.conf.d/*.conf',
    '**/containers/storage.rootless.conf.d/*/*.conf',
  ],
  'containers-registries-conf': [
    '**/containers/registries.conf',
    '**/containers/registries.conf.d/*.conf',
  ],
  'seccomp-json': [
    '**/containers/seccomp.json',
    '**/seccomp.json',
    '**/*.seccomp.json',
  ],
  'selinux-contexts': [
    '**/containers/selinux/contexts',
  ],
  'containers-mounts-conf': [
    '**/containers/mounts.conf',
  ],
  subid: ['**/subuid', '**/subgid'],
  'lxc-usernet': ['**/lxc-usernet'],
  'proxmox-ct': ['**/pve/lxc/*.conf', '**/pve/nodes/*/lxc/*.conf'],
  'incus-yaml': ['**/*.incus.yaml', '**/*.incus.yml', '**/*.lxd.yaml', '**/*.lxd.yml'],
};

/** Every language id, in the order of the table above. */
export const LANGUAGE_IDS = Object.keys(LANGUAGE_PATTERNS) as LanguageId[];

export function isLanguageId(id: unknown): id is LanguageId {
  return typeof id === 'string' && (LANGUAGE_IDS as string[]).includes(id);
}

/** First-line match for Incus/LXD YAML that has no telling name. */
export const INCUS_FIRST_LINE = '^#[ \\t]*ctconf:[ \\t]*(?:incus|lxd)\\b';

/** First-line match for LXC configs: a key, or the header lxc-create writes. */
export const LXC_FIRST_LINE = '^(?:[ \\t]*lxc\\.[a-z]|# Template used to create this container:|# For additional config options, please look at lxc\\.container\\.conf)';

/** The formats around containers.conf, checked before the generic LXC `*.conf` patterns. */
const PODMAN_FILES: readonly LanguageId[] = ['containers-storage-conf', 'containers-registries-conf', 'seccomp-json', 'selinux-contexts', 'containers-mounts-conf'];

/**
 * One regular expression per language (its globs joined): a host check asks for 2,000 paths,
 * and picomatch's matcher, which tries each glob in turn, took 35 ms of a 600 ms run.
 */
const matchers = Object.fromEntries(
  Object.entries(LANGUAGE_PATTERNS).map(([id, globs]) => {
    const re = new RegExp(globs.map((g) => picomatch.makeRe(g, { dot: true }).source).join('|'));
    return [id, (p: string) => re.test(p)];
  }),
) as unknown as Record<LanguageId, (p: string) => boolean>;
const firstLine = new RegExp(LXC_FIRST_LINE);
const incusFirstLine = new RegExp(INCUS_FIRST_LINE);
/** Checked in this order: the specific patterns before LXC's generic `lxc/*.conf`. */
const ORDER: readonly LanguageId[] = ['containers-conf', 'proxmox-ct', 'subid', 'lxc-usernet', 'incus-yaml', 'lxc'];

/**
 * Language of a file from its path and (optionally) its first line.
 * containers.conf and Proxmox patterns win over the generic LXC `*.conf` ones.
 */
export function detectLanguage(path: string, text?: string): LanguageId | undefined {
  const p = path.replace(/\\/g, '/');
  const abs = p.startsWith('/') ? p : `/${p}`;
  if (matchers['containers-conf'](abs)) return 'containers-conf';
  for (const id of PODMAN_FILES) if (matchers[id](abs)) return id;
  if (matchers.lxc(abs)) return 'lxc';
  for (const id of ORDER) if (matchers[id](abs)) return id;
  if (text !== undefined) {
    const nl = text.search(/\r|\n/);
    const first = (nl === -1 ? text : text.slice(0, nl)).replace(/^\uFEFF/, '');
    if (firstLine.test(first)) return 'lxc';
    if (incusFirstLine.test(first)) return 'incus-yaml';
  }
  return undefined;
}
