//! Every environment variable oidctl reads, in one place. (NO_COLOR and CLICOLOR_FORCE, the
//! cross-tool conventions, are read in output.rs; the proxy variables by reqwest.)

/// Directory for cached discovery and JWKS documents [default: $XDG_CACHE_HOME/oidctl].
pub const CACHE_DIR: &str = "OIDCTL_CACHE_DIR";
