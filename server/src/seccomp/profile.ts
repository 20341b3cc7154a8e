/**
 * The seccomp profile format Podman reads (containers/common pkg/seccomp types.go): field
 * names and types, actions, architectures, comparison operators and errno names. Go's JSON
 * decoder matches field names case-insensitively, ignores unknown fields and refuses values
 * of the wrong type (podman create fails).
 */

export type FieldType = 'string' | 'uint' | 'uint64' | 'string[]' | 'object' | 'object[]';

export interface FieldSpec {
  readonly type: FieldType;
  readonly doc: string;
  /** The fields of an object (or of each element of an object array). */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  /** An array whose elements podman reads without a nil check: a `null` element crashes it. */
  readonly nullCrashes?: true;
}

const FILTER: Record<string, FieldSpec> = {
  caps: { type: 'string[]', doc: 'Capabilities (CAP_…): the rule applies only when the container has (includes) or lacks (excludes) one of them.' },
  arches: { type: 'string[]', doc: 'Go architecture names (amd64, arm64, s390x, …): the rule applies only on (includes) or off (excludes) these.' },
  minKernel: { type: 'string', doc: 'A kernel release such as "4.8": the rule applies only on (includes) or below (excludes) it. Read by newer Podman (containers/common 0.51 and later); older ones ignore it and apply the rule everywhere.' },
};

export const SYSCALL_FIELDS: Readonly<Record<string, FieldSpec>> = {
  name: { type: 'string', doc: 'One system call name (use either `name` or `names`).' },
  names: { type: 'string[]', doc: 'The system calls this rule matches.' },
  action: { type: 'string', doc: 'What happens when a matching call is made.' },
  args: {
    type: 'object[]', nullCrashes: true, doc: 'Conditions on the call\'s arguments; all must hold for the rule to match.',
    fields: {
      index: { type: 'uint', doc: 'Which argument (0 to 5).' },
      value: { type: 'uint64', doc: 'The value the argument is compared with.' },
      valueTwo: { type: 'uint64', doc: 'Second value: the expected result for SCMP_CMP_MASKED_EQ (value is the mask).' },
      op: { type: 'string', doc: 'The comparison (SCMP_CMP_EQ, SCMP_CMP_MASKED_EQ, …).' },
    },
  },
  comment: { type: 'string', doc: 'Free text, ignored.' },
  includes: { type: 'object', doc: 'The rule applies only when these conditions hold.', fields: FILTER },
  excludes: { type: 'object', doc: 'The rule is skipped when one of these conditions holds.', fields: FILTER },
  errnoRet: { type: 'uint', doc: 'The error number returned by SCMP_ACT_ERRNO (or trace value of SCMP_ACT_TRACE). Older spelling; `errno` takes a name.' },
  errno: { type: 'string', doc: 'The error the call fails with, by name (EPERM) or number, for SCMP_ACT_ERRNO.' },
};

export const PROFILE_FIELDS: Readonly<Record<string, FieldSpec>> = {
  defaultAction: { type: 'string', doc: 'What happens to every call no rule matches. A restrictive profile uses SCMP_ACT_ERRNO and allows what is needed.' },
  defaultErrnoRet: { type: 'uint', doc: 'The error number returned by the default action when it is SCMP_ACT_ERRNO (38 is ENOSYS: "not implemented", which programs handle best).' },
  defaultErrno: { type: 'string', doc: 'Like defaultErrnoRet, by name (ENOSYS).' },
  architectures: { type: 'string[]', doc: 'The system call ABIs (SCMP_ARCH_…) the filter covers. Use either this or `archMap`.' },
  archMap: {
    type: 'object[]', doc: 'For each native architecture, the ABIs to cover; Podman picks the entry of the machine it runs on.',
    fields: {
      architecture: { type: 'string', doc: 'The native ABI (SCMP_ARCH_X86_64, …).' },
      subArchitectures: { type: 'string[]', doc: 'Other ABIs that the same machine can run (x86 and x32 on x86_64).' },
    },
  },
  syscalls: { type: 'object[]', nullCrashes: true, doc: 'The rules, tried for each call.', fields: SYSCALL_FIELDS },
  flags: { type: 'string[]', doc: 'Flags for installing the filter (SECCOMP_FILTER_FLAG_…).' },
  listenerPath: { type: 'string', doc: 'A UNIX socket that receives the notification file descriptor for SCMP_ACT_NOTIFY.' },
  listenerMetadata: { type: 'string', doc: 'Opaque data passed to the listener.' },
};

