/**
 * lxc.cap.drop and lxc.cap.keep: one list in one mode, as in liblxc. Names are checked as
 * liblxc parses them; a name already dropped (earlier, or earlier on the same line) is
 * reported once per repeat, in time linear in the line.
 */
import { CAPABILITY_NAMES, type LxcKey } from '../keys';
import type { LxcDocument, LxcLine } from '../parser';
import { INIT_NEEDS } from '../../capabilities/table';
import { safeUint } from '../cnum';
import { Suggester } from '../../util/strings';
import { inlineHash } from './values';
import type { CapEntry, CheckState } from './state';

const CAP_NUMBER: ReadonlyMap<string, number> = new Map<string, number>(CAPABILITY_NAMES.map((name, i) => [name, i]));
const CAP_NAMES = new Suggester(CAPABILITY_NAMES);

/** `lxc.cap.drop =` / `lxc.cap.keep =`: both clear the one list and its mode. */
export function clearCaps(s: CheckState): void {
  s.caps.mode = undefined;
  s.caps.list = [];
  s.capIndex = [];
}

/**
 * The names of a capability line that LXC accepts, with their numbers and columns in the value:
 * one per run, refilled for each line (the first `n` slots count). A config of 120,000
 * capability lines made 125 MB of short-lived arrays when each line had arrays of its own (or
 * emptied them: a length set to 0 gives the storage back).
 */
export interface CapLine {
  n: number;
  /** The first entry of each capability number on the line (slots of the line's numbers are emptied after it). */
  seen: (CapEntry | undefined)[];
  entries: CapEntry[];
  nums: number[];
  starts: number[];
  ends: number[];
}

export const emptyCapLine = (): CapLine => ({ n: 0, seen: [], entries: [], nums: [], starts: [], ends: [] });

function add(a: CapLine, entry: CapEntry, num: number, start: number, end: number): void {
  a.entries[a.n] = entry;
  a.nums[a.n] = num;
  a.starts[a.n] = start;
  a.ends[a.n] = end;
  a.n++;
}

