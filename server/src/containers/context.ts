/** What the value checks of containers.conf validation share: the target, the host, and where findings go. */
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../diagnostic';
import type { Host } from '../host';
import type { Suggest } from '../util/strings';

export interface CheckContext {
  /** Target Podman release, such as "4.3". */
  version: string;
  host?: Host;
  /** Restricted Mode: nothing on the host is consulted. */
  restricted?: boolean;
  report(f: Finding): void;
  /** Did-you-mean lookups, bounded for one check of the file (util/strings.ts). */
  suggest: Suggest;
  /** A range from offsets in the document. */
  range(start: number, end: number): Range;
  /** Runs a check after every entry was read (a runtime may be defined after the line naming it). */
  later(check: () => void): void;
  /** Runtime names defined so far in `[engine.runtimes]`, and Podman's built-in ones. */
  runtimes: ReadonlySet<string>;
  /** Binary paths of the runtimes this file defines in `[engine.runtimes]`. */
  runtimePaths: ReadonlyMap<string, readonly string[]>;
}

/** A load-time error: Podman refuses the whole file. */
export function loadError(cx: CheckContext, message: string, range: Range): void {
  cx.report({ code: 'containers/invalid-value', message: `${message} Podman refuses to start with this file.`, range });
}
