/**
 * Which files are in which language (LXC configs, containers.conf and the files around
 * them): the same rules as the `contributes.languages` entries of package.json (a test keeps
 * them equal), used by the CLI and by the server for documents whose language the client did
 * not set.
 */
import picomatch from 'picomatch';

export type LanguageId = 'lxc' | 'containers-conf' | 'subid' | 'lxc-usernet' | 'proxmox-ct' | 'incus-yaml';

export const LANGUAGE_PATTERNS: Record<LanguageId, readonly string[]> = {
  lxc: [
    '**/var/lib/lxc/*/config',
    '**/.local/share/lxc/*/config',
    '**/lxc/default.conf',
    '**/lxc/config/*.conf',
    '**/lxc/config/*.conf.d/*.conf',
    '**/lxc/*.conf',
  ],
  'containers-conf': [
    '**/containers.conf',
    '**/containers.conf.d/*.conf',
    '**/containers.rootless.conf',
    '**/containers.rootless.conf.d/*.conf',
    '**/containers.conf.modules/**/*.conf',
  ],
  subid: ['**/subuid', '**/subgid'],
  'lxc-usernet': ['**/lxc-usernet'],
  'proxmox-ct': ['**/pve/lxc/*.conf', '**/pve/nodes/*/lxc/*.conf'],
  'incus-yaml': ['**/*.incus.yaml', '**/*.incus.yml', '**/*.lxd.yaml', '**/*.lxd.yml'],
};

/** First-line match for Incus/LXD YAML that has no telling name. */
export const INCUS_FIRST_LINE = '^#[ \\t]*ctconf:[ \\t]*(?:incus|lxd)\\b';

/** First-line match for LXC configs: a key, or the header lxc-create writes. */
export const LXC_FIRST_LINE = '^(?:[ \\t]*lxc\\.[a-z]|# Template used to create this container:|# For additional config options, please look at lxc\\.container\\.conf)';

const matchers = Object.fromEntries(
  Object.entries(LANGUAGE_PATTERNS).map(([id, globs]) => [id, picomatch(globs as string[], { dot: true })]),
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
  for (const id of ORDER) if (matchers[id](abs)) return id;
  if (text !== undefined) {
    const nl = text.search(/\r|\n/);
    const first = (nl === -1 ? text : text.slice(0, nl)).replace(/^\uFEFF/, '');
    if (firstLine.test(first)) return 'lxc';
    if (incusFirstLine.test(first)) return 'incus-yaml';
  }
  return undefined;
}
