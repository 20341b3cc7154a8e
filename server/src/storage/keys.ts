/**
 * storage.conf as containers/storage reads it: one record per table and key, with the Go type
 * (types/options.go `TomlConfig`, pkg/config/config.go `OptionsConfig` and the driver
 * sub-tables), the Podman release that first reads it or stopped reading it, and what it does
 * in our own words. Podman 4.3 is Debian 12's (containers/storage 1.43): the devicemapper
 * `thinpool` table, `aufs` and the `remap-*` keys still exist there; later storage releases
 * dropped them, and added transient_store, imagestore, use_composefs, driver_priority and
 * the sync options.
 *
 * Versions are Podman releases; each maps to the containers/storage its go.mod pins at the
 * vX.Y.0 tag: 4.3→1.43, 4.4→1.45, 4.5→1.46, 4.6→1.48, 4.7→1.50, 4.8/4.9→1.51, 5.0→1.53,
 * 5.1→1.54, 5.2→1.55, 5.3→1.56, 5.4→1.57, 5.5→1.58, 5.6→1.59, 5.7→1.61, 5.8→1.62, 6.0 =
 * container-libs main (1.63-dev). Checked against the toml tags at each release's version bump
 * in container-libs: driver_priority and transient_store 1.45 (4.4), imagestore 1.48 (4.6),
 * use_composefs 1.53 (5.0), the thinpool keys gone in 1.54 (5.1; the empty table is still
 * decoded until 1.62), the devicemapper driver gone in 1.54 (5.1), the remap-* keys gone in
 * 1.55 (5.2), aufs (driver, table) gone in 1.61 (5.7), sync only on main (6.0).
 */
import type { KeySpec, Schema, TableSpec } from './schema';

/** The graph drivers containers/storage can be asked for, and the release that dropped some. */
export const DRIVERS: readonly { name: string; doc: string; removed?: string }[] = [
  { name: 'overlay', doc: 'Layers stacked with the kernel overlay filesystem (or fuse-overlayfs): fast, shares unchanged files between layers. The usual choice.' },
  { name: 'overlay2', doc: 'Old name of `overlay`; the library switches to `overlay` and says so.' },
  { name: 'vfs', doc: 'Every layer is a full copy of the one below: works on any filesystem and without privileges, but slow and uses much disk space.' },
  { name: 'btrfs', doc: 'Layers as btrfs subvolumes and snapshots; the graph root must be on btrfs.' },
  { name: 'zfs', doc: 'Layers as ZFS datasets and clones; the graph root must be on ZFS.' },
  { name: 'devicemapper', doc: 'Layers as thin-provisioned block devices. Often not built in (Debian\'s Podman refuses it).', removed: '5.1' },
  { name: 'aufs', doc: 'Layers with the out-of-tree aufs filesystem, which current kernels lack.', removed: '5.7' },
];

const TABLES: TableSpec[] = [
  { name: 'storage', doc: 'Where images and containers are stored and with which driver.' },
  { name: 'storage.options', doc: 'Options for every driver, and the per-driver tables below.' },
  { name: 'storage.options.overlay', doc: 'Options for the overlay driver.' },
  { name: 'storage.options.btrfs', doc: 'Options for the btrfs driver.' },
  { name: 'storage.options.vfs', doc: 'Options for the vfs driver.' },
  { name: 'storage.options.zfs', doc: 'Options for the zfs driver.' },
  { name: 'storage.options.thinpool', doc: 'Options for the devicemapper driver (thin pools of block devices). From Podman 5.1 the table is still accepted but has no keys.', removed: '6.0' },
  { name: 'storage.options.aufs', doc: 'Options for the aufs driver.', removed: '5.7' },
];

const BOOL_STRING = ['true', 'false', ''];
const s = 'storage';
const o = 'storage.options';
const ov = 'storage.options.overlay';
const tp = 'storage.options.thinpool';

