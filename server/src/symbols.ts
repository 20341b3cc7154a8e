/**
 * Capping document symbols: the first `max` (depth first, as the outline shows them) and a
 * last entry saying how many more the document has.
 *
 * A language may build only the symbols that can be shown: given `max`, it builds the first
 * max + 1 (the one after the last shown gives the closing entry its range) and puts
 * NOT_SHOWN for each later one, so capSymbols still counts them (500,000 LXC keys: building
 * every symbol took 1.2 s of CPU, the placeholders a few milliseconds).
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';

/** Stands for a symbol past the cap: counted, never sent. */
export const NOT_SHOWN: DocumentSymbol = Object.freeze({
  name: '',
  kind: SymbolKind.Null,
  range: Object.freeze({ start: Object.freeze({ line: 0, character: 0 }), end: Object.freeze({ line: 0, character: 0 }) }),
  selectionRange: Object.freeze({ start: Object.freeze({ line: 0, character: 0 }), end: Object.freeze({ line: 0, character: 0 }) }),
});

export function capSymbols(symbols: DocumentSymbol[], max: number): DocumentSymbol[] {
  let budget = max;
  let hidden = 0;
  let firstHidden: DocumentSymbol | undefined;
  const count = (list: DocumentSymbol[], from: number): void => {
    for (let i = from; i < list.length; i++) {
      hidden++;
      const c = list[i].children;
      if (c) count(c, 0);
    }
  };
  const take = (list: DocumentSymbol[]): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (budget === 0) {
        firstHidden ??= s;
        count(list, i);
        break;
      }
      budget--;
      out.push(s.children?.length ? { ...s, children: take(s.children) } : s);
    }
    return out;
  };
  const out = take(symbols);
  if (hidden > 0 && firstHidden) {
    out.push({
      name: `${hidden.toLocaleString('en')} more symbols not shown`,
      detail: `ctconf lists the first ${max.toLocaleString('en')}`,
      kind: SymbolKind.Null,
      range: firstHidden.range,
      selectionRange: firstHidden.selectionRange,
    });
  }
  return out;
}
