/**
 * Command-line arguments of `ctconf`, parsed with node:util's parseArgs, and checked: every
 * value the CLI cannot use is a usage error (exit 2) that says what it accepts.
 */
import { parseArgs } from 'node:util';
import { isRuleCode, type SeveritySetting } from '../rules';
import { normalizeSettings, type CtconfSettings } from '../settings';
import { LANGUAGE_IDS, isLanguageId, type LanguageId } from '../languages';
import { checkPodmanVersion } from './versions';
import { escapeTerminal } from '../util/markdown';

/** A value from the command line inside a message: quoted, control characters shown as escapes. */
export const q = (v: string): string => `"${escapeTerminal(v)}"`;

export const FORMATS = ['text', 'json', 'sarif', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export const MAIN_USAGE = `usage: ctconf <command> [options]

Checks LXC container configs and Podman's containers.conf files.

commands:
  check PATH...      check files and directories (ctconf check --help)
  help [check]       show this help or the help of a command

options:
  -h, --help         show this help
  --version          show ctconf's version`;

export const CHECK_USAGE = `usage: ctconf check [options] PATH...

Checks the files given and, in each directory given, every file whose path or first
line looks like an LXC config or a containers.conf (the editor's rules). - reads stdin.

options:
  --format FORMAT           text (default), json, sarif (SARIF 2.1.0) or gitlab (code quality)
  --language ID             check every file as that language (needed for -):
                            ${LANGUAGE_IDS.join(', ')}
  --lxc-version V           auto (default), 4.0, 5.0, 6.0 or 7.0
  --podman-version V        auto (default) or a Podman release such as 4.3 or 5.0.2
  --config FILE             settings file (default: the nearest .ctconf.json above the
                            working directory)
  --rule CODE=SEVERITY      error, warning, information, hint or off; repeatable
  --exclude GLOB            skip files and directories matching GLOB (relative to the
                            working directory; a GLOB without / matches names); repeatable.
                            .git, node_modules and rootfs directories are always skipped
                            inside a directory walk
  --max-warnings N          exit 1 when there are more than N warnings
  -q, --quiet               report errors only
  -h, --help                show this help
  --version                 show ctconf's version

exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings),
             2 usage error or unreadable file`;

export class UsageError extends Error {}

export interface CheckOptions {
  format: Format;
  language?: LanguageId;
  lxcVersion?: CtconfSettings['lxc']['version'];
  podmanVersion?: string;
  config?: string;
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  maxWarnings?: number;
  quiet: boolean;
  paths: string[];
}

export type Command =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions };

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

/** parseArgs throws TypeErrors with codes; they become usage errors with its message. */
function parse<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError(escapeTerminal((e as Error).message));
    throw e;
  }
}

export function parseCommand(argv: readonly string[]): Command {
  if (argv[0] === 'check') return parseCheck(argv.slice(1));
  const { values, positionals } = parse(() =>
    parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } } }),
  );
  if (values.version) return { kind: 'version' };
  if (values.help) return { kind: 'help', text: MAIN_USAGE };
  if (positionals[0] === 'help') {
    if (positionals[1] === 'check') return { kind: 'help', text: CHECK_USAGE };
    if (positionals.length === 1) return { kind: 'help', text: MAIN_USAGE };
  }
  if (positionals.length === 0) throw new UsageError(`no command given\n${MAIN_USAGE}`);
  throw new UsageError(`unknown command ${q(positionals.join(' '))}\n${MAIN_USAGE}`);
}

function parseCheck(argv: readonly string[]): Command {
  const { values, positionals } = parse(() =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        language: { type: 'string' },
        'lxc-version': { type: 'string' },
        'podman-version': { type: 'string' },
        config: { type: 'string' },
        rule: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    }),
  );
  if (values.help) return { kind: 'help', text: CHECK_USAGE };
  if (values.version) return { kind: 'version' };
  const o: CheckOptions = { format: 'text', rules: {}, exclude: values.exclude ?? [], quiet: values.quiet ?? false, paths: positionals };
  if (values.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${q(values.format)}`);
    o.format = values.format as Format;
  }
  if (values.language !== undefined) {
    if (!isLanguageId(values.language)) throw new UsageError(`--language must be one of ${LANGUAGE_IDS.join(', ')}, not ${q(values.language)}`);
    o.language = values.language;
  }
  const lxc = values['lxc-version'];
  if (lxc !== undefined) {
    // The settings' own check, so the list of LXC branches is typed once.
    const { settings, problems } = normalizeSettings({ lxc: { version: lxc } });
    if (problems.length > 0) throw new UsageError(`--lxc-version: ${escapeTerminal(problems[0].replace(/^ctconf\.lxc\.version: /, ''))}`);
    o.lxcVersion = settings.lxc.version;
  }
  const podman = values['podman-version'];
  if (podman !== undefined) {
    const problem = checkPodmanVersion(podman);
    if (problem) throw new UsageError(`--podman-version: ${problem}`);
    o.podmanVersion = podman;
  }
  o.config = values.config;
  for (const v of values.rule ?? []) {
    const eq = v.lastIndexOf('=');
    const code = v.slice(0, eq);
    const sev = v.slice(eq + 1);
    if (eq <= 0 || !isRuleCode(code)) throw new UsageError(`--rule needs CODE=SEVERITY with a code listed in RULES.md, not ${q(v)}`);
    if (!SEVERITIES.includes(sev)) throw new UsageError(`--rule severity must be one of ${SEVERITIES.join(', ')}, not ${q(sev)}`);
    o.rules[code] = sev as SeveritySetting;
  }
  const mw = values['max-warnings'];
  if (mw !== undefined) {
    if (!/^\d{1,9}$/.test(mw)) throw new UsageError(`--max-warnings needs a whole number of 0 or more, not ${q(mw)}`);
    o.maxWarnings = Number(mw);
  }
  if (o.paths.length === 0) throw new UsageError('no files to check (ctconf check --help)');
  if (o.paths.includes('-') && !o.language) throw new UsageError('reading stdin (-) needs --language (lxc, containers-conf …)');
  return { kind: 'check', options: o };
}