const KEYS: KeySpec[] = [
  { table: s, key: 'driver', type: 'string', doc: 'The graph driver that stores image layers and container file systems. It must match the driver the existing store was created with.', examples: DRIVERS.filter((d) => !d.removed && d.name !== 'overlay2').map((d) => d.name) },
  { table: s, key: 'driver_priority', type: 'string[]', since: '4.4', append: '6.0', doc: 'Drivers to try in order when `driver` is empty; the first that works on this system is used.' },
  { table: s, key: 'runroot', type: 'string', default: '/run/containers/storage', doc: 'Directory for state that must not survive a reboot (locks, mount bookkeeping). Should be on a tmpfs.' },
  { table: s, key: 'graphroot', type: 'string', default: '/var/lib/containers/storage', doc: 'Directory that holds images, layers and containers: the store itself. Podman also keeps its database below it.' },
  { table: s, key: 'imagestore', type: 'string', since: '4.6', doc: 'A separate directory for images, so that images and containers live on different disks. The graph root keeps the containers.' },
  { table: s, key: 'rootless_storage_path', type: 'string', default: '$HOME/.local/share/containers/storage', doc: 'Graph root used for rootless users when their own storage.conf does not set one. `$HOME`, `$UID` and `$USER` are expanded.' },
  { table: s, key: 'transient_store', type: 'bool', since: '4.4', default: 'false', doc: 'Keep the container bookkeeping in the run root, so containers do not survive a reboot (faster, for throw-away hosts).' },
  { table: o, key: 'additionalimagestores', type: 'string[]', append: '6.0', doc: 'Read-only image stores (for example on a network share) searched after the graph root.', use: { parse: 'dirs', drivers: ['*'] } },
  { table: o, key: 'imagestore', type: 'string', since: '4.6', doc: 'Older place for the separate image store; `[storage] imagestore` is the current one.' },
  { table: o, key: 'additionallayerstores', type: 'string[]', append: '6.0', doc: 'Read-only layer stores served by a helper (lazy pulling). Experimental.', use: { parse: 'dirs', refusedBy: ['vfs'] } },
  { table: o, key: 'size', type: 'string', doc: 'Maximum size of a container\'s writable layer, such as "10G", where the driver supports quotas. Empty: no limit.', use: { parse: 'size', quota: true, refusedBy: ['vfs'] } },
  { table: o, key: 'remap-uids', type: 'string', removed: '5.2', doc: 'A user ID mapping `container:host:size` applied to layers when they are stored. Replaced by per-container user namespaces.', use: { parse: 'id-map', drivers: ['*'] } },
  { table: o, key: 'remap-gids', type: 'string', removed: '5.2', doc: 'A group ID mapping `container:host:size` applied to layers when they are stored.', use: { parse: 'id-map', drivers: ['*'] } },
  { table: o, key: 'remap-user', type: 'string', removed: '5.2', doc: 'A user name whose /etc/subuid ranges give the ID mapping for stored layers.' },
  { table: o, key: 'remap-group', type: 'string', removed: '5.2', doc: 'A group name whose /etc/subgid ranges give the group ID mapping for stored layers.' },
  { table: o, key: 'root-auto-userns-user', type: 'string', doc: 'The /etc/subuid and /etc/subgid entry from which rootful Podman carves user namespaces for `--userns=auto`.' },
  { table: o, key: 'auto-userns-min-size', type: 'uint32', default: '1024', doc: 'Smallest user namespace `--userns=auto` hands out.' },
  { table: o, key: 'auto-userns-max-size', type: 'uint32', default: '65536', doc: 'Largest user namespace `--userns=auto` hands out.' },
  { table: o, key: 'ignore_chown_errors', type: 'string', values: BOOL_STRING, doc: 'A string "true" or "false": let chown failures pass when the user namespace has too few IDs (single-ID rootless setups). Files then belong to the wrong user.', use: { parse: 'go-bool', drivers: ['overlay', 'vfs'] } },
  { table: o, key: 'use_composefs', type: 'string', since: '5.0', values: BOOL_STRING, doc: 'A string "true" or "false": mount layers through composefs, which verifies their content.' },
  { table: o, key: 'force_mask', type: 'uint32', doc: 'Permission bits forced on new files and directories (an integer here; a string such as "shared" or "0755" in the overlay table).', use: { parse: 'force-mask-int', refusedBy: ['vfs'] } },
  { table: o, key: 'skip_mount_home', type: 'string', values: BOOL_STRING, doc: 'A string "true" or "false": do not make the graph root a private bind mount.', use: { refusedBy: ['vfs'] } },
  { table: o, key: 'mount_program', type: 'string', examples: ['/usr/bin/fuse-overlayfs'], doc: 'A program that mounts the overlay file system instead of the kernel (fuse-overlayfs for old kernels without rootless overlay).', use: { parse: 'program', refusedBy: ['vfs'] } },
  { table: o, key: 'mountopt', type: 'string', examples: ['nodev', 'nodev,metacopy=on'], doc: 'Comma-separated mount options for every layer mount.', use: { refusedBy: ['vfs'] } },
  { table: o, key: 'pull_options', type: 'map<string>', doc: 'Options for pulling images, as a table of strings: `enable_partial_images`, `use_hard_links`, `ostree_repos`, `convert_images`.' },
  { table: o, key: 'disable-volatile', type: 'bool', default: 'false', doc: 'Refuse the `volatile` overlay option even where containers ask for it (safer after a crash).' },
  { table: ov, key: 'ignore_chown_errors', type: 'string', values: BOOL_STRING, doc: 'Like `[storage.options] ignore_chown_errors`, for the overlay driver only.', use: { parse: 'go-bool' } },
  { table: ov, key: 'mountopt', type: 'string', examples: ['nodev', 'nodev,metacopy=on'], doc: 'Comma-separated mount options for overlay mounts.' },
  { table: ov, key: 'mount_program', type: 'string', examples: ['/usr/bin/fuse-overlayfs'], doc: 'A program that mounts overlay file systems instead of the kernel, such as fuse-overlayfs.', use: { parse: 'program' } },
  { table: ov, key: 'size', type: 'string', doc: 'Maximum size of a container\'s writable layer (needs project quotas on xfs).', use: { parse: 'size', quota: true } },
  { table: ov, key: 'inodes', type: 'string', doc: 'Maximum number of inodes of a container\'s writable layer (needs project quotas on xfs).', use: { parse: 'uint64', quota: true } },
  { table: ov, key: 'skip_mount_home', type: 'string', values: BOOL_STRING, doc: 'A string "true" or "false": do not make the overlay home a private bind mount.' },
  { table: ov, key: 'force_mask', type: 'string', examples: ['shared', 'private', '0755'], doc: 'Permission mask for new files and directories as a string: "shared", "private" or an octal mode. The real owner and mode are kept in an extended attribute.', use: { parse: 'force-mask' } },
  { table: ov, key: 'use_composefs', type: 'string', since: '5.0', values: BOOL_STRING, doc: 'A string "true" or "false": mount layers through composefs.' },
  { table: ov, key: 'sync', type: 'string', since: '6.0', values: ['none', 'filesystem', ''], doc: 'How layer creation is flushed to disk: "none" or "filesystem".' },
  { table: 'storage.options.btrfs', key: 'min_space', type: 'string', doc: 'Smallest size allowed for a subvolume quota.' },
  { table: 'storage.options.btrfs', key: 'size', type: 'string', doc: 'Quota size of each container subvolume.' },
  { table: 'storage.options.vfs', key: 'ignore_chown_errors', type: 'string', values: BOOL_STRING, doc: 'Like `[storage.options] ignore_chown_errors`, for the vfs driver only.', use: { parse: 'go-bool' } },
  { table: 'storage.options.vfs', key: 'sync', type: 'string', since: '6.0', values: ['none', 'filesystem', ''], doc: 'How layer creation is flushed to disk: "none" or "filesystem".' },
  { table: 'storage.options.zfs', key: 'mountopt', type: 'string', doc: 'Comma-separated mount options for ZFS datasets.' },
  { table: 'storage.options.zfs', key: 'fsname', type: 'string', doc: 'The ZFS dataset under which layers are created.' },
  { table: 'storage.options.zfs', key: 'size', type: 'string', doc: 'Quota of each container dataset.' },
  { table: 'storage.options.aufs', key: 'mountopt', type: 'string', removed: '5.7', doc: 'Mount options for aufs.' },
  ...([
    ['autoextend_percent', 'How much (percent) the thin pool grows when it auto-extends.'],
    ['autoextend_threshold', 'How full (percent) the thin pool gets before it auto-extends.'],
    ['basesize', 'Size of the base device, the upper bound for every container and image.'],
    ['blocksize', 'Block size of the thin pool.'],
    ['directlvm_device', 'A block device that is turned into the thin pool.'],
    ['directlvm_device_force', 'Reuse `directlvm_device` even if it holds a file system.'],
    ['fs', 'File system made on the base device (xfs or ext4).'],
    ['log_level', 'Verbosity of the device-mapper library.'],
    ['metadatasize', 'Size of the thin pool metadata device.'],
    ['min_free_space', 'Free space (percent) below which new devices are refused.'],
    ['mkfsarg', 'Extra arguments for mkfs on the base device.'],
    ['mountopt', 'Mount options for the devices.'],
    ['size', 'Size of each container device.'],
    ['use_deferred_deletion', 'Delete devices later when they are still busy.'],
    ['use_deferred_removal', 'Remove devices later when they are still busy.'],
    ['xfs_nospace_max_retries', 'How often xfs retries a write when the pool is full.'],
  ] as const).map(([key, doc]): KeySpec => ({ table: tp, key, type: 'string', removed: '5.1', doc: `devicemapper: ${doc}` })),
];

export const STORAGE_SCHEMA: Schema = { tables: TABLES, keys: KEYS };

/** Keys holding a path the library uses as given (a relative one depends on the working directory). */
export const PATH_KEYS = new Set(['storage.runroot', 'storage.graphroot', 'storage.imagestore', 'storage.rootless_storage_path', 'storage.options.imagestore', 'storage.options.mount_program', 'storage.options.overlay.mount_program']);

/** Known `pull_options` names. */
export const PULL_OPTIONS: readonly { name: string; doc: string }[] = [
  { name: 'enable_partial_images', doc: '"true" lets a pull fetch only the files missing locally (zstd:chunked / estargz images).' },
  { name: 'use_hard_links', doc: '"true" hard-links identical files from other layers instead of copying them (partial pulls).' },
  { name: 'ostree_repos', doc: 'Colon-separated OSTree repositories to take file contents from (partial pulls).' },
  { name: 'convert_images', doc: '"true" converts images to the partial-pull format while pulling.' },
];
