/** Runs a key's value check (values.ts) and reports its issues, with LXC's lack of inline comments in mind. */
import type { LxcKey } from '../keys';
import type { LxcLine } from '../parser';
import { checkValue, type ValueIssue } from '../values';
import type { Finding } from '../../diagnostic';
import type { CheckState } from './state';

/** A ` #` in an unquoted value: where a reader would expect a comment to start. */
export function inlineHash(l: LxcLine): RegExpExecArray | null {
  return l.quoted || l.value.indexOf('#') === -1 ? null : /[ \t]#/.exec(l.value);
}

const refused = (list: ValueIssue[]): boolean => list.some((i) => i.code === 'lxc/invalid-value' || i.code === 'lxc/env-unset');

/** Checks the value of `l` and reports what is wrong; returns the issues of the value as LXC reads it. */
export function valueIssues(s: CheckState, l: LxcLine, k: LxcKey): ValueIssue[] {
  const ctx = s.valueCtx;
  ctx.key = l.key;
  const issues = checkValue(k, l.value, ctx);
  const hash = inlineHash(l);
  if (hash) {
    const before = l.value.slice(0, hash.index).replace(/[ \t]+$/, '');
    const hashCol = l.valueStart + hash.index + 1;
    const cleanIssues = before === '' ? [] : checkValue(k, before, ctx);
    const commentRange = s.at(l, hashCol, l.valueEnd);
    if (refused(issues) && !refused(cleanIssues)) {
      s.out.push({
        code: 'lxc/invalid-value',
        message: `LXC has no inline comments: \`${l.value.slice(hash.index + 1)}\` is read as part of the value, and LXC refuses the result. Move the comment to its own line.`,
        range: commentRange,
        data: { inlineComment: true },
      });
      return issues;
    }
    s.out.push({
      code: 'lxc/inline-comment',
      message: `LXC has no inline comments: \`${l.value.slice(hash.index + 1)}\` becomes part of the value of ${l.key}. Move the comment to its own line.`,
      range: commentRange,
      data: { inlineComment: true },
    });
    // What else is wrong is judged on the value without the comment (the comment is reported above).
    for (const i of cleanIssues) s.out.push({ code: i.code, message: i.message, range: s.at(l, l.valueStart + i.start, l.valueStart + i.end) });
    return issues;
  }
  for (let j = 0; j < issues.length; j++) {
    const i = issues[j];
    const f: Finding = { code: i.code, message: i.message, range: s.at(l, l.valueStart + i.start, l.valueStart + i.end) };
    s.out.push(f);
    if (i.stateDependent) s.stateDependent.add(f);
  }
  return issues;
}
