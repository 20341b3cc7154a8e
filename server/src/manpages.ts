/**
 * The host's own man pages at run time: capabilities(7), lxc.container.conf(5) and
 * containers.conf(5). Reads the gzipped roff directly (no `man`, no `groff`, no shell),
 * renders the small roff subset these pages use to Markdown, and caches each page.
 * When a page is missing (macOS, Windows, minimal images) every lookup returns undefined.
 *
 * Hand-written because no maintained JavaScript library renders roff man pages; the
 * subset is small (.TP/.IP/.RS/.nf and font escapes) and tested against the real pages.
 */
import type { Host } from './host';
import { escapeMarkdown } from './util/markdown';

/** node:zlib is loaded for the first gzipped page (the CLI never reads one; loading it costs every start 5 ms). */
const gunzip = (bytes: Uint8Array): Buffer => (require('node:zlib') as typeof import('node:zlib')).gunzipSync(bytes, { maxOutputLength: MAX_MAN_TEXT });

export const DEFAULT_MAN_DIRS = ['/usr/share/man', '/usr/local/share/man'];

/**
 * Bounds on what a man page may cost. The biggest page read (containers.conf.5.gz) is under
 * 40 KB compressed and 120 KB of roff; a page past these is not a man page, and is skipped.
 * The file size is checked by the host's bounded reader whatever the file system reports
 * (a /proc file says 0 and never ends); a gzip bomb stops at `MAX_MAN_TEXT`.
 */
const MAX_MAN_FILE = 4 * 1024 * 1024;
const MAX_MAN_TEXT = 16 * 1024 * 1024;
/** Directories searched at most (each lookup stats two files in each). */
const MAX_MAN_DIRS = 32;

export interface ManEntry {
  /** The paragraph, as Markdown. */
  markdown: string;
  /** `capabilities(7)` */
  page: string;
  /** What the page says of its version (`Linux man-pages 6.03`, a date), if anything. */
  version?: string;
  /** File it was read from. */
  file: string;
}

interface Item {
  tag: string;
  body: string[];
}

interface Page {
  file: string;
  title: string;
  version?: string;
  items: Item[];
}

export class ManPages {
  private readonly cache = new Map<string, Page | null>();

  private readonly dirs: string[];

  constructor(private readonly host: Host, dirs: string[] = DEFAULT_MAN_DIRS) {
    this.dirs = dirs.slice(0, MAX_MAN_DIRS);
  }

  /** capabilities(7) paragraph for `CAP_SYS_TIME`. */
  capability(cap: string): ManEntry | undefined {
    const page = this.page('capabilities', '7', 'tp');
    const item = page?.items.find((i) => i.tag.split(/\s/)[0] === cap);
    return item && page ? this.entry(page, 'capabilities(7)', item) : undefined;
  }

  /** lxc.container.conf(5) paragraph for a key (`lxc.net.0.type` finds `lxc.net.[i].type`). */
  lxcKey(key: string): ManEntry | undefined {
    const page = this.page('lxc.container.conf', '5', 'tp');
    if (!page) return undefined;
    const tags = page.items.filter((i) => i.tag.startsWith('lxc.'));
    let item = tags.find((i) => i.tag === key);
    if (!item) {
      const matches = tags.filter((i) => tagPattern(i.tag).test(key));
      item = matches.sort((a, b) => literalLength(b.tag) - literalLength(a.tag))[0];
    }
    return item ? this.entry(page, 'lxc.container.conf(5)', item) : undefined;
  }

  /** containers.conf(5) paragraph for a key of a table. */
  containersKey(key: string): ManEntry | undefined {
    const page = this.page('containers.conf', '5', 'md2man');
    const item = page?.items.find((i) => i.tag === key);
    return item && page ? this.entry(page, 'containers.conf(5)', item) : undefined;
  }

  /** Every tag of a page, for tests and completion. */
  tags(name: string, section: string, style: 'tp' | 'md2man'): string[] {
    return this.page(name, section, style)?.items.map((i) => i.tag) ?? [];
  }

  private entry(page: Page, name: string, item: Item): ManEntry {
    return { markdown: renderRoff(item.body), page: name, version: page.version, file: page.file };
  }

  private page(name: string, section: string, style: 'tp' | 'md2man'): Page | undefined {
    const id = `${name}.${section}`;
    if (!this.cache.has(id)) this.cache.set(id, this.load(name, section, style));
    return this.cache.get(id) ?? undefined;
  }

