/** Splitting config values into parts, as liblxc does. */

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Splits like lxc_iterate_parts: runs of the separator characters, empty parts skipped. */
export function splitTokens(value: string, seps = ' \t'): Token[] {
  if (seps.length > 3) throw new Error('splitTokens takes at most three separator characters');
  // Separators compared as char codes (this runs on most lines of a config).
  const a = seps.charCodeAt(0);
  const b = seps.length > 1 ? seps.charCodeAt(1) : a;
  const c = seps.length > 2 ? seps.charCodeAt(2) : a;
  const out: Token[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    let x = value.charCodeAt(i);
    while (i < n && (x === a || x === b || x === c)) x = value.charCodeAt(++i);
    const start = i;
    while (i < n && !(x === a || x === b || x === c)) x = value.charCodeAt(++i);
    if (i > start) out.push({ text: value.slice(start, i), start, end: i });
  }
  return out;
}
