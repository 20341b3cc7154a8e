/**
 * The server's open documents, kept as an array of lines.
 *
 * Why not vscode-languageserver-textdocument's TextDocument: it keeps one string and rebuilds
 * it on every change (and walks every line offset after the edit), so each keystroke costs
 * time in proportion to the whole file; under 1,000 edits a second on a 10,000-line file that
 * alone took more than half of the server's time and let edits pile up. Here an edit replaces
 * the lines it touches; the full text and line offsets are rebuilt only when asked for (once
 * per validation, however many edits came in between). Same interface, same results: the
 * tests replay random edits against the library's implementation.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

/** Splits text into lines that keep their line break (\r\n, \r or \n); the last has none. */
function splitKeepingBreaks(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      out.push(text.slice(start, i + 1));
      start = i + 1;
    } else if (c === 10) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Length of a line without its line break. */
function contentLength(line: string): number {
  let n = line.length;
  if (n > 0 && line.charCodeAt(n - 1) === 10) n--;
  if (n > 0 && line.charCodeAt(n - 1) === 13) n--;
  return n;
}

export class LineDocument {
  private lines: string[];
  private text: string | undefined;
  private offsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.lines = splitKeepingBreaks(content);
    this.text = content;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  getText(range?: Range): string {
    this.text ??= this.lines.join('');
    if (!range) return this.text;
    return this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  private lineOffsets(): number[] {
    if (!this.offsets) {
      const offsets = new Array<number>(this.lines.length);
      let at = 0;
      for (let i = 0; i < this.lines.length; i++) {
        offsets[i] = at;
        at += this.lines[i].length;
      }
      this.offsets = offsets;
    }
    return this.offsets;
  }

  offsetAt(position: Position): number {
    const offsets = this.lineOffsets();
    if (position.line >= this.lines.length) return this.getText().length;
    if (position.line < 0) return 0;
    const line = this.lines[position.line];
    return offsets[position.line] + Math.max(Math.min(position.character, contentLength(line)), 0);
  }

  positionAt(offset: number): Position {
    const offsets = this.lineOffsets();
    const text = this.getText();
    const at = Math.max(Math.min(offset, text.length), 0);
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] > at) hi = mid;
      else lo = mid + 1;
    }
    const line = lo - 1;
    // An offset inside a line break counts as the end of that line's content.
    return { line, character: Math.min(at - offsets[line], contentLength(this.lines[line])) };
  }

  /** Applies changes in order: each incremental change replaces only the lines it spans. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        this.lines = splitKeepingBreaks(change.text);
      } else {
        let { start, end } = change.range;
        if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
        const last = this.lines.length - 1;
        const clampPos = (p: Position): { line: number; character: number } => {
          if (p.line > last) return { line: last, character: contentLength(this.lines[last]) };
          if (p.line < 0) return { line: 0, character: 0 };
          return { line: p.line, character: Math.max(0, Math.min(p.character, contentLength(this.lines[p.line]))) };
        };
        const s = clampPos(start);
        const e = clampPos(end);
        let first = s.line;
        const prefix = this.lines[s.line].slice(0, s.character);
        const suffix = this.lines[e.line].slice(e.character);
        let joined = prefix + change.text + suffix;
        // A bare \r ending the line before, followed by a \n at the start: one \r\n line break.
        if (first > 0 && joined.charCodeAt(0) === 10) {
          const before = this.lines[first - 1];
          if (before.charCodeAt(before.length - 1) === 13) {
            first--;
            joined = before + joined;
          }
        }
        const replaced = splitKeepingBreaks(joined);
        // Unless the edit ends on the last line, the joined text ends with that line's break,
        // and the empty piece after it is the start of the next line, which stays as it is.
        if (e.line < last && replaced[replaced.length - 1] === '') replaced.pop();
        // splice() takes the new lines as arguments; a very long paste goes through concat.
        if (replaced.length < 10000) this.lines.splice(first, e.line - first + 1, ...replaced);
        else this.lines = this.lines.slice(0, first).concat(replaced, this.lines.slice(e.line + 1));
      }
      this.text = undefined;
      this.offsets = undefined;
    }
    this.version = version;
  }
}
