/**
 * Walks a parsed file line by line and hands each entry to the module of its concern,
 * chosen by the key's data (kind, family, network table), never by its name.
 */
import { range, type Finding } from '../../diagnostic';
import type { LxcKey } from '../keys';
import type { LxcDocument, LxcLine } from '../parser';
import { availability, familySub, resolveKey, suggestKey, type Resolved } from '../resolve';
import { checkCapabilities, clearCaps } from './caps';
import { checkFamily, clearFamilyKey } from './family';
import { clearIdmaps, recordIdmap } from './idmaps';
import { checkInclude } from './includes';
import { clearLastWins, dropDuplicateSpot, forgetFamily, setLastWins } from './lastwins';
import { checkNamespaces, clearNamespaces } from './namespaces';
import { checkNetKey, clearInterfaces, clearNetKey, interfaceValue, removeInterface } from './net';
import { valueIssues } from './values';
import { recordList } from './lists';
import type { CheckState } from './state';
import { finish } from '../../util/slices';

type Known = Exclude<Resolved, { type: 'legacy' | 'unknown' | 'invalid' }>;

export function walk(s: CheckState, doc: LxcDocument): void {
  finish(walkSlices(s, doc));
}

/** Key lines checked between two points where a front door may answer requests (a few ms each). */
export const SLICE_LINES = 10_000;

/**
 * `walk` that pauses after every SLICE_LINES lines. The editor answers requests during the
 * pauses while a huge file is checked; everyone else runs it straight through (`finish`).
 */
export function* walkSlices(s: CheckState, doc: LxcDocument): Generator<void, void> {
  const first = s.out.length;
  // Indexed: a for-of over a million lines allocated an iterator result per line.
  const items = doc.items;
  for (let i = 0, pause = SLICE_LINES; i < items.length; i++) {
    line(s, items[i]);
    if (i === pause) {
      pause += SLICE_LINES;
      yield;
    }
  }
  if (doc.nul) {
    const after = doc.afterNul;
    // Reported first, as LXC meets it first for what follows.
    s.out.splice(first, 0, {
      code: 'lxc/nul-byte',
      message: `LXC stops reading the file at this NUL byte${after ? `; the ${after} key line${after === 1 ? '' : 's'} after it are never applied` : ''}. Remove the NUL byte.`,
      range: range(doc.nul.line, doc.nul.character, doc.nul.character + 1),
    });
  }
}

function line(s: CheckState, l: LxcLine): void {
  if (l.unseen === 'nul') return;
  if (l.unseen === 'bom') {
    s.out.push({
      code: 'lxc/bom',
      message: 'The file starts with a byte order mark (BOM), so LXC does not see `lxc.` at the start of this line and silently skips it. Save the file as UTF-8 without BOM.',
      range: s.keyRange(l),
    });
    return;
  }
  switch (l.kind) {
    case 'ignored':
      s.out.push(ignoredLine(l));
      return;
    case 'malformed': {
      const r = resolveKey(l.key);
      const known = r.type === 'exact' || r.type === 'family' || r.type === 'net';
      s.out.push({
        code: 'lxc/malformed-line',
        message: known
          ? `\`${l.key}\` has no \`=\`, and LXC refuses the file. Write \`${l.key} = value\` (or \`${l.key} =\` to clear it).`
          : 'This line starts with `lxc.` but has no `=`, and LXC refuses the file. Write `key = value`, or start the line with `#` to make it a comment.',
        range: s.keyRange(l),
      });
      return;
    }
    case 'entry': {
      if (s.depth === 0) s.topLine = l.line;
      const leading = s.leading;
      const k = entry(s, l);
      // Only include lines whose outcome was remembered keep the state a remembered one.
      if (s.depth === 0 && s.leading === leading) s.leading = undefined;
      // Inlay hints show the capability state after include and capability lines.
      if (s.depth === 0 && k && (k.kind === 'include' || k.kind === 'caps')) s.effective.capsAfter.set(l.line, s.snapshot());
      return;
    }
    default:
      return;
  }
}

