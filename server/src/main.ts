/** Entry point of dist/server.js: `node dist/server.js --stdio` (or --node-ipc). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
