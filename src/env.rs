//! Every environment variable oidctl reads, in one place. (NO_COLOR and CLICOLOR_FORCE, the
//! cross-tool conventions, are read in output.rs; the proxy variables by reqwest.)

/// Directory for cached discovery and JWKS documents [default: $XDG_CACHE_HOME/oidctl].
pub const CACHE_DIR: &str = "OIDCTL_CACHE_DIR";

/// Default profile (`--profile`).
pub const PROFILE: &str = "OIDCTL_PROFILE";
/// Configuration file (`--config`).
pub const CONFIG: &str = "OIDCTL_CONFIG";
/// Token store, `keyring` or `file` (`--store`).
pub const STORE: &str = "OIDCTL_STORE";
/// The client secret of a confidential client (never a flag value: argv is visible to others).
pub const CLIENT_SECRET: &str = "OIDCTL_CLIENT_SECRET";
/// An extra trusted CA certificate, PEM (`--ca-file`).
pub const CA_FILE: &str = "OIDCTL_CA_FILE";
/// The private key (PEM) of a private_key_jwt client, as `--client-assertion-key`.
pub const CLIENT_ASSERTION_KEY: &str = "OIDCTL_CLIENT_ASSERTION_KEY";
/// Set for the command `oidctl exec` runs: the access token.
pub const ACCESS_TOKEN: &str = "OIDCTL_ACCESS_TOKEN";
/// Set for the command `oidctl exec` runs: the ID token, when there is one.
pub const ID_TOKEN: &str = "OIDCTL_ID_TOKEN";
/// The Microsoft authority `--tenant` builds on [default: https://login.microsoftonline.com];
/// for national clouds (https://login.microsoftonline.us, https://login.partner.microsoftonline.cn).
pub const AUTHORITY_HOST: &str = "OIDCTL_AUTHORITY_HOST";
/// The longest one HTTP request may take, in seconds, from connecting to the last byte of the
/// answer [default: 30]. Connecting alone is given at most 10 s.
pub const HTTP_TIMEOUT: &str = "OIDCTL_HTTP_TIMEOUT";
