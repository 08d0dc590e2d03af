#!/usr/bin/env bash
# Regenerates link/hot-functions.txt, the functions build.rs asks the linker to lay out together:
# every function of the oidctl binary that runs in the short commands people call in loops and
# scripts. Run it after a toolchain or dependency update (names carry hashes that change then;
# a stale list only costs start-up speed). Needs valgrind, python3 and node (the test provider).
#
#   scripts/order-functions.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
[ -d tests/provider/node_modules/oidc-provider ] || npm ci --prefix tests/provider --no-audit --no-fund --loglevel=error

# The release profile with symbols kept: the same code and the same symbol names as the real
# build (the names do not depend on `strip`), in a target directory of its own.
OIDCTL_KEEP_SYMBOLS=1 cargo build --release --locked -q --target-dir target/order
bin=$PWD/target/order/release/oidctl

work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# A signed-in profile with the file store, for `oidctl token`.
mkfifo "$work/provider.out"
node tests/provider/server.mjs >"$work/provider.out" 2>"$work/provider.err" &
pids+=($!)
issuer=$(head -1 "$work/provider.out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["issuer"])')
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data XDG_CACHE_HOME=$work/home/cache
"$bin" profile add file --issuer "$issuer" --client-id oidctl-test --store file -q
BROWSER=$PWD/tests/provider/browser.sh TEST_BROWSER_LOG=$work/browser.log "$bin" login -p file -q

F=tests/fixtures
entra=$(<"$F/tokens/entra-v2.jwt")
rs=$(<"$F/tokens/rs256.jwt")
hs=$(<"$F/tokens/hs256.jwt")
n=0
run() {
    n=$((n + 1))
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/cg.$n" "$bin" "$@" >/dev/null 2>&1
}
run --version
run token -p file
run token -p file --format json
run decode "$entra"
run decode --format json "$entra"
run claims "$entra" sub
run verify --key "$F/keys/rs256.pub.pem" "$rs"
run verify --key "$F/keys/jwks.json" "$rs"
run verify --secret-file "$F/keys/hs256.secret" "$hs"

# The functions of the oidctl object that ran, in the order callgrind first lists them.
mkdir -p link
python3 - "$work"/cg.* >link/hot-functions.txt <<'EOF'
import re, sys
print("# Functions that oidctl's short commands run, laid out together by build.rs.")
print("# Made by scripts/order-functions.sh; do not edit.")
seen = set()
for path in sys.argv[1:]:
    names, objects, current = {}, {}, None
    for line in open(path, errors="replace"):
        m = re.match(r"^(c?ob|c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if not m:
            continue
        kind, key, name = m.groups()
        table = objects if kind.endswith("ob") else names
        if name:
            table[key] = name
        if kind == "ob":
            current = objects[key]
        elif kind == "fn" and current and current.endswith("/oidctl") and names[key] not in seen:
            seen.add(names[key])
            print(names[key])
EOF
echo "link/hot-functions.txt: $(grep -vc '^#' link/hot-functions.txt) functions"
