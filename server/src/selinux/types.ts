/**
 * What the SELinux types, users and roles of container hosts mean, in our own words (the
 * types are those of the container-selinux policy; facts about what each is for come from
 * its container.te).
 */

export const SELINUX_TYPES: Readonly<Record<string, string>> = {
  container_t: 'the default domain of confined containers. Processes may use only files labelled for containers (`container_file_t`, read-only `container_ro_file_t`) and cannot touch the host\'s files, devices or other containers\' files; each container also gets its own MCS categories.',
  container_init_t: 'the domain for containers that run systemd as their init (`podman run --systemd`): like `container_t`, plus what systemd needs, such as managing its cgroup tree and remounting /proc.',
  container_kvm_t: 'the domain for containers that run a virtual machine (Kata Containers, krun): like `container_t`, plus access to /dev/kvm.',
  container_engine_t: 'the domain for a container engine running inside a container (Podman in Podman, buildah in a container): allowed to mount file systems and set up nested containers, which plain `container_t` may not.',
  container_userns_t: 'the domain for containers in their own user namespace that get more capabilities than usual (everything except loading kernel modules and changing SELinux itself), relying on the user namespace to contain them.',
  spc_t: 'the "super privileged container" domain given to `--privileged` containers and `--security-opt label=disable`. It is an unconfined domain: SELinux allows it almost everything on the host, so it is effectively not confined at all, and its categories protect nothing.',
  container_runtime_t: 'the domain of the container engine and runtime themselves (podman, conmon, crun, runc, dockerd). It is unconfined, and its processes create containers in `container_t` and the other container domains.',
  container_file_t: 'the label of container content: image layers, container root file systems and volumes relabelled with `:z`/`:Z`. Confined containers may read and write it, subject to MCS categories.',
  container_ro_file_t: 'container content that containers may read but not write (also known by its alias `container_share_t`), for example shared image layers.',
  container_var_lib_t: 'the label of the engine\'s state directories such as /var/lib/containers; containers themselves cannot reach it directly.',
  container_var_run_t: 'the label of the engine\'s runtime state under /run.',
  container_config_t: 'the label of engine configuration such as /etc/containers.',
  container_home_t: 'the label of per-user container configuration and storage in home directories.',
  container_log_t: 'the label of container log files.',
  container_logreader_t: 'a domain for containers that may read the host\'s logs.',
  container_logwriter_t: 'a domain for containers that may write the host\'s logs.',
  container_device_t: 'a domain for containers that may use host devices.',
  container_user_t: 'the domain of confined users allowed to run containers (via the `container_u` SELinux user).',
  unconfined_t: 'the domain of unconfined login users: SELinux does not restrict it.',
  svirt_sandbox_file_t: 'the old name of `container_file_t`.',
  svirt_lxc_net_t: 'the old name of `container_t`.',
  lxc_t: 'the container domain of the policy module LXC itself ships (/usr/share/lxc/selinux/lxc.te, for RHEL-like hosts): containers are held to about what an unprivileged login user may do. It is not part of container-selinux; the module must be built and loaded by hand, or the kernel does not know the type.',
  lxc_file_t: 'the label that LXC\'s own policy module gives container root file systems; give it the same categories as the container\'s `lxc_t` context.',
};

export const USER_DOC: Readonly<Record<string, string>> = {
  system_u: 'the identity of system processes and files; container contexts use it.',
  unconfined_u: 'the identity of unconfined login users.',
  container_u: 'the identity of confined users who may run containers.',
  user_u: 'the identity of confined login users.',
};

export const ROLE_DOC: Readonly<Record<string, string>> = {
  system_r: 'the role of system processes; process contexts (container domains) use it.',
  object_r: 'the role every file and other object has; file contexts use it.',
  unconfined_r: 'the role of unconfined login users.',
};

/** Types that label files (as opposed to process domains). */
export const FILE_TYPES = new Set(['container_file_t', 'container_ro_file_t', 'container_var_lib_t', 'container_var_run_t', 'container_config_t', 'container_home_t', 'container_log_t', 'svirt_sandbox_file_t', 'lxc_file_t']);
