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
/// Set by the completion scripts (`oidctl completions SHELL`) when they call back into oidctl for
/// the words to offer: the shell's name. Not for people to set.
pub const COMPLETE: &str = "OIDCTL_COMPLETE";
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

use std::ffi::OsString;
use std::sync::OnceLock;

/// The values of oidctl's variables in this process, read once, on first use. Empty counts as
/// unset. Only the settings (and the global options' defaults) look at them; they decide, in
/// one place, how each ranks against flags and profiles.
#[derive(Debug, Default, Clone)]
pub struct Vars {
    pub profile: Option<OsString>,
    pub config: Option<OsString>,
    pub store: Option<OsString>,
    pub client_secret: Option<OsString>,
    pub ca_file: Option<OsString>,
    pub client_assertion_key: Option<OsString>,
    pub http_timeout: Option<OsString>,
    pub cache_dir: Option<OsString>,
    pub authority_host: Option<OsString>,
}

impl Vars {
    fn read() -> Vars {
        let get = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        Vars {
            profile: get(PROFILE),
            config: get(CONFIG),
            store: get(STORE),
            client_secret: get(CLIENT_SECRET),
            ca_file: get(CA_FILE),
            client_assertion_key: get(CLIENT_ASSERTION_KEY),
            http_timeout: get(HTTP_TIMEOUT),
            cache_dir: get(CACHE_DIR),
            authority_host: get(AUTHORITY_HOST),
        }
    }
}

/// This process's [`Vars`].
pub fn vars() -> &'static Vars {
    static VARS: OnceLock<Vars> = OnceLock::new();
    VARS.get_or_init(Vars::read)
}
