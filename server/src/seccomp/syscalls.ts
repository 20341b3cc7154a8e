/**
 * System call names and what they do, in our own words, for seccomp profile hovers and the
 * unknown-name check. The names are those of Debian's /usr/share/containers/seccomp.json
 * (containers-common 0.50.1) plus a few that newer kernels and profiles add. Variants are
 * described from their base call: `…32` (32-bit IDs on old 32-bit ABIs), `…64` (64-bit
 * sizes or offsets on 32-bit ABIs), `…_time64` (64-bit time on 32-bit ABIs).
 */

const D: Record<string, string> = {
  // files and directories
  read: 'Reads bytes from a file descriptor.', write: 'Writes bytes to a file descriptor.',
  readv: 'Reads into several buffers at once.', writev: 'Writes from several buffers at once.',
  pread64: 'Reads at a given offset without moving the file position.', pwrite64: 'Writes at a given offset without moving the file position.',
  preadv: 'Reads into several buffers at a given offset.', pwritev: 'Writes several buffers at a given offset.',
  preadv2: 'preadv with per-call flags.', pwritev2: 'pwritev with per-call flags.',
  open: 'Opens or creates a file.', openat: 'Opens a file relative to a directory descriptor.', openat2: 'openat with an extensible structure of path-resolution rules.',
  creat: 'Creates a file (an old form of open).', close: 'Closes a file descriptor.', close_range: 'Closes a whole range of file descriptors.',
  lseek: 'Moves the file position.', _llseek: 'Moves the file position with a 64-bit offset (32-bit ABIs).',
  stat: 'Reads a file\'s metadata by path.', lstat: 'Reads metadata of a path without following a final symbolic link.', fstat: 'Reads metadata of an open file.',
  newfstatat: 'Reads metadata relative to a directory descriptor.', fstatat: 'Reads metadata relative to a directory descriptor.', statx: 'Reads extended metadata (birth time, mount ID, …).',
  oldstat: 'Old stat format kept for old binaries.', oldlstat: 'Old lstat format kept for old binaries.', oldfstat: 'Old fstat format kept for old binaries.',
  statfs: 'Reads file system statistics by path.', fstatfs: 'Reads file system statistics of an open file.', ustat: 'Old call for file system statistics.',
  access: 'Checks whether the caller may read, write or execute a path.', faccessat: 'access relative to a directory descriptor.', faccessat2: 'faccessat with flags.',
  getdents: 'Lists directory entries.', getdents64: 'Lists directory entries with 64-bit inode numbers.', readdir: 'Old call that reads one directory entry.',
  getcwd: 'Returns the current directory.', chdir: 'Changes the current directory.', fchdir: 'Changes the current directory to an open directory.',
  mkdir: 'Creates a directory.', mkdirat: 'Creates a directory relative to a directory descriptor.', rmdir: 'Removes an empty directory.',
  rename: 'Renames a file.', renameat: 'rename relative to directory descriptors.', renameat2: 'renameat with flags (exchange, no-replace, whiteout).',
  link: 'Creates a hard link.', linkat: 'link relative to directory descriptors.', unlink: 'Removes a name from the file system.', unlinkat: 'unlink relative to a directory descriptor.',
  symlink: 'Creates a symbolic link.', symlinkat: 'symlink relative to a directory descriptor.', readlink: 'Reads the target of a symbolic link.', readlinkat: 'readlink relative to a directory descriptor.',
  chmod: 'Changes a file\'s permission bits.', fchmod: 'Changes the permission bits of an open file.', fchmodat: 'chmod relative to a directory descriptor.',
  chown: 'Changes a file\'s owner and group.', fchown: 'Changes the owner of an open file.', lchown: 'Changes the owner of a symbolic link itself.', fchownat: 'chown relative to a directory descriptor.',
  umask: 'Sets the mask of permission bits removed from new files.',
  truncate: 'Sets a file\'s length by path.', ftruncate: 'Sets the length of an open file.', fallocate: 'Reserves or punches out space in a file.',
  fsync: 'Flushes a file\'s data and metadata to disk.', fdatasync: 'Flushes a file\'s data to disk.', sync: 'Flushes every file system to disk.', syncfs: 'Flushes the file system of one file to disk.',
  sync_file_range: 'Flushes part of a file to disk.', sync_file_range2: 'sync_file_range with arguments reordered for some ABIs.', arm_sync_file_range: 'sync_file_range on 32-bit ARM.',
  fadvise64: 'Tells the kernel how a file will be read.', fadvise64_64: 'fadvise64 with 64-bit arguments.', arm_fadvise64_64: 'fadvise64_64 on 32-bit ARM.', readahead: 'Reads a file into the page cache ahead of use.',
  fcntl: 'Controls an open file (flags, locks, duplication, leases).', flock: 'Takes or releases an advisory lock on a file.', ioctl: 'Device- and file-specific control requests.',
  dup: 'Duplicates a file descriptor.', dup2: 'Duplicates a file descriptor onto a chosen number.', dup3: 'dup2 with flags.',
  pipe: 'Creates a pipe.', pipe2: 'Creates a pipe with flags.', splice: 'Moves data between a pipe and a file without copying to user space.', tee: 'Copies data between two pipes.', vmsplice: 'Maps user memory into a pipe.',
  sendfile: 'Copies data from a file to another file or socket in the kernel.', copy_file_range: 'Copies a range of one file into another in the kernel.',
  utime: 'Sets a file\'s access and modification times.', utimes: 'utime with microseconds.', futimesat: 'utimes relative to a directory descriptor.', utimensat: 'Sets file times with nanoseconds.',
  mknod: 'Creates a device node, FIFO or socket file; device nodes need CAP_MKNOD.', mknodat: 'mknod relative to a directory descriptor.',
  getxattr: 'Reads an extended attribute.', lgetxattr: 'Reads an extended attribute of a link itself.', fgetxattr: 'Reads an extended attribute of an open file.',
  setxattr: 'Sets an extended attribute.', lsetxattr: 'Sets an extended attribute of a link itself.', fsetxattr: 'Sets an extended attribute of an open file.',
  listxattr: 'Lists extended attributes.', llistxattr: 'Lists extended attributes of a link itself.', flistxattr: 'Lists extended attributes of an open file.',
  removexattr: 'Removes an extended attribute.', lremovexattr: 'Removes an extended attribute of a link itself.', fremovexattr: 'Removes an extended attribute of an open file.',
  name_to_handle_at: 'Turns a path into a persistent file handle.', open_by_handle_at: 'Opens a file from a file handle, bypassing directory permissions (the "shocker" container escape).',
  inotify_init: 'Creates an inotify instance for file change events.', inotify_init1: 'inotify_init with flags.', inotify_add_watch: 'Watches a path for changes.', inotify_rm_watch: 'Stops watching a path.',
  fanotify_init: 'Creates a fanotify group that sees (and may block) file accesses system-wide.', fanotify_mark: 'Chooses what a fanotify group watches.',
  chroot: 'Changes the root directory of the process.', pivot_root: 'Swaps the root file system of the mount namespace.',
  // mounts and file systems
  mount: 'Mounts a file system.', umount: 'Unmounts a file system (old form).', umount2: 'Unmounts a file system with flags.',
  fsopen: 'Starts configuring a new file system mount (new mount API).', fsconfig: 'Sets parameters of a file system being configured.', fsmount: 'Creates a mount from a configured file system.',
  fspick: 'Opens an existing mount for reconfiguration.', move_mount: 'Attaches or moves a mount.', open_tree: 'Opens or clones a mount tree.', mount_setattr: 'Changes properties of a mount tree (read-only, ID mapping).',
  quotactl: 'Manages disk quotas.', swapon: 'Starts swapping to a file or device.', swapoff: 'Stops swapping to a file or device.', sysfs: 'Old call that lists file system types.',
  nfsservctl: 'Old NFS server control call (gone from current kernels).', bdflush: 'Old buffer flush daemon control (does nothing now).', lookup_dcookie: 'Returns a path for a profiling directory cookie.',
  // processes
  fork: 'Creates a child process.', vfork: 'Creates a child that shares memory until it executes a program.', clone: 'Creates a process or thread; with namespace flags it creates new namespaces.',
  clone3: 'clone with an extensible argument structure.', execve: 'Runs a program in place of the current one.', execveat: 'execve relative to a directory descriptor or of an open file.',
  exit: 'Ends the calling thread.', exit_group: 'Ends every thread of the process.', wait4: 'Waits for a child and reads its resource usage.', waitid: 'Waits for a child, with more control.', waitpid: 'Waits for a child (old form).',
  getpid: 'Returns the process ID.', getppid: 'Returns the parent\'s process ID.', gettid: 'Returns the thread ID.', getpgid: 'Returns a process group ID.', getpgrp: 'Returns the caller\'s process group.',
  setpgid: 'Moves a process into a process group.', getsid: 'Returns a session ID.', setsid: 'Starts a new session.',
  getuid: 'Returns the real user ID.', geteuid: 'Returns the effective user ID.', getgid: 'Returns the real group ID.', getegid: 'Returns the effective group ID.',
  getresuid: 'Returns the real, effective and saved user IDs.', getresgid: 'Returns the real, effective and saved group IDs.', getgroups: 'Returns the supplementary groups.',
  setuid: 'Sets the user ID (needs CAP_SETUID to change to another user).', setgid: 'Sets the group ID (needs CAP_SETGID).', setreuid: 'Sets real and effective user IDs.', setregid: 'Sets real and effective group IDs.',
  setresuid: 'Sets real, effective and saved user IDs.', setresgid: 'Sets real, effective and saved group IDs.', setgroups: 'Sets the supplementary groups (needs CAP_SETGID).',
  setfsuid: 'Sets the user ID used for file access checks.', setfsgid: 'Sets the group ID used for file access checks.',
  capget: 'Reads a thread\'s capabilities.', capset: 'Changes a thread\'s capabilities within its bounds.', prctl: 'Process controls: name, no-new-privileges, dumpable, seccomp and many more.',
  arch_prctl: 'Architecture-specific thread state (x86 FS/GS base).', personality: 'Sets the execution domain; some flags turn off address space randomization.',
  getpriority: 'Reads a scheduling priority.', setpriority: 'Sets a scheduling priority (raising it needs CAP_SYS_NICE).', nice: 'Changes the nice value (lowering it needs CAP_SYS_NICE).',
  getrlimit: 'Reads a resource limit.', setrlimit: 'Sets a resource limit (raising the hard limit needs CAP_SYS_RESOURCE).', prlimit64: 'Reads and sets another process\'s resource limits.', ugetrlimit: 'getrlimit on some 32-bit ABIs.',
  getrusage: 'Reads resource usage.', times: 'Reads process times.',
  sched_yield: 'Gives up the processor.', sched_getaffinity: 'Reads the CPUs a thread may run on.', sched_setaffinity: 'Sets the CPUs a thread may run on.',
  sched_getparam: 'Reads scheduling parameters.', sched_setparam: 'Sets scheduling parameters.', sched_getscheduler: 'Reads the scheduling policy.', sched_setscheduler: 'Sets the scheduling policy (real-time needs CAP_SYS_NICE).',
  sched_getattr: 'Reads extended scheduling attributes.', sched_setattr: 'Sets extended scheduling attributes.', sched_get_priority_max: 'Highest priority of a policy.', sched_get_priority_min: 'Lowest priority of a policy.',
  sched_rr_get_interval: 'Round-robin time slice of a process.', ioprio_get: 'Reads an I/O scheduling priority.', ioprio_set: 'Sets an I/O scheduling priority.',
  getcpu: 'Returns the CPU and NUMA node the thread runs on.', set_tid_address: 'Sets where the kernel clears the thread ID at exit.', set_robust_list: 'Registers the list of robust futexes.', get_robust_list: 'Reads a thread\'s robust futex list.',
  rseq: 'Registers restartable sequences (fast per-CPU data).', set_thread_area: 'Sets a thread-local storage segment.', get_thread_area: 'Reads a thread-local storage segment.', set_tls: 'Sets the thread pointer (ARM).',
  kcmp: 'Compares kernel resources of two processes.', ptrace: 'Traces and controls another process (debuggers); could escape seccomp on old kernels.',
  process_vm_readv: 'Reads another process\'s memory.', process_vm_writev: 'Writes another process\'s memory.', process_madvise: 'Gives memory advice for another process.', process_mrelease: 'Frees the memory of a dying process early.',
  pidfd_open: 'Opens a file descriptor that refers to a process.', pidfd_getfd: 'Copies a file descriptor from another process.', pidfd_send_signal: 'Sends a signal through a process file descriptor.',
  unshare: 'Moves the process into new namespaces.', setns: 'Joins an existing namespace.', seccomp: 'Installs a seccomp filter.',
  landlock_create_ruleset: 'Creates a Landlock sandbox ruleset.', landlock_add_rule: 'Adds a rule to a Landlock ruleset.', landlock_restrict_self: 'Confines the caller with a Landlock ruleset.',
  acct: 'Turns process accounting on or off.', uselib: 'Old call that loads a shared library.', vm86: 'Runs 16-bit code in virtual 8086 mode (x86).', vm86old: 'Old form of vm86.',
  restart_syscall: 'Restarts a call interrupted by a signal (used by the kernel).', syscall: 'Indirect system call on some ABIs.',
  // signals
  kill: 'Sends a signal to a process.', tkill: 'Sends a signal to a thread (old form).', tgkill: 'Sends a signal to a thread of a given process.',
  rt_sigaction: 'Sets how a signal is handled.', rt_sigprocmask: 'Blocks or unblocks signals.', rt_sigpending: 'Lists pending signals.', rt_sigsuspend: 'Waits for a signal with a temporary mask.',
  rt_sigtimedwait: 'Waits for a signal with a timeout.', rt_sigqueueinfo: 'Sends a signal with data.', rt_tgsigqueueinfo: 'Sends a signal with data to a thread.', rt_sigreturn: 'Returns from a signal handler.',
  sigaction: 'Old form of rt_sigaction.', sigprocmask: 'Old form of rt_sigprocmask.', sigpending: 'Old form of rt_sigpending.', sigsuspend: 'Old form of rt_sigsuspend.', sigreturn: 'Old form of rt_sigreturn.',
  signal: 'Oldest way to set a signal handler.', sigaltstack: 'Sets an alternate stack for signal handlers.', signalfd: 'Receives signals through a file descriptor.', signalfd4: 'signalfd with flags.',
  sgetmask: 'Old call that reads the signal mask.', ssetmask: 'Old call that sets the signal mask.', pause: 'Waits for any signal.',
  // memory
  brk: 'Grows or shrinks the heap.', mmap: 'Maps files or memory.', mmap2: 'mmap with page-sized offsets (32-bit ABIs).', munmap: 'Removes a mapping.', mremap: 'Resizes or moves a mapping.',
  mprotect: 'Changes the protection of memory.', madvise: 'Gives advice about memory use.', mincore: 'Tells which pages are in memory.', msync: 'Flushes a file mapping to disk.',
  mlock: 'Locks memory pages in RAM.', mlock2: 'mlock with flags.', munlock: 'Unlocks memory pages.', mlockall: 'Locks every page of the process.', munlockall: 'Unlocks every page.',
  mbind: 'Sets the NUMA policy of a memory range.', set_mempolicy: 'Sets the NUMA memory policy.', get_mempolicy: 'Reads the NUMA memory policy.', migrate_pages: 'Moves a process\'s pages between NUMA nodes.', move_pages: 'Moves single pages between NUMA nodes.',
  remap_file_pages: 'Rearranges pages of a file mapping (deprecated).', memfd_create: 'Creates an anonymous in-memory file.', memfd_secret: 'Creates memory hidden even from the kernel\'s direct map.',
  membarrier: 'Issues memory barriers on other threads.', userfaultfd: 'Handles page faults in user space (often used in kernel exploits).', modify_ldt: 'Changes the x86 local descriptor table.',
  pkey_alloc: 'Allocates a memory protection key.', pkey_free: 'Frees a memory protection key.', pkey_mprotect: 'mprotect with a protection key.', cacheflush: 'Flushes CPU caches (some architectures).', breakpoint: 'ARM breakpoint trap.',
  swapcontext: 'Swaps user contexts (PowerPC).',
  // time
  time: 'Returns the time in seconds.', gettimeofday: 'Returns the time of day.', settimeofday: 'Sets the system clock.', stime: 'Sets the system time (old form).',
  clock_gettime: 'Reads a clock.', clock_settime: 'Sets a clock.', clock_getres: 'Reads a clock\'s resolution.', clock_nanosleep: 'Sleeps on a chosen clock.', clock_adjtime: 'Tunes a clock.', adjtimex: 'Tunes the system clock (NTP).',
  nanosleep: 'Sleeps with nanosecond precision.', alarm: 'Sends SIGALRM after some seconds.', getitimer: 'Reads an interval timer.', setitimer: 'Sets an interval timer.',
  timer_create: 'Creates a POSIX timer.', timer_delete: 'Deletes a POSIX timer.', timer_settime: 'Arms a POSIX timer.', timer_gettime: 'Reads a POSIX timer.', timer_getoverrun: 'Counts missed timer expirations.',
  timerfd_create: 'Creates a timer read through a file descriptor.', timerfd_settime: 'Arms a timerfd.', timerfd_gettime: 'Reads a timerfd.', timerfd: 'Old form of timerfd_create.',
  // polling and events
  poll: 'Waits for file descriptors to become ready.', ppoll: 'poll with a signal mask.', select: 'Waits for file descriptors (old interface).', _newselect: 'select on some 32-bit ABIs.',
  pselect6: 'select with a signal mask.', epoll_create: 'Creates an epoll instance.', epoll_create1: 'epoll_create with flags.', epoll_ctl: 'Adds or removes epoll watches.',
  epoll_wait: 'Waits for epoll events.', epoll_pwait: 'epoll_wait with a signal mask.', epoll_pwait2: 'epoll_pwait with a nanosecond timeout.', epoll_ctl_old: 'Unused old epoll call.', epoll_wait_old: 'Unused old epoll call.',
  eventfd: 'Creates an event counter file descriptor.', eventfd2: 'eventfd with flags.', futex: 'Fast user-space locking: waits and wakes threads.',
  io_setup: 'Creates an asynchronous I/O context.', io_destroy: 'Destroys an asynchronous I/O context.', io_submit: 'Submits asynchronous I/O.', io_cancel: 'Cancels asynchronous I/O.', io_getevents: 'Reads completed asynchronous I/O.', io_pgetevents: 'io_getevents with a signal mask.',
  // IPC
  ipc: 'Multiplexer for System V IPC on some ABIs.', msgget: 'Gets a System V message queue.', msgsnd: 'Sends to a message queue.', msgrcv: 'Receives from a message queue.', msgctl: 'Controls a message queue.',
  semget: 'Gets a System V semaphore set.', semop: 'Operates on semaphores.', semtimedop: 'semop with a timeout.', semctl: 'Controls a semaphore set.',
  shmget: 'Gets a System V shared memory segment.', shmat: 'Attaches shared memory.', shmdt: 'Detaches shared memory.', shmctl: 'Controls shared memory.',
  mq_open: 'Opens a POSIX message queue.', mq_unlink: 'Removes a POSIX message queue.', mq_timedsend: 'Sends to a POSIX message queue.', mq_timedreceive: 'Receives from a POSIX message queue.',
  mq_notify: 'Asks for a signal when a message arrives.', mq_getsetattr: 'Reads or sets message queue attributes.',
  // network
  socket: 'Creates a socket (raw sockets need CAP_NET_RAW).', socketpair: 'Creates a pair of connected sockets.', bind: 'Gives a socket an address (ports below 1024 need CAP_NET_BIND_SERVICE).',
  listen: 'Accepts connections on a socket.', accept: 'Takes a connection.', accept4: 'accept with flags.', connect: 'Connects a socket.', shutdown: 'Shuts down part of a connection.',
  getsockname: 'Returns a socket\'s own address.', getpeername: 'Returns the address of the peer.', getsockopt: 'Reads a socket option.', setsockopt: 'Sets a socket option.',
  send: 'Sends on a connected socket.', sendto: 'Sends a message.', sendmsg: 'Sends a message with control data.', sendmmsg: 'Sends several messages.',
  recv: 'Receives from a connected socket.', recvfrom: 'Receives a message.', recvmsg: 'Receives a message with control data.', recvmmsg: 'Receives several messages.', socketcall: 'Multiplexer for socket calls on some 32-bit ABIs.',
  // system
  uname: 'Returns the kernel name and version.', olduname: 'Old form of uname.', oldolduname: 'Oldest form of uname.', sysinfo: 'Returns memory and load statistics.',
  sethostname: 'Sets the host name (of the UTS namespace).', setdomainname: 'Sets the NIS domain name (of the UTS namespace).', getrandom: 'Reads random bytes.',
  syslog: 'Reads or clears the kernel log buffer.', reboot: 'Reboots or halts the machine, or enables Ctrl-Alt-Del.', vhangup: 'Hangs up the controlling terminal.',
  init_module: 'Loads a kernel module.', finit_module: 'Loads a kernel module from a file descriptor.', delete_module: 'Unloads a kernel module.', query_module: 'Old call that queried kernel modules.',
  kexec_load: 'Loads a new kernel to boot into.', kexec_file_load: 'kexec_load from file descriptors.', iopl: 'Raises the I/O privilege level (x86).', ioperm: 'Allows access to I/O ports (x86).',
  bpf: 'Loads eBPF programs and maps into the kernel.', perf_event_open: 'Opens performance monitoring counters.', keyctl: 'Manages the kernel key ring.', add_key: 'Adds a key to the kernel key ring.', request_key: 'Asks for a key from the kernel key ring.',
  pciconfig_read: 'Reads PCI configuration space.', pciconfig_write: 'Writes PCI configuration space.', pciconfig_iobase: 'Returns PCI I/O base addresses.',
  s390_pci_mmio_read: 'Reads PCI memory on s390.', s390_pci_mmio_write: 'Writes PCI memory on s390.', s390_runtime_instr: 'Controls runtime instrumentation on s390.',
  // newer calls not in Debian 12's profile
  futex_waitv: 'Waits on several futexes at once.', cachestat: 'Reads page cache statistics of a file.', fchmodat2: 'fchmodat with flags.', map_shadow_stack: 'Maps a shadow stack (control-flow protection).',
  futex_wake: 'Wakes futex waiters (new interface).', futex_wait: 'Waits on a futex (new interface).', futex_requeue: 'Moves futex waiters (new interface).',
  statmount: 'Reads information about a mount.', listmount: 'Lists the mounts of a namespace.', lsm_get_self_attr: 'Reads the caller\'s security module attributes.',
  lsm_set_self_attr: 'Sets the caller\'s security module attributes.', lsm_list_modules: 'Lists the active security modules.', mseal: 'Seals a memory mapping against changes.',
  setxattrat: 'setxattr relative to a directory descriptor.', getxattrat: 'getxattr relative to a directory descriptor.', listxattrat: 'listxattr relative to a directory descriptor.', removexattrat: 'removexattr relative to a directory descriptor.',
  set_mempolicy_home_node: 'Sets the home NUMA node of a memory range.', riscv_flush_icache: 'Flushes the instruction cache (RISC-V).', riscv_hwprobe: 'Describes the CPU (RISC-V).', uretprobe: 'Return probe trampoline (x86).',
  open_tree_attr: 'open_tree that also sets mount attributes.', file_getattr: 'Reads inode attributes.', file_setattr: 'Sets inode attributes.',
};

