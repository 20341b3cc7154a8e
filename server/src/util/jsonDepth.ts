/**
 * Deep JSON without a deep parse. jsonc-parser builds its tree by recursion, and a value nested
 * some 6,000 levels deep overflows the stack: the whole file's check became one internal error.
 * Go's encoding/json (what Podman reads profiles with) refuses nesting past 10,000 levels.
 *
 * `flattenDeep` finds the values nested deeper than `keep` levels and writes each as `0` padded
 * with spaces to its length, so every offset stays where it was. No schema reaches that deep, so
 * the checks of the rest are unchanged; what is lost is the syntax inside such a value.
 */
export const GO_MAX_JSON_DEPTH = 10_000;

export interface Flattened {
  /** The text to parse: the input itself when nothing was nested deeper than `keep`. */
  text: string;
  /** Offset of the bracket that opens level GO_MAX_JSON_DEPTH + 1, if the text has one. */
  beyondGoLimit?: number;
}

export function flattenDeep(text: string, keep = 1_000): Flattened {
  let depth = 0;
  let beyondGoLimit: number | undefined;
  let cut = -1;
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: skip to its closing quote (a backslash escapes the next character).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10) break;
      }
      continue;
    }
    if (c === 91 || c === 123) {
      depth++;
      if (depth === GO_MAX_JSON_DEPTH + 1 && beyondGoLimit === undefined) beyondGoLimit = i;
      if (depth === keep + 1) cut = i;
    } else if ((c === 93 || c === 125) && depth > 0) {
      if (depth === keep + 1) {
        parts.push(text.slice(from, cut), '0'.padEnd(i + 1 - cut, ' '));
        from = i + 1;
        cut = -1;
      }
      depth--;
    }
  }
  if (cut !== -1) parts.push(text.slice(from, cut), '0'.padEnd(text.length - cut, ' '));
  else if (parts.length > 0) parts.push(text.slice(from));
  return { text: parts.length > 0 ? parts.join('') : text, beyondGoLimit };
}
