/**
 * The host files that checks between files consult: a document the front door knows (an open
 * editor, one of the CLI's inputs) wins over the host's own file, which is only read outside
 * Restricted Mode. Reads are bounded: a few named files, and directory scans capped.
 */
import type { DocContext, TextDoc } from '../language';
import { detectLanguage, isLanguageId, type LanguageId } from '../languages';
import { pathToUri, uriToPath } from '../util/uri';
import { baseName, splitLines } from './text';

export interface HostText {
  text: string;
  uri: string;
  path?: string;
  /** From an open editor or a CLI input (not read from the host). */
  fromDocument: boolean;
}

/** Largest host file read for a check between files. */
export const MAX_HOST_FILE = 1024 * 1024;

/** The language of a document the front door knows: its language id, or detected from its path. */
export function languageOf(d: TextDoc): string | undefined {
  // The front door usually knows the language: detecting it again for every other document of
  // every check would make a host check quadratic in pattern matching.
  if (isLanguageId(d.languageId)) return d.languageId;
  const p = uriToPath(d.uri);
  return (p && detectLanguage(p, d.text)) || d.languageId;
}

/** Other documents of one language. */
export function othersOf(ctx: DocContext, lang: LanguageId): TextDoc[] {
  return ctx.others().filter((d) => languageOf(d) === lang);
}

/**
 * A bounded read of a host file; undefined in Restricted Mode, or when missing or too large.
 * The text is kept per service while the file's size and modification time stay the same: a
 * host check of 2,000 containers otherwise read /etc/subuid and /etc/subgid 4,000 times.
 */
export function readHost(ctx: DocContext, path: string): string | undefined {
  if (ctx.config.restricted) return undefined;
  const st = ctx.host.stat(path);
  if (!st || st.type !== 'file' || st.size > MAX_HOST_FILE) return undefined;
  const cache = ctx.shared('unpriv/host-files', () => new Map<string, { size: number; mtimeMs: number; text: string | undefined }>());
  const hit = cache.get(path);
  if (hit && st.mtimeMs !== undefined && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
  const text = ctx.host.readFile(path);
  if (st.mtimeMs !== undefined) cache.set(path, { size: st.size, mtimeMs: st.mtimeMs, text });
  return text;
}

/** Documents of one language by base name, indexed once per set of documents. */
function documentsNamed(ctx: DocContext, lang: LanguageId, name: string): TextDoc[] {
  const docs = ctx.workspace();
  const byDocs = ctx.shared('unpriv/named', () => new WeakMap<readonly TextDoc[], Map<string, TextDoc[]>>());
  let index = byDocs.get(docs);
  if (!index) {
    index = new Map();
    for (const d of docs) {
      const key = `${languageOf(d)}\0${baseName(uriToPath(d.uri) ?? d.uri)}`;
      const list = index.get(key);
      if (list) list.push(d);
      else index.set(key, [d]);
    }
    byDocs.set(docs, index);
  }
  return index.get(`${lang}\0${name}`) ?? [];
}

/**
 * A host file by name: a document of `lang` whose base name is `name` first (a directory of
 * fixtures or a copied /etc works too), else the host's `hostPath`.
 */
export function hostFile(ctx: DocContext, lang: LanguageId, name: string, hostPath: string): HostText | undefined {
  const doc = documentsNamed(ctx, lang, name).find((d) => d.uri !== ctx.uri);
  if (doc) {
    // One answer per document (2,000 containers of a host check each ask for /etc/subuid and /etc/subgid).
    const answers = ctx.shared('unpriv/document-texts', () => new WeakMap<TextDoc, HostText>());
    let answer = answers.get(doc);
    if (answer?.text !== doc.text) answers.set(doc, (answer = { text: doc.text, uri: doc.uri, path: uriToPath(doc.uri), fromDocument: true }));
    return answer;
  }
  const text = readHost(ctx, hostPath);
  return text === undefined ? undefined : { text, uri: pathToUri(hostPath), path: hostPath, fromDocument: false };
}

/** Users of the host: name -> UID, and group memberships (from /etc/passwd and /etc/group). */
export interface Accounts {
  uid: Map<string, string>;
  /** User -> primary GID, as /etc/passwd gives it. */
  gid: Map<string, string>;
  /** Group names of each user (primary group included). */
  groups: Map<string, Set<string>>;
  /** Members of each group (primary members included). */
  members: Map<string, Set<string>>;
  /** UID -> the first user name /etc/passwd gives it. */
  names: Map<string, string>;
}

/** The host's accounts (empty in Restricted Mode), read once per service. */
export function accounts(ctx: DocContext): Accounts {
  return ctx.shared('unpriv/accounts', () => {
    const a: Accounts = { uid: new Map(), gid: new Map(), groups: new Map(), members: new Map(), names: new Map() };
    const gidName = new Map<string, string>();
    const add = (user: string, group: string) => {
      if (!a.groups.has(user)) a.groups.set(user, new Set());
      a.groups.get(user)!.add(group);
      if (!a.members.has(group)) a.members.set(group, new Set());
      a.members.get(group)!.add(user);
    };
    for (const l of splitLines(readHost(ctx, '/etc/group') ?? '')) {
      const f = l.text.split(':');
      if (f.length < 4 || !f[0]) continue;
      gidName.set(f[2], f[0]);
      for (const u of f[3].split(',')) if (u) add(u, f[0]);
    }
    for (const l of splitLines(readHost(ctx, '/etc/passwd') ?? '')) {
      const f = l.text.split(':');
      if (f.length < 4 || !f[0]) continue;
      a.uid.set(f[0], f[2]);
      a.gid.set(f[0], f[3]);
      if (!a.names.has(f[2])) a.names.set(f[2], f[0]);
      const g = gidName.get(f[3]);
      if (g) add(f[0], g);
    }
    return a;
  });
}

/** The user an unprivileged LXC config belongs to: /home/<user>/.local/share/lxc/… or ~/.config/lxc/… */
export function lxcConfigOwner(path: string | undefined): string | undefined {
  if (!path) return undefined;
  return /(?:^|\/)home\/([^/]+)\/\.(?:local\/share|config)\/lxc\//.exec(path)?.[1];
}

/** Directories of root-run containers (and LXC's system files), whoever owns the file. */
const SYSTEM_DIRS = /^\/(?:var\/lib\/lxc|etc\/pve|etc\/lxc|usr\/share\/lxc|var\/lib\/incus|var\/lib\/lxd)\//;

/**
 * Who runs an LXC config: the user of ~/.local/share/lxc/… or ~/.config/lxc/… under /home; else,
 * for a real file outside /home and the system directories (a user's `lxc.lxcpath` moved to
 * /srv, say), the non-root user that owns it, named through /etc/passwd (outside Restricted
 * Mode). Undefined means root runs it.
 */
export function lxcConfigUser(ctx: DocContext, path: string | undefined): string | undefined {
  const byPath = lxcConfigOwner(path);
  if (byPath || !path || ctx.config.restricted || !path.startsWith('/') || path.startsWith('/home/') || SYSTEM_DIRS.test(path)) return byPath;
  const st = ctx.host.stat(path);
  if (st?.type !== 'file') return undefined;
  // One stat answers both (the CLI keeps it for the run): asking fileOwner too cost 15 % of a host check.
  const uid = st.uid ?? ctx.host.fileOwner?.(path);
  if (uid === undefined || uid === 0) return undefined;
  return accounts(ctx).names.get(String(uid));
}
