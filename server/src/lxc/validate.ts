/**
 * LXC validation: walks the entries in file order and replays what liblxc does with each
 * line (the capability list and its mode, network interfaces and their types, namespace
 * lists, last-wins keys, includes), so that order-dependent errors are found where liblxc
 * finds them. The state of a run is one CheckState (check/state.ts); each concern has its
 * module in check/.
 */
import type { LxcDocument } from './parser';
import { CheckState, type LxcAnalysis, type LxcValidateOptions } from './check/state';
import { walkSlices } from './check/walk';
import { finish, type Slices } from '../util/slices';
import { checkIdmaps } from './check/idmaps';
import { checkKeptCapabilities } from './check/caps';
import { lxcSelinuxFindings } from './selinux';
import { appendAll } from '../util/arrays';

export type { CapEntry, CapState, Effective, IdmapEntry, IncludeInfo, LxcAnalysis, LxcValidateOptions, Origin } from './check/state';
export { capList } from './check/state';
export { IncludeCache } from './check/includeCache';

/** Validates a parsed document and everything it includes. */
export function analyzeLxc(doc: LxcDocument, opts: LxcValidateOptions): LxcAnalysis {
  return finish(analyzeLxcSlices(doc, opts));
}

/** `analyzeLxc` in slices of the document's lines (util/slices.ts). */
export function* analyzeLxcSlices(doc: LxcDocument, opts: LxcValidateOptions): Slices<LxcAnalysis> {
  const s = new CheckState(opts);
  yield* walkSlices(s, doc);
  checkIdmaps(s);
  checkKeptCapabilities(s, doc);
  // SELinux contexts of the document's own lines (raw lxc.* lines of Proxmox and Incus too).
  appendAll(s.top, lxcSelinuxFindings(doc, opts.version, s.effective.values));
  return { findings: s.top, effective: s.effective };
}
