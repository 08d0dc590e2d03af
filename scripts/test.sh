#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this). It installs what the tests
# need that a Rust toolchain does not have, so it works on a clean machine:
#   - jwcrypto + cryptography (PyPI), to regenerate the JWT fixtures with an independent JOSE
#     library and run the suite a second time against the fresh keys.
# Then: formatting, clippy with warnings as errors, every test, and the benchmarks compiled.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "installing test dependencies"
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
OIDCTL_TEST_FIXTURES="$fresh" cargo test --locked --test cli

step "benchmarks compile"
cargo bench --locked --no-run
