/**
 * The one wall-clock bound the tests use. It tells a hang or a runaway (quadratic) cost apart
 * from a slow or loaded machine (2 shared cores in CI), so it is generous on purpose: speed
 * itself is measured, side by side with liblxc, by `npm run bench` (bench/README.md), not here.
 * CTCONF_HANG_MS overrides it.
 */
export const HANG_MS = Number(process.env.CTCONF_HANG_MS ?? 30_000);
