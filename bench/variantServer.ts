/**
 * A throw-away language server for `npm run bench` only (issue 12, item 7): the plainest
 * possible adapter, to compare with the real one (server/src/server.ts) on typing and pasting:
 * the same TextDocument store, validation after a plain debounce instead of the server's pacing.
 *
 *   CTCONF_VARIANT_DEBOUNCE=MS     validate MS milliseconds after the last edit (a plain
 *                                  setTimeout debounce); 0 validates on the next turn
 *
 * It answers didOpen/didChange (diagnostics) and hover, nothing else. Not shipped.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../server/src/service';
import { nodeHost } from '../server/src/nodeHost';

interface Doc {
  uri: string;
  languageId: string;
  version: number;
  getText(): string;
}

const debounce = Number(process.env.CTCONF_VARIANT_DEBOUNCE ?? 150);
const connection = createConnection(ProposedFeatures.all);
const service = createLanguageService(nodeHost(), { lxcVersion: '5.0', podmanVersion: '4.3', rules: {}, maxDiagnostics: 1000 });

const documents: TextDocuments<Doc> = new TextDocuments(TextDocument);

const asText = (d: Doc) => ({ uri: d.uri, languageId: d.languageId, version: d.version, text: d.getText() });
const timers = new Map<string, ReturnType<typeof setTimeout>>();

function validate(uri: string): void {
  timers.delete(uri);
  const d = documents.get(uri);
  if (d) void connection.sendDiagnostics({ uri, version: d.version, diagnostics: service.diagnostics(asText(d)) });
}

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true } }));
const opened = new Set<string>();
documents.onDidOpen((e) => {
  opened.add(e.document.uri);
  validate(e.document.uri);
});
documents.onDidChangeContent((e) => {
  if (opened.delete(e.document.uri)) return;
  clearTimeout(timers.get(e.document.uri));
  timers.set(e.document.uri, setTimeout(validate, debounce, e.document.uri));
});
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  service.close(e.document.uri);
});
connection.onHover((p) => {
  const d = documents.get(p.textDocument.uri);
  return d ? service.hover(asText(d), p.position) : null;
});
documents.listen(connection);
connection.listen();
