/** The diagnostic shape the validators produce before settings apply severities. */
import type { Range } from 'vscode-languageserver-types';
import type { CodeWithData, FixData, RuleCode } from './rules';

interface FindingBase<C extends RuleCode> {
  code: C;
  message: string;
  range: Range;
  /** Related places; `uri` defaults to the document itself. */
  related?: { uri?: string; range: Range; message: string }[];
  /** Marks text that has no effect (rendered faded by editors). */
  unnecessary?: boolean;
}

/** A finding of one code: fix data only where the catalogue declares it, of the declared type. */
export type FindingOf<C extends RuleCode> = FindingBase<C> & (C extends CodeWithData ? { data?: FixData[C] } : { data?: never });

/** A finding of any code (a union discriminated by `code`). */
export type Finding = { [C in RuleCode]: FindingOf<C> }[RuleCode];

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}
