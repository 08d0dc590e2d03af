#!/usr/bin/env bash
# Whole-process timing of `oidctl token --resource R` (and `--resource R --scope S`) with a
# cached, valid token for that resource, against plain `oidctl token` with the sign-in's own:
# asking for another API's token must cost nothing more when it is held. Signs in once to the
# test provider (tests/provider, on 127.0.0.1, resource indicators on) with the scripted
# browser, file store, gets each token once, then times them with hyperfine.
# Needs: hyperfine, jq, node + `npm ci --prefix tests/provider`.
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
# Timed from a copy, as in scripts/bench-token.sh.
bin=$work/oidctl
install -m 755 target/release/oidctl "$bin"

mkfifo "$work/provider.out"
node tests/provider/server.mjs > "$work/provider.out" 2> "$work/provider.err" & pids+=($!)
issuer=$(head -1 "$work/provider.out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["issuer"])')

export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data XDG_CACHE_HOME=$work/home/cache
export BROWSER=$PWD/tests/provider/browser.sh TEST_BROWSER_LOG=$work/browser.log OIDCTL_STORE=file
A=https://a.api.test B=https://b.api.test
"$bin" profile add w --issuer "$issuer" --client-id oidctl-test -q
"$bin" login -p w -q --scope 'openid offline_access a:read a:write b:read' --resource $A --resource $B
unset BROWSER
# Each token once (one refresh each), so that every timed call is served from the store.
"$bin" token -p w --resource $A >/dev/null
"$bin" token -p w --resource $B >/dev/null
"$bin" token -p w --resource $A --scope a:read >/dev/null
before=$(curl -s "$issuer/__test/events" | jq '[to_entries[] | select(.key | test("^route:[^:]+:[0-9]+$")) | .value] | add')

echo "oidctl $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
hyperfine -N --warmup 20 --runs "${RUNS:-300}" \
  -n 'oidctl token -p w' "$bin token -p w" \
  -n "oidctl token -p w --resource $A" "$bin token -p w --resource $A" \
  -n "oidctl token -p w --resource $A --scope a:read" "$bin token -p w --resource $A --scope a:read" \
  -n 'cat of the token file (floor)' "cat $(ls "$XDG_DATA_HOME"/oidctl/tokens/*.json | head -1)" \
  --export-json "$work/token.json" --export-markdown "${1:-/dev/stdout}"
after=$(curl -s "$issuer/__test/events" | jq '[to_entries[] | select(.key | test("^route:[^:]+:[0-9]+$")) | .value] | add')
echo "provider requests during the timed runs: $((after - before))"
jq -r '(.results | map(select(.command | startswith("cat"))) | .[0].median) as $cat
  | .results[] | "\(.command): median \(.median * 1e6 | round) µs (\(.median / $cat * 100 | round / 100) x cat)"' "$work/token.json"
