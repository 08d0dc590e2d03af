#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this). It installs what the tests
# need that a Rust toolchain does not have, so it works on a clean machine:
#   - Debian packages: gnome-keyring, libsecret-tools and dbus (a private Secret Service per
#     test), chromium (one sign-in runs in a real headless browser);
#   - the test provider, oidc-provider, and openid-client, an independent client that signs in to
#     oidctl serve (npm, pinned in tests/provider/package-lock.json);
#   - jwcrypto + cryptography (PyPI), to regenerate the JWT fixtures with an independent JOSE
#     library and run the suite a second time against the fresh keys.
# A plain `cargo test` needs none of these: it skips the tests that need a missing part and
# says which. Here (OIDCTL_TEST_REQUIRE_ALL=1) such a test fails instead.
# Then: formatting, clippy with warnings as errors, the supply-chain checks (cargo deny), every
# test (including the committed fuzz corpora, as regression inputs), and the benchmarks compiled.
#
# Long mode (scripts/test.sh --long, or OIDCTL_TEST_LONG=1) also runs each fuzz target with
# libFuzzer for OIDCTL_FUZZ_SECONDS (default 120) seconds: see fuzz/README.md and RELIABILITY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every suite must run here: a test whose part is missing fails (tests/cli/support/parts.rs).
export OIDCTL_TEST_REQUIRE_ALL=1

long=${OIDCTL_TEST_LONG:-0}
for arg in "$@"; do
  case $arg in
    --long) long=1 ;;
    *) echo "usage: scripts/test.sh [--long]" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*"; }

step "installing test dependencies"
need_apt=()
for tool in dbus-daemon:dbus gnome-keyring-daemon:gnome-keyring secret-tool:libsecret-tools chromium:chromium openssl:openssl node:nodejs npm:npm zsh:zsh fish:fish; do
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

step "cargo deny check bans licenses sources (deny.toml)"
# cargo-deny is installed from crates.io when missing (about 3 minutes on two cores). Its
# advisories check needs the RustSec database from GitHub, which CI machines cannot reach: it
# runs only when asked (OIDCTL_DENY_ADVISORIES=1), see RELIABILITY.md.
command -v cargo-deny >/dev/null || cargo install --locked --quiet cargo-deny@0.20.2
cargo deny --locked check --hide-inclusion-graph bans licenses sources
if [ "${OIDCTL_DENY_ADVISORIES:-0}" = 1 ]; then
  cargo deny --locked check --hide-inclusion-graph advisories
fi

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

step "release binary needs no newer glibc than a plain Rust program (scripts/check-glibc.sh)"
scripts/check-glibc.sh

if [ "$long" = 1 ]; then
  step "fuzzing: each target for ${OIDCTL_FUZZ_SECONDS:-120} s (cargo fuzz, libFuzzer)"
  # cargo fuzz needs nightly compiler flags (-Z sanitizer); RUSTC_BOOTSTRAP=1 lets the stable
  # toolchain accept them, so no second toolchain is needed. New inputs go to a scratch
  # directory; the committed corpus (fuzz/corpus) is only read.
  command -v cargo-fuzz >/dev/null || cargo install --locked --quiet cargo-fuzz@0.13.2
  scratch=$(mktemp -d)
  for target in decode verify jwks discovery token_answer loopback; do
    mkdir -p "$scratch/$target"
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "$scratch/$target" "corpus/$target" -- \
      -max_total_time="${OIDCTL_FUZZ_SECONDS:-120}" -rss_limit_mb=2048 -print_final_stats=1 2>"$scratch/$target.log") \
      || { tail -50 "$scratch/$target.log"; exit 1; }
    printf '%s: %s\n' "$target" "$(grep -E 'stat::number_of_executed_units' "$scratch/$target.log" | tail -1)"
  done
  rm -rf "$scratch"
fi
