/**
 * ctconf check: the command-line front door, for CI and terminals.
 *
 *   ctconf check [--format text|json] [--language lxc|containers-conf]
 *                [--lxc-version V] [--podman-version V] [--config FILE]
 *                [--rule CODE=SEVERITY]... PATH... (- reads stdin)
 *
 * Exit status: 0 no errors, 1 an error diagnostic in some file, 2 usage errors or
 * unreadable files (the other files are still checked).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from './service';
import { nodeHost } from './nodeHost';
import { detectLanguage, type LanguageId } from './languages';
import { detectLxcVersion, detectPodmanVersion } from './detect';
import { normalizeSettings, effectiveLxcVersion, type CtconfSettings } from './settings';
import { isLxcVersion, type LxcVersion } from './lxc/version';
import { isRuleCode } from './rules';
import { pathToUri } from './util/uri';
import { decodeText, readRegularFile, readStdin } from './util/read';

const USAGE = `usage: ctconf check [options] PATH...

Checks LXC container configs and containers.conf files.

options:
  --format text|json        output format (default text)
  --language ID             lxc or containers-conf; needed for - (stdin)
  --lxc-version V           auto, 4.0, 5.0, 6.0 or 7.0 (default auto)
  --podman-version V        auto or a release such as 4.3 (default auto)
  --config FILE             settings file (default: nearest .ctconf.json)
  --rule CODE=SEVERITY      error, warning, information, hint or off; repeatable
  -h, --help                show this help
  --version                 show ctconf's version

exit status: 0 no errors, 1 errors found, 2 usage error or unreadable file`;

declare const CTCONF_VERSION: string;

interface Options {
  format: 'text' | 'json';
  language?: LanguageId;
  lxcVersion?: string;
  podmanVersion?: string;
  config?: string;
  rules: Record<string, string>;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const o: Options = { format: 'text', rules: {}, paths: [] };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--format': {
        const v = take();
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not "${v}"`);
        o.format = v;
        break;
      }
      case '--language': {
        const v = take();
        if (v !== 'lxc' && v !== 'containers-conf') throw new UsageError(`--language must be lxc or containers-conf, not "${v}"`);
        o.language = v;
        break;
      }
      case '--lxc-version': {
        const v = take();
        if (v !== 'auto' && !isLxcVersion(v)) throw new UsageError(`--lxc-version must be auto, 4.0, 5.0, 6.0 or 7.0, not "${v}"`);
        o.lxcVersion = v;
        break;
      }
      case '--podman-version':
        o.podmanVersion = take();
        break;
      case '--config':
        o.config = take();
        break;
      case '--rule': {
        const v = take();
        const eq = v.lastIndexOf('=');
        const code = v.slice(0, eq);
        const sev = v.slice(eq + 1);
        if (eq <= 0 || !isRuleCode(code)) throw new UsageError(`--rule needs CODE=SEVERITY with a known code, not "${v}"`);
        if (!['error', 'warning', 'information', 'hint', 'off'].includes(sev)) throw new UsageError(`--rule severity must be error, warning, information, hint or off, not "${sev}"`);
        o.rules[code] = sev;
        break;
      }
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
        o.paths.push(a);
    }
  }
  return o;
}

function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, '.ctconf.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function loadSettings(o: Options, errors: string[]): CtconfSettings {
  let raw: Record<string, unknown> = {};
  const file = o.config ?? findConfig(process.cwd());
  if (file) {
    try {
      const r = readRegularFile(file, 1024 * 1024);
      if (!r.ok) throw new Error(r.message);
      raw = JSON.parse(r.bytes.toString('utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`cannot read settings file ${file}: ${(e as Error).message}`);
    }
  }
  const { settings, problems } = normalizeSettings(raw);
  for (const p of problems) errors.push(`${file}: ${p}`);
  if (o.lxcVersion) settings.lxc.version = o.lxcVersion as CtconfSettings['lxc']['version'];
  if (o.podmanVersion) settings.podman.version = o.podmanVersion;
  Object.assign(settings.rules, o.rules);
  return settings;
}

const SEVERITY_NAME: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function main(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; stdin: () => string }): number {
  if (argv[0] === '--version') {
    io.stdout(`${typeof CTCONF_VERSION === 'string' ? CTCONF_VERSION : 'dev'}\n`);
    return 0;
  }
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] !== 'check') {
    io.stderr(`ctconf: unknown command "${argv[0]}"\n${USAGE}\n`);
    return 2;
  }
  let opts: Options;
  const settingErrors: string[] = [];
  let settings: CtconfSettings;
  try {
    opts = parseArgs(argv.slice(1));
    if (opts.paths.length === 0) throw new UsageError('no files to check');
    if (opts.paths.includes('-') && !opts.language) throw new UsageError('reading stdin (-) needs --language');
    settings = loadSettings(opts, settingErrors);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`ctconf: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let status = 0;
  for (const p of settingErrors) {
    io.stderr(`ctconf: ${p}\n`);
    status = 2;
  }
  const host = nodeHost();
  // Installed releases are asked for only when a file of that language is checked.
  let lxcVersion: LxcVersion | undefined = settings.lxc.version === 'auto' ? undefined : settings.lxc.version;
  let podmanVersion: string | undefined = settings.podman.version === 'auto' ? undefined : settings.podman.version;
  const config = () => ({
    lxcVersion: lxcVersion ?? effectiveLxcVersion(settings.lxc.version, undefined),
    podmanVersion: podmanVersion ?? 'latest',
    rules: settings.rules,
  });
  const service = createLanguageService(host, config());
  const needVersion = (language: LanguageId): void => {
    if (language === 'lxc' && lxcVersion === undefined) {
      lxcVersion = effectiveLxcVersion(settings.lxc.version, detectLxcVersion().version);
      service.configure(config());
    } else if (language === 'containers-conf' && podmanVersion === undefined) {
      podmanVersion = detectPodmanVersion() ?? 'latest';
      service.configure(config());
    }
  };

  const results: { file: string; language: string; diagnostics: unknown[] }[] = [];
  for (const p of opts.paths) {
    let text: string;
    try {
      if (p === '-') text = io.stdin();
      else {
        text = readText(p);
      }
    } catch (e) {
      io.stderr(`ctconf: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      status = 2;
      continue;
    }
    const language = opts.language ?? detectLanguage(path.resolve(p), text);
    if (!language) {
      io.stderr(`ctconf: cannot tell whether ${p} is an LXC config or a containers.conf; pass --language lxc or --language containers-conf\n`);
      status = 2;
      continue;
    }
    const uri = p === '-' ? 'untitled:stdin' : pathToUri(path.resolve(p));
    needVersion(language);
    const diags: Diagnostic[] = service.diagnostics({ uri, languageId: language, version: 1, text });
    service.close(uri);
    if (diags.some((d) => d.severity === DiagnosticSeverity.Error) && status === 0) status = 1;
    if (opts.format === 'json') {
      results.push({
        file: p,
        language,
        diagnostics: diags.map((d) => ({ range: d.range, severity: SEVERITY_NAME[d.severity ?? 1], code: d.code, message: d.message })),
      });
    } else {
      for (const d of diags) {
        io.stdout(`${p}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY_NAME[d.severity ?? 1]} ${d.code} ${d.message}\n`);
      }
    }
  }
  if (opts.format === 'json') io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  return status;
}

function readText(file: string): string {
  const r = readRegularFile(file);
  if (!r.ok) throw new Error(r.message);
  return decodeText(r.bytes);
}

/** The command itself: arguments from the process, output to its streams, then exit. */
export function runCli(): void {
  const code = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: () => {
      const r = readStdin();
      if (!r.ok) throw new Error(r.message);
      return decodeText(r.bytes);
    },
  });
  process.exitCode = code;
  if (process.env.CTCONF_REPORT_RSS === '1') {
    // For npm run bench: peak resident memory of this process, in KiB.
    process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`);
  }
  // Exit as soon as the output is written: a check of a big file leaves a large heap, and
  // tearing it down gracefully costs tens of milliseconds for nothing.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

if (require.main === module) runCli();
