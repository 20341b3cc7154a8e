/**
 * What a helper thread of `ctconf check` does with its part of a big config (the thread
 * itself is ../lxcHelper.ts, the main side ../parallel.ts): walks the part a piece at a time
 * and hands over, per piece, the lines validation must still see. Pure, so tests run it in
 * process and compare with a sequential check.
 */
import { scanLxc, type LxcLine } from './parser';
import { inertLines, type LivePiece, type LxcValidateOptions } from './validate';

export function findLivePieces(
  text: string,
  last: boolean,
  opts: Pick<LxcValidateOptions, 'version' | 'host' | 'restricted'>,
  pieceChars: number,
  emit: (piece: LivePiece) => void,
): void {
  const inert = inertLines(opts);
  let start = 0;
  let line = 0;
  for (;;) {
    // Pieces end at a line start (or at the part's end).
    const nl = start + pieceChars < text.length ? text.indexOf('\n', start + pieceChars) : -1;
    const end = nl === -1 ? text.length : nl + 1;
    const done = end >= text.length;
    // The last part of a file also holds the empty line after a final line break.
    const found = liveLines(text, inert, start, line, done && last ? Infinity : end);
    emit({ ...found, end, done });
    if (done) return;
    start = end;
    line = found.nextLine;
  }
}

/**
 * What a helper thread does with a stretch of its part of a config (`text` is the part, the
 * stretch starts at offset `from`, line `line`, and ends before `to`): lists the lines
 * validation must still see. The text must have no NUL byte and no \r.
 */
function liveLines(text: string, inert: (l: LxcLine) => boolean, from: number, line: number, to: number): Omit<LivePiece, 'end' | 'done'> {
  const offsets: number[] = [];
  const rel: number[] = [];
  const r = scanLxc(
    text,
    (l, pos) => {
      if (inert(l)) return;
      offsets.push(pos);
      rel.push(l.line);
    },
    { reuse: true, from, line, to, plain: true },
  );
  return { nextLine: r.next, offsets: Int32Array.from(offsets), rel: Int32Array.from(rel), count: offsets.length };
}
