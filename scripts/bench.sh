#!/usr/bin/env bash
# Whole-process benchmarks of oidctl against jwt-cli, and `verify --batch` throughput against the
# raw aws-lc-rs RS256 rate measured by criterion. See BENCHMARKS.md for the results and caveats.
#
#   scripts/bench.sh              hyperfine comparisons + batch throughput (+ criterion raw/RS256)
#   scripts/bench.sh --criterion  also the whole criterion suite first (a few minutes)
#
# Environment: RUNS (hyperfine runs per command, default 200), WARMUP (default 20),
# BATCH_TOKENS (lines in the batch file, default 20000), BATCH_RUNS (default 10),
# CRITERION_ARGS (default "--warm-up-time 1 --measurement-time 3"; set it empty for criterion's
# own defaults).
# Results (hyperfine JSON/Markdown, the batch input) go to target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-200}
WARMUP=${WARMUP:-20}
BATCH_TOKENS=${BATCH_TOKENS:-20000}
BATCH_RUNS=${BATCH_RUNS:-10}
CRITERION_ARGS=${CRITERION_ARGS---warm-up-time 1 --measurement-time 3}
FULL_CRITERION=0
[[ "${1:-}" == "--criterion" ]] && FULL_CRITERION=1

say() { printf '\n== %s\n' "$*"; }

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v jq >/dev/null || missing+=(jq)
if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v jwt >/dev/null; then
    say "installing jwt-cli (cargo install jwt-cli --locked)"
    cargo install jwt-cli --locked
fi

say "build"
cargo build --release --quiet
OIDCTL=$PWD/target/release/oidctl
JWT=$(command -v jwt)
F=tests/fixtures
OUT=target/bench
mkdir -p "$OUT"

# Anything else running skews every number below. Between the steps, with nothing of ours running,
# /proc/stat says how busy the CPUs are: each short step is bracketed by two such 2-second
# samples. For the long criterion step, the CPU time all processes used while it ran (/proc/stat)
# less what its own process tree used (/proc/$$/stat: cutime, cstime) is what others took.
cpu_now() { # -> "all-ticks busy-ticks our-ticks"
    local a b c d e f g h st
    read -r _ a b c d e f g h _ </proc/stat
    st=$(</proc/$$/stat)
    read -r -a st <<<"${st##*) }"
    echo "$((a + b + c + d + e + f + g + h)) $((a + b + c + f + g + h)) $((st[11] + st[12] + st[13] + st[14]))"
}
cpu_mark() { read -r MARK_ALL MARK_BUSY MARK_OURS < <(cpu_now); }
foreign_percent() { # % of all CPU time since cpu_mark used by other processes
    local all busy ours
    read -r all busy ours < <(cpu_now)
    echo $(((100 * (busy - MARK_BUSY - (ours - MARK_OURS))) / (all - MARK_ALL > 0 ? all - MARK_ALL : 1)))
}
warn_if_busy() { # PERCENT WHAT
    echo "[other processes used $1 % of the CPUs $2]"
    (($1 <= 5)) || echo "WARNING: other processes were using the CPU $2; rerun" >&2
}
quiet() { # WHAT: samples 2 s with nothing of ours running
    cpu_mark
    sleep 2
    warn_if_busy "$(foreign_percent)" "$1"
}

say "machine"
printf 'cores:     %s\ncpu:       %s\nrustc:     %s\noidctl:    %s\njwt-cli:   %s\nhyperfine: %s\nloadavg:   %s\n' \
    "$(nproc)" "$(awk -F': *' '/^model name/ {n = $2} /^cpu family/ {f = $2} /^model\t/ {m = $2}
        END {print n " (family " f ", model " m ")"}' /proc/cpuinfo)" \
    "$(rustc --version)" "$("$OIDCTL" --version)" "$("$JWT" --version)" \
    "$(hyperfine --version)" "$(uptime | sed 's/.*load average: //')"

# --- criterion -----------------------------------------------------------------------------------
read -r -a crit_args <<<"$CRITERION_ARGS"
cargo bench --bench jwt --no-run --quiet
quiet "before criterion"
cpu_mark
if ((FULL_CRITERION)); then
    say "criterion: whole suite"
    cargo bench --bench jwt -- "${crit_args[@]}"
else
    say "criterion: raw/RS256 only (the single-core crypto baseline)"
    cargo bench --bench jwt -- "${crit_args[@]}" '^raw/'
fi
warn_if_busy "$(foreign_percent)" "while criterion ran"
RAW_NS=$(jq '.median.point_estimate' target/criterion/raw/RS256/new/estimates.json)

# --- whole process: oidctl vs jwt-cli ------------------------------------------------------------
# Every command gets the token as an argument; -N runs it without a shell. The token itself is
# kept out of the tables by naming the commands.
RS=$(<"$F/tokens/rs256.jwt")
ENTRA=$(<"$F/tokens/entra-v2.jwt")
HS=$(<"$F/tokens/hs256.jwt")