  private load(name: string, section: string, style: 'tp' | 'md2man'): Page | null {
    for (const dir of this.dirs) {
      for (const file of [`${dir}/man${section}/${name}.${section}.gz`, `${dir}/man${section}/${name}.${section}`]) {
        // Only regular files that say they have content (files in /proc say 0); read through
        // the host's bounded reader, which checks the type again and never reads past the cap.
        const st = this.host.stat(file);
        if (!st || st.type !== 'file' || st.size === 0 || st.size > MAX_MAN_FILE) continue;
        const bytes = this.host.readBytes?.(file, MAX_MAN_FILE);
        if (!bytes) continue;
        try {
          const text = (file.endsWith('.gz') ? gunzip(bytes) : Buffer.from(bytes)).toString('utf8');
          return parsePage(file, text, style);
        } catch {
          continue;
        }
      }
    }
    return null;
  }
}

function tagPattern(tag: string): RegExp {
  const parts = tag.split(/(\[[^\]]*\])/).map((p) => (p.startsWith('[') ? '.+' : p.replace(/[.*+?^${}()|\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('')}$`);
}

function literalLength(tag: string): number {
  return tag.replace(/\[[^\]]*\]/g, '').length;
}

/** Splits a page into tagged items: `.TP` items (man/docbook pages) or md2man `**key**=` items. */
export function parsePage(file: string, text: string, style: 'tp' | 'md2man'): Page {
  const lines = text.split('\n');
  const th = lines.find((l) => l.startsWith('.TH '));
  const thArgs = th ? splitArgs(th.slice(4)) : [];
  const version = [thArgs[3], thArgs[4], thArgs[2]].find((a) => a && /\d/.test(a));
  const items: Item[] = [];
  let cur: Item | undefined;
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('.\\"') || l.startsWith("'\\\"")) continue;
    if (/^\.(SH|SS)\b/.test(l)) {
      cur = undefined;
      depth = 0;
      continue;
    }
    if (style === 'tp') {
      if (l.startsWith('.RS')) depth++;
      if (l.startsWith('.RE')) depth = Math.max(0, depth - 1);
      if (/^\.TP\b/.test(l) && depth === 0) {
        let j = i + 1;
        while (j < lines.length && lines[j].startsWith('.\\"')) j++;
        const tag = plain(inline(requestToText(lines[j] ?? '')));
        cur = { tag: tag.trim(), body: [] };
        items.push(cur);
        i = j;
        continue;
      }
    } else {
      const m = /^\\fB([A-Za-z0-9_]+)\\fP\s*=/.exec(l);
      if (m) {
        cur = { tag: m[1], body: [] };
        items.push(cur);
        continue;
      }
    }
    cur?.body.push(l);
  }
  return { file, title: thArgs[0] ?? '', version, items };
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  return out;
}

const ESCAPES: Record<string, string> = {
  '(em': '—', '(en': '–', '(bu': '•', '(aq': "'", '(dq': '"', '(lq': '“', '(rq': '”', '(oq': '‘', '(cq': '’',
  '(mu': '×', '(co': '©', '(>=': '≥', '(<=': '≤', '(ti': '~', '(ha': '^', '(rs': '\\', '(at': '@', '(sh': '#', '(Do': '$',
};

/**
 * Inline roff to Markdown with font changes as ** and _. The page is text from the host, so
 * every character Markdown gives a meaning to is escaped: only the font marks are Markdown.
 */
function inline(s: string): string {
  let out = '';
  let font: 'R' | 'B' | 'I' | 'C' = 'R';
  const mark = (f: typeof font) => (f === 'B' ? '**' : f === 'I' ? '_' : f === 'C' ? '`' : '');
  // Text as Markdown: escaped, except in a code span (which renders nothing and shows escapes
  // as they are), where only a backtick, which would end the span, is replaced.
  const lit = (t: string) => (font === 'C' ? t.replace(/`/g, "'") : escapeMarkdown(t));
  const close = () => mark(font);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += lit(c);
      continue;
    }
    const n = s[i + 1];
    if (n === 'f') {
      let f = s[i + 2];
      let skip = 2;
      if (f === '(') {
        f = s.slice(i + 3, i + 5) === 'CW' ? 'R' : s[i + 3];
        skip = 4;
      } else if (f === '[') {
        const end = s.indexOf(']', i + 3);
        f = s.slice(i + 3, end)[0] ?? 'R';
        skip = end - i;
      }
      const next = f === 'B' ? 'B' : f === 'I' ? 'I' : f === 'C' ? 'C' : 'R';
      if (next !== font) {
        out += close();
        font = next;
        out += mark(next);
      }
      i += skip;
      continue;
    }
    if (n === '*') {
      // String interpolation such as \*(T< \*(T> (docbook markers): dropped.
      if (s[i + 2] === '(') i += 4;
      else if (s[i + 2] === '[') i = s.indexOf(']', i) === -1 ? s.length : s.indexOf(']', i);
      else i += 2;
      continue;
    }
    if (n === '(') {
      const code = `(${s.slice(i + 2, i + 4)}`;
      out += lit(ESCAPES[code] ?? '');
      i += 3;
      continue;
    }
    if (n === '[') {
      const end = s.indexOf(']', i);
      const name = s.slice(i + 2, end);
      out += lit(ESCAPES[`(${name}`] ?? (name === 'bu' ? '•' : ''));
      i = end === -1 ? s.length : end;
      continue;
    }
    if (n === '-' || n === '.' || n === "'" || n === ' ' || n === '~') out += n === '~' || n === ' ' ? ' ' : lit(n);
    else if (n === 'e' || n === '\\') out += lit('\\');
    // \& \% \| \^ \c and anything unknown: nothing.
    i += 1;
  }
  return out + close();
}

/** The text of inline Markdown made by `inline` (font marks dropped, escapes undone). */
function plain(md: string): string {
  return md.replace(/\\(.)|\*\*|`|(?<![A-Za-z0-9\\])_|_(?![A-Za-z0-9])/g, (_m, escaped: string | undefined) => escaped ?? '');
}

/** `.B x y` / `.BR a b` … to inline text with \f escapes. */
function requestToText(l: string): string {
  const m = /^\.(BR|RB|IR|RI|BI|IB|SM|SB|B|I)(?:\s+(.*))?$/.exec(l);
  if (!m) return l.startsWith('.') ? '' : l;
  const args = splitArgs(m[2] ?? '');
  if (m[1] === 'B' || m[1] === 'SB') return `\\fB${args.join(' ')}\\fR`;
  if (m[1] === 'I') return `\\fI${args.join(' ')}\\fR`;
  if (m[1] === 'SM') return args.join(' ');
  const fonts = m[1].split('');
  return args.map((a, i) => `\\f${fonts[i % 2]}${a}`).join('') + '\\fR';
}

/** Renders the body lines of an item as Markdown paragraphs, bullets and code blocks. */
export function renderRoff(body: string[]): string {
  const blocks: string[] = [];
  let para: string[] = [];
  let code: string[] | undefined;
  let bullet = false;
  let depth = 0;
  const flush = () => {
    if (para.length) {
      let text = para.join(' ').replace(/\s+/g, ' ').trim();
      if (bullet) text = text.replace(/^\u2022\s*/, '');
      if (text) blocks.push(bullet ? `${'  '.repeat(Math.max(0, depth - 1))}- ${text}` : text);
    }
    para = [];
  };
  for (const l of body) {
    if (code) {
      if (/^\.(fi|EE)\b/.test(l)) {
        blocks.push(fenced(code.join('\n').replace(/^\n+|\n+$/g, '')));
        code = undefined;
      } else if (!l.startsWith('.')) code.push(plain(inline(l)));
      continue;
    }
    if (l.startsWith('.\\"')) continue;
    if (/^\.(nf|EX)\b/.test(l)) {
      flush();
      code = [];
      continue;
    }
    if (/^\.(PP|P|LP|sp|br)\b/.test(l) || l.trim() === '') {
      flush();
      bullet = false;
      continue;
    }
    if (l.startsWith('.RS')) {
      flush();
      depth++;
      continue;
    }
    if (l.startsWith('.RE')) {
      flush();
      depth = Math.max(0, depth - 1);
      bullet = false;
      continue;
    }
    if (/^\.IP\b/.test(l)) {
      flush();
      const tag = splitArgs(l.slice(3))[0] ?? '';
      bullet = /\\\[bu\]|\\\(bu|^\*$|^\u2022$/.test(tag);
      if (!bullet && tag && !/^\d+$/.test(tag)) para.push(`**${escapeMarkdown(plain(inline(tag)))}**`);
      continue;
    }
    if (/^\.TP\b/.test(l)) {
      flush();
      bullet = true;
      continue;
    }
    if (l.startsWith('.')) {
      const t = requestToText(l);
      if (t) para.push(inline(t));
      continue;
    }
    para.push(inline(l));
  }
  flush();
  if (code) blocks.push(fenced(code.join('\n')));
  return blocks.join('\n\n');
}

/** A code block whose fence no line of the page can close (one backtick longer than any run inside). */
function fenced(text: string): string {
  let longest = 2;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}
