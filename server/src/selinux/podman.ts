/**
 * What containers.conf's SELinux switches do, in our own words, for the hovers and completion
 * documentation of `[containers] label` and `label_users`. containers.conf has no key whose
 * value is itself a context or label (common/pkg/config/config.go: `label` and `label_users`
 * are booleans; per-container labels are `--security-opt label=…` options of podman run), so
 * these explanations are the only place the engine's labeling meets containers.conf.
 */

const LABEL = [
  '**What labeling does.** On an SELinux host Podman starts each container\'s processes in the `container_t` domain and labels the container\'s files `container_file_t`. On top of that it draws a random pair of MCS categories for every container (for example `s0:c123,c456`) and gives the same pair to the container\'s processes and to its files.',
  '',
  'The kernel lets a process use a file only when the file\'s categories are a subset of the process\'s own. Two containers with different pairs therefore cannot read or write each other\'s files, even though both run as `container_t` and even as the same user ID; and a process that escapes its container still finds the host\'s files, which carry no container label, out of reach.',
  '',
  '**`label = false`** turns this off for every container, like `--security-opt label=disable` does for one. Such containers run as `spc_t`, the "super privileged container" domain, which SELinux treats as unconfined: only namespaces, capabilities and seccomp still stand between the container and the host. Volumes then need no `:z`/`:Z` relabeling, which is the usual reason people switch it off; relabeling the volumes keeps the protection.',
  '',
  'On hosts without SELinux (AppArmor or none) the key has no effect.',
].join('\n');

const LABEL_USERS = [
  '**SELinux user and role of containers.** By default every container runs with the SELinux user `system_u` and the role `system_r`, whoever starts it. With `label_users = true`, a container keeps the SELinux user and role of the process that runs Podman: a confined login user (for example one mapped to `container_u` or `user_u`) stays confined inside the containers they start, and the rules the policy has for that user keep applying. The type (`container_t` …) and the MCS categories are chosen as usual.',
  '',
  'Only meaningful on SELinux hosts with confined users; with `label = false` there is no container label to adjust.',
].join('\n');

/** Extra Markdown for a containers.conf key, by `table.key`. */
export const PODMAN_LABEL_NOTES: Readonly<Record<string, string>> = {
  'containers.label': LABEL,
  'containers.label_users': LABEL_USERS,
};
