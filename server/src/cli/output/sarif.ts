/**
 * SARIF 2.1.0 output (`--format sarif`), for GitHub code scanning and other SARIF viewers:
 * every rule of the catalogue with its summary and the help text of its RULES.md section,
 * results with 1-based non-empty regions, URIs relative to `%SRCROOT%` (the working
 * directory) and partialFingerprints that survive lines added above a finding.
 */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { RULES, ruleAnchor, type Severity } from '../../rules';
import { RULES_URL } from '../../service';
import { ruleHelp } from '../ruleHelp';
import { artifactUri, fingerprints, messageText, type FileReport, type Formatter, type Write } from './format';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const levelOf = (d: Diagnostic) =>
  d.severity === DiagnosticSeverity.Warning ? 'warning' : d.severity === DiagnosticSeverity.Information || d.severity === DiagnosticSeverity.Hint ? 'note' : 'error';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/ctconf/ctconf';

/** LSP's 0-based half-open range as a SARIF region: 1-based, never empty. */
export function region(d: Diagnostic): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const r = {
    startLine: d.range.start.line + 1,
    startColumn: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
  if (r.endLine < r.startLine || (r.endLine === r.startLine && r.endColumn <= r.startColumn)) {
    r.endLine = r.startLine;
    r.endColumn = r.startColumn + 1;
  }
  return r;
}

export function sarifFormatter(write: Write, cwd: string, version: string): Formatter {
  const index = new Map(RULES.map((r, i) => [r.code as string, i]));
  const help = ruleHelp();
  const results: unknown[] = [];
  return {
    file(r: FileReport) {
      const prints = fingerprints(r);
      const loc = artifactUri(r.path, cwd);
      const artifactLocation = loc.relative ? { uri: loc.uri, uriBaseId: '%SRCROOT%' } : { uri: loc.uri };
      r.diagnostics.forEach((d, i) => {
        const ruleId = String(d.code ?? 'ctconf/internal-error');
        const ruleIndex = index.get(ruleId);
        results.push({
          ruleId,
          ...(ruleIndex === undefined ? {} : { ruleIndex }),
          level: levelOf(d),
          message: { text: messageText(d) },
          locations: [{ physicalLocation: { artifactLocation, region: region(d) } }],
          partialFingerprints: { 'ctconfLineHash/v1': prints[i] },
        });
      });
    },
    end() {
      const rules = RULES.map((r) => {
        // A rule RULES.md has no section for yet still gets help: its summary.
        const h = help.get(r.code) ?? { text: r.summary, markdown: r.summary };
        return {
          id: r.code,
          shortDescription: { text: r.summary },
          help: { text: h.text, markdown: h.markdown },
          helpUri: `${RULES_URL}#${ruleAnchor(r.code)}`,
          defaultConfiguration: { level: LEVEL[r.severity] },
        };
      });
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'ctconf', version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
            columnKind: 'utf16CodeUnits',
            results,
          },
        ],
      };
      write(`${JSON.stringify(log, null, 2)}\n`);
    },
  };
}
