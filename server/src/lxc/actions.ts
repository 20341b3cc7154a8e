/**
 * Quick fixes for LXC configs. Each CodeAction carries its WorkspaceEdit and changes only
 * what its title names: comments, blank lines and every other byte stay as they were.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { LxcDocument, LxcLine } from './parser';
import { legacyKey, netSubReplacement } from './legacy';
import { resolveKey } from './resolve';
import { quickFix, replaceWithSuggestion } from '../util/actions';
import { fixData } from '../rules';
import { range, type Finding } from '../diagnostic';
import { eolOf } from '../util/strings';
import { appendAll, maxOf } from '../util/arrays';

const BACKEND_PREFIX = /^(dir|btrfs|zfs|lvm|loop|nbd|overlay|overlayfs|aufs|rbd):/;

export interface LegacyEdit {
  line: number;
  edits: TextEdit[];
  title: string;
}

/** The whole line including its line break (or the preceding one for the last line). */
function lineDeletion(doc: LxcDocument, line: number): Range {
  if (line + 1 < doc.lineCount) return range(line, 0, 0, line + 1);
  if (line === 0) return range(0, 0, doc.lineText(0).length);
  return { start: { line: line - 1, character: doc.lineText(line - 1).length }, end: { line, character: doc.lineText(line).length } };
}

/**
 * How every LXC 2.x line of the file becomes valid for LXC 3.0 and later. Unlike
 * lxc-update-config it numbers networks from each `lxc.network.type`, keeps the
 * `.address` suffix for indexed ipv4/ipv6 keys, renames lxc.limit.* and takes the rootfs
 * backend from lxc.rootfs.backend.
 */
export function migrateLegacy(doc: LxcDocument): LegacyEdit[] {
  const out: LegacyEdit[] = [];
  let backend: string | undefined;
  const explicit: number[] = [];
  for (const e of doc.entries) {
    if (e.key === 'lxc.rootfs.backend' && e.value) backend = e.value;
    const m = /^lxc\.(?:net|network)\.([0-9]+)\./.exec(e.key);
    if (m) explicit.push(Number(m[1]));
  }
  const base = maxOf(explicit, -1) + 1;
  let nextNic = base;
  let current = base;
  for (const e of doc.entries) {
    const legacy = legacyKey(e.key);
    if (!legacy) continue;
    const keyRange = range(e.line, e.keyStart, e.keyEnd);
    const un = /^lxc\.network\.([a-z].*)$/.exec(e.key);
    if (un) {
      if (un[1] === 'type') current = nextNic++;
      const newKey = `lxc.net.${current}.${netSubReplacement(un[1])}`;
      out.push({ line: e.line, edits: [{ range: keyRange, newText: newKey }], title: `Replace ${e.key} with ${newKey}` });
      continue;
    }
    if (e.key === 'lxc.rootfs') {
      const edits: TextEdit[] = [{ range: keyRange, newText: 'lxc.rootfs.path' }];
      if (backend && e.value && !BACKEND_PREFIX.test(e.value)) edits.push({ range: range(e.line, e.valueStart, e.valueStart), newText: `${backend}:` });
      out.push({ line: e.line, edits, title: backend ? `Replace lxc.rootfs with lxc.rootfs.path (${backend} storage)` : 'Replace lxc.rootfs with lxc.rootfs.path' });
      continue;
    }
    if (!legacy.replacement) {
      const text = doc.lineText(e.line);
      const note = `# ${text.slice(e.keyStart, e.end).trimEnd()}  (ctconf: LXC 3.0 removed ${e.key}${e.key === 'lxc.rootfs.backend' ? '; the storage type is now the prefix of lxc.rootfs.path' : ''})`;
      out.push({ line: e.line, edits: [{ range: range(e.line, e.keyStart, e.end), newText: note }], title: `Comment out ${e.key} (no longer exists)` });
      continue;
    }
    out.push({ line: e.line, edits: [{ range: keyRange, newText: legacy.replacement }], title: `Replace ${e.key} with ${legacy.replacement}` });
  }
  return out;
}

const action = quickFix;

