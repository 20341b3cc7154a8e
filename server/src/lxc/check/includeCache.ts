/**
 * Parsed included files, shared by the validation runs of one language service: a host
 * check reads 2,000 configs that each include the same common.conf and userns.conf, which
 * are then parsed once. An entry is reused while the file's size and modification time are
 * unchanged (or, on a host that reports no time, while its text is the same).
 */
import type { Host } from '../../host';
import { parseLxc, type LxcDocument } from '../parser';
import type { FirstInclude } from './firstInclude';

interface Entry {
  size: number;
  mtimeMs?: number;
  text: string;
  doc: LxcDocument;
}

export class IncludeCache {
  private readonly files = new Map<string, Entry>();
  /** What the leading include lines of a config lead to (check/firstInclude.ts), by line. */
  readonly firstIncludes = new Map<string, FirstInclude>();
  private lastId = 0;

  /** A new identity for a remembered outcome. */
  newId(): number {
    return ++this.lastId;
  }

  /** @param maxFiles entries kept; the oldest is dropped beyond it. */
  constructor(private readonly maxFiles = 512) {}

  /** The parsed file at `path` (absolute), or undefined when it cannot be read as a regular file. */
  read(host: Host, path: string): LxcDocument | undefined {
    const st = host.stat(path);
    const hit = this.files.get(path);
    if (hit && st?.type === 'file' && st.mtimeMs !== undefined && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.doc;
    const text = host.readFile(path);
    if (text === undefined) {
      this.files.delete(path);
      return undefined;
    }
    if (hit && hit.text === text) {
      hit.size = st?.size ?? hit.size;
      hit.mtimeMs = st?.mtimeMs;
      return hit.doc;
    }
    const doc = parseLxc(text);
    this.files.delete(path);
    this.files.set(path, { size: st?.size ?? text.length, mtimeMs: st?.type === 'file' ? st.mtimeMs : undefined, text, doc });
    if (this.files.size > this.maxFiles) this.files.delete(this.files.keys().next().value as string);
    return doc;
  }

  /** Forgets every file (after settings change, for instance). */
  clear(): void {
    this.files.clear();
    this.firstIncludes.clear();
  }
}

/** Reads and parses an included file, through the cache when the run has one. */
export function readIncluded(host: Host, path: string, cache: IncludeCache | undefined): LxcDocument | undefined {
  if (cache) return cache.read(host, path);
  const text = host.readFile(path);
  return text === undefined ? undefined : parseLxc(text);
}
