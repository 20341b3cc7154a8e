/*
 * lxcload: liblxc loading many container configs in ONE process, the way a tool that
 * inspects every container of a host would (the baseline for `npm run bench`).
 *
 * Usage: lxcload [-q] FILE...
 * For each FILE: a throw-away container object (lxc_container_new in an empty temporary
 * lxcpath), load_config(FILE), lxc_container_put. Nothing is created or started.
 * Prints one summary line: "loaded N accepted A rejected R ms T" (T is the time spent in the
 * loop, in milliseconds); with -q nothing but that line, otherwise also each rejected file.
 * liblxc's own errors go to stderr (log level ERROR).
 *
 * Unlike lxccheck there is no child process per file: a crash of liblxc ends the run, which
 * is fine for the benchmark's inputs (liblxc accepts all of them; the bench checks that).
 */
#define _GNU_SOURCE
#include <lxc/lxccontainer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char tmpl[] = "/tmp/lxcload.XXXXXX";
	char *dir = mkdtemp(tmpl);
	struct lxc_log log = { .name = "lxcload", .lxcpath = NULL, .file = "/dev/stderr",
			       .level = "ERROR", .prefix = "lxcload", .quiet = false };
	struct timespec t0, t1;
	int i = 1, quiet = 0, accepted = 0, rejected = 0;

	if (!dir)
		return 2;
	log.lxcpath = dir;
	if (i < argc && strcmp(argv[i], "-q") == 0) {
		quiet = 1;
		i++;
	}
	lxc_log_init(&log);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (; i < argc; i++) {
		struct lxc_container *c = lxc_container_new("lxcload", dir);

		if (!c) {
			rmdir(dir);
			return 2;
		}
		if (c->load_config(c, argv[i])) {
			accepted++;
		} else {
			rejected++;
			if (!quiet)
				printf("reject\t%s\n", argv[i]);
		}
		lxc_container_put(c);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("loaded %d accepted %d rejected %d ms %ld\n", accepted + rejected, accepted, rejected,
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
	rmdir(dir);
	return rejected ? 1 : 0;
}
