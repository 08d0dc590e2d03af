#!/usr/bin/env bash
# The release binary must start wherever a plain Rust program built on the same machine starts:
# Rust's std links against the build machine's glibc (2.34 on Debian 12), and oidctl must need
# nothing newer. In particular no GLIBC_ABI_DT_RELR version need, which packed relative
# relocations (`-z pack-relative-relocs`) add and which glibc older than 2.36 refuses to load.
#
# Builds `cargo build --release` and a throwaway hello-world (cargo new, offline, no
# dependencies), then compares the newest glibc symbol version each needs.
#
#   scripts/check-glibc.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v readelf >/dev/null || ! command -v objdump >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends binutils >/dev/null
fi

cargo build --release --locked --quiet --bin oidctl
bin=${CARGO_TARGET_DIR:-target}/release/oidctl

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cargo new --quiet --vcs none --name hello "$scratch/hello"
cargo build --release --offline --quiet --manifest-path "$scratch/hello/Cargo.toml" \
  --target-dir "$scratch/target"
hello=$scratch/target/release/hello

newest_glibc() { objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -1; }
ours=$(newest_glibc "$bin")
floor=$(newest_glibc "$hello")
echo "newest glibc symbol version: oidctl $ours, hello-world $floor"

status=0
if readelf -V "$bin" | grep -q GLIBC_ABI_DT_RELR; then
  echo "error: $bin needs GLIBC_ABI_DT_RELR (packed relative relocations): it will not start on glibc < 2.36" >&2
  status=1
fi
if [ "$(printf '%s\n%s\n' "$ours" "$floor" | sort -V | tail -1)" != "$floor" ]; then
  echo "error: $bin needs $ours, newer than the $floor a plain Rust program built here needs" >&2
  objdump -T "$bin" | grep -F "($ours)" >&2 || true
  status=1
fi
exit $status
