/**
 * Text from a document shown in Markdown (hovers, completion documentation). Anything taken
 * from a file is escaped, so a key or value cannot render a link (a `command:` link runs an
 * editor command when clicked), an image (the editor would fetch it), HTML or formatting.
 * Links and commands are only ever written around text ctconf wrote itself.
 */

/** Escapes every character Markdown (CommonMark + GFM) gives a meaning to, and control characters. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[\\`*_{}[\]()<>#+\-.!|~&"':@$%^=]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, ' ');
}

/**
 * Document text as inline code. The fence is one backtick longer than the longest run
 * inside; control characters are shown as escapes, line breaks as spaces. Inline code
 * renders nothing (no links, images or HTML), so this is safe for any input.
 */
export function inlineCode(text: string): string {
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\r\n|\r|\n/g, ' ');
  let longest = 0;
  for (const m of clean.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * Text from a file for a terminal: control characters (escape sequences, carriage returns,
 * newlines that would forge output lines) are shown as escapes instead of acting.
 */
export function escapeTerminal(text: string): string {
  // Nearly every message has nothing to escape: testing first is 5× cheaper than a replace
  // that finds nothing (40,000 findings' messages: 31 ms -> 5 ms, `ctconf check` text output).
  if (!/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/.test(text)) return text;
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\t' ? '\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