# Sanity: each verification must succeed with the right key and fail with a wrong one, so that the
# timed runs really check a signature.
"$OIDCTL" verify --key "$F/keys/rs256.pub.pem" "$RS" >/dev/null
"$JWT" decode --alg RS256 --secret "@$F/keys/rs256.pub.pem" "$RS" >/dev/null
"$OIDCTL" verify --secret-file "$F/keys/hs256.secret" "$HS" >/dev/null
"$JWT" decode --alg HS256 --secret "@$F/keys/hs256.secret" "$HS" >/dev/null
must_fail() { # (the arguments hold a token: not echoed)
    if "$@" >/dev/null 2>&1; then
        echo "a verification with the wrong key passed: the comparison would be meaningless" >&2
        exit 1
    fi
}
must_fail "$OIDCTL" verify --key "$F/keys/rs384.pub.pem" "$RS"
must_fail "$JWT" decode --alg RS256 --secret "@$F/keys/rs384.pub.pem" "$RS"
must_fail "$OIDCTL" verify --secret-file "$F/keys/hs384.secret" "$HS"
must_fail "$JWT" decode --alg HS256 --secret "@$F/keys/hs384.secret" "$HS"

compare() { # NAME OIDCTL-NAME OIDCTL-ARGS... -- JWT-NAME JWT-ARGS...
    local name=$1 a_name=$2 a=() b_name b=()
    shift 2
    while [[ $1 != -- ]]; do a+=("$1"); shift; done
    shift
    b_name=$1
    shift
    b=("$@")
    say "$name"
    quiet "before $name"
    hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$OUT/$name.json" --export-markdown "$OUT/$name.md" \
        -n "$a_name" "$(printf '%q ' "$OIDCTL" "${a[@]}")" \
        -n "$b_name" "$(printf '%q ' "$JWT" "${b[@]}")"
}

# The floor: starting the process and printing the version, no token work.
compare startup "oidctl --version" --version -- "jwt --version" --version
compare decode "oidctl decode entra-v2" decode "$ENTRA" \
    -- "jwt decode entra-v2" decode "$ENTRA"
compare decode-json "oidctl decode --format json entra-v2" decode --format json "$ENTRA" \
    -- "jwt decode --json entra-v2" decode --json "$ENTRA"
compare verify-rs256 "oidctl verify --key rs256.pub.pem rs256" \
    verify --key "$F/keys/rs256.pub.pem" "$RS" \
    -- "jwt decode --alg RS256 --secret @rs256.pub.pem rs256" \
    decode --alg RS256 --secret "@$F/keys/rs256.pub.pem" "$RS"
compare verify-hs256 "oidctl verify --secret-file hs256.secret hs256" \
    verify --secret-file "$F/keys/hs256.secret" "$HS" \
    -- "jwt decode --alg HS256 --secret @hs256.secret hs256" \
    decode --alg HS256 --secret "@$F/keys/hs256.secret" "$HS"

# --- batch throughput ----------------------------------------------------------------------------
say "verify --batch: $BATCH_TOKENS RS256 tokens (tokens/rs256.jwt repeated)"
BATCH_FILE=$OUT/batch-rs256.txt
for ((i = 0; i < BATCH_TOKENS; i++)); do printf '%s\n' "$RS"; done >"$BATCH_FILE"
valid=$("$OIDCTL" verify --batch --key "$F/keys/rs256.pub.pem" <"$BATCH_FILE" | grep -c '"valid":true')
[[ $valid == "$BATCH_TOKENS" ]] || { echo "batch: only $valid of $BATCH_TOKENS valid" >&2; exit 1; }
BATCH_CMD="$(printf '%q ' "$OIDCTL" verify --batch --key "$F/keys/rs256.pub.pem") < $BATCH_FILE > /dev/null"
quiet "before batch"
hyperfine --shell=bash --warmup 2 --runs "$BATCH_RUNS" --style basic \
    --export-json "$OUT/batch.json" --export-markdown "$OUT/batch.md" \
    -n "oidctl verify --batch --key rs256.pub.pem < $BATCH_TOKENS lines" "$BATCH_CMD"
quiet "after batch"

CORES=$(nproc)
jq -r --argjson n "$BATCH_TOKENS" --argjson raw_ns "$RAW_NS" --argjson cores "$CORES" '
    .results[0] as $r
    | (1e9 / $raw_ns) as $single
    | ($n / $r.median) as $rate
    | (0.8 * $cores * $single) as $target
    | "batch median \($r.median * 1000 | floor) ms (mean \($r.mean * 1000 | floor) ± \($r.stddev * 1000 | floor) ms)",
      "batch throughput: \($rate | floor) tokens/s (median run)",
      "raw aws-lc-rs RS256, one core: \($raw_ns / 1000 * 100 | round / 100) µs = \($single | floor) verifies/s",
      "target 80% of \($cores) cores x raw: \($target | floor) tokens/s",
      "batch / (cores x raw): \($rate / ($cores * $single) * 100 | round) %  -> \(if $rate >= $target then "MET" else "NOT MET" end)"
' "$OUT/batch.json"

# --- summary -------------------------------------------------------------------------------------
say "summary: whole process, median (mean ± σ) in ms; 'no slower' = oidctl's median <= jwt-cli's"
for name in startup decode decode-json verify-rs256 verify-hs256; do
    jq -r '
        def ms: . * 1000 | . * 100 | round / 100;
        .results[0] as $a | .results[1] as $b
        | "\($a.command): \($a.median | ms) (\($a.mean | ms) ± \($a.stddev | ms))"
          + "  vs  \($b.command): \($b.median | ms) (\($b.mean | ms) ± \($b.stddev | ms))"
          + "  ->  oidctl "
          + (if $a.median <= $b.median then "no slower (faster by " else "SLOWER (by " end)
          + "\(($a.median / $b.median - 1) * 1000 | round / 10 | fabs) %)"
          + " (σ/median: \($a.stddev / $a.median * 100 | round) % / \($b.stddev / $b.median * 100 | round) %)"
    ' "$OUT/$name.json"
done
