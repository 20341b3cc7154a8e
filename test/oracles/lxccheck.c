/*
 * lxccheck: ask liblxc itself whether it loads a container config.
 *
 * Usage: lxccheck [-g KEY]... [-t SECONDS] [-r] FILE...
 * For each FILE a child process creates a throw-away container object and
 * calls load_config(); nothing is created or started. One line per file on
 * stdout, tab-separated:
 *   FILE  accept|reject|crash|timeout  [KEY=VALUE ...]
 * liblxc's own error messages go to stderr (log level ERROR).
 * -t sets the time limit per file (default 10 s); -r adds the child's peak memory
 * (`@maxrss=KiB`) and CPU time (`@cpu=ms`) for benchmarks.
 * Each load runs in its own process because liblxc keeps global state and
 * crashes on some inputs (a config that includes itself).
 */
#define _GNU_SOURCE
#include <lxc/lxccontainer.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_KEYS 32

static int load_one(const char *path, char **keys, int nkeys, int out)
{
	char tmpl[] = "/tmp/lxccheck.XXXXXX";
	char *dir = mkdtemp(tmpl);
	struct lxc_log log = { .name = "lxccheck", .lxcpath = dir, .file = "/dev/stderr",
			       .level = "ERROR", .prefix = "lxccheck", .quiet = false };
	struct lxc_container *c;
	bool ok;

	if (!dir)
		return 3;
	lxc_log_init(&log);
	c = lxc_container_new("lxccheck", dir);
	if (!c)
		return 3;
	ok = c->load_config(c, path);
	if (ok) {
		for (int i = 0; i < nkeys; i++) {
			char buf[65536];
			int n;

			buf[0] = '\0';
			n = c->get_config_item(c, keys[i], buf, sizeof(buf));
			if (n < 0)
				buf[0] = '\0';
			for (char *p = buf; *p; p++)
				if (*p == '\n' || *p == '\t')
					*p = ' ';
			dprintf(out, "\t%s=%s", keys[i], buf);
		}
	}
	lxc_container_put(c);
	rmdir(dir);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	char *keys[MAX_KEYS];
	int nkeys = 0, i = 1, limit = 10, report = 0;

	for (; i < argc; i++) {
		if (strcmp(argv[i], "-g") == 0 && i + 1 < argc && nkeys < MAX_KEYS)
			keys[nkeys++] = argv[++i];
		else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
			limit = atoi(argv[++i]);
		else if (strcmp(argv[i], "-r") == 0)
			report = 1;
		else
			break;
	}
	for (; i < argc; i++) {
		int fds[2], status = 0;
		struct rusage ru;
		char buf[70000];
		ssize_t n, len = 0;
		pid_t pid;

		if (pipe(fds) < 0)
			return 2;
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			close(fds[0]);
			alarm(limit);
			_exit(load_one(argv[i], keys, nkeys, fds[1]));
		}
		close(fds[1]);
		while ((n = read(fds[0], buf + len, sizeof(buf) - 1 - len)) > 0)
			len += n;
		buf[len] = '\0';
		close(fds[0]);
		memset(&ru, 0, sizeof(ru));
		wait4(pid, &status, 0, &ru);
		const char *verdict = "crash";
		if (WIFEXITED(status))
			verdict = WEXITSTATUS(status) == 0 ? "accept" : "reject";
		else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
			verdict = "timeout";
		if (report)
			printf("%s\t%s%s\t@maxrss=%ld\t@cpu=%ld\n", argv[i], verdict, buf, ru.ru_maxrss,
			       (long)(ru.ru_utime.tv_sec * 1000 + ru.ru_utime.tv_usec / 1000 + ru.ru_stime.tv_sec * 1000 + ru.ru_stime.tv_usec / 1000));
		else
			printf("%s\t%s%s\n", argv[i], verdict, buf);
	}
	return 0;
}
