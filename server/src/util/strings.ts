/** Small string helpers shared by the features. */

/** Optimal string alignment distance (Levenshtein plus adjacent swaps); `limit + 1` once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  return osa(a, b, limit, new Array<number>(3 * (b.length + 1)).fill(0));
}

/**
 * The distance table's last three rows live in `rows` (at least 3 × (b.length + 1) long),
 * so a caller measuring many pairs allocates once. A row whose smallest value is above the
 * limit ends the walk: later rows cannot come back below it (a swap needs a row above it to
 * be just as small), so the answer is exact up to the limit.
 */
function osa(a: string, b: string, limit: number, rows: number[]): number {
  const m = b.length;
  const w = m + 1;
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= m; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = rows[prev + j] + 1;
      const left = rows[cur + j - 1] + 1;
      if (left < v) v = left;
      const diag = rows[prev + j - 1] + (ai === bj ? 0 : 1);
      if (diag < v) v = diag;
      if (j > 1 && aPrev === bj && ai === b.charCodeAt(j - 2) && rows[prev2 + j - 2] + 1 < v) v = rows[prev2 + j - 2] + 1;
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return rows[prev + m];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo:
 * at most a third of the word's length in edits (and at least one edit allowed).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word, c, limit);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** Most did-you-mean lookups for one check of a document: the server shows 1,000 diagnostics at most. */
export const MAX_SUGGESTIONS = 1000;

/** Answers `find()` as a quick fix's suggestion, or null once the allowance is spent. */
export type Suggest = (find: () => string | undefined) => string | null;

/**
 * An allowance of did-you-mean lookups for one check of one document. Each lookup compares a
 * word with every candidate name; a file of 100,000 unknown names spent seconds in them,
 * almost all for findings no one is shown.
 */
export function suggestionBudget(max = MAX_SUGGESTIONS): Suggest {
  let left = max;
  return (find) => (left-- > 0 ? find() ?? null : null);
}

/** Character counts of a string in 64 buckets (char code mod 64: a merged bucket only weakens the bound). */
function histogram(s: string): number[] {
  // (Plain arrays of small integers: cheaper to create than typed arrays, and this runs per word.)
  const h = new Array<number>(64).fill(0);
  for (let i = 0; i < s.length; i++) h[s.charCodeAt(i) & 63]++;
  return h;
}

/**
 * `closest` over a fixed candidate list, with the same answers, for many words: each
 * candidate's length and character counts are computed once, and a candidate is only
 * measured when two cheap lower bounds of the distance (the length difference, and half the
 * character-count difference) leave it a chance to beat the best so far. An unknown key
 * then costs a few dozen operations per candidate instead of a full distance table.
 */
export class Suggester {
  private readonly candidates: readonly string[];
  /**
   * Character counts per candidate, made at the first question: most runs ask none, and the
   * module-level suggesters cost 0.3 MB at start-up otherwise. (A memo of fixed data: every
   * caller sees the same answers.)
   */
  private counts: number[][] | undefined;
  private readonly longest: number;

  constructor(candidates: Iterable<string>) {
    this.candidates = [...candidates];
    this.longest = this.candidates.reduce((m, c) => Math.max(m, c.length), 0);
  }

  closest(word: string): string | undefined {
    this.counts ??= this.candidates.map(histogram);
    const limit = Math.max(1, Math.floor(word.length / 3));
    const h = histogram(word);
    const buckets: number[] = [];
    for (let b = 0; b < 64; b++) if (h[b] !== 0) buckets.push(b);
    // Lower bounds first: the length difference, and half the difference of the character
    // counts (each edit changes them by at most 2, a swap by 0); -1: out of reach.
    const n = this.candidates.length;
    const bounds = new Array<number>(n).fill(-1);
    let top = -1;
    for (let k = 0; k < n; k++) {
      const c = this.candidates[k];
      const dl = Math.abs(c.length - word.length);
      if (dl > limit || c === word) continue;
      const hc = this.counts[k];
      let common = 0;
      for (const b of buckets) common += h[b] < hc[b] ? h[b] : hc[b];
      const bound = Math.max(dl, (word.length + c.length - 2 * common + 1) >> 1);
      if (bound <= limit) {
        bounds[k] = bound;
        if (bound > top) top = bound;
      }
    }
    // The answer is the smallest distance, and the first candidate at that distance: the
    // order of measuring does not change it, so candidates are measured by increasing bound
    // and the search ends at a bound above the best distance found.
    let best = -1;
    let bestD = limit + 1;
    const rows = new Array<number>(3 * (this.longest + 1)).fill(0);
    for (let b = 0; b <= top && b <= bestD; b++) {
      for (let k = 0; k < n; k++) {
        if (bounds[k] !== b || (b === bestD && k > best)) continue;
        // The distance is exact up to the limit given (a row above it cannot come back down,
        // swaps included), so the best so far is limit enough.
        const d = osa(word, this.candidates[k], Math.min(limit, bestD), rows);
        if (d < bestD || (d === bestD && d <= limit && k < best)) {
          bestD = d;
          best = k;
        }
      }
    }
    return best === -1 ? undefined : this.candidates[best];
  }
}

/** The line break a text uses (its first one: `\r\n`, `\r` or `\n`); `\n` for a text without one. */
export function eolOf(text: string): string {
  return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}