/** Capabilities that gate a call, in Linux and in the default profile (which allows the call only with it). */
export const SYSCALL_CAPS: Readonly<Record<string, string>> = {
  settimeofday: 'CAP_SYS_TIME', stime: 'CAP_SYS_TIME', clock_settime: 'CAP_SYS_TIME', clock_settime64: 'CAP_SYS_TIME', adjtimex: 'CAP_SYS_TIME', clock_adjtime: 'CAP_SYS_TIME', clock_adjtime64: 'CAP_SYS_TIME',
  init_module: 'CAP_SYS_MODULE', finit_module: 'CAP_SYS_MODULE', delete_module: 'CAP_SYS_MODULE', query_module: 'CAP_SYS_MODULE',
  reboot: 'CAP_SYS_BOOT', kexec_load: 'CAP_SYS_BOOT', kexec_file_load: 'CAP_SYS_BOOT',
  ptrace: 'CAP_SYS_PTRACE', process_vm_readv: 'CAP_SYS_PTRACE', process_vm_writev: 'CAP_SYS_PTRACE', kcmp: 'CAP_SYS_PTRACE', pidfd_getfd: 'CAP_SYS_PTRACE', process_madvise: 'CAP_SYS_PTRACE',
  iopl: 'CAP_SYS_RAWIO', ioperm: 'CAP_SYS_RAWIO', pciconfig_read: 'CAP_SYS_RAWIO', pciconfig_write: 'CAP_SYS_RAWIO', s390_pci_mmio_read: 'CAP_SYS_RAWIO', s390_pci_mmio_write: 'CAP_SYS_RAWIO',
  acct: 'CAP_SYS_PACCT', chroot: 'CAP_SYS_CHROOT', vhangup: 'CAP_SYS_TTY_CONFIG', open_by_handle_at: 'CAP_DAC_READ_SEARCH',
  mount: 'CAP_SYS_ADMIN', umount: 'CAP_SYS_ADMIN', umount2: 'CAP_SYS_ADMIN', pivot_root: 'CAP_SYS_ADMIN', swapon: 'CAP_SYS_ADMIN', swapoff: 'CAP_SYS_ADMIN', quotactl: 'CAP_SYS_ADMIN',
  sethostname: 'CAP_SYS_ADMIN', setdomainname: 'CAP_SYS_ADMIN', setns: 'CAP_SYS_ADMIN', unshare: 'CAP_SYS_ADMIN', bpf: 'CAP_SYS_ADMIN', perf_event_open: 'CAP_SYS_ADMIN', fanotify_init: 'CAP_SYS_ADMIN',
  lookup_dcookie: 'CAP_SYS_ADMIN', name_to_handle_at: 'CAP_SYS_ADMIN', syslog: 'CAP_SYS_ADMIN', fsopen: 'CAP_SYS_ADMIN', fsconfig: 'CAP_SYS_ADMIN', fsmount: 'CAP_SYS_ADMIN', fspick: 'CAP_SYS_ADMIN',
  move_mount: 'CAP_SYS_ADMIN', open_tree: 'CAP_SYS_ADMIN', mount_setattr: 'CAP_SYS_ADMIN', clone3: 'CAP_SYS_ADMIN',
  sched_setscheduler: 'CAP_SYS_NICE', setpriority: 'CAP_SYS_NICE', nice: 'CAP_SYS_NICE', mbind: 'CAP_SYS_NICE', migrate_pages: 'CAP_SYS_NICE', move_pages: 'CAP_SYS_NICE', set_mempolicy: 'CAP_SYS_NICE',
  setuid: 'CAP_SETUID', setreuid: 'CAP_SETUID', setresuid: 'CAP_SETUID', setfsuid: 'CAP_SETUID', setgid: 'CAP_SETGID', setregid: 'CAP_SETGID', setresgid: 'CAP_SETGID', setfsgid: 'CAP_SETGID', setgroups: 'CAP_SETGID',
  kill: 'CAP_KILL', chown: 'CAP_CHOWN', fchown: 'CAP_CHOWN', lchown: 'CAP_CHOWN', fchownat: 'CAP_CHOWN', mknod: 'CAP_MKNOD', mknodat: 'CAP_MKNOD',
  mlock: 'CAP_IPC_LOCK', mlock2: 'CAP_IPC_LOCK', mlockall: 'CAP_IPC_LOCK', setrlimit: 'CAP_SYS_RESOURCE', prlimit64: 'CAP_SYS_RESOURCE',
  capset: 'CAP_SETPCAP', bind: 'CAP_NET_BIND_SERVICE', socket: 'CAP_NET_RAW', keyctl: 'CAP_SYS_ADMIN',
};

