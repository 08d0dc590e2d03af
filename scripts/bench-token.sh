#!/usr/bin/env bash
# Whole-process timing of `oidctl token` with a cached, valid token: the hot path of
# `curl -H "Authorization: Bearer $(oidctl token)" …`. It signs in once to the test provider
# (tests/provider, on 127.0.0.1) with the scripted browser, for each store, then times
# `oidctl token` with hyperfine. Needs: hyperfine, node + `npm ci --prefix tests/provider`,
# dbus-daemon and gnome-keyring-daemon (for the keyring store).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine jq; do
  command -v $tool >/dev/null || { apt-get update -qq && apt-get install -y -qq $tool >/dev/null; }
done
[ -d tests/provider/node_modules/oidc-provider ] || npm ci --prefix tests/provider --no-audit --no-fund --loglevel=error
cargo build --release --locked -q
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# Timed from a copy, as `cargo install` puts it in place: fresh from the linker, a binary starts
# about 130 µs slower (see scripts/bench.sh).
bin=$work/oidctl
install -m 755 target/release/oidctl "$bin"

# The provider, on a random loopback port.
mkfifo "$work/provider.out"
node tests/provider/server.mjs > "$work/provider.out" 2> "$work/provider.err" & pids+=($!)
issuer=$(head -1 "$work/provider.out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["issuer"])')

# A private Secret Service.
dbus-daemon --session --nofork --print-address=1 > "$work/bus" 2>/dev/null & pids+=($!)
for _ in $(seq 50); do [ -s "$work/bus" ] && break; sleep 0.05; done
export DBUS_SESSION_BUS_ADDRESS=$(head -1 "$work/bus")
printf pw | XDG_DATA_HOME=$work/kr XDG_RUNTIME_DIR=$work gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 & pids+=($!)
sleep 0.5

export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data XDG_CACHE_HOME=$work/home/cache
export BROWSER=$PWD/tests/provider/browser.sh TEST_BROWSER_LOG=$work/browser.log
for store in file keyring; do
  "$bin" profile add "$store" --issuer "$issuer" --client-id oidctl-test --store "$store" -q
  "$bin" login -p "$store" -q
done
unset BROWSER

echo "oidctl $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
hyperfine -N --warmup 20 --runs "${RUNS:-300}" \
  -n 'oidctl token (file store)' "$bin token -p file" \
  -n 'oidctl token (keyring store)' "$bin token -p keyring" \
  -n 'cat of the token file (floor)' "cat $(ls "$XDG_DATA_HOME"/oidctl/tokens/*.json | head -1)" \
  --export-json "$work/token.json" --export-markdown "${1:-/dev/stdout}"
# Medians, and each command against the floor, `cat` of the same token file.
jq -r '(.results | map(select(.command | startswith("cat"))) | .[0].median) as $cat
  | .results[] | "\(.command): median \(.median * 1e6 | round) µs (\(.median / $cat * 100 | round / 100) x cat)"' "$work/token.json"