/** Checks an entry; returns the exact key it resolved to, if any. */
function entry(s: CheckState, l: LxcLine): LxcKey | undefined {
  const r = resolveKey(l.key);
  switch (r.type) {
    case 'legacy': {
      const { replacement, note } = r.legacy;
      s.out.push({
        code: 'lxc/legacy-key',
        message: replacement
          ? `\`${l.key}\` is an LXC 2.x key that LXC 3.0 and later refuse; it is now \`${replacement}\`.${note ? ` ${note}` : ''}`
          : `\`${l.key}\` is an LXC 2.x key that LXC 3.0 and later refuse, and it has no replacement. ${note ?? ''}`.trimEnd(),
        range: s.keyRange(l),
        data: { replacement: replacement ?? null },
      });
      return undefined;
    }
    case 'unknown':
    case 'invalid': {
      const head = r.type === 'unknown' ? `LXC does not know the key \`${l.key}\` and refuses the file.` : r.message;
      s.out.push({
        code: 'lxc/unknown-key',
        message: `${head}${r.suggestion ? ` Did you mean \`${r.suggestion}\`?` : ''}`,
        range: s.keyRange(l),
        data: { suggestion: r.suggestion ?? null },
      });
      return undefined;
    }
  }
  recordList(s, l, r);
  if (r.type !== 'net-index') {
    const avail = availability(r.key, s.opts.version);
    if (!avail.ok) {
      const hint = r.key.removed && r.key.successor ? ` ${r.key.successor}` : '';
      s.out.push({ code: avail.code, message: avail.message + hint, range: s.keyRange(l) });
      return r.type === 'exact' ? r.key : undefined;
    }
  }
  if (l.value === '') emptyValue(s, l, r);
  else setValue(s, l, r);
  return r.type === 'exact' ? r.key : undefined;
}

/** `key =`: what clearing does to the state, by the key's data. */
function emptyValue(s: CheckState, l: LxcLine, r: Known): void {
  switch (r.type) {
    case 'net-index':
      removeInterface(s, r.index);
      return;
    case 'net':
      clearNetKey(s, l, r.key, r.index);
      return;
    case 'family':
      if (r.bare) {
        dropDuplicateSpot(s, l.key);
        forgetFamily(s, r.key.prefix);
      } else if (clearFamilyKey(s, l, r.key, familySub(l.key, r.key))) clearLastWins(s, l.key);
      return;
    case 'exact':
      break;
  }
  const k = r.key;
  clearLastWins(s, k.name);
  if (k.clearsInterfaces) clearInterfaces(s);
  if (k.kind === 'idmap') clearIdmaps(s);
  if (k.kind === 'caps') clearCaps(s);
  if (k.kind === 'namespaces') clearNamespaces(s, k);
  if (k.empty === 'error') {
    s.out.push({ code: 'lxc/invalid-value', message: `${k.name} cannot be empty: ${k.emptyNote ?? 'LXC refuses an empty value for this key.'}`, range: s.at(l, l.keyStart, l.eq + 1) });
  } else if (k.empty === 'not-default') {
    s.out.push({ code: 'lxc/empty-not-default', message: k.emptyNote ?? `An empty ${k.name} does not restore the default.`, range: s.at(l, l.keyStart, l.eq + 1) });
  }
}

function setValue(s: CheckState, l: LxcLine, r: Known): void {
  switch (r.type) {
    case 'net-index':
      interfaceValue(s, l, r.index);
      return;
    case 'family':
      checkFamily(s, l, r.key, r.bare);
      return;
    case 'net':
      checkNetKey(s, l, r.key, r.index);
      return;
    case 'exact':
      break;
  }
  const k = r.key;
  switch (k.kind) {
    case 'caps':
      checkCapabilities(s, l, k);
      return;
    case 'include':
      checkInclude(s, l, walk);
      return;
    case 'namespaces':
      checkNamespaces(s, l, k);
      return;
  }
  const issues = valueIssues(s, l, k);
  if (k.kind === 'idmap' && issues.length === 0) recordIdmap(s, l);
  if (k.multi === 'last-wins') setLastWins(s, l, k.name);
}

/** Names of the invisible characters that may stand before a key. */
const INVISIBLE: Readonly<Record<string, string>> = {
  '\ufeff': 'A byte-order mark (U+FEFF)',
  '\f': 'A form feed',
  '\v': 'A vertical tab',
  '\u00a0': 'A no-break space',
  '\r': 'A carriage return',
};

function ignoredLine(l: LxcLine): Finding {
  const text = l.key;
  const eq = text.indexOf('=');
  const head = (eq === -1 ? text : text.slice(0, eq)).trim();
  let suggestion: string | undefined;
  let message = 'LXC silently skips this line because it does not start with `lxc.`. Make it a comment with `#`, or fix the key.';
  // liblxc skips only blanks and tabs before a key; JavaScript's trim also removed what is left.
  const hidden = /^[^\S \t]/.exec(text.replace(/^[ \t]+/, ''))?.[0];
  if (hidden !== undefined && /^lxc\./.test(head)) {
    suggestion = head;
    message = `${INVISIBLE[hidden] ?? `An invisible character (U+${hidden.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`} stands before \`${head}\`; LXC reads it as part of the key, which then does not start with \`lxc.\`, and silently skips the line. Delete it.`;
  } else if (/^lxc\./i.test(head)) {
    const lower = head.toLowerCase();
    const r = resolveKey(lower);
    suggestion = r.type === 'unknown' || r.type === 'invalid' ? r.suggestion ?? lower : lower;
    message = `Keys are case-sensitive, so LXC silently skips \`${head}\`. Write \`${suggestion}\`.`;
  } else if (eq !== -1 && /^lx/i.test(head)) {
    suggestion = suggestKey(head.toLowerCase());
    message = `LXC silently skips this line because \`${head}\` does not start with \`lxc.\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`;
  }
  return {
    code: 'lxc/ignored-line',
    message,
    range: range(l.line, l.keyStart, l.keyStart + (eq === -1 ? text.replace(/[ \t]+$/, '').length : text.slice(0, eq).replace(/[ \t]+$/, '').length)),
    data: { suggestion: suggestion ?? null },
  };
}
