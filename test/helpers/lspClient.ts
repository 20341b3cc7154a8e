/**
 * A plain LSP client over stdio for tests and benchmarks: spawns `node dist/server.js
 * --stdio` and speaks JSON-RPC with vscode-jsonrpc. Waits are on messages, never sleeps.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
import { SERVER } from './paths';
import { HANG_MS } from './timing';

export interface LspClient {
  connection: MessageConnection;
  process: ChildProcess;
  request<T>(method: string, params: unknown): Promise<T>;
  notify(method: string, params: unknown): void;
  /** Resolves with the next diagnostics published for `uri` (optionally for a given version). */
  diagnostics(uri: string, version?: number, timeoutMs?: number): Promise<Diagnostic[]>;
  open(uri: string, languageId: string, text: string, version?: number): Promise<Diagnostic[]>;
  stop(): Promise<void>;
  stderr(): string;
  /** How many times diagnostics were published for `uri` so far. */
  publishCount(uri: string): number;
  /** Messages the server logged (window/logMessage), in order. */
  logs: string[];
  /** Peak resident memory of the server process so far (VmHWM), in bytes; undefined when unknown. */
  peakRss(): number | undefined;
  initializeResult: { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
}

/** Memory guard for hostile inputs: the server's address space and V8 heap are capped. */
export const GUARD_BYTES = 1.5 * 1024 * 1024 * 1024;
const hasPrlimit = process.platform === 'linux' && spawnSync('prlimit', ['--version']).status === 0;

/**
 * The server command. With `guard`, it runs under `prlimit --as` (1.5 GB of address space:
 * a runaway allocation fails inside the server instead of taking the machine) and a V8 heap
 * cap, so a regression fails its test instead of taking the machine down.
 */
export function serverCommand(guard = false, server = SERVER): [string, string[]] {
  const node = [...(guard ? ['--max-old-space-size=1024'] : []), server, '--stdio'];
  if (guard && hasPrlimit) return ['prlimit', [`--as=${GUARD_BYTES}`, process.execPath, ...node]];
  if (guard && process.env.CI === 'true') throw new Error('prlimit (util-linux) is needed for the memory guard');
  return [process.execPath, node];
}

export function peakRssOf(pid: number | undefined): number | undefined {
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function startLspClient(options: { initializationOptions?: unknown; capabilities?: unknown; cwd?: string; env?: NodeJS.ProcessEnv; guard?: boolean; configuration?: unknown; /** Another server bundle (the bench's variants); dist/server.js by default. */ server?: string } = {}): Promise<LspClient> {
  const [cmd, args] = serverCommand(options.guard, options.server);
  const proc = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd, env: options.env ?? process.env });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiting = new Map<string, ((p: PublishDiagnosticsParams) => boolean)[]>();
  const latest = new Map<string, PublishDiagnosticsParams>();
  const counts = new Map<string, number>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    counts.set(p.uri, (counts.get(p.uri) ?? 0) + 1);
    const list = waiting.get(p.uri) ?? [];
    waiting.set(p.uri, list.filter((fn) => !fn(p)));
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.configuration ?? {}));
  connection.onRequest('client/registerCapability', () => null);
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  connection.listen();
  const initializeResult = await connection.sendRequest<LspClient['initializeResult']>('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: options.capabilities ?? { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
    initializationOptions: options.initializationOptions,
  });
  connection.sendNotification('initialized', {});

  const client: LspClient = {
    connection,
    process: proc,
    request: (method, params) => connection.sendRequest(method, params),
    notify: (method, params) => void connection.sendNotification(method, params),
    diagnostics(uri, version, timeoutMs = HANG_MS) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
        const list = waiting.get(uri) ?? [];
        list.push((p) => {
          if (version !== undefined && p.version !== version) return false;
          clearTimeout(timer);
          resolve(p.diagnostics);
          return true;
        });
        waiting.set(uri, list);
      });
    },
    async open(uri, languageId, text, version = 1) {
      const d = client.diagnostics(uri, version);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      return d;
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const t = setTimeout(() => {
          proc.kill('SIGKILL');
          resolve();
        }, 2000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
      connection.dispose();
    },
    stderr: () => err,
    publishCount: (uri) => counts.get(uri) ?? 0,
    logs,
    peakRss: () => peakRssOf(proc.pid),
    initializeResult,
  };
  return client;
}
