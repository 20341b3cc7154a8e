/** Entry point of dist/server.js: `node dist/server.js --stdio` (or --node-ipc). */
import { createConnection, ProposedFeatures, LSPErrorCodes, StreamMessageReader, type Connection, type ConnectionOptions, type RequestMessage } from 'vscode-languageserver/node';
import { startServer } from './server';
import { FramingGuard } from './framing';
import { StdioMessageWriter } from './writer';

/** A request the client cancelled before it started is answered at once with the cancelled error. */
const options: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message) => ({
      jsonrpc: '2.0',
      id: (message as RequestMessage).id ?? null,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled' },
    }),
  },
};

/** The connection on stdio (the framing guard in, one write per message out) or, without --stdio, as the client asks. */
function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all, options);
  // Our own stdio wiring, so a client's bad Content-Length cannot derail the stream (framing.ts).
  // Nothing else may write to stdout: console output goes to stderr.
  for (const k of ['log', 'info', 'warn', 'debug'] as const) console[k] = console.error;
  let connection: Connection | undefined;
  const input = new FramingGuard((m) => connection?.console.error(m));
  process.stdin.pipe(input);
  connection = createConnection(ProposedFeatures.all, new StreamMessageReader(input), new StdioMessageWriter(process.stdout), options);
  return connection;
}

startServer(connect());
