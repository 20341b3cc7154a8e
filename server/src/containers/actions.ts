/**
 * Quick fixes for containers.conf. Each edit changes only what it names: a key name keeps
 * its quotes, a string value keeps its quoting (`'…'`, `"""…"""`), everything else stays byte
 * for byte.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { offsetAt, positionAt, type KeyPart, type TomlDocument, type TomlValue } from './toml';
import { resolvePath } from './resolve';
import { contentSpan, keyAt, rng, stringAt, within, type StringValue } from './cursor';
import { respell, spellingStyle } from './capabilityList';
import { moveToTable } from './move';
import { findCapability } from '../capabilities/table';
import { quickFix, suggestionOf } from '../util/actions';
import { fixData } from '../rules';

/** Deletes an array element with its comma, or its whole line when it stands alone there. */
export function removeElementEdit(doc: TomlDocument, arr: Extract<TomlValue, { type: 'array' }>, index: number): TextEdit {
  const item = arr.items[index];
  const t = doc.text;
  let end = item.end;
  let j = end;
  while (t[j] === ' ' || t[j] === '\t') j++;
  const comma = t[j] === ',';
  if (comma) end = j + 1;
  const ls = doc.lineStarts[positionAt(doc, item.start).line];
  const onlyBefore = /^[ \t]*$/.test(t.slice(ls, item.start));
  let k = end;
  while (t[k] === ' ' || t[k] === '\t') k++;
  const restIsEol = t[k] === '\n' || t[k] === '\r' || k >= t.length;
  if (onlyBefore && restIsEol) {
    // The whole line: the element, its comma and the line break (a last element without a
    // trailing comma may leave the previous element's comma, which TOML allows).
    let lineEnd = k;
    if (t[lineEnd] === '\r') lineEnd++;
    if (t[lineEnd] === '\n') lineEnd++;
    return { range: rng(doc, ls, lineEnd), newText: '' };
  }
  if (!comma && index > 0) {
    // Last element on a shared line: remove the comma before it instead.
    let p = item.start;
    while (p > 0 && /[ \t]/.test(t[p - 1])) p--;
    if (t[p - 1] === ',') return { range: rng(doc, p - 1, item.end), newText: '' };
  }
  while (end < t.length && (t[end] === ' ' || t[end] === '\t') && !restIsEol) end++;
  return { range: rng(doc, item.start, end), newText: '' };
}

/** Replaces the characters of the string a diagnostic covers, keeping its quotes; `"text"` if it covers no string. */
function replaceString(doc: TomlDocument, range: Range, text: string): TextEdit {
  const v = stringAt(doc, offsetAt(doc, range.start), offsetAt(doc, range.end));
  if (!v) return { range, newText: `"${text}"` };
  const span = contentSpan(doc, v);
  return { range: rng(doc, span.start, span.end), newText: text };
}

/** Replaces a key part's name, inside its quotes when it is quoted. */
function renamePart(doc: TomlDocument, part: KeyPart, name: string): TextEdit {
  return part.quoted ? { range: rng(doc, part.start + 1, part.end - 1), newText: name } : { range: rng(doc, part.start, part.end), newText: name };
}

/**
 * "Change to X" for a key: only the part that is wrong changes (the part the diagnostic
 * covers; for a whole key, its first part when `first`, else its last).
 */
function renameKey(doc: TomlDocument, uri: string, d: Diagnostic, first: boolean, name = suggestionOf(d)): CodeAction | undefined {
  if (!name) return undefined;
  const key = keyAt(doc, offsetAt(doc, d.range.start), offsetAt(doc, d.range.end));
  const part = key && key.parts[key.part ?? (first ? 0 : key.parts.length - 1)];
  return quickFix(`Change to ${name}`, uri, [part ? renamePart(doc, part, name) : { range: d.range, newText: name }], [d], true);
}

