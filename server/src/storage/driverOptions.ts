/**
 * storage.conf values that decode but that the storage driver refuses when it starts, so every
 * podman command fails: what each key's `use` (keys.ts) says the driver makes of it. Measured
 * with Podman 4.3 (containers/storage 1.43) on generated files (test/unit/storage-oracle.test.ts).
 */
import type { Finding } from '../diagnostic';
import type { TomlDocument, TomlKeyValue } from '../containers/toml';
import { inlineCode } from '../util/markdown';
import { atLeast } from '../util/version';
import { rangeOf, typeProblem, withoutAppend } from './check';
import type { KeySpec } from './schema';

export interface DriverOptionContext {
  podmanVersion: string;
  /** What a path is on the host (undefined in Restricted Mode: host checks are skipped). */
  typeOf?: (path: string) => 'file' | 'directory' | 'other' | undefined;
}

/** strconv.ParseBool. */
const GO_BOOL = /^(?:1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/;
/** go-units RAMInBytes, which the overlay driver uses for `size`. */
const GO_SIZE = /^\d+(?:\.\d+)* ?[kKmMgGtTpP]?[iI]?[bB]?$/;
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv.ParseInt(v, 8, 32). */
function octal32(v: string): boolean {
  const m = /^([+-]?)([0-7]+)$/.exec(v);
  if (!m) return false;
  const n = BigInt(`0o${m[2]}`) * (m[1] === '-' ? -1n : 1n);
  return n >= -(2n ** 31n) && n < 2n ** 31n;
}

/** One `uint32:uint32:uint32` mapping, as containers/storage 1.43 reads remap-uids/remap-gids. */
function idMap(v: string): boolean {
  const f = v.split(':');
  return f.length === 3 && f.every((x) => /^\d+$/.test(x) && BigInt(x) <= 4294967295n);
}

/** The driver a key's value goes to, in the file's driver's eyes. */
function readBy(k: KeySpec, driver: string): boolean {
  const own = /^storage\.options\.(\w+)$/.exec(k.table)?.[1];
  if (own) return own === driver;
  const drivers = k.use?.drivers ?? ['overlay'];
  return drivers.includes('*') || drivers.includes(driver);
}

/** The driver the file names; an unset or empty one counts as overlay, which containers/storage picks where it can. */
function driverOf(doc: TomlDocument): string {
  const d = doc.entries.find((e) => e.path.join('.') === 'storage.driver')?.kv.value;
  if (!d || d.type !== 'string' || d.value === '') return 'overlay';
  return d.value === 'overlay2' ? 'overlay' : d.value;
}

export function driverOptionFindings(doc: TomlDocument, used: { k: KeySpec; kv: TomlKeyValue }[], cx: DriverOptionContext): Finding[] {
  const out: Finding[] = [];
  const driver = driverOf(doc);
  const refused = new Set<TomlKeyValue>();
  const refuse = (kv: TomlKeyValue, why: string) => {
    refused.add(kv);
    out.push({ code: 'storage/driver-option', message: `${why} Every podman command fails.`, range: rangeOf(doc, kv.value.start, kv.value.end) });
  };
  let forceMask: TomlKeyValue | undefined;
  let program = false;
  for (const { k, kv } of used) {
    const use = k.use!;
    const v = kv.value;
    // A value of the wrong TOML type is refused when the file is decoded (storage/wrong-type).
    if (typeProblem(k.append && atLeast(cx.podmanVersion, k.append) ? withoutAppend(v) : v, k.type) !== undefined) continue;
    const text = v.type === 'string' ? v.value : undefined;
    const set = text !== undefined ? text !== '' : v.type === 'integer' ? v.value !== 0n : v.type === 'array' ? v.items.length > 0 : false;
    if (!set) continue;
    if (use.refusedBy?.includes(driver)) {
      refuse(kv, `The ${driver} driver has no \`${k.key}\` option and refuses it.`);
      continue;
    }
    if (!readBy(k, driver)) continue;
    const name = inlineCode(text ?? '');
    switch (use.parse) {
      case 'go-bool':
        if (text !== undefined && !GO_BOOL.test(text)) refuse(kv, `${name} is not a boolean the ${driver} driver reads (\`true\`, \`false\`, \`1\`, \`0\`).`);
        break;
      case 'size':
        if (text !== undefined && !GO_SIZE.test(text)) refuse(kv, `${name} is not a size the ${driver} driver reads (such as \`10G\`).`);
        break;
      case 'uint64':
        if (text !== undefined && !(/^\d+$/.test(text) && BigInt(text) <= UINT64_MAX)) refuse(kv, `${name} is not a whole number the ${driver} driver reads.`);
        break;
      case 'force-mask':
        if (text !== undefined && text !== 'shared' && text !== 'private' && !octal32(text)) refuse(kv, `${name} is not a force mask: write \`shared\`, \`private\` or octal permission bits such as \`0755\`.`);
        else forceMask = kv;
        break;
      case 'force-mask-int':
        // 1.43 formats the integer as permission text (-rwxr-xr-x), which the driver cannot read back.
        if (!atLeast(cx.podmanVersion, '4.4')) refuse(kv, `Podman ${cx.podmanVersion} cannot hand an integer \`force_mask\` to the driver (it arrives as permission text); write it as a string in \`[storage.options.overlay]\`.`);
        else forceMask = kv;
        break;
      case 'program':
        program = true;
        if (text === undefined || !cx.typeOf) break;
        if (!text.startsWith('/')) refuse(kv, `${name} is relative, so the ${driver} driver looks for it in whatever directory podman runs in and does not find it. Write the absolute path.`);
        else if (cx.typeOf(text) === undefined) refuse(kv, `${name} does not exist on this host; the ${driver} driver looks for its mount program when it starts ("can't stat program"). Install it (fuse-overlayfs) or remove the line.`);
        break;
      case 'dirs':
        if (v.type !== 'array' || !cx.typeOf) break;
        for (const item of v.items) {
          if (item.type !== 'string' || !item.value.startsWith('/')) continue;
          // Something other than a directory fails the store's lock; a missing one fails only overlay, which looks at each store when it starts.
          const t = cx.typeOf(item.value);
          if (t === 'directory' || (t === undefined && driver !== 'overlay')) continue;
          out.push({ code: 'storage/driver-option', message: `${inlineCode(item.value)} ${t === undefined ? 'does not exist' : 'is not a directory'} on this host, and containers/storage opens every extra store when it starts. Every podman command fails.`, range: rangeOf(doc, item.start, item.end) });
        }
        break;
      case 'id-map':
        if (text !== undefined && !idMap(text)) refuse(kv, `${name} is not one mapping \`container:host:count\` of whole numbers, which is all containers/storage reads here.`);
        break;
      default:
        break;
    }
    if (use.quota && !refused.has(kv)) {
      out.push({ code: 'storage/quota-needs-xfs', message: `\`${k.key}\` needs the graph root on XFS mounted with project quotas (\`pquota\`); on any other file system the ${driver} driver refuses to start and every podman command fails.`, range: rangeOf(doc, kv.value.start, kv.value.end) });
    }
  }
  if (forceMask && !program && driver === 'overlay') refuse(forceMask, 'The overlay driver takes `force_mask` only together with `mount_program` (fuse-overlayfs).');
  return out;
}
