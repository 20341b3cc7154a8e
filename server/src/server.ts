/**
 * LSP adapter: wires a connection to the language service. No language logic here.
 * The connection is passed in (so tests and other hosts can supply their own);
 * main.ts creates the stdio/IPC connection for `node dist/server.js --stdio`.
 */
import {
  CodeActionKind, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { LineDocument } from './util/document';
import { performance } from 'node:perf_hooks';
import { createLanguageService, type LanguageService, type ServiceConfig } from './service';
import { nodeHost } from './nodeHost';
import { memoryHost, type Host } from './host';
import { detectLxcVersion, detectPodmanVersion, detectVersions } from './detect';
import { defaultSettings, effectiveLxcVersion, normalizeSettings, type CtconfSettings } from './settings';
import { detectLanguage } from './languages';
import { uriToPath } from './util/uri';
import { DEFAULT_MAN_DIRS } from './manpages';

declare const CTCONF_VERSION: string;

/** Commands the server runs (the VS Code client registers them automatically). */
export const SERVER_COMMANDS = ['ctconf.effectiveConfiguration', 'ctconf.droppedCapabilities', 'ctconf.allowCapability'] as const;

/**
 * Most diagnostics published for one document. A generated or broken file can have hundreds
 * of thousands of problems; sending them all would take seconds and flood the Problems view.
 * The first ones (by position) are sent with a note saying how many more there are.
 */
const MAX_DIAGNOSTICS = 1000;

export interface ServerOptions {
  /** Host for file access; defaults to the real file system. */
  host?: Host;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments<LineDocument>({
    create: (uri, languageId, version, content) => new LineDocument(uri, languageId, version, content),
    update: (doc, changes, version) => {
      doc.update(changes, version);
      return doc;
    },
  });
  let service: LanguageService | undefined;
  let settings: CtconfSettings = defaultSettings();
  let pullConfiguration = false;
  /** Restricted Mode: the client says the workspace is not trusted. */
  let trusted = true;

  /**
   * The installed LXC and Podman releases are asked for without blocking `initialize`
   * (`lxc-start --version` and `podman --version` take tens of milliseconds); until they
   * answer, validation and requests wait on `versionsReady`, so no result ever uses a
   * guessed version.
   */
  let versionsKnown = true;
  let versionsReady: Promise<void> = Promise.resolve();
  const serviceConfig = (): ServiceConfig => ({
    lxcVersion: effectiveLxcVersion(settings.lxc.version, settings.lxc.version === 'auto' && trusted && versionsKnown ? detectLxcVersion().version : undefined),
    podmanVersion: settings.podman.version === 'auto' ? (trusted && versionsKnown ? detectPodmanVersion() : undefined) ?? 'latest' : settings.podman.version,
    rules: settings.rules,
    restricted: !trusted,
    manDirs: settings.manPages.enabled ? [...settings.manPages.paths, ...DEFAULT_MAN_DIRS] : [],
    maxDiagnostics: MAX_DIAGNOSTICS,
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; trusted?: boolean };
    if (init.trusted === false) trusted = false;
    if (init.settings) settings = normalizeSettings(init.settings).settings;
    const host = options.host ?? (trusted ? nodeHost() : memoryHost());
    if (trusted) {
      versionsKnown = false;
      versionsReady = detectVersions().then(() => {
        versionsKnown = true;
        service?.configure(serviceConfig());
      });
    }
    service = createLanguageService(host, serviceConfig());
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', '=', ' ', '/'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        inlayHintProvider: true,
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      },
      serverInfo: { name: 'ctconf', version: typeof CTCONF_VERSION === 'string' ? CTCONF_VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ctconf' }).catch(() => undefined);
      void refreshSettings();
    }
  });

  async function refreshSettings(): Promise<void> {
    if (pullConfiguration) {
      try {
        const raw = (await connection.workspace.getConfiguration('ctconf')) as unknown;
        const { settings: s, problems } = normalizeSettings(raw);
        settings = s;
        for (const p of problems) connection.console.warn(p);
      } catch {
        // keep the previous settings
      }
    }
    await versionsReady;
    service?.configure(serviceConfig());
    for (const d of documents.all()) validate(d);
  }

  connection.onDidChangeConfiguration((change) => {
    if (!pullConfiguration) {
      const raw = (change.settings as { ctconf?: unknown } | undefined)?.ctconf;
      if (raw) settings = normalizeSettings(raw).settings;
    }
    void refreshSettings();
  });

  function languageOf(doc: LineDocument): string {
    if (doc.languageId === 'lxc' || doc.languageId === 'containers-conf') return doc.languageId;
    const p = uriToPath(doc.uri);
    return (p && detectLanguage(p, doc.getText())) ?? doc.languageId;
  }

  const waitingForVersions = new Set<string>();
  function validate(doc: LineDocument): void {
    if (!service) return;
    cancel(doc.uri);
    if (!versionsKnown) {
      // The first validation waits for the version detection started at initialize (once per
      // document, however many edits arrive meanwhile).
      if (!waitingForVersions.has(doc.uri)) {
        waitingForVersions.add(doc.uri);
        void versionsReady.then(() => {
          waitingForVersions.delete(doc.uri);
          const current = documents.get(doc.uri);
          if (current) validate(current);
        });
      }
      return;
    }
    try {
      const diagnostics = service.diagnostics({ uri: doc.uri, languageId: languageOf(doc), version: doc.version, text: doc.getText() });
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    } catch (e) {
      connection.console.error(`ctconf: validation failed for ${doc.uri}: ${(e as Error).stack ?? String(e)}`);
    }
  }

  /**
   * Validation after an edit runs as soon as no further edit is waiting, so a person
   * typing never waits. vscode-jsonrpc handles one message per event-loop turn; when edits
   * keep arriving, validation is put off turn by turn (so they are applied first and one
   * validation covers them all), but never longer than twice one validation's duration, so
   * diagnostics keep flowing under a flood of edits and the edits never queue up behind
   * validations (they get at least two thirds of the time).
   */
  const pacing = new Map<string, { timer?: ReturnType<typeof setImmediate>; pending: number; seen: number; since: number; lastCost: number }>();
  function schedule(doc: LineDocument): void {
    let state = pacing.get(doc.uri);
    if (!state) {
      state = { pending: 0, seen: 0, since: 0, lastCost: 0 };
      pacing.set(doc.uri, state);
    }
    state.pending++;
    if (state.timer) return;
    const st = state;
    const run = () => {
      st.timer = undefined;
      if (st.pending !== st.seen && performance.now() - st.since < 2 * Math.max(st.lastCost, 10)) {
        st.seen = st.pending;
        st.timer = setImmediate(run);
        return;
      }
      st.pending = 0;
      const current = documents.get(doc.uri);
      if (!current) return;
      const t0 = performance.now();
      validate(current);
      st.lastCost = performance.now() - t0;
    };
    st.since = performance.now();
    st.seen = st.pending;
    // Two hops: the first lets the message already queued behind this one be handled.
    st.timer = setImmediate(() => {
      st.timer = setImmediate(run);
    });
  }

  function cancel(uri: string): void {
    const p = pacing.get(uri);
    if (p?.timer) clearImmediate(p.timer);
    if (p) {
      p.timer = undefined;
      p.pending = 0;
    }
  }

  const textDoc = (uri: string) => {
    const d = documents.get(uri);
    return d ? { uri: d.uri, languageId: languageOf(d), version: d.version, text: d.getText() } : undefined;
  };
  /**
   * Runs a feature; a failure is logged and answered with an empty result, never a crash.
   * Before the installed versions are known (only just after start-up) it waits for them.
   */
  function guarded<T>(name: string, empty: T, fn: () => T): T | Promise<T> {
    const run = (): T => {
      try {
        return fn();
      } catch (e) {
        connection.console.error(`ctconf: ${name} failed: ${(e as Error).stack ?? String(e)}`);
        return empty;
      }
    };
    return versionsKnown ? run() : versionsReady.then(run);
  }
  connection.onHover((p) => {
    const d = textDoc(p.textDocument.uri);
    return d && service ? guarded('hover', null, () => service!.hover(d, p.position)) : null;
  });
  connection.onCompletion((p) => {
    const d = textDoc(p.textDocument.uri);
    return d && service ? guarded('completion', [], () => service!.completion(d, p.position)) : [];
  });
  connection.onCompletionResolve((item) => (service ? guarded('completionResolve', item, () => service!.resolveCompletion(item)) : item));
  connection.onCodeAction((p) => {
    const d = textDoc(p.textDocument.uri);
    return d && service ? guarded('codeAction', [], () => service!.codeActions(d, p.range, p.context.diagnostics)) : [];
  });
  connection.onDocumentSymbol((p) => {
    const d = textDoc(p.textDocument.uri);
    return d && service ? guarded('documentSymbol', [], () => service!.symbols(d)) : [];
  });
  connection.onDocumentLinks((p) => {
    const d = textDoc(p.textDocument.uri);
    return d && service ? guarded('documentLink', [], () => service!.links(d)) : [];
  });
  connection.languages.inlayHint.on((p) => {
    const d = textDoc(p.textDocument.uri);
    return d && service ? guarded('inlayHint', [], () => service!.inlayHints(d, p.range)) : [];
  });
  connection.onExecuteCommand(async (p) => {
    const [uri, cap] = (p.arguments ?? []) as [string | undefined, string | undefined];
    const d = uri ? textDoc(uri) : undefined;
    if (!d || !service) return null;
    switch (p.command) {
      case 'ctconf.effectiveConfiguration':
        return guarded('effectiveConfiguration', null, () => service!.effectiveConfiguration(d) ?? null);
      case 'ctconf.droppedCapabilities':
        return guarded('droppedCapabilities', [], () => service!.droppedCapabilities(d));
      case 'ctconf.allowCapability': {
        const fix = cap ? await guarded('allowCapability', undefined, () => service!.allowCapability(d, cap)) : undefined;
        if (!fix) return { applied: false };
        const r = await connection.workspace.applyEdit({ label: fix.title, edit: fix.edit });
        return { applied: r.applied, title: fix.title };
      }
    }
    return null;
  });
  connection.onFoldingRanges((p) => {
    const d = textDoc(p.textDocument.uri);
    return d && service ? guarded('foldingRange', [], () => service!.folding(d)) : [];
  });

  // TextDocuments reports an open as onDidOpen followed by onDidChangeContent; validate once.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    validate(e.document);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return;
    schedule(e.document);
  });
  documents.onDidClose((e) => {
    cancel(e.document.uri);
    pacing.delete(e.document.uri);
    service?.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
