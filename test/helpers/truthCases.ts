/**
 * Shared plumbing of the generated differential suites: writing cases to disk, classifying
 * agreement between a real parser and ctconf, and printing the figures.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ExtraFile, GeneratedCase } from '../generators/common';

/** Writes a case into `dir` (created): the main file as `main`, extra files beside it. Returns the main path. */
export function writeCase(dir: string, c: GeneratedCase, main: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const sub = (s: string) => s.split('@D@').join(dir);
  for (const [rel, content] of Object.entries(c.files ?? {}) as Array<[string, ExtraFile]>) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(p, sub(content));
    else if ('symlink' in content) fs.symlinkSync(content.symlink, p);
    else fs.mkdirSync(p, { recursive: true });
  }
  const file = path.join(dir, main);
  fs.writeFileSync(file, sub(c.text));
  return file;
}

export type Outcome = 'agree' | 'false-alarm' | 'miss-silent' | 'miss-warned';

/** ctconf error ⇔ real parser refuses; warnings never count as a refusal. */
export function classify(refused: boolean, diags: Diagnostic[]): Outcome {
  const error = diags.some((d) => d.severity === DiagnosticSeverity.Error);
  if (error === refused) return 'agree';
  if (error) return 'false-alarm';
  return diags.some((d) => d.severity === DiagnosticSeverity.Warning) ? 'miss-warned' : 'miss-silent';
}

export interface Row {
  c: GeneratedCase;
  outcome: Outcome;
  /** The real parser refused the file. */
  refused: boolean;
  /** What the real parser said (first error line), for disagreements. */
  oracle: string;
  /** ctconf's codes (errors first). */
  ours: string;
}

export function codes(diags: Diagnostic[]): string {
  const sev = (d: Diagnostic) => (d.severity === DiagnosticSeverity.Error ? 'E' : d.severity === DiagnosticSeverity.Warning ? 'W' : 'I');
  return diags.map((d) => `${sev(d)}:${String(d.code)}`).join(',') || 'nothing';
}

/** One short, terminal-safe line per disagreement. */
function short(s: string, n = 140): string {
  const flat = JSON.stringify(s.length > n ? `${s.slice(0, n)}…` : s);
  return flat.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

export interface Figures {
  total: number;
  refused: number;
  agree: number;
  falseAlarms: number;
  misses: number;
  missesWarned: number;
  agreement: number;
}

/** Prints the figures and every disagreement, returns the figures. */
export function report(label: string, rows: Row[]): Figures {
  const f: Figures = { total: rows.length, refused: 0, agree: 0, falseAlarms: 0, misses: 0, missesWarned: 0, agreement: 0 };
  for (const r of rows) {
    if (r.refused) f.refused++;
    if (r.outcome === 'agree') f.agree++;
    else if (r.outcome === 'false-alarm') f.falseAlarms++;
    else {
      f.misses++;
      if (r.outcome === 'miss-warned') f.missesWarned++;
    }
  }
  f.agreement = rows.length ? (100 * f.agree) / rows.length : 100;
  for (const r of rows) {
    if (r.outcome === 'agree') continue;
    const what = r.outcome === 'false-alarm' ? 'FALSE ALARM' : r.outcome === 'miss-warned' ? 'MISS (warned only)' : 'MISS';
    const inc = Object.values(r.c.files ?? {}).find((v): v is string => typeof v === 'string');
    console.log(`${what} ${short(r.c.id, 90)}: ${short(r.c.text)}${inc !== undefined ? ` (included: ${short(inc, 100)})` : ''} oracle: ${short(r.oracle, 120)} ctconf: ${r.ours}`);
  }
  console.log(`${label}: ${f.total} generated cases (${f.refused} refused by the real parser), agreement ${f.agreement.toFixed(2)} % (${f.agree}/${f.total}), ` +
    `${f.falseAlarms} false alarms, ${f.misses} misses (${f.missesWarned} of them warned)`);
  if (process.env.TRUTH_REPORT) fs.writeFileSync(process.env.TRUTH_REPORT, JSON.stringify(rows.filter((r) => r.outcome !== 'agree'), null, 1));
  return f;
}

/**
 * The floors a default run must hold (a narrowed or re-seeded run only reports): the set mixes
 * accepted and refused files, and agreement, false alarms and misses are no worse than `floor`.
 */
export function assertFloor(f: Figures, cases: number, floor: { agreement: number; falseAlarms: number; misses: number }): void {
  assert.ok(f.refused > cases / 5 && f.refused < (cases * 4) / 5, `the generated set should mix accepted and refused files (${f.refused} refused)`);
  assert.ok(f.agreement >= floor.agreement, `agreement ${f.agreement.toFixed(2)} % fell below the floor ${floor.agreement} %`);
  assert.ok(f.falseAlarms <= floor.falseAlarms, `${f.falseAlarms} false alarms (floor: at most ${floor.falseAlarms})`);
  assert.ok(f.misses <= floor.misses, `${f.misses} misses (floor: at most ${floor.misses})`);
}