const VARIANTS: [RegExp, string][] = [
  [/^(.*)_time64$/, 'the variant with 64-bit time values, for 32-bit architectures'],
  [/^(.*[a-z])32$/, 'the variant with 32-bit user and group IDs, for old 32-bit ABIs'],
  [/^(.*[a-z])64$/, 'the variant with 64-bit sizes or offsets, for 32-bit architectures'],
];

/** What a call does, or undefined for a name ctconf does not know. */
export function describeSyscall(name: string): { text: string; base?: string } | undefined {
  const own = Object.prototype.hasOwnProperty.call(D, name) ? D[name] : undefined;
  if (own) return { text: own };
  for (const [re, note] of VARIANTS) {
    const m = re.exec(name);
    const base = m?.[1];
    if (base && Object.prototype.hasOwnProperty.call(D, base) && D[base]) return { text: `${D[base]} This is ${note}.`, base };
  }
  return undefined;
}

/** The capability that gates a call (directly or through its base call). */
export function syscallCapability(name: string): string | undefined {
  const d = describeSyscall(name);
  return SYSCALL_CAPS[name] ?? (d?.base ? SYSCALL_CAPS[d.base] : undefined);
}

export function isKnownSyscall(name: string): boolean {
  return describeSyscall(name) !== undefined;
}

/** Every name with a description (for completion). */
export function syscallNames(): string[] {
  return Object.keys(D).filter((k) => D[k]);
}
