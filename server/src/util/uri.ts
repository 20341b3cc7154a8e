/** file: URI <-> path conversion without depending on the host platform's path rules. */
import { URI } from 'vscode-uri';

/**
 * Paths and URIs made only of these characters convert by adding or removing `file://`
 * (vscode-uri encodes none of them); everything else goes through vscode-uri. A host check
 * converts each of its 2,000 configs several times, and parsing every URI cost 30 ms of a
 * 600 ms run.
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9/._~-]*$/;

export function uriToPath(uri: string): string | undefined {
  if (uri.startsWith('file://') && PLAIN_PATH.test(uri.slice(7))) return uri.slice(7);
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath.replace(/\\/g, '/') : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return PLAIN_PATH.test(path) ? `file://${path}` : URI.file(path).toString();
}
