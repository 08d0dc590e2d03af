//! The TOML configuration: profiles (issuer, client ID, scopes, redirect, store), the default
//! profile and the default store. Never secrets: a key that looks like one is refused.
//! Reading uses `toml`; `oidctl profile` edits with `toml_edit`, so comments survive.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::oidc::Flow;
use crate::oidc::client::ClientAuthMethod;
use crate::store::StoreKind;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub default_profile: Option<String>,
    /// The store for every profile that does not name its own.
    pub store: Option<StoreKind>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<BTreeMap<String, String>>,
    /// One port, or a list tried in order (`redirect_port = [8400, 18400]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_port: Option<Ports>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<StoreKind>,
    /// How `login` (and `token --login`) signs in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow: Option<Flow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_auth: Option<ClientAuthMethod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_assertion_alg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_assertion_kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// `redirect_port`: a number, or an array of them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Ports {
    One(u16),
    List(Vec<u16>),
}

impl Ports {
    pub fn to_vec(&self) -> Vec<u16> {
        match self {
            Ports::One(p) => vec![*p],
            Ports::List(l) => l.clone(),
        }
    }
}

/// `$OIDCTL_CONFIG`/`--config`, else the platform's config directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "oidctl").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the configuration; a missing file is an empty configuration.
pub fn load(path: &Path) -> Result<Config> {
    crate::base::fs::not_a_url(path, "config file")?;
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(
                Error::usage(format!("cannot read the config file {}", path.display()))
                    .caused_by(e),
            );
        }
    };
    parse(&text).map_err(|e| {
        Error::usage(format!("the config file {} is invalid", path.display()))
            .caused_by(e)
            .with_hint("see the Configuration section of the README for the format")
    })
}

pub fn parse(text: &str) -> std::result::Result<Config, String> {
    toml::from_str(text).map_err(|e| {
        let msg = e.message().to_string();
        if ["secret", "password", "token"].iter().any(|w| msg.contains(w)) {
            format!("{msg} (secrets never go in the config file: use --client-secret-file or OIDCTL_CLIENT_SECRET)")
        } else {
            msg
        }
    })
}

/// Edits the file in place, keeping comments and layout, with `edit`, then writes it atomically.
pub fn edit(
    path: &Path,
    edit: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<()> {
    crate::base::fs::not_a_url(path, "config file")?;
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::usage(format!("cannot read {}", path.display())).caused_by(e)),
    };
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| {
        Error::usage(format!("the config file {} is invalid", path.display())).caused_by(e)
    })?;
    edit(&mut doc)?;
    let out = doc.to_string();
    parse(&out)
        .map_err(|e| Error::usage("the edited configuration would be invalid").caused_by(e))?;
    crate::base::fs::write_atomic(path, out.as_bytes(), 0o600)
        .map_err(|e| Error::usage(format!("cannot write {}", path.display())).caused_by(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let c = parse(
            r#"
default_profile = "work"

[profiles.work]
issuer = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0"
client_id = "00000000-0000-0000-0000-000000000000"
scopes = ["openid", "profile", "offline_access", "api://my-api/.default"]
redirect_port = 8400
store = "keyring"
"#,
        )
        .unwrap();
        assert_eq!(c.default_profile.as_deref(), Some("work"));
        assert_eq!(c.profiles["work"].redirect_port, Some(Ports::One(8400)));
        assert_eq!(c.profiles["work"].store, Some(StoreKind::Keyring));
        let c = parse("[profiles.w]\nredirect_port = [8400, 18400]\n").unwrap();
        assert_eq!(
            c.profiles["w"].redirect_port.as_ref().unwrap().to_vec(),
            [8400, 18400]
        );
        assert!(parse("[profiles.w]\nredirect_port = \"8400\"\n").is_err());
    }

    #[test]
    fn refuses_secrets_and_typos() {
        let err = parse("[profiles.x]\nclient_secret = \"s\"\n").unwrap_err();
        assert!(err.contains("secrets never go in the config file"), "{err}");
        assert!(parse("[profiles.x]\nissuer_url = \"s\"\n").is_err());
    }
}
