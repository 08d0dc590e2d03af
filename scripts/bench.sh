#!/usr/bin/env bash
# Whole-process benchmarks of oidctl against jwt-cli, and `verify --batch` throughput against the
# raw aws-lc-rs RS256 rate (criterion's raw/RS256, and examples/raw_rs256.rs on every core).
# See BENCHMARKS.md for the results and caveats.
#
#   scripts/bench.sh              hyperfine comparisons + batch throughput (+ criterion raw/RS256)
#   scripts/bench.sh --criterion  also the whole criterion suite first (a few minutes)
#
# Environment: RUNS (hyperfine runs per command, default 500), CMP_GROUPS (the runs are split
# into this many groups whose order alternates, default 10), WARMUP (per group, default 5),
# BATCH_TOKENS (lines in the batch file, default 100000), BATCH_GROUPS (default 5) and
# BATCH_RUNS (runs per group, default 4), CRITERION_ARGS (default "--warm-up-time 1
# --measurement-time 3"; set it empty for criterion's own defaults).
# Results (hyperfine JSON/Markdown, the batch input) go to target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-500}
CMP_GROUPS=${CMP_GROUPS:-10}
WARMUP=${WARMUP:-5}
BATCH_TOKENS=${BATCH_TOKENS:-100000}
BATCH_GROUPS=${BATCH_GROUPS:-5}
BATCH_RUNS=${BATCH_RUNS:-4}
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
# Two builds: an example pulls in the dev-dependencies, whose features would then also apply to
# the oidctl binary; built alone, it is the binary `cargo install` makes.
cargo build --release --quiet --bin oidctl
cargo build --release --quiet --example raw_rs256
RAW=$PWD/target/release/examples/raw_rs256
F=tests/fixtures
OUT=target/bench
mkdir -p "$OUT"
# Both tools are timed from copies made the same way, as `cargo install` puts them in place.
# A binary fresh from the linker starts about 130 µs slower than a copy of itself: the linker
# writes it through a memory map, which leaves it in the page cache as small pages, so that
# starting it takes more page faults (measured: 192 against 180 for `oidctl decode`).
install -m 755 target/release/oidctl "$OUT/oidctl"
install -m 755 "$(command -v jwt)" "$OUT/jwt"
OIDCTL=$PWD/$OUT/oidctl
JWT=$PWD/$OUT/jwt

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
raw_criterion() { # -> median ns of raw/RS256
    cargo bench --bench jwt -- "${crit_args[@]}" '^raw/' >&2
    jq '.median.point_estimate' target/criterion/raw/RS256/new/estimates.json
}
if ((FULL_CRITERION)); then
    quiet "before criterion"
    cpu_mark
    say "criterion: whole suite"
    cargo bench --bench jwt -- "${crit_args[@]}"
    warn_if_busy "$(foreign_percent)" "while criterion ran"
fi

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

