/**
 * A guard in front of vscode-jsonrpc's stdio reader that keeps the message stream in step
 * when a client sends a bad `Content-Length`.
 *
 * vscode-jsonrpc 10 trusts the header: a missing or non-numeric length is reported once and
 * the header dropped, but its body stays in the buffer and is read as the next header, so
 * every later message is misread and the server silently stops answering; a length that is
 * too long swallows the following messages while it waits for bytes that never come.
 *
 * This filter only passes on well-framed messages (`Content-Length: N\r\n…\r\n\r\n` + N
 * bytes). It finds the next message again by the one byte sequence a JSON body can never
 * contain: `Content-Length: <digits>` followed by a raw CR LF (outside a JSON string a letter
 * is not allowed, inside one a raw CR is not). So:
 * - a header block that does not parse is skipped up to the next such header;
 * - a body that contains such a header was given too long a length: the bytes before it are
 *   passed on as that message (with the right length), and reading goes on from the header;
 * - a body that does not end like JSON (`}` or `]`) was given too short a length: it is
 *   dropped, and the rest of it is skipped as above;
 * - a length above `maxMessageBytes` is refused and its bytes skipped without being kept.
 * Every problem is reported once through `onProblem` (the server logs it).
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Far above any real message (a 16 MB document escaped as JSON), far below what hurts. */
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER = /content-length:[ \t]*\d+[ \t]*\r\n/i;
const HEADER_AT_END = /content-length:[ \t]*\d+[ \t]*\r\n$/i;
const HEADER_LINE = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/;
/** Longest header line start that may be split across two chunks. */
const OVERLAP = 64;

/** `tail`: the last OVERLAP bytes of the body so far (a header may start in earlier chunks). */
type State = { kind: 'header' } | { kind: 'body'; length: number; chunks: Buffer[]; got: number; tail: Buffer };

export class FramingGuard extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = { kind: 'header' };
  /** Bytes are being skipped (reported once until the next good header). */
  private skipping = false;

  constructor(
    private readonly onProblem: (message: string) => void,
    private readonly maxMessageBytes = MAX_MESSAGE_BYTES,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.feed(chunk);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  private feed(chunk: Buffer): void {
    let data: Buffer | undefined = chunk;
    while (data && data.length > 0) {
      data = this.state.kind === 'header' ? this.header(data) : this.body(this.state, data);
    }
  }

  /** Reads a header block; returns the bytes left over for the body (or undefined to wait). */
  private header(data: Buffer): Buffer | undefined {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    const end = this.pending.indexOf('\r\n\r\n');
    if (end === -1) {
      if (this.pending.length <= MAX_HEADER_BYTES) return undefined;
      this.resync('a header longer than 8 KB');
      return this.takePending();
    }
    const lines = this.pending.subarray(0, end).toString('latin1').split('\r\n');
    let length: number | undefined;
    let bad = lines.length === 0;
    for (const l of lines) {
      const m = HEADER_LINE.exec(l);
      if (!m) bad = true;
      else if (m[1].toLowerCase() === 'content-length') length = /^\d{1,15}$/.test(m[2]) ? Number(m[2]) : undefined;
    }
    if (bad || length === undefined) {
      this.resync(`a header without a valid Content-Length (${JSON.stringify(lines.join(' | ').slice(0, 80))})`);
      return this.takePending();
    }
    if (length > this.maxMessageBytes) {
      this.resync(`a message of ${length} bytes (the limit is ${this.maxMessageBytes})`);
      return this.takePending();
    }
    const rest = this.pending.subarray(end + 4);
    this.pending = Buffer.alloc(0);
    this.skipping = false;
    this.state = { kind: 'body', length, chunks: [], got: 0, tail: Buffer.alloc(0) };
    return rest;
  }

  /** Collects body bytes; returns what follows the message. */
  private body(st: Extract<State, { kind: 'body' }>, data: Buffer): Buffer | undefined {
    const take = Math.min(data.length, st.length - st.got);
    // A header inside the body: the length was too long and that header starts the next message.
    const at = this.headerInBody(st, data, take);
    if (at !== undefined) {
      const before = Buffer.concat([...st.chunks, data.subarray(0, Math.max(0, at))]);
      const head = at < 0 ? before.subarray(0, before.length + at) : before;
      this.onProblem(`ctconf: a message declared Content-Length ${st.length} but the next message started after ${head.length} bytes; read it with that length.`);
      this.state = { kind: 'header' };
      this.emitMessage(head);
      // The rest, from the header on, is read again (the part of it still in the last chunk included).
      return at < 0 ? Buffer.concat([before.subarray(before.length + at), data]) : data.subarray(at);
    }
    st.chunks.push(data.subarray(0, take));
    st.got += take;
    st.tail = take >= OVERLAP ? data.subarray(take - OVERLAP, take) : Buffer.concat([st.tail, data.subarray(0, take)]).subarray(-OVERLAP);
    if (st.got < st.length) return undefined;
    this.state = { kind: 'header' };
    const body = Buffer.concat(st.chunks);
    if (looksComplete(body)) this.emitMessage(body);
    else this.onProblem(`ctconf: a message body of ${st.length} bytes does not end like JSON (its Content-Length is too short?); dropped it.`);
    return data.subarray(take);
  }

  /**
   * Where a `Content-Length: N\r\n` line starts that ends (its CR LF) within the first `take`
   * bytes of `data`, relative to `data` (negative: it starts in the previous chunk).
   * Only CR LF pairs are looked at (memchr-fast; a compact JSON body has none).
   */
  private headerInBody(st: Extract<State, { kind: 'body' }>, data: Buffer, take: number): number | undefined {
    const tail = st.tail;
    let from = tail.length > 0 && tail[tail.length - 1] === 0x0d && data[0] === 0x0a ? -1 : 0;
    while (from < take) {
      const cr = from === -1 ? -1 : data.indexOf('\r\n', from, 'latin1');
      if (from !== -1 && (cr === -1 || cr >= take)) return undefined;
      const end = cr + 2;
      const lookStart = end - (OVERLAP + 2);
      const look = lookStart >= 0
        ? data.subarray(lookStart, end)
        : Buffer.concat([tail.subarray(Math.max(0, tail.length + lookStart)), data.subarray(0, end)]);
      const m = HEADER_AT_END.exec(look.toString('latin1'));
      if (m) return end - (look.length - m.index);
      from = end;
    }
    return undefined;
  }

  private emitMessage(body: Buffer): void {
    if (body.length === 0) return;
    this.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'));
    this.push(body);
  }

  /** Drops pending bytes up to the next header (after the first byte), or all but a short tail. */
  private resync(why: string): void {
    // One report per stretch of skipped bytes, however long it is.
    if (!this.skipping) this.onProblem(`ctconf: skipped ${why} from the client; reading on from the next message.`);
    this.skipping = true;
    const text = this.pending.subarray(1).toString('latin1');
    const m = HEADER.exec(text);
    this.pending = m ? this.pending.subarray(m.index + 1) : this.pending.subarray(Math.max(1, this.pending.length - OVERLAP));
  }

  private takePending(): Buffer | undefined {
    const p = this.pending;
    this.pending = Buffer.alloc(0);
    return p.length ? p : undefined;
  }
}

function looksComplete(body: Buffer): boolean {
  for (let i = body.length - 1; i >= 0; i--) {
    const c = body[i];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7d || c === 0x5d;
  }
  return false;
}
