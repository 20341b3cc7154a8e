/**
 * LSP adapter: wires a connection to the language service. No language logic here.
 * The connection is passed in (so tests and other hosts can supply their own);
 * main.ts creates the stdio/IPC connection for `node dist/server.js --stdio`.
 */
import {
  CodeActionKind, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification, ErrorCodes, LSPErrorCodes, ResponseError,
  type CancellationToken, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { clampPosition, clampRange, clampResult } from './util/clamp';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { performance } from 'node:perf_hooks';
import { createLanguageService, type LanguageService, type ServiceConfig } from './service';
import { nodeHost } from './nodeHost';
import { memoryHost, type Host } from './host';
import { createDetector } from './detect';
import { defaultSettings, effectiveLxcVersion, normalizeSettings, type CtconfSettings } from './settings';
import { detectLanguage, isLanguageId } from './languages';
import { uriToPath } from './util/uri';
import { DEFAULT_MAN_DIRS } from './manpages';
import { bundledRuleDocs } from './ruleDocs';
import type { RuleCode } from './rules';
import { capabilityDetails } from './capabilities/details';

/** `ctconf/status`: the target versions, sent when they are known and whenever settings change. */
export const STATUS_NOTIFICATION = 'ctconf/status';
export interface TargetStatus {
  version: string;
  /** From the settings, detected on this host, or assumed (not detected). */
  source: 'setting' | 'detected' | 'assumed';
  /** Why it was assumed, when there is a reason beyond "not installed". */
  reason?: string;
  /** The installed release, when detected (`lxc-start --version`). */
  release?: string;
}
export interface StatusParams {
  lxc: TargetStatus;
  podman: TargetStatus;
  restricted: boolean;
}

declare const CTCONF_VERSION: string;

/** Commands the server runs (the VS Code client registers them automatically). */
export const SERVER_COMMANDS = ['ctconf.effectiveConfiguration', 'ctconf.droppedCapabilities', 'ctconf.allowCapability'] as const;

/**
 * Most diagnostics published for one document. A generated or broken file can have hundreds
 * of thousands of problems; sending them all would take seconds and flood the Problems view.
 * The first ones (by position) are sent with a note saying how many more there are.
 */
const MAX_DIAGNOSTICS = 1000;
/**
 * Largest document checked in one pass (every format but LXC, whose parse and check run in
 * slices). The slowest, Incus YAML, checks about 1 MB a second on the benchmark machine, so a
 * 2.5 MB one held every other document's requests for 3 s; real files of these formats are a
 * few kilobytes (Podman's default seccomp profile is 20 KB).
 */
const ONE_PASS_LIMIT = 1024 * 1024;
/** Quiet time after another document changed before documents that read it are checked again. */
const OTHERS_MS = 300;

/**
 * Most document symbols sent for one document. The outline, breadcrumbs and "Go to Symbol"
 * render every symbol they get; real configs have a few hundred keys at most, while a
 * generated file of 500,000 lines made a 112 MB response. 5,000 symbols are about 1 MB of
 * JSON and a few milliseconds to send; a last entry says how many more there are.
 */
const MAX_SYMBOLS = 5000;

/**
 * Most inlay hints sent for one request. The client asks for the lines on screen (a few
 * hundred at most, one hint per line at most), so 1,000 is never reached by an editor;
 * it bounds a client that asks for the whole of a huge file.
 */
const MAX_INLAY_HINTS = 1000;

export interface ServerOptions {
  /** Host for file access; defaults to the real file system. */
  host?: Host;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const detector = createDetector();
  // The standard document store (issue 12 item 7): the custom line-array document it replaced
  // made no user-visible difference (bench E: a keystroke plus the full-text read that every
  // validation does cost 2.5 ms with it and 2.4 ms with TextDocument on 10,000 lines).
  const documents = new TextDocuments(TextDocument);
  let service: LanguageService | undefined;
  let settings: CtconfSettings = defaultSettings();
  let pullConfiguration = false;
  /** Restricted Mode: the client says the workspace is not trusted. */
  let trusted = true;
  /** After `shutdown` every request is refused (LSP: InvalidRequest) and nothing is validated. */
  let shutDown = false;

  /**
   * The installed LXC and Podman releases are asked for after `initialize` is answered
   * (`lxc-start --version` and `podman --version` take tens of milliseconds, and even starting
   * the two processes costs about 100 ms of CPU at start-up): detection starts at `initialized`
   * or at the first thing that needs the versions, whichever comes first. Until they answer,
   * validation and requests wait on `versionsReady()`, so no result ever uses a guessed version.
   */
  let versionsKnown = true;
  let detecting: Promise<void> | undefined;
  const versionsReady = (): Promise<void> =>
    versionsKnown ? Promise.resolve() : (detecting ??= detector.detectAll().then(() => {
      versionsKnown = true;
      service?.configure(serviceConfig());
      sendStatus();
    }));
  // RULES.md ships next to the bundle: diagnostics link to that local copy (readable offline).
  // It is read at the first diagnostic, not at start-up.
  let ruleDocs: { href: ReturnType<typeof bundledRuleDocs> } | undefined;
  const ruleHref = (code: RuleCode) => (ruleDocs ??= { href: bundledRuleDocs() }).href?.(code);
  const detectedLxc = () => (settings.lxc.version === 'auto' && trusted && versionsKnown ? detector.lxc().version : undefined);
  const detectedPodman = () => (settings.podman.version === 'auto' && trusted && versionsKnown ? detector.podman() : undefined);
  const serviceConfig = (): ServiceConfig => ({
    lxcVersion: effectiveLxcVersion(settings.lxc.version, detectedLxc()),
    podmanVersion: settings.podman.version === 'auto' ? detectedPodman() ?? 'latest' : settings.podman.version,
    rules: settings.rules,
    restricted: !trusted,
    assumedVersions: { lxc: settings.lxc.version === 'auto' && !detectedLxc(), podman: settings.podman.version === 'auto' && !detectedPodman() },
    manDirs: settings.manPages.enabled ? [...settings.manPages.paths, ...DEFAULT_MAN_DIRS] : [],
    maxDiagnostics: MAX_DIAGNOSTICS,
    onePassLimit: ONE_PASS_LIMIT,
    ruleHref,
  });

  /** The target versions and where they come from, for the client's language status item. */
  function sendStatus(): void {
    if (shutDown) return;
    const c = serviceConfig();
    const source = (setting: string, assumed: boolean | undefined): TargetStatus['source'] => (setting !== 'auto' ? 'setting' : assumed ? 'assumed' : 'detected');
    const reason = !trusted ? 'Restricted Mode does not run lxc-start or podman' : undefined;
    const status: StatusParams = {
      lxc: { version: c.lxcVersion, source: source(settings.lxc.version, c.assumedVersions?.lxc), ...(reason ? { reason } : {}), ...(detectedLxc() ? { release: detector.lxc().release } : {}) },
      podman: { version: c.podmanVersion, source: source(settings.podman.version, c.assumedVersions?.podman), ...(reason ? { reason } : {}) },
      restricted: !trusted,
    };
    void connection.sendNotification(STATUS_NOTIFICATION, status).catch(() => undefined);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; trusted?: boolean };
    if (init.trusted === false) trusted = false;
    if (init.settings) settings = readSettings(init.settings);
    const host = options.host ?? (trusted ? nodeHost() : memoryHost());
    // Detection starts after the answer (versionsReady above).
    if (trusted) versionsKnown = false;
    service = createLanguageService(host, serviceConfig());
    // Checks between files (subuid, lxc-usernet, idmaps shared by containers) see the open
    // documents: one array per state of the set, so languages can index it once.
    let openDocs: ReturnType<typeof textDoc>[] | undefined;
    documents.onDidChangeContent(() => (openDocs = undefined));
    documents.onDidClose(() => (openDocs = undefined));
    service.setOthers(() => (openDocs ??= documents.all().map(textDoc)));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', '=', ' ', '/'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        definitionProvider: true,
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
    void versionsReady().then(sendStatus);
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ctconf' }).catch(() => undefined);
      void refreshSettings();
    }
  });

  async function refreshSettings(): Promise<void> {
    if (pullConfiguration) {
      try {
        const raw = (await connection.workspace.getConfiguration('ctconf')) as unknown;
        settings = readSettings(raw);
      } catch {
        // keep the previous settings
      }
    }
    await versionsReady();
    service?.configure(serviceConfig());
    sendStatus();
    for (const d of documents.all()) validate(d);
  }

  connection.onDidChangeConfiguration((change) => {
    if (!pullConfiguration) {
      const raw = (change.settings as { ctconf?: unknown } | undefined)?.ctconf;
      if (raw) settings = readSettings(raw);
    }
    void refreshSettings();
  });

  /** Settings from the client; their problems are logged (normalizeSettings lists a bounded number and a count). */
  function readSettings(raw: unknown): CtconfSettings {
    const { settings: s, problems } = normalizeSettings(raw);
    for (const p of problems) connection.console.warn(p);
    return s;
  }

  function languageOf(doc: TextDocument): string {
    if (isLanguageId(doc.languageId)) return doc.languageId;
    const p = uriToPath(doc.uri);
    return (p && detectLanguage(p, doc.getText())) ?? doc.languageId;
  }

  const waitingForVersions = new Set<string>();
  /** The check in progress per document: a newer one replaces it, and it stops at its next pause. */
  const checking = new Map<string, object>();
  function validate(doc: TextDocument): void {
    if (!service || shutDown) return;
    cancel(doc.uri);
    if (!versionsKnown) {
      // The first validation waits for the version detection started at initialize (once per
      // document, however many edits arrive meanwhile).
      if (!waitingForVersions.has(doc.uri)) {
        waitingForVersions.add(doc.uri);
        void versionsReady().then(() => {
          waitingForVersions.delete(doc.uri);
          const current = documents.get(doc.uri);
          if (current) validate(current);
        });
      }
      return;
    }
    // The check runs one slice per event-loop turn (one slice in all below 10,000 lines), so
    // requests and other documents are served while a huge file is checked. A newer check of
    // the document, an edit or a close stops it at its next pause.
    const td = { uri: doc.uri, languageId: languageOf(doc), version: doc.version, text: doc.getText() };
    const run = {};
    checking.set(doc.uri, run);
    const work = service.prepare(td);
    const step = () => {
      if (checking.get(td.uri) !== run || shutDown || !service || documents.get(td.uri)?.version !== td.version) return;
      try {
        if (!work.next().done) {
          setImmediate(step);
          return;
        }
        checking.delete(td.uri);
        const diagnostics = service.diagnostics(td);
        clampResult(diagnostics, doc, documents.get.bind(documents));
        void connection.sendDiagnostics({ uri: td.uri, version: td.version, diagnostics });
      } catch (e) {
        checking.delete(td.uri);
        connection.console.error(`ctconf: validation failed for ${td.uri}: ${(e as Error).stack ?? String(e)}`);
      }
    };
    step();
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
  function schedule(doc: TextDocument): void {
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
    checking.delete(uri);
    const p = pacing.get(uri);
    if (p?.timer) clearImmediate(p.timer);
    if (p) {
      p.timer = undefined;
      p.pending = 0;
    }
  }

  const textDoc = (d: TextDocument) => ({ uri: d.uri, languageId: languageOf(d), version: d.version, text: d.getText() });
  type TextDoc = ReturnType<typeof textDoc>;
  const docFor = (uri: string) => documents.get(uri);
  const refused = () => new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'the request was cancelled');

  /**
   * Runs a feature on an open document. After `shutdown` the request is refused. Before the
   * installed versions are known (only just after start-up) it waits for them. A request
   * the client cancels is answered with the cancelled error: at once when it has not started
   * (main.ts: cancelUndispatched), and otherwise when the token says so before or after the
   * work (features are synchronous and bounded: positions are clamped, results capped).
   * A failure is logged and answered with an empty result, never a crash. Every position in
   * the result is clamped to the document it refers to.
   */
  async function feature<R>(name: string, uri: unknown, token: CancellationToken | undefined, empty: R, fn: (d: TextDoc, doc: TextDocument) => R): Promise<R | ResponseError> {
    if (shutDown) return refused();
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!doc || !service) return empty;
    if (!versionsKnown) await versionsReady();
    if (shutDown) return refused();
    if (token?.isCancellationRequested) return cancelled();
    const d = textDoc(doc);
    let result: R;
    try {
      result = fn(d, doc);
    } catch (e) {
      connection.console.error(`ctconf: ${name} failed: ${(e as Error).stack ?? String(e)}`);
      return empty;
    }
    if (token?.isCancellationRequested) return cancelled();
    if (doc.version === d.version) clampResult(result, doc, docFor);
    return result;
  }
  connection.onShutdown(() => {
    shutDown = true;
    for (const uri of pacing.keys()) cancel(uri);
  });
  connection.onHover((p, token) =>
    feature('hover', p.textDocument?.uri, token, null, (d, doc) => service!.hover(d, clampPosition(doc, p.position))));
  connection.onCompletion((p, token) =>
    feature('completion', p.textDocument?.uri, token, [], (d, doc) => service!.completion(d, clampPosition(doc, p.position))));
  connection.onCompletionResolve((item, token) => {
    if (shutDown) return refused();
    if (token.isCancellationRequested) return cancelled();
    try {
      return service ? service.resolveCompletion(item) : item;
    } catch (e) {
      connection.console.error(`ctconf: completionResolve failed: ${(e as Error).stack ?? String(e)}`);
      return item;
    }
  });
  connection.onCodeAction((p, token) =>
    feature('codeAction', p.textDocument?.uri, token, [], (d, doc) => {
      const actions = service!.codeActions(d, clampRange(doc, p.range), Array.isArray(p.context?.diagnostics) ? p.context.diagnostics : []);
      // Source actions (fix all) only when asked for by kind: menus that list every action
      // (Neovim's) would otherwise offer "fix all" on every line.
      const only = Array.isArray(p.context?.only) ? p.context.only.filter((k): k is string => typeof k === 'string') : undefined;
      const wanted = (kind = '') => (only ? only.some((o) => kind === o || kind.startsWith(`${o}.`)) : !kind.startsWith('source'));
      return actions.filter((a) => wanted(a.kind));
    }));
  connection.onDefinition((p, token) =>
    feature('definition', p.textDocument?.uri, token, [], (d, doc) => service!.definition(d, clampPosition(doc, p.position))));
  connection.onDocumentSymbol((p, token) =>
    feature('documentSymbol', p.textDocument?.uri, token, [], (d) => service!.symbols(d, MAX_SYMBOLS)));
  connection.onDocumentLinks((p, token) => feature('documentLink', p.textDocument?.uri, token, [], (d) => service!.links(d)));
  connection.languages.inlayHint.on((p, token) =>
    feature('inlayHint', p.textDocument?.uri, token, [], (d, doc) => service!.inlayHints(d, clampRange(doc, p.range)).slice(0, MAX_INLAY_HINTS)));
  connection.onExecuteCommand(async (p, token) => {
    if (shutDown) return refused();
    const [uri, cap, at] = (Array.isArray(p.arguments) ? p.arguments : []) as [unknown, unknown, unknown];
    const line = typeof at === 'number' && Number.isSafeInteger(at) && at >= 0 ? at : undefined;
    switch (p.command) {
      case 'ctconf.effectiveConfiguration':
        return feature('effectiveConfiguration', uri, token, null, (d) => service!.effectiveConfiguration(d) ?? null);
      case 'ctconf.droppedCapabilities':
        // With `{ details: true }`: risk, summary and where each is dropped, for the client's picker.
        if ((cap as { details?: unknown } | undefined)?.details === true) {
          return feature('droppedCapabilities', uri, token, [], (d) => service!.droppedCapabilityOrigins(d).map((o) => capabilityDetails(o)));
        }
        return feature('droppedCapabilities', uri, token, [], (d) => service!.droppedCapabilities(d));
      case 'ctconf.allowCapability': {
        const fix = typeof cap === 'string' ? await feature('allowCapability', uri, token, undefined, (d) => service!.allowCapability(d, cap, line)) : undefined;
        if (!fix) return { applied: false };
        if (fix instanceof ResponseError) return fix;
        const r = await connection.workspace.applyEdit({ label: fix.title, edit: fix.edit });
        return { applied: r.applied, title: fix.title };
      }
    }
    return null;
  });
  connection.onFoldingRanges((p, token) => feature('foldingRange', p.textDocument?.uri, token, [], (d) => service!.folding(d)));

  // TextDocuments reports an open as onDidOpen followed by onDidChangeContent; validate once.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    validate(e.document);
    othersChanged(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return;
    schedule(e.document);
    othersChanged(e.document.uri);
  });
  documents.onDidClose((e) => {
    cancel(e.document.uri);
    pacing.delete(e.document.uri);
    service?.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    othersChanged(e.document.uri);
  });

  /**
   * Documents whose checks read other documents (an unprivileged container against an open
   * /etc/subuid, say) are checked again once the set of documents or their texts have been
   * quiet for OTHERS_MS: a fix applied to /etc/subuid clears the container's warning.
   */
  let othersTimer: ReturnType<typeof setTimeout> | undefined;
  function othersChanged(changed: string): void {
    if (othersTimer) clearTimeout(othersTimer);
    othersTimer = setTimeout(() => {
      othersTimer = undefined;
      if (shutDown) return;
      for (const d of documents.all()) if (d.uri !== changed && service?.readsOthers({ languageId: languageOf(d) })) schedule(d);
    }, OTHERS_MS);
  }

  documents.listen(connection);
  connection.listen();
}
