/**
 * Text output, one line per finding: `path:line:column: severity code message` (1-based, the
 * shape compilers print, which editors and the GitHub problem matcher parse). Paths and
 * messages come from files and file names: their control characters are shown as escapes, so
 * a file can neither drive the terminal nor forge a line.
 */
import { escapeTerminal } from '../../util/markdown';
import { messageText, severityName, type FileReport, type Formatter, type Write } from './format';

const COLOUR: Record<string, string> = { error: '\x1b[1;31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m' };

export function textFormatter(write: Write, colour: boolean): Formatter {
  return {
    file(r: FileReport) {
      if (r.diagnostics.length === 0) return;
      const file = escapeTerminal(r.path);
      let out = '';
      for (const d of r.diagnostics) {
        const sev = severityName(d);
        const shown = colour ? `${COLOUR[sev]}${sev}\x1b[0m` : sev;
        out += `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${shown} ${escapeTerminal(String(d.code ?? ''))} ${escapeTerminal(messageText(d))}\n`;
        if (out.length > 1 << 20) {
          write(out);
          out = '';
        }
      }
      write(out);
    },
    end() {},
  };
}
