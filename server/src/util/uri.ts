/** file: URI <-> path conversion without depending on the host platform's path rules. */
import { URI } from 'vscode-uri';

export function uriToPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath.replace(/\\/g, '/') : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return URI.file(path).toString();
}
