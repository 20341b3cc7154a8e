/** Variants of a shipped containers.conf, each with one commented key (and its multi-line value) uncommented. */
export function uncommentedVariants(text: string): { line: number; text: string }[] {
  const lines = text.split('\n');
  const out: { line: number; text: string }[] = [];
  lines.forEach((l, i) => {
    const m = /^#\s?([A-Za-z_"][\w".-]*\s*=.*)$/.exec(l);
    if (!m) return;
    const copy = [...lines];
    copy[i] = m[1];
    const open = (m[1].match(/\[/g) ?? []).length - (m[1].match(/\]/g) ?? []).length;
    if (open > 0) {
      for (let j = i + 1; j < lines.length; j++) {
        const c = /^#\s?(.*)$/.exec(lines[j]);
        if (!c) break;
        copy[j] = c[1];
        if (/^\s*\]/.test(c[1])) break;
      }
    }
    out.push({ line: i, text: copy.join('\n') });
  });
  return out;
}
