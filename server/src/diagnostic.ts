/** The diagnostic shape the validators produce before settings apply severities. */
import type { Range } from 'vscode-languageserver-types';

export interface Finding {
  code: string;
  message: string;
  range: Range;
  /** Machine-readable details for quick fixes (replacement text, suggestion …). */
  data?: Record<string, unknown>;
  /** Related places; `uri` defaults to the document itself. */
  related?: { uri?: string; range: Range; message: string }[];
  /** Marks text that has no effect (rendered faded by editors). */
  unnecessary?: boolean;
}

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}
