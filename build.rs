//! Link settings for the release binary on Linux.
//!
//! - Symbols are stripped here rather than by the profile's `strip`, which would change every
//!   function's name from those of the build that scripts/order-functions.sh profiles (with
//!   OIDCTL_KEEP_SYMBOLS set).
//! - The functions that short commands run (`oidctl token`, `decode`, `verify`, `claims`) are
//!   laid out next to each other, so that starting one touches fewer pages of code: for
//!   `oidctl verify`, 146 page faults instead of 172 and 5 % less time (BENCHMARKS.md). The list,
//!   link/hot-functions.txt, comes from scripts/order-functions.sh. Names a build does not have
//!   (another toolchain, updated dependencies) are skipped by the linker: a stale list costs
//!   speed, never correctness. It is passed only where the linker is known to be LLD (Rust's
//!   default on x86_64 Linux since 1.90); a configured linker turns it off.
//! - OIDCTL_LINK_MAP=PATH writes the linker's map, to check the layout.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=link/hot-functions.txt");
    for name in ["RUSTC_LINKER", "OIDCTL_KEEP_SYMBOLS", "OIDCTL_LINK_MAP"] {
        println!("cargo::rerun-if-env-changed={name}");
    }
    let var = |name| env::var(name).unwrap_or_default();
    if var("PROFILE") != "release" || var("CARGO_CFG_TARGET_OS") != "linux" {
        return;
    }
    let arg = |flag: &str| println!("cargo::rustc-link-arg-bin=oidctl={flag}");
    if env::var_os("OIDCTL_KEEP_SYMBOLS").is_none() {
        arg("-Wl,--strip-all");
    }
    if let Some(map) = env::var_os("OIDCTL_LINK_MAP") {
        arg(&format!("-Wl,-Map={}", map.to_string_lossy()));
    }
    let flags = var("CARGO_ENCODED_RUSTFLAGS");
    let default_lld = var("TARGET") == "x86_64-unknown-linux-gnu"
        && env::var_os("RUSTC_LINKER").is_none()
        && !["linker", "fuse-ld", "link-self-contained"]
            .iter()
            .any(|flag| flags.contains(flag));
    let list = Path::new(&var("CARGO_MANIFEST_DIR")).join("link/hot-functions.txt");
    if default_lld && list.exists() {
        arg(&format!("-Wl,--symbol-ordering-file={}", list.display()));
        arg("-Wl,--no-warn-symbol-ordering");
    }
}