export function lxcCodeActions(doc: LxcDocument, uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const eol = eolOf(doc.text);
  let legacy: LegacyEdit[] | undefined;
  const entryAt = (line: number): LxcLine | undefined => {
    const l = doc.lineAt(line);
    return l && (l.kind === 'entry' || l.kind === 'malformed') ? l : undefined;
  };
  for (const d of diagnostics) {
    if (d.source !== 'ctconf') continue;
    const line = d.range.start.line;
    // Diagnostics come back from the client: only lines of this document are fixed.
    if (!Number.isSafeInteger(line) || line < 0 || line >= doc.lineCount) continue;
    const l = entryAt(line);
    switch (d.code) {
      case 'lxc/legacy-key': {
        legacy ??= migrateLegacy(doc);
        const fix = legacy.find((x) => x.line === line);
        if (fix) out.push(action(fix.title, uri, fix.edits, [d], true));
        break;
      }
      case 'lxc/unknown-key':
      case 'lxc/unknown-prlimit':
      case 'lxc/system-config-key':
      case 'lxc/ignored-line':
      case 'lxc/unknown-capability': {
        const fix = replaceWithSuggestion(d, uri);
        if (fix) out.push(fix);
        break;
      }
      case 'lxc/capability-spelling': {
        const rep = fixData(d, 'lxc/capability-spelling')?.replacement;
        if (rep) out.push(action(`Write ${rep}`, uri, [{ range: d.range, newText: rep }], [d], true));
        break;
      }
      case 'lxc/duplicate-key':
        out.push(action('Remove this line (a later line sets the same key)', uri, [{ range: lineDeletion(doc, line), newText: '' }], [d], true));
        break;
      case 'lxc/net-type-resets': {
        const data = fixData(d, 'lxc/net-type-resets');
        if (!l || !data) break;
        const fix = netTypeFix(doc, l, data.index, data.firstLine, eol);
        if (fix) out.push(action(fix.title, uri, fix.edits, [d], true));
        break;
      }
      case 'lxc/net-type-required': {
        const data = fixData(d, 'lxc/net-type-required');
        if (l && data && data.type && Number.isSafeInteger(data.index) && data.index >= 0 && !data.typed) {
          const indent = doc.lineText(line).slice(0, l.keyStart);
          out.push(action(`Insert lxc.net.${data.index}.type = ${data.type} above`, uri, [{ range: range(line, 0, 0), newText: `${indent}lxc.net.${data.index}.type = ${data.type}${eol}` }], [d]));
        }
        break;
      }
      case 'lxc/cap-mode-conflict':
        // On a keep line the preferred fix ("Allow X in this container") comes from the
        // analysis (lxc/language.ts); switching modes is offered after it, and says what it does.
        if (l) {
          const keep = l.key === 'lxc.cap.keep';
          const other = keep ? 'lxc.cap.drop' : 'lxc.cap.keep';
          const indent = doc.lineText(line).slice(0, l.keyStart);
          const written = l.value.trim().split(/[ \t]+/).join(' ');
          const names = written.length > 60 ? `${written.slice(0, 60)}…` : written;
          const title = keep
            ? `Switch to keep mode (insert "${other} =" above): the container keeps only ${names} and loses every other capability`
            : `Switch to drop mode (insert "${other} =" above): the container then drops only what is dropped from here on`;
          out.push(action(title, uri, [{ range: range(line, 0, 0), newText: `${indent}${other} =${eol}` }], [d]));
        }
        break;
      case 'lxc/inline-comment':
      case 'lxc/invalid-value':
        if ((fixData(d, 'lxc/inline-comment') ?? fixData(d, 'lxc/invalid-value'))?.inlineComment && l) {
          const fix = moveCommentAbove(doc, uri, l, d, eol);
          if (fix) out.push(fix);
        }
        break;
    }
  }
  // Fix-all actions, offered whenever one of their diagnostics is in the request.
  if (diagnostics.some((d) => d.code === 'lxc/legacy-key')) {
    legacy ??= migrateLegacy(doc);
    if (legacy.length > 1) {
      out.push({
        title: `Fix all legacy keys in this file (${legacy.length})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostics.filter((d) => d.code === 'lxc/legacy-key'),
        edit: { changes: { [uri]: legacy.flatMap((x) => x.edits) } },
      });
    }
  }
  return out;
}

/** The network interface a key belongs to, if it is a network key of an interface. */
function netIndexOf(key: string): { index: number; type: boolean } | undefined {
  const r = resolveKey(key);
  if (r.type === 'net') return { index: r.index, type: r.key.kind === 'net-type' };
  return undefined;
}

/** Whether a key clears interface `index` (`lxc.net.<index> =`, `lxc.net =`). */
function clearsInterface(l: LxcLine, index: number): boolean {
  if (l.value !== '') return false;
  const r = resolveKey(l.key);
  return (r.type === 'net-index' && r.index === index) || (r.type === 'exact' && r.key.clearsInterfaces === true);
}

/**
 * The fix for a type line that resets an interface. When the lines it discards came before
 * any type of that interface, the type line moves above them. When they belong to an
 * interface that was already typed (a file that reuses one number for several interfaces,
 * as LXC's lxc-complex example does), this type line and the keys after it that use the
 * same number get a number of their own instead: moving the line would merge two interfaces.
 */
function netTypeFix(doc: LxcDocument, l: LxcLine, index: number, first: number, eol: string): { title: string; edits: TextEdit[] } | undefined {
  if (!Number.isSafeInteger(index) || index < 0) return undefined;
  let typed = false;
  let highest = -1;
  for (const e of doc.entries) {
    if (e.unseen) continue;
    const n = netIndexOf(e.key);
    if (n) highest = Math.max(highest, n.index);
    else {
      const r = resolveKey(e.key);
      if (r.type === 'net-index') highest = Math.max(highest, r.index);
    }
    if (e.line >= l.line) continue;
    if (clearsInterface(e, index)) typed = false;
    else if (n && n.index === index && n.type) typed = e.value !== '';
  }
  if (!typed) {
    if (!Number.isSafeInteger(first) || first < 0 || first >= l.line) return undefined;
    // Keys discarded now that are set again after the type line would become duplicates of
    // those later lines once the type moves up: then there is no single right move.
    if (lastWinsAroundType(doc, index, first, l.line)) return undefined;
    return {
      title: `Move ${l.key} above the other keys of this interface`,
      edits: [
        { range: range(first, 0, 0), newText: `${doc.lineText(l.line)}${eol}` },
        { range: lineDeletion(doc, l.line), newText: '' },
      ],
    };
  }
  const next = highest + 1;
  if (!Number.isSafeInteger(next)) return undefined;
  const edits: TextEdit[] = [];
  for (const e of doc.entries) {
    if (e.line < l.line || e.unseen) continue;
    if (e.line > l.line && clearsInterface(e, index)) break;
    const n = netIndexOf(e.key);
    if (!n || n.index !== index) continue;
    if (n.type && e.line > l.line) break;
    // The number as written (leading zeros included) is what is replaced.
    const at = e.keyStart + 'lxc.net.'.length;
    const written = /^[0-9]+/.exec(e.key.slice('lxc.net.'.length))?.[0] ?? String(index);
    edits.push({ range: range(e.line, at, at + written.length), newText: String(next) });
  }
  return { title: `Give this interface its own number (lxc.net.${next})`, edits };
}

/** Whether a last-wins key of the interface is set both in [first, typeLine) and after the type line. */
function lastWinsAroundType(doc: LxcDocument, index: number, first: number, typeLine: number): boolean {
  const before = new Set<string>();
  for (const e of doc.entries) {
    if (e.line < first || e.unseen) continue;
    if (e.line > typeLine && clearsInterface(e, index)) break;
    const r = resolveKey(e.key);
    if (r.type !== 'net' || r.index !== index || r.key.multi !== 'last-wins') continue;
    if (r.key.kind === 'net-type') {
      if (e.line > typeLine) break;
      continue;
    }
    if (e.line < typeLine) before.add(e.key);
    else if (before.has(e.key)) return true;
  }
  return false;
}

function moveCommentAbove(doc: LxcDocument, uri: string, l: LxcLine, d: Diagnostic, eol: string): CodeAction | undefined {
  const text = doc.lineText(l.line);
  const hashCol = d.range.start.character;
  if (!Number.isSafeInteger(hashCol) || hashCol <= l.valueStart || hashCol > l.rawEnd || text[hashCol] !== '#') return undefined;
  let cut = hashCol;
  while (cut > l.rawStart && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
  const comment = text.slice(hashCol, l.rawEnd);
  const indent = text.slice(0, l.keyStart);
  return action('Move the comment to its own line above', uri, [
    { range: range(l.line, 0, 0), newText: `${indent}${comment}${eol}` },
    { range: range(l.line, cut, l.rawEnd), newText: '' },
  ], [d], true);
}

/**
 * "Fix all safe problems" as a `source.fixAll` action (the Source Action menu, and on save with
 * `editor.codeActionsOnSave`): every legacy key migrated and every capability spelled as LXC
 * wants. Nothing that needs a choice (a suggestion, a moved line) is part of it.
 */
export function lxcFixAll(doc: LxcDocument, uri: string, findings: readonly Finding[]): CodeAction | undefined {
  const edits: TextEdit[] = [];
  let legacy = 0;
  let spelling = 0;
  if (findings.some((f) => f.code === 'lxc/legacy-key')) {
    for (const x of migrateLegacy(doc)) {
      appendAll(edits, x.edits);
      legacy++;
    }
  }
  for (const f of findings) {
    const rep = f.code === 'lxc/capability-spelling' ? fixData(f, 'lxc/capability-spelling')?.replacement : undefined;
    if (rep && f.range.start.line < doc.lineCount) {
      edits.push({ range: f.range, newText: rep });
      spelling++;
    }
  }
  if (edits.length === 0) return undefined;
  const what = [legacy ? `${legacy} legacy key${legacy === 1 ? '' : 's'}` : '', spelling ? `${spelling} capability spelling${spelling === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  return { title: `Fix all legacy keys and capability spellings (${what})`, kind: CodeActionKind.SourceFixAll, edit: { changes: { [uri]: edits } } };
}