export const ACTIONS: readonly { name: string; doc: string }[] = [
  { name: 'SCMP_ACT_ERRNO', doc: 'The call fails with an error (errno/errnoRet; EPERM when unset) and does nothing.' },
  { name: 'SCMP_ACT_ALLOW', doc: 'The call runs normally.' },
  { name: 'SCMP_ACT_KILL', doc: 'The calling thread is killed at once (same as SCMP_ACT_KILL_THREAD).' },
  { name: 'SCMP_ACT_KILL_THREAD', doc: 'The calling thread is killed at once.' },
  { name: 'SCMP_ACT_KILL_PROCESS', doc: 'The whole process is killed at once.' },
  { name: 'SCMP_ACT_TRAP', doc: 'The thread gets SIGSYS, which it may handle.' },
  { name: 'SCMP_ACT_TRACE', doc: 'A ptrace tracer is notified; without one, the call fails with ENOSYS.' },
  { name: 'SCMP_ACT_LOG', doc: 'The call runs and is logged by the kernel.' },
  { name: 'SCMP_ACT_NOTIFY', doc: 'A user-space supervisor (listenerPath) decides about the call.' },
];

export const ARCHES: readonly string[] = [
  'SCMP_ARCH_NATIVE', 'SCMP_ARCH_X86', 'SCMP_ARCH_X86_64', 'SCMP_ARCH_X32', 'SCMP_ARCH_ARM', 'SCMP_ARCH_AARCH64', 'SCMP_ARCH_MIPS', 'SCMP_ARCH_MIPS64',
  'SCMP_ARCH_MIPS64N32', 'SCMP_ARCH_MIPSEL', 'SCMP_ARCH_MIPSEL64', 'SCMP_ARCH_MIPSEL64N32', 'SCMP_ARCH_PPC', 'SCMP_ARCH_PPC64', 'SCMP_ARCH_PPC64LE',
  'SCMP_ARCH_S390', 'SCMP_ARCH_S390X', 'SCMP_ARCH_PARISC', 'SCMP_ARCH_PARISC64', 'SCMP_ARCH_RISCV64',
];

export const GO_ARCHES: readonly string[] = ['386', 'amd64', 'arm', 'arm64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64n32', 'mips64p32', 'mipsel64', 'mipsel64n32', 'ppc', 'ppc64', 'ppc64le', 'riscv64', 's390', 's390x', 'x32', 'x86', 'parisc', 'parisc64'];

export const OPERATORS: readonly { name: string; doc: string }[] = [
  { name: 'SCMP_CMP_EQ', doc: 'equal to value' }, { name: 'SCMP_CMP_NE', doc: 'not equal to value' },
  { name: 'SCMP_CMP_LT', doc: 'less than value' }, { name: 'SCMP_CMP_LE', doc: 'less than or equal to value' },
  { name: 'SCMP_CMP_GT', doc: 'greater than value' }, { name: 'SCMP_CMP_GE', doc: 'greater than or equal to value' },
  { name: 'SCMP_CMP_MASKED_EQ', doc: 'after masking with value, equal to valueTwo' },
];

export const FLAGS: readonly string[] = ['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_LOG', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV', 'SECCOMP_FILTER_FLAG_NEW_LISTENER', 'SECCOMP_FILTER_FLAG_TSYNC_ESRCH'];

/** Error names Podman translates (errno_list.go). */
export const ERRNOS: ReadonlySet<string> = new Set(('E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EAFNOSUPPORT EAGAIN EALREADY EBADF EBADMSG EBUSY ECANCELED ECHILD ECONNABORTED ECONNREFUSED ECONNRESET EDEADLK EDESTADDRREQ EDOM EDQUOT EEXIST EFAULT EFBIG EHOSTDOWN EHOSTUNREACH EIDRM EILSEQ EINPROGRESS EINVAL EIO EISCONN EISDIR ELOOP EMEDIUMTYPE EMFILE EMLINK EMSGSIZE ENAMETOOLONG ENETDOWN ENETRESET ENETUNREACH ENFILE ENOBUFS ENODEV ENOENT ENOEXEC ENOLCK ENOMEDIUM ENOMEM ENOMSG ENOPROTOOPT ENOSPC ENOSYS ENOTBLK ENOTCONN ENOTDIR ENOTEMPTY ENOTRECOVERABLE ENOTSOCK ENOTSUP ENOTTY ENXIO EOPNOTSUPP EOVERFLOW EOWNERDEAD EPERM EPFNOSUPPORT EPIPE EPROTONOSUPPORT EPROTOTYPE ERANGE EREMOTE EROFS ESHUTDOWN ESOCKTNOSUPPORT ESPIPE ESRCH ESTALE ETIMEDOUT ETOOMANYREFS ETXTBSY EUSERS EXDEV').split(' '));
