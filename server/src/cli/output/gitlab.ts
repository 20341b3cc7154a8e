/**
 * GitLab code quality report (`--format gitlab`): a JSON array of issues with a description,
 * check name, fingerprint, severity and the file's path relative to the project (the working
 * directory) with the line.
 */
import { artifactUri, fingerprints, messageText, severityName, sha256, type FileReport, type Formatter, type Write } from './format';

const SEVERITY = { error: 'major', warning: 'minor', information: 'info', hint: 'info' } as const;

export function gitlabFormatter(write: Write, cwd: string): Formatter {
  const issues: unknown[] = [];
  return {
    file(r: FileReport) {
      const prints = fingerprints(r);
      const loc = artifactUri(r.path, cwd);
      const file = loc.relative ? decodeURIComponent(loc.uri) : r.path;
      r.diagnostics.forEach((d, i) => {
        issues.push({
          description: `${String(d.code)}: ${messageText(d)}`,
          check_name: String(d.code),
          // Unique across the report: GitLab compares fingerprints of all files at once.
          fingerprint: sha256().update(`${file}\u0000${prints[i]}`).digest('hex').slice(0, 32),
          severity: SEVERITY[severityName(d)],
          location: { path: file, lines: { begin: d.range.start.line + 1 } },
        });
      });
    },
    end() {
      write(`${JSON.stringify(issues, null, 2)}\n`);
    },
  };
}
