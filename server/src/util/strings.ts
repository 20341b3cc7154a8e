/** Small string helpers shared by the features. */

/** Optimal string alignment distance (Levenshtein plus adjacent swaps). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur: number[] = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
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

/** Character counts of a string in 64 buckets (char code mod 64: a merged bucket only weakens the bound). */
function histogram(s: string): Int32Array {
  const h = new Int32Array(64);
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
  private readonly counts: Int32Array[];

  constructor(candidates: Iterable<string>) {
    this.candidates = [...candidates];
    this.counts = this.candidates.map(histogram);
  }

  closest(word: string): string | undefined {
    const limit = Math.max(1, Math.floor(word.length / 3));
    let best: string | undefined;
    let bestD = limit + 1;
    let h: Int32Array | undefined;
    let buckets: number[] | undefined;
    for (let k = 0; k < this.candidates.length; k++) {
      const c = this.candidates[k];
      if (Math.abs(c.length - word.length) >= bestD || c === word) continue;
      if (!h) {
        h = histogram(word);
        buckets = [];
        for (let b = 0; b < 64; b++) if (h[b] !== 0) buckets.push(b);
      }
      const hc = this.counts[k];
      let common = 0;
      for (const b of buckets!) common += h[b] < hc[b] ? h[b] : hc[b];
      // Each edit changes the character counts by at most 2 (a swap by 0).
      const l1 = word.length + c.length - 2 * common;
      if ((l1 + 1) >> 1 >= bestD) continue;
      const d = editDistance(word, c, limit);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }
}

/** The line break a text uses (its first one: `\r\n`, `\r` or `\n`); `\n` for a text without one. */
export function eolOf(text: string): string {
  return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}
