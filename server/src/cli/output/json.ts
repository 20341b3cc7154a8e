/** JSON output: one object per checked file, with LSP's 0-based ranges (JSON escapes by construction). */
import { messageText, severityName, type FileReport, type Formatter, type Write } from './format';

export function jsonFormatter(write: Write): Formatter {
  const files: unknown[] = [];
  return {
    file(r: FileReport) {
      files.push({
        file: r.path,
        language: r.language,
        diagnostics: r.diagnostics.map((d) => ({ range: d.range, severity: severityName(d), code: d.code, message: messageText(d) })),
      });
    },
    end() {
      write(`${JSON.stringify(files, null, 2)}\n`);
    },
  };
}