export function checkCapabilities(s: CheckState, l: LxcLine, k: LxcKey): void {
  const keep = k.capMode === 'keep';
  const caps = s.caps;
  if (keep && caps.mode !== 'keep' && caps.list.length > 0) {
    s.out.push({
      code: 'lxc/cap-mode-conflict',
      message: 'Capabilities are already being dropped (lxc.cap.drop) at this point, and LXC cannot keep and drop at once; it refuses this line. To allow a capability, drop the others again without it; an `lxc.cap.drop =` before this line would instead make the container keep only these capabilities.',
      range: s.keyRange(l),
    });
    return;
  }
  if (!keep && caps.mode === 'keep') {
    s.out.push({
      code: 'lxc/cap-mode-conflict',
      message: 'lxc.cap.keep is already in force at this point, and LXC cannot keep and drop at once; it refuses this line. Add `lxc.cap.keep =` before it to clear the keep list, or use lxc.cap.keep only.',
      range: s.keyRange(l),
    });
    return;
  }
  let bad = false;
  const added = s.capLine;
  added.n = 0;
  let cleared = false;
  const hash = inlineHash(l);
  const list = hash ? l.value.slice(0, hash.index) : l.value;
  if (hash) {
    s.out.push({
      code: 'lxc/invalid-value',
      message: `LXC has no inline comments: \`${l.value.slice(hash.index + 1)}\` is read as more capability names, and LXC refuses the line. Move the comment to its own line.`,
      range: s.at(l, l.valueStart + hash.index + 1, l.valueEnd),
      data: { inlineComment: true },
    });
    bad = true;
  }
  const file = s.file;
  const topLine = s.topOf(l);
  // Names found by hand rather than with splitTokens, and ranges built only for findings.
  const len = list.length;
  let i = 0;
  while (i < len) {
    let c = list.charCodeAt(i);
    while (i < len && (c === 32 || c === 9)) c = list.charCodeAt(++i);
    if (i === len) break;
    const start = i;
    while (i < len && c !== 32 && c !== 9) c = list.charCodeAt(++i);
    const name = list.slice(start, i);
    const num = CAP_NUMBER.get(name);
    if (num !== undefined) {
      add(added, { name: CAPABILITY_NAMES[num], file, line: l.line, topLine }, num, start, i);
      continue;
    }
    const tr = s.at(l, l.valueStart + start, l.valueStart + i);
    if (name === 'none') {
      if (!keep) {
        s.out.push({ code: 'lxc/cap-none-in-drop', message: '`none` only means something in lxc.cap.keep (keep no capability); LXC refuses it in lxc.cap.drop.', range: tr });
        bad = true;
      } else {
        cleared = true;
        added.n = 0;
      }
      continue;
    }
    const lower = name.toLowerCase().replace(/^cap_/, '');
    if (CAP_NUMBER.has(lower)) {
      s.out.push({
        code: 'lxc/capability-spelling',
        message: `LXC only accepts capability names in lower case without the CAP_ prefix: write \`${lower}\`, not \`${name}\`.`,
        range: tr,
        data: { replacement: lower },
      });
      bad = true;
      continue;
    }
    const n = safeUint(name);
    if (n !== null) {
      // Unknown (Restricted Mode, no /proc): the check is skipped rather than guessed.
      const last = s.opts.host.capLastCap();
      if (last !== undefined && n > last) {
        s.out.push({ code: 'lxc/capability-number', message: `Capability number ${name} is above ${last}, the last capability this kernel knows; LXC refuses it.`, range: tr });
        bad = true;
      } else add(added, { name: CAPABILITY_NAMES[n] ?? name, file, line: l.line, topLine }, n, start, i);
      continue;
    }
    const suggestion = CAP_NAMES.closest(lower);
    s.out.push({
      code: 'lxc/unknown-capability',
      message: `\`${name}\` is not a capability LXC knows, so it refuses the line.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      range: tr,
      data: { suggestion: suggestion ?? null },
    });
    bad = true;
  }
  if (bad) return;
  if (!keep && s.depth === 0) alreadyDropped(s, l, added);
  caps.mode = keep ? 'keep' : 'drop';
  if (cleared) {
    caps.list = added.entries.slice(0, added.n);
    s.capIndex = [];
  } else {
    for (let j = 0; j < added.n; j++) caps.list.push(added.entries[j]);
  }
  for (let j = 0; j < added.n; j++) s.capIndex[added.nums[j]] ??= added.entries[j];
}

/** Dropping what is already dropped does nothing; say where it was dropped first. */
function alreadyDropped(s: CheckState, l: LxcLine, added: CapLine): void {
  const onLine = added.seen;
  for (let i = 0; i < added.n; i++) {
    const num = added.nums[i];
    const prev = (s.caps.mode === 'drop' ? s.capIndex[num] : undefined) ?? onLine[num];
    onLine[num] ??= added.entries[i];
    if (!prev) continue;
    const where = prev.file ? `\`${prev.file.split('/').pop()}\` line ${prev.line + 1}` : `line ${prev.line + 1}`;
    s.out.push({
      code: 'lxc/cap-already-dropped',
      message: `\`${added.entries[i].name}\` is already dropped (${where}); dropping it again has no effect.`,
      range: s.at(l, l.valueStart + added.starts[i], l.valueStart + added.ends[i]),
      unnecessary: true,
    });
  }
  for (let i = 0; i < added.n; i++) onLine[added.nums[i]] = undefined;
}

/**
 * After the whole document: a keep list that leaves out what init systems and ordinary
 * services need is reported on the line that made it (the keep line, or the include that
 * brought it). An explicit `lxc.cap.keep = none` (an empty keep list) is taken as meant.
 */
export function checkKeptCapabilities(s: CheckState, doc: LxcDocument): void {
  const caps = s.caps;
  if (caps.mode !== 'keep' || caps.list.length === 0) return;
  const kept = new Set(caps.list.map((c) => c.name));
  const missing = INIT_NEEDS.filter((n) => !kept.has(n.name));
  if (missing.length === 0) return;
  const last = caps.list[caps.list.length - 1];
  const l = doc.lineAt(last.topLine);
  if (!l) return;
  const names = [...kept];
  const lost = CAPABILITY_NAMES.length - names.length;
  const shown = names.length <= 6 ? names.join(' ') : `${names.slice(0, 6).join(' ')} and ${names.length - 6} more`;
  s.top.push({
    code: 'lxc/cap-keep-too-few',
    message: `In keep mode the container keeps only ${shown} and loses the other ${lost} capabilities, among them ${listText(missing.map((m) => m.name))}, which init systems and ordinary services need: it is unlikely to boot. To allow a capability, stay in drop mode and drop the others again without it (quick fix); or add the missing ones to lxc.cap.keep.`,
    range: s.keyRange(l),
  });
}

/** `a, b and c`. */
function listText(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
