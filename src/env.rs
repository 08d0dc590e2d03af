//! Every environment variable oidctl reads, in one place.

/// Default profile (`--profile`).
pub const PROFILE: &str = "OIDCTL_PROFILE";
/// Configuration file (`--config`).
pub const CONFIG: &str = "OIDCTL_CONFIG";
/// Directory for cached discovery and JWKS documents [default: $XDG_CACHE_HOME/oidctl].
pub const CACHE_DIR: &str = "OIDCTL_CACHE_DIR";
