/**
 * A raw stdio client for the guarded server: writes bytes as they are (so a test can send a
 * bad Content-Length) and reads framed responses itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { serverCommand } from '../helpers/lspClient';

export interface RawClient {
  proc: ChildProcess;
  write(bytes: string | Buffer): void;
  /** A well-framed message. */
  send(message: object): void;
  /** Resolves with the response to `id`, or rejects after `ms`. */
  response(id: number | string, ms?: number): Promise<{ id: unknown; result?: unknown; error?: { code: number; message: string } }>;
  /** Log messages the server sent (window/logMessage). */
  logs: string[];
  stop(): void;
}

export const frame = (message: object | string): Buffer => {
  const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
};

export function startRaw(): RawClient {
  const [cmd, args] = serverCommand(true);
  const proc = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  const messages: { id?: unknown; method?: string; params?: { message?: string } }[] = [];
  const waiters: (() => void)[] = [];
  const logs: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end === -1) return;
      const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString('latin1'));
      const len = Number(m?.[1]);
      if (buf.length < end + 4 + len) return;
      const msg = JSON.parse(buf.subarray(end + 4, end + 4 + len).toString('utf8'));
      buf = buf.subarray(end + 4 + len);
      if (msg.method === 'window/logMessage') logs.push(msg.params.message);
      // Answer the server's own requests (configuration, registration) with nothing.
      if (msg.method && msg.id !== undefined) proc.stdin!.write(frame({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? [{}] : null }));
      messages.push(msg);
      for (const w of waiters.splice(0)) w();
    }
  });
  proc.stderr!.on('data', () => undefined);
  const client: RawClient = {
    proc,
    logs,
    write: (bytes) => void proc.stdin!.write(bytes),
    send: (message) => void proc.stdin!.write(frame(message)),
    response(id, ms = 2000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no response to ${id} within ${ms} ms`)), ms);
        const look = () => {
          const hit = messages.find((m) => m.id === id && !m.method);
          if (hit) {
            clearTimeout(timer);
            resolve(hit as Awaited<ReturnType<RawClient['response']>>);
          } else waiters.push(look);
        };
        look();
      });
    },
    stop: () => void proc.kill('SIGKILL'),
  };
  return client;
}

export async function initialize(c: RawClient): Promise<void> {
  c.send({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  await c.response(0, 10_000);
  c.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
}