# Each pair runs in CMP_GROUPS groups, the order alternating from one group to the next, so
# that a drift of the machine cannot favour whichever tool runs first. The times of all groups
# are pooled: target/bench/NAME.json holds the pooled median, mean and standard deviation.
compare() { # NAME OIDCTL-NAME OIDCTL-ARGS... -- JWT-NAME JWT-ARGS...
    local name=$1 a_name=$2 a=() b_name b=() per g first second
    shift 2
    while [[ $1 != -- ]]; do a+=("$1"); shift; done
    shift
    b_name=$1
    shift
    b=("$@")
    say "$name"
    quiet "before $name"
    per=$(((RUNS + CMP_GROUPS - 1) / CMP_GROUPS))
    first=(-n "$a_name" "$(printf '%q ' "$OIDCTL" "${a[@]}")")
    second=(-n "$b_name" "$(printf '%q ' "$JWT" "${b[@]}")")
    rm -f "$OUT/$name".group-*.json
    for ((g = 1; g <= CMP_GROUPS; g++)); do
        if ((g % 2)); then set -- "${first[@]}" "${second[@]}"; else set -- "${second[@]}" "${first[@]}"; fi
        hyperfine -N --warmup "$WARMUP" --runs "$per" --style none \
            --export-json "$OUT/$name.group-$g.json" "$@" >/dev/null
    done
    jq -s --arg first "$a_name" '
        def stats: sort as $t | ($t | length) as $n | ($t | add / $n) as $m
            | {median: (if $n % 2 == 1 then $t[($n - 1) / 2] else ($t[$n / 2 - 1] + $t[$n / 2]) / 2 end),
               mean: $m, stddev: (($t | map((. - $m) * (. - $m)) | add) / ($n - 1) | sqrt), runs: $n};
        {results: ([.[].results[]] | group_by(.command)
            | map({command: .[0].command} + (map(.times[]) | stats))
            | sort_by(.command != $first))}' "$OUT/$name".group-*.json >"$OUT/$name.json"
    jq -r '.results[] | "  \(.command): median \(.median * 1e6 | round) µs, mean \(.mean * 1e6 | round) ± \(.stddev * 1e6 | round) µs (\(.runs) runs)"' "$OUT/$name.json"
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
# The single-core rate is measured three times around the batch runs: criterion's raw/RS256
# before and after, and examples/raw_rs256 on one thread in every group. The highest of the
# three sets the target, so a slow moment of the machine cannot lower it. examples/raw_rs256
# on every core shows what the hardware itself reaches with all cores busy.
say "verify --batch: $BATCH_TOKENS RS256 tokens (tokens/rs256.jwt repeated)"
BATCH_FILE=$OUT/batch-rs256.txt
for ((i = 0; i < BATCH_TOKENS; i++)); do printf '%s\n' "$RS"; done >"$BATCH_FILE"
valid=$("$OIDCTL" verify --batch --key "$F/keys/rs256.pub.pem" <"$BATCH_FILE" | grep -c '"valid":true')
[[ $valid == "$BATCH_TOKENS" ]] || { echo "batch: only $valid of $BATCH_TOKENS valid" >&2; exit 1; }
BATCH_CMD="$(printf '%q ' "$OIDCTL" verify --batch --key "$F/keys/rs256.pub.pem") < $BATCH_FILE > /dev/null"
CORES=$(nproc)
RAW_PER_THREAD=${RAW_PER_THREAD:-30000}
quiet "before batch"
RAW_BEFORE_NS=$(raw_criterion)
rm -f "$OUT"/batch.group-*.json "$OUT/raw-1.txt" "$OUT/raw-all.txt"
for ((g = 1; g <= BATCH_GROUPS; g++)); do
    hyperfine --shell=bash --warmup 1 --runs "$BATCH_RUNS" --style none \
        --export-json "$OUT/batch.group-$g.json" \
        -n "oidctl verify --batch --key rs256.pub.pem < $BATCH_TOKENS lines" "$BATCH_CMD" >/dev/null
    "$RAW" 1 "$RAW_PER_THREAD" | cut -d' ' -f2 >>"$OUT/raw-1.txt"
    "$RAW" "$CORES" "$RAW_PER_THREAD" | cut -d' ' -f2 >>"$OUT/raw-all.txt"
done
RAW_AFTER_NS=$(raw_criterion)
quiet "after batch"

jq -n -r --argjson n "$BATCH_TOKENS" --argjson cores "$CORES" \
    --argjson before "$RAW_BEFORE_NS" --argjson after "$RAW_AFTER_NS" \
    --slurpfile groups <(jq -s '[.[].results[0].times[]]' "$OUT"/batch.group-*.json) \
    --slurpfile one <(jq -s . "$OUT/raw-1.txt") --slurpfile all <(jq -s . "$OUT/raw-all.txt") '
    def median: sort | if length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    ($groups[0] | median) as $t
    | ($n / $t) as $rate
    | (1e9 / $before) as $c_before | (1e9 / $after) as $c_after | ($one[0] | median) as $ex_one
    | ([$c_before, $c_after, $ex_one] | max) as $single
    | ($all[0] | median) as $ceiling
    | (0.8 * $cores * $single) as $target
    | "batch: median \($t * 1000 | round) ms over \($groups[0] | length) runs (min \($groups[0] | min * 1000 | round), max \($groups[0] | max * 1000 | round))",
      "batch throughput: \($rate | floor) tokens/s",
      "single core, raw aws-lc-rs RS256: criterion before \($c_before | floor)/s, after \($c_after | floor)/s; examples/raw_rs256 1 thread \($ex_one | floor)/s (median of \($one[0] | length)) -> highest \($single | floor)/s",
      "all \($cores) cores, raw (examples/raw_rs256): \($ceiling | floor)/s = \($ceiling / ($cores * $single) * 100 | round) % of \($cores) x single",
      "batch / (\($cores) x single core): \($rate / ($cores * $single) * 100 | round) % (target 80 %: \($target | floor) tokens/s) -> \(if $rate >= $target then "MET" else "NOT MET" end)",
      "batch / all cores raw: \($rate / $ceiling * 100 | round) %"
'

# --- summary -------------------------------------------------------------------------------------
say "summary: whole process, pooled median (mean ± σ) in µs; 'no slower' = oidctl's median <= jwt-cli's"
for name in startup decode decode-json verify-rs256 verify-hs256; do
    jq -r '
        def us: . * 1e6 | round;
        .results[0] as $a | .results[1] as $b
        | "\($a.command): \($a.median | us) (\($a.mean | us) ± \($a.stddev | us))"
          + "  vs  \($b.command): \($b.median | us) (\($b.mean | us) ± \($b.stddev | us))"
          + "  ->  oidctl "
          + (if $a.median <= $b.median then "no slower (faster by " else "SLOWER (by " end)
          + "\(($a.median / $b.median - 1) * 1000 | round / 10 | fabs) %)"
    ' "$OUT/$name.json"
done
