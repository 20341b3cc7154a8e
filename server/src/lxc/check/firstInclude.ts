/**
 * Most configs on a host start with the same include lines (lxc-create writes
 * `lxc.include = /usr/share/lxc/config/common.conf` and `userns.conf`, or another
 * distribution's files, which include more). Replayed from the empty state, those lines always
 * end in the same state and the same findings, so the outcome of the first replay of each is
 * kept per service (next to the parsed files, in the IncludeCache) and copied into the next
 * config that starts with the same lines, as long as every answer the host gave during the
 * replay (file types, sizes and times, directory listings, variables, the working directory)
 * is still the same. Nothing else differs between the two paths: a miss replays, and a hit
 * takes over what a replay built.
 *
 * Measured with bench section A (2,000 lxc-create style configs, `node --cpu-prof`): replaying
 * the leading includes was about two thirds of the validation time, 85 ms of a 600 ms run.
 */
import type { Host } from '../../host';
import type { Finding } from '../../diagnostic';
import type { LxcLine } from '../parser';
import { CheckState } from './state';
import type { IncludeCache } from './includeCache';

/** One question the replay asked the host, and its answer as text (`said`). */
interface Asked {
  method: 'stat' | 'readFile' | 'readDir' | 'env' | 'cwd' | 'capLastCap';
  arg: string;
  answer: string;
}

export interface FirstInclude {
  readonly id: number;
  /** The host that answered (a stable one need not be asked again). */
  host: Host;
  asked: Asked[];
  /** State after the include line. */
  state: CheckState;
  /** Findings the line added to the document, and which of them depend on earlier work. */
  findings: Finding[];
  dependent: boolean[];
}

/** Most leading include lines remembered per service (a host has a handful of distribution files). */
export const MAX_FIRST_INCLUDES = 32;

/** An answer as text that differs whenever the answer does (cheaper than JSON for every check). */
function said(v: unknown): string {
  if (v === undefined) return '-';
  if (Array.isArray(v)) return `[${v.length}]${v.join('\0')}`;
  if (typeof v === 'object' && v !== null) {
    const st = v as NonNullable<ReturnType<Host['stat']>>;
    return `${st.type}:${st.size}:${st.mtimeMs}:${st.uid}:${st.nullDevice}`;
  }
  return `=${String(v)}`;
}

function ask(host: Host, q: Pick<Asked, 'method' | 'arg'>): unknown {
  switch (q.method) {
    case 'stat':
      return host.stat(q.arg);
    case 'readFile':
      return host.readFile(q.arg);
    case 'readDir':
      return host.readDir(q.arg);
    case 'env':
      return host.env(q.arg);
    case 'cwd':
      return host.cwd();
    case 'capLastCap':
      return host.capLastCap();
  }
}

/** The host, with every question it is asked written down. */
function recording(host: Host, asked: Asked[]): Host {
  const rec = <T>(method: Asked['method'], arg: string, answer: T): T => {
    asked.push({ method, arg, answer: said(answer) });
    return answer;
  };
  return {
    ...host,
    stat: (p) => rec('stat', p, host.stat(p)),
    readFile: (p) => rec('readFile', p, host.readFile(p)),
    readDir: (p) => rec('readDir', p, host.readDir(p)),
    env: (n) => rec('env', n, host.env(n)),
    cwd: () => rec('cwd', '', host.cwd()),
    capLastCap: () => rec('capLastCap', '', host.capLastCap()),
  };
}

/** The document itself among the files a replay followed: for it, the replay finds a cycle. */
const followed = (asked: Asked[], documentPath: string | undefined): boolean => asked.some((q) => q.method === 'stat' && q.arg === documentPath);

/** Every answer is the same today; a file whose stat gave a modification time is not read again. */
function unchanged(host: Host, asked: Asked[]): boolean {
  const timed = new Set<string>();
  for (const q of asked) if (q.method === 'stat' && q.answer !== '-' && q.answer.split(':')[2] !== 'undefined') timed.add(q.arg);
  for (const q of asked) {
    if (q.method === 'readFile' && timed.has(q.arg)) continue;
    if (said(ask(host, q)) !== q.answer) return false;
  }
  return true;
}

/** The parts of a line that its findings and the state are made of. */
const keyOf = (s: CheckState, l: LxcLine): string =>
  [s.opts.version, s.valueCtx.cwd, l.line, l.keyStart, l.keyEnd, l.eq, l.valueStart, l.valueEnd, l.rawEnd, l.value].join('\0');

/**
 * An include line among the document's leading ones (s.leading): taken over from an earlier
 * run of this service when it followed the same remembered outcome and nothing it depends on
 * changed, replayed (`replay`) and remembered otherwise. A remembered outcome names the one it
 * followed by identity, so a line after a replayed (changed) one is never taken over.
 */
export function firstInclude(s: CheckState, l: LxcLine, cache: IncludeCache, replay: () => void): void {
  const memo = cache.firstIncludes;
  const key = `${s.leading?.id ?? 0}\u0001${keyOf(s, l)}`;
  const hit = memo.get(key);
  const host = s.opts.host;
  // A stable host (a CLI run's snapshot) that answered before would answer the same again.
  if (hit && !followed(hit.asked, s.opts.documentPath) && ((host === hit.host && host.stable) || unchanged(host, hit.asked))) {
    s.copyFrom(hit.state);
    hit.findings.forEach((f, i) => {
      const mine = structuredClone(f);
      s.top.push(mine);
      if (hit.dependent[i]) s.stateDependent.add(mine);
    });
    return;
  }
  const asked: Asked[] = [];
  const before = s.top.length;
  s.opts.host = recording(host, asked);
  try {
    replay();
  } finally {
    s.opts.host = host;
  }
  // This replay met the document itself: it is not the same for other documents.
  if (followed(asked, s.opts.documentPath)) {
    s.leading = undefined;
    return;
  }
  const entry: FirstInclude = { id: cache.newId(), host, asked, state: new CheckState(s.opts), findings: [], dependent: [] };
  s.leading = entry;
  entry.state.copyFrom(s);
  const findings = s.top.slice(before);
  entry.findings = findings.map((f) => structuredClone(f));
  entry.dependent = findings.map((f) => s.stateDependent.has(f));
  memo.delete(key);
  memo.set(key, entry);
  if (memo.size > MAX_FIRST_INCLUDES) memo.delete(memo.keys().next().value as string);
}
