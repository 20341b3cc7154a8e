/** Small vocabulary for service tests: run a feature on inline text and compare tuples. */
import { createLanguageService, type ServiceConfig } from '../../server/src/service';
import { memoryHost, type Host } from '../../server/src/host';
import type { LxcVersion } from '../../server/src/lxc/version';

export function lxcService(options: { version?: LxcVersion; host?: Host; rules?: ServiceConfig['rules'] } = {}) {
  return createLanguageService(options.host ?? memoryHost(), {
    lxcVersion: options.version ?? '5.0',
    podmanVersion: '4.3',
    rules: options.rules ?? {},
  });
}

/** Diagnostics as `line:start-end code` strings (0-based), sorted by position. */
export function lxcDiags(text: string, options: Parameters<typeof lxcService>[0] = {}): string[] {
  return lxcService(options)
    .diagnostics({ uri: 'file:///var/lib/lxc/c1/config', languageId: 'lxc', version: 1, text })
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`);
}

/** Only the codes, in order. */
export function lxcCodes(text: string, options: Parameters<typeof lxcService>[0] = {}): string[] {
  return lxcDiags(text, options).map((s) => s.split(' ')[1]);
}
