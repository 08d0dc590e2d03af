#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this). It installs what the tests
# need that a Rust toolchain does not have, so it works on a clean machine:
#   - Debian packages: gnome-keyring, libsecret-tools and dbus (a private Secret Service per
#     test), chromium (one sign-in runs in a real headless browser);
#   - the test provider, oidc-provider, and openid-client, an independent client that signs in to
#     oidctl serve (npm, pinned in tests/provider/package-lock.json);
#   - jwcrypto + cryptography (PyPI), to regenerate the JWT fixtures with an independent JOSE
#     library and run the suite a second time against the fresh keys.
# Then: formatting, clippy with warnings as errors, every test, and the benchmarks compiled.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "installing test dependencies"
need_apt=()
for tool in dbus-daemon:dbus gnome-keyring-daemon:gnome-keyring secret-tool:libsecret-tools chromium:chromium openssl:openssl node:nodejs npm:npm; do
  command -v "${tool%%:*}" >/dev/null || need_apt+=("${tool#*:}")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
npm ci --prefix tests/provider --no-audit --no-fund --loglevel=error
python3 -m pip install --quiet --disable-pip-version-check jwcrypto==1.6.1 cryptography==50.0.2

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -D warnings"
cargo clippy --all-targets --locked -- -D warnings

step "cargo test (committed fixtures)"
cargo test --locked

step "cargo test against freshly generated fixtures (jwcrypto, new random keys)"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
python3 tests/fixtures/make_fixtures.py "$fresh" > "$fresh.log" || { cat "$fresh.log"; exit 1; }
rm -f "$fresh.log"
OIDCTL_TEST_FIXTURES="$fresh" cargo test --locked --test cli -- decode:: verify claims::

step "benchmarks compile"
cargo bench --locked --no-run
