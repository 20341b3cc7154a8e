/**
 * Tests that need a prepared tool (the liblxc oracle, podman, the toml-test suite, man pages,
 * the Debian corpora, the editor end-to-end tools) say so through `needs`:
 *
 *   test('…', { skip: needs('liblxc oracle', lxcOracleMissing()) }, () => { … });
 *
 * `missingReason` is undefined when the tool is there (the test runs). When it is missing,
 * a developer's machine skips the test with that reason; under CI=true the prepared tools are
 * part of the contract (scripts/prepare.sh installs them), so `needs` throws instead: the test
 * file fails, naming the tool and the reason, and the run cannot pass on skipped oracles.
 */
export function needs(tool: string, missingReason: string | undefined): string | undefined {
  if (missingReason === undefined) return undefined;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${tool} is not prepared: ${missingReason}`);
  return `needs ${tool}: ${missingReason}`;
}
