/** What every output format receives: one report per checked file, then the end of the run. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { LanguageId } from '../../languages';
import type { Hash } from 'node:crypto';

/** A SHA-256 hash (fingerprints of SARIF and GitLab output); node:crypto is loaded only for those formats. */
export const sha256 = (): Hash => (require('node:crypto') as typeof import('node:crypto')).createHash('sha256');

export interface FileReport {
  /** As shown: the argument, or the argument joined with names found below it; `-` for stdin. */
  path: string;
  language: LanguageId;
  text: string;
  diagnostics: Diagnostic[];
}

export interface Formatter {
  file(report: FileReport): void;
  end(): void;
}

export type Write = (s: string) => void;

export const SEVERITY_NAME: Record<number, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export const severityName = (d: Diagnostic) => SEVERITY_NAME[d.severity ?? DiagnosticSeverity.Error] ?? 'error';

/**
 * A file's location for CI tools: a URI relative to the working directory (SARIF's
 * `%SRCROOT%`) when the file is below it, otherwise an absolute file URI.
 */
export function artifactUri(file: string, cwd: string): { uri: string; relative: boolean } {
  if (file === '-') return { uri: 'stdin', relative: false };
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), relative: true };
  return { uri: pathToFileURL(abs).href, relative: false };
}

/**
 * Stable identities of a file's findings for tools that track them across commits (SARIF
 * partialFingerprints, GitLab fingerprints): the rule, the text of the line (trimmed) and how
 * many findings of that rule on an identical line came before. Line numbers are left out, so
 * a finding keeps its identity when lines are added above it.
 */
export function fingerprints(report: FileReport): string[] {
  const starts: number[] = [0];
  if (report.diagnostics.length > 0) for (let i = report.text.indexOf('\n'); i !== -1; i = report.text.indexOf('\n', i + 1)) starts.push(i + 1);
  const seen = new Map<string, number>();
  return report.diagnostics.map((d) => {
    const line = d.range.start.line;
    const text = line < starts.length ? report.text.slice(starts[line], line + 1 < starts.length ? starts[line + 1] : undefined).trim() : '';
    const key = `${String(d.code)}\u0000${text}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return sha256().update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}

/** A diagnostic's message as plain text (LSP 3.18 allows Markdown content there). */
export const messageText = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