/** "Write containers" for `[Containers]`: every part whose case differs from Podman's spelling. */
function fixCase(doc: TomlDocument, uri: string, d: Diagnostic): CodeAction | undefined {
  const s = suggestionOf(d);
  const key = keyAt(doc, offsetAt(doc, d.range.start), offsetAt(doc, d.range.end));
  if (!s || !key) return undefined;
  const r = resolvePath(key.path);
  if (!('canonical' in r)) return undefined;
  const canonical = r.canonical.slice(r.canonical.length - key.parts.length);
  const edits = key.parts.flatMap((p, i) => (canonical[i] !== undefined && canonical[i] !== p.name && canonical[i].toLowerCase() === p.name.toLowerCase() ? [renamePart(doc, p, canonical[i])] : []));
  if (!edits.length) return undefined;
  return quickFix(`Change to ${s}`, uri, edits, [d], true);
}

export function ccCodeActions(doc: TomlDocument, uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const push = (a: CodeAction | undefined) => a && out.push(a);
  for (const d of diagnostics) {
    if (d.source !== 'ctconf' || typeof d.code !== 'string' || !d.code.startsWith('containers/')) continue;
    switch (d.code) {
      case 'containers/unknown-table':
        push(renameKey(doc, uri, d, true));
        break;
      case 'containers/unknown-key':
      case 'containers/misspelled-key':
        push(renameKey(doc, uri, d, false));
        break;
      case 'containers/key-case':
        push(fixCase(doc, uri, d));
        break;
      case 'containers/runtime-value':
      case 'containers/unknown-value':
      case 'containers/unknown-capability': {
        const s = suggestionOf(d);
        if (s) push(quickFix(`Change to "${s}"`, uri, [replaceString(doc, d.range, s)], [d], true));
        break;
      }
      case 'containers/capability-spelling': {
        const rep = fixData(d, 'containers/capability-spelling')?.replacement;
        if (rep) push(quickFix(`Write "${rep}"`, uri, [replaceString(doc, d.range, rep)], [d]));
        break;
      }
      case 'containers/removed-key': {
        const rep = fixData(d, 'containers/removed-key')?.replacement;
        // `[libpod]` → `[engine]` renames the table (the first part); a renamed key is the last part.
        if (rep && /^[\w-]+$/.test(rep)) push(renameKey(doc, uri, d, rep === 'engine', rep));
        break;
      }
      case 'containers/wrong-table':
        push(moveToTable(doc, uri, d));
        break;
    }
  }
  capabilityListActions(doc, uri, range, diagnostics, out);
  return out;
}

/** Edits of the capability list at the cursor: remove a name, write every name alike. */
function capabilityListActions(doc: TomlDocument, uri: string, range: Range, diagnostics: Diagnostic[], out: CodeAction[]): void {
  const offset = offsetAt(doc, range.start);
  const caps = doc.entries.find((e) => within(offset, e.kv.value) && resolvePath(e.path).type === 'key' && e.path.join('.').toLowerCase() === 'containers.default_capabilities');
  if (!caps || caps.kv.value.type !== 'array') return;
  const arr = caps.kv.value;
  const idx = arr.items.findIndex((i) => within(offset, i));
  const item = arr.items[idx];
  if (item?.type !== 'string') return;
  const dup = diagnostics.find((d) => d.code === 'containers/duplicate-capability');
  out.push(quickFix(`Remove ${item.value} from default_capabilities`, uri, [removeElementEdit(doc, arr, idx)], dup ? [dup] : undefined, !!dup));
  if (!findCapability(item.value)) return;
  const strings = arr.items.filter((i): i is StringValue => i.type === 'string' && !!findCapability(i.value));
  if (new Set(strings.map((s) => spellingStyle(s.value))).size < 2) return;
  const style = spellingStyle(item.value);
  const edits = strings.filter((s) => spellingStyle(s.value) !== style).map((s) => {
    const span = contentSpan(doc, s);
    return { range: rng(doc, span.start, span.end), newText: respell(findCapability(s.value)!.name, style) };
  });
  out.push({ title: `Write every capability like "${item.value}"`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
}
