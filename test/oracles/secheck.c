/*
 * secheck POLICY: reads SELinux contexts from stdin, one per line, and prints "ok" or "bad"
 * for each, as libsepol's context_to_sid judges them against the binary policy POLICY. libsepol
 * parses a context with the same rules as the kernel (user:role:type[:level], sensitivities and
 * categories looked up in the policy, cN.cM only with N < M), so with a policy that defines the
 * container types and c0-c1023 this is the kernel's verdict on the syntax.
 */
#include <stdio.h>
#include <string.h>
#include <sepol/debug.h>
#include <sepol/policydb/services.h>

extern int sepol_set_policydb_from_file(FILE *fp);

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: secheck POLICY < contexts\n");
    return 2;
  }
  FILE *fp = fopen(argv[1], "r");
  if (!fp || sepol_set_policydb_from_file(fp) < 0) {
    fprintf(stderr, "secheck: cannot load %s\n", argv[1]);
    return 2;
  }
  sepol_debug(0);
  static char line[65536];
  while (fgets(line, sizeof line, stdin)) {
    size_t n = strcspn(line, "\n");
    line[n] = 0;
    sepol_security_id_t sid;
    puts(sepol_context_to_sid(line, n + 1, &sid) < 0 ? "bad" : "ok");
  }
  return 0;
}
