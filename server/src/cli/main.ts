/**
 * ctconf on the command line: `ctconf check PATH...` for CI and terminals.
 *
 * Exit status: 0 no errors, 1 an error (or more warnings than --max-warnings), 2 a usage
 * error, a settings problem or a file that cannot be read (the other files are still checked).
 */
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../service';
import { nodeHost } from '../nodeHost';
import { snapshotHost } from './snapshotHost';
import { detectLanguage, type LanguageId } from '../languages';
import { createDetector } from '../detect';
import { effectiveLxcVersion, type CtconfSettings } from '../settings';
import { pathToUri } from '../util/uri';
import { CLI_INPUT_BYTES, decodeText, readRegularFile, type ReadResult } from '../util/read';
import { escapeTerminal } from '../util/markdown';
import { parseCommand, UsageError, type CheckOptions } from './args';
import { loadSettings } from './config';
import { collectFiles, excluder } from './walk';
import type { Formatter, Write } from './output/format';
import { textFormatter } from './output/text';
import { jsonFormatter } from './output/json';
import { sarifFormatter } from './output/sarif';
import { gitlabFormatter } from './output/gitlab';

declare const CTCONF_VERSION: string;
export const VERSION = typeof CTCONF_VERSION === 'string' ? CTCONF_VERSION : 'dev';

/** A file found by a walk whose path says nothing is read this far to look at its first line. */
const SNIFF_BYTES = 1024 * 1024;

export interface Io {
  stdout: Write;
  stderr: Write;
  stdin: () => ReadResult;
  cwd: string;
  /** stdout is a terminal: print the summary line. */
  tty: boolean;
  /** Colour the severities (a terminal, and NO_COLOR unset). */
  colour: boolean;
}

export function main(argv: readonly string[], io: Io): number {
  let command;
  try {
    command = parseCommand(argv);
    if (command.kind === 'help') {
      io.stdout(`${command.text}\n`);
      return 0;
    }
    if (command.kind === 'version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    return check(command.options, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`ctconf: ${e.message}\n`);
    return 2;
  }
}

function formatter(o: CheckOptions, io: Io): Formatter {
  switch (o.format) {
    case 'json':
      return jsonFormatter(io.stdout);
    case 'sarif':
      return sarifFormatter(io.stdout, io.cwd, VERSION);
    case 'gitlab':
      return gitlabFormatter(io.stdout, io.cwd);
    default:
      return textFormatter(io.stdout, io.colour);
  }
}

function check(o: CheckOptions, io: Io): number {
  const { settings, problems } = loadSettings(o, io.cwd);
  let status = 0;
  const fail = (message: string): void => {
    io.stderr(`ctconf: ${message}\n`);
    status = 2;
  };
  problems.forEach(fail);
  const versions = lazyVersions(settings);
  const host = snapshotHost(nodeHost());
  const service = createLanguageService(host, versions.config());
  const out = formatter(o, io);
  const excluded = excluder(o.exclude, io.cwd);
  const walked = collectFiles(o.paths, excluded, io.cwd);
  walked.problems.forEach((p) => fail(escapeTerminal(p)));
  let files = 0;
  let errors = 0;
  let warnings = 0;
  // First every input is read and its language found, so that checks between files (an
  // unprivileged container against /etc/subuid and lxc-usernet, idmaps shared by containers)
  // see the whole set; then each file is checked.
  const inputs: { path: string; uri: string; language: LanguageId; text: string }[] = [];
  for (const c of walked.files) {
    const abs = c.path === '-' ? '-' : path.resolve(io.cwd, c.path);
    if (c.stat) host.remember(abs, c.stat);
    const byPath = o.language ?? (c.path === '-' ? undefined : detectLanguage(abs));
    const r = c.path === '-' ? io.stdin() : readRegularFile(abs, c.explicit || byPath ? CLI_INPUT_BYTES : SNIFF_BYTES, c.regular);
    if (!r.ok) {
      if (c.explicit || byPath) fail(`cannot read ${escapeTerminal(c.path)}: ${r.message}`);
      continue;
    }
    const text = decodeText(r.bytes);
    const language = byPath ?? detectLanguage(abs, text);
    if (!language) {
      if (c.explicit) fail(`cannot tell which kind of file ${escapeTerminal(c.path)} is; pass --language (lxc, containers-conf …)`);
      continue;
    }
    inputs.push({ path: c.path, uri: c.path === '-' ? 'untitled:stdin' : pathToUri(abs), language, text });
  }
  const all = inputs.map((i) => ({ uri: i.uri, languageId: i.language, version: 1, text: i.text }));
  service.setOthers(() => all);
  // Installed versions are resolved before the first check (configure drops the caches).
  let changed = false;
  for (const language of new Set(inputs.map((i) => i.language))) changed = versions.need(language) || changed;
  if (changed) service.configure(versions.config());
  for (const i of inputs) {
    let diagnostics: Diagnostic[] = service.diagnostics({ uri: i.uri, languageId: i.language, version: 1, text: i.text });
    service.close(i.uri);
    files++;
    for (const d of diagnostics) {
      if (d.severity === DiagnosticSeverity.Error) errors++;
      else if (d.severity === DiagnosticSeverity.Warning) warnings++;
    }
    if (o.quiet) diagnostics = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    out.file({ path: i.path, language: i.language, text: i.text, diagnostics });
  }
  out.end();
  if (errors > 0 && status === 0) status = 1;
  if (o.maxWarnings !== undefined && warnings > o.maxWarnings) {
    io.stderr(`ctconf: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${o.maxWarnings}\n`);
    if (status === 0) status = 1;
  }
  if (files === 0 && status === 0) io.stderr('ctconf: no LXC config or containers.conf found in the paths given\n');
  if (io.tty) {
    const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
    io.stderr(`${n(files, 'file')} checked: ${n(errors, 'error')}, ${n(warnings, 'warning')}\n`);
  }
  return status;
}

/** Languages judged by the target LXC release (their raw lxc.* lines go through the LXC engine). */
const LXC_ENGINE: ReadonlySet<LanguageId> = new Set<LanguageId>(['lxc', 'proxmox-ct', 'incus-yaml']);
/** Languages judged by the target Podman release. */
const PODMAN_FILES: ReadonlySet<LanguageId> = new Set<LanguageId>(['containers-conf', 'containers-storage-conf', 'containers-registries-conf', 'seccomp-json', 'containers-mounts-conf']);

/** Installed releases are asked for only when a file of that language is checked. */
function lazyVersions(settings: CtconfSettings) {
  const detector = createDetector();
  let lxc = settings.lxc.version === 'auto' ? undefined : settings.lxc.version;
  let podman = settings.podman.version === 'auto' ? undefined : settings.podman.version;
  return {
    config: () => ({ lxcVersion: lxc ?? effectiveLxcVersion(settings.lxc.version, undefined), podmanVersion: podman ?? 'latest', rules: settings.rules }),
    /** Resolves `auto` for this language; true when the configuration changed. */
    need(language: LanguageId): boolean {
      if (LXC_ENGINE.has(language) && lxc === undefined) {
        lxc = effectiveLxcVersion(settings.lxc.version, detector.lxc().version);
        return true;
      }
      if (PODMAN_FILES.has(language) && podman === undefined) {
        podman = detector.podman() ?? 'latest';
        return true;
      }
      return false;
    },
  };
}
