#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine and downloads the
# real-world corpora into .cache/ (never committed). Safe to run again: it only
# does what is missing. Without root it installs nothing and the tests that need
# the missing tools say so and skip.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=.cache
mkdir -p "$CACHE/debs" "$CACHE/corpus" "$CACHE/bin"

# lxd (Debian 12: LXD 5.0.2) is the oracle for Incus/LXD YAML (test/helpers/lxdOracle.ts runs a
# private daemon). Installing it also installs uidmap (newuidmap/newgidmap) and gives root and
# _lxd the subordinate IDs 100000-10100000 in /etc/subuid and /etc/subgid, as on a real LXD host.
# checkpolicy and libsepol-dev build the SELinux context oracle (test/oracles/secheck.c).
APT_PACKAGES=(lxc lxc-dev lxc-templates gcc pkg-config unzip podman lxd checkpolicy libsepol-dev)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

apt_updated=0
apt_update() {
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
}

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "prepare: installing ${missing[*]}"
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "prepare: not root, cannot install ${missing[*]}; tests that need them will skip"
  fi
fi

# Corpora: Debian packages unpacked without installing them.
CORPUS_PACKAGES=(liblxc-common lxc lxc-templates lxcfs obs-build manpages golang-github-containers-common golang-github-containers-common-dev golang-github-burntsushi-toml-dev containers-storage golang-github-containers-image)
for p in "${CORPUS_PACKAGES[@]}"; do
  if [ ! -d "$CACHE/corpus/$p" ]; then
    if ! ls "$CACHE/debs/${p}"_*.deb >/dev/null 2>&1; then
      apt_update
      (cd "$CACHE/debs" && apt-get download -qq "$p" >/dev/null 2>&1) || { echo "prepare: could not download $p"; continue; }
    fi
    mkdir -p "$CACHE/corpus/$p"
    dpkg -x "$(ls "$CACHE/debs/${p}"_*.deb | head -n1)" "$CACHE/corpus/$p"
  fi
done

# The liblxc oracles: tiny C programs linked against the installed liblxc. lxccheck asks for a
# verdict per file (tests); lxcload loads many files in one process (npm run bench).
if command -v gcc >/dev/null && pkg-config --exists lxc 2>/dev/null; then
  for tool in lxccheck lxcload; do
    if [ ! -x "$CACHE/bin/$tool" ] || [ "test/oracles/$tool.c" -nt "$CACHE/bin/$tool" ]; then
      gcc -O2 -o "$CACHE/bin/$tool" "test/oracles/$tool.c" $(pkg-config --cflags --libs lxc)
    fi
  done
fi
# The SARIF 2.1.0 JSON schema (final rtm.5, draft-04) for the `--format sarif` test, taken from
# an npm package that ships it (MIT), so nothing is fetched at test time.
if [ ! -f "$CACHE/sarif/sarif-schema-2.1.0.json" ]; then
  mkdir -p "$CACHE/sarif"
  (cd "$CACHE/sarif" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1 \
    && tar -xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json \
    && mv package/lib/schemas/sarif-2.1.0-rtm.5.json sarif-schema-2.1.0.json && rm -rf package ./*.tgz) \
    || echo "prepare: could not fetch the SARIF schema"
fi
echo "prepare: done"
