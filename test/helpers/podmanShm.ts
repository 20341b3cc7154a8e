/**
 * Podman keeps container locks in one table in /dev/shm, shared by every storage root (2,048
 * entries by default) and freed only by `podman rm`, `podman system renumber` or a reboot. A
 * host whose table is full (containers other runs left behind) makes every `podman create`
 * fail, whatever the config. So where this process may make a mount namespace (root), the
 * oracles run podman with a private, empty /dev/shm: no verdict depends on the host's table,
 * and nothing is left in it.
 */
import { spawnSync } from 'node:child_process';

let privateShm: boolean | undefined;

/** Whether podman runs with a private /dev/shm here. */
export function shmIsPrivate(): boolean {
  privateShm ??= spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs ctconf /dev/shm'], { stdio: 'ignore' }).status === 0;
  return privateShm;
}

/** The command and arguments that run `podman ARGS`, with a private /dev/shm where possible. */
export function podmanCommand(args: string[]): [string, string[]] {
  if (!shmIsPrivate()) return ['podman', args];
  return ['unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs ctconf /dev/shm && exec podman "$@"', 'ctconf', ...args]];
}
