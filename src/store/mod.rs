//! Where token sets live between runs: the OS keyring (default) or, by explicit choice, a 0600
//! file. A token set is stored whole or not at all: never truncated, never in plain text in a
//! place the user did not choose. Refreshes are serialised across processes by [`lock`].

pub mod adhoc;
mod file;
mod keyring;
pub mod lock;
#[cfg(test)]
mod memory;

pub use file::FileStore;
pub use keyring::KeyringStore;
#[cfg(test)]
pub use memory::MemoryStore;

use openidconnect::{AccessToken, RefreshToken};
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Kind, Result};
use crate::base::secret::Secret;
use crate::oidc::target::{self, Target};

/// Where token sets are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    /// The OS keyring (Secret Service, Keychain, Credential Manager)
    Keyring,
    /// A 0600 file under $XDG_DATA_HOME/oidctl, for machines without a keyring
    File,
}

impl StoreKind {
    /// `keyring` or `file`, as written in the config file and `OIDCTL_STORE`.
    pub fn parse(name: &str) -> Option<StoreKind> {
        match name {
            "keyring" => Some(StoreKind::Keyring),
            "file" => Some(StoreKind::File),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            StoreKind::Keyring => "keyring",
            StoreKind::File => "file",
        }
    }
}

/// A stored token set larger than this is refused on reading: each token is at most 1 MiB
/// ([`crate::jwt::token::MAX_TOKEN_BYTES`]) and every provider answer too.
pub const MAX_SET_BYTES: u64 = 4 << 20;

/// What a sign-in or refresh leaves behind. Tokens are secret types with redacted `Debug`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenSet {
    pub issuer: String,
    pub client_id: String,
    /// Granted scopes (as the provider said, else as requested).
    pub scopes: Vec<String>,
    pub token_type: String,
    pub access_token: AccessToken,
    /// Seconds since 1970; `None` when the provider gave no `expires_in`.
    pub expires_at: Option<i64>,
    pub refresh_token: Option<RefreshToken>,
    pub id_token: Option<Secret>,
    pub subject: Option<String>,
    pub id_token_expires_at: Option<i64>,
    /// When this set was obtained, seconds since 1970.
    pub obtained_at: i64,
    /// How it was obtained, and so how it is renewed (sets stored before this field: browser).
    #[serde(default)]
    pub flow: crate::oidc::Flow,
    /// The access token was revoked (`oidctl revoke --access-token`): never handed out again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub access_revoked: bool,
    /// What the sign-in asked its access token for (scopes, resources, audiences); sets stored
    /// before this field: unknown, taken as nothing named.
    #[serde(default, skip_serializing_if = "Target::is_empty")]
    pub target: Target,
    /// Access tokens for other scopes, resources or audiences, each got with this set's refresh
    /// token (`token --scope/--resource/--audience`): kept here, in the same entry under the
    /// same lock, and gone with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<AccessEntry>,
}

/// An access token for another target than the sign-in's own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessEntry {
    /// What it was asked for.
    pub target: Target,
    /// The scopes the provider said it granted (else those asked).
    pub scopes: Vec<String>,
    pub token_type: String,
    pub access_token: AccessToken,
    pub expires_at: Option<i64>,
    pub obtained_at: i64,
}

impl AccessEntry {
    /// Whether the token is still valid `min_valid` seconds after `now` (it is valid only
    /// before its `exp`, RFC 7519 §4.1.4).
    pub fn fresh_for(&self, min_valid: u64, now: i64) -> bool {
        self.expires_at
            .is_none_or(|exp| exp - now > min_valid as i64)
    }
}

impl TokenSet {
    /// Whether the access token is still valid `min_valid` seconds after `now` (valid only
    /// before its `exp`, RFC 7519 §4.1.4: `--min-valid 0` never hands out a token in its `exp`
    /// second).
    pub fn fresh_for(&self, min_valid: u64, now: i64) -> bool {
        if self.access_revoked {
            return false;
        }
        match self.expires_at {
            Some(exp) => exp - now > min_valid as i64,
            // No expires_in: the provider did not say; trust the token until the API refuses it.
            None => true,
        }
    }

    /// The token held for exactly `wanted`, as a set whose access token is that one (the
    /// sign-in's own when it serves, else one of [`TokenSet::extra`]); `None` when none is.
    pub fn for_target(&self, wanted: &Target, entra: bool) -> Option<TokenSet> {
        let own = target::Held {
            asked: &self.target,
            granted: &self.scopes,
            primary: true,
        };
        // A sign-in for several resources asked its own token for none of them.
        if self.target.resource.len() <= 1 && target::serves(&own, wanted, entra) {
            return Some(self.clone());
        }
        let entry = self.extra.iter().find(|e| {
            let held = target::Held {
                asked: &e.target,
                granted: &e.scopes,
                primary: false,
            };
            target::serves(&held, wanted, entra)
        })?;
        Some(self.with_access(entry))
    }

    /// This set with `entry`'s access token in place of its own, for handing out.
    pub fn with_access(&self, entry: &AccessEntry) -> TokenSet {
        TokenSet {
            scopes: entry.scopes.clone(),
            token_type: entry.token_type.clone(),
            access_token: entry.access_token.clone(),
            expires_at: entry.expires_at,
            obtained_at: entry.obtained_at,
            access_revoked: false,
            target: entry.target.clone(),
            extra: Vec::new(),
            ..self.clone()
        }
    }

    /// Keeps `entry` beside the others, replacing one for the same target.
    pub fn keep(&mut self, entry: AccessEntry) {
        self.extra.retain(|e| e.target != entry.target);
        self.extra.push(entry);
    }

    /// Whether `issuer` issued this set to `client_id`: a set is never sent anywhere else (a
    /// profile replaced with another provider must not hand the old one's tokens to the new).
    pub fn issued_by(&self, issuer: &str, client_id: &str) -> bool {
        self.issuer.trim_end_matches('/') == issuer.trim_end_matches('/')
            && self.client_id == client_id
    }
}

pub trait TokenStore {
    fn load(&self, key: &str) -> Result<Option<TokenSet>>;
    fn save(&self, key: &str, set: &TokenSet) -> Result<()>;
    /// Deletes the set; `false` when there was none.
    fn delete(&self, key: &str) -> Result<bool>;
    /// For messages: "the keyring (Secret Service)", "file ~/.local/share/oidctl/tokens".
    fn describe(&self) -> String;
}

/// The store key of a profile's token set; ad-hoc sign-ins use `adhoc:ISSUER|CLIENT|SCOPES`.
pub fn profile_key(name: &str) -> String {
    format!("profile:{name}")
}

/// The profile a store key belongs to, if any.
pub fn profile_of(key: &str) -> Option<&str> {
    key.strip_prefix("profile:")
}

/// Where the file store and the lock files live: `$XDG_DATA_HOME/oidctl`.
pub fn data_dir() -> Result<std::path::PathBuf> {
    crate::base::dirs::data().ok_or_else(|| {
        Error::new(
            Kind::Storage,
            "no data directory on this system (is HOME set?)",
        )
    })
}

pub fn open(kind: StoreKind) -> Result<Box<dyn TokenStore>> {
    Ok(match kind {
        StoreKind::Keyring => Box::new(KeyringStore::new()),
        StoreKind::File => Box::new(FileStore::new(data_dir()?.join("tokens"))),
    })
}

/// The serialised form, shared by the stores.
fn to_json(set: &TokenSet) -> Result<String> {
    serde_json::to_string(set)
        .map_err(|e| Error::failed("could not serialise the token set").caused_by(e))
}

fn from_json(text: &str, place: &str) -> Result<TokenSet> {
    serde_json::from_str(text).map_err(|e| {
        Error::new(
            Kind::SignInRequired,
            format!("the stored token set in {place} is unreadable"),
        )
        .caused_by(e)
        .with_hint("sign in again: oidctl login")
    })
}

/// A short, stable, file-system-safe name for a store key.
fn digest_name(key: &str) -> String {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, key.as_bytes());
    d.as_ref()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
pub(crate) fn sample(n: usize) -> TokenSet {
    TokenSet {
        issuer: "https://issuer.example".into(),
        client_id: "cli".into(),
        scopes: vec!["openid".into()],
        token_type: "Bearer".into(),
        access_token: AccessToken::new(format!("at-{}", "x".repeat(n))),
        expires_at: Some(2_000_000_000),
        refresh_token: Some(RefreshToken::new("rt".into())),
        id_token: Some(Secret::new("id")),
        subject: Some("alice".into()),
        id_token_expires_at: None,
        obtained_at: 1_700_000_000,
        flow: crate::oidc::Flow::Browser,
        access_revoked: false,
        target: Target::default(),
        extra: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_not_handed_out_in_its_exp_second() {
        let mut set = sample(1);
        set.expires_at = Some(1_000);
        assert!(set.fresh_for(0, 999));
        assert!(!set.fresh_for(0, 1_000), "valid only before exp");
        assert!(set.fresh_for(60, 939));
        assert!(!set.fresh_for(60, 940));
        set.access_revoked = true;
        assert!(!set.fresh_for(0, 0));
    }

    #[test]
    fn sets_stored_before_other_targets_still_load() {
        let old = r#"{"issuer":"https://issuer.example","client_id":"cli","scopes":["openid"],
            "token_type":"Bearer","access_token":"at","expires_at":2000000000,
            "refresh_token":"rt","id_token":"id","subject":"alice","id_token_expires_at":null,
            "obtained_at":1700000000,"flow":"browser"}"#;
        let set = from_json(old, "test").unwrap();
        assert!(set.target.is_empty() && set.extra.is_empty());
        assert!(
            !to_json(&set).unwrap().contains("extra"),
            "nothing new written for a set without other tokens"
        );
    }

    #[test]
    fn another_targets_token_is_kept_beside_and_handed_out_alone() {
        let mut set = sample(1);
        let target = Target {
            resource: vec!["https://a.example".into()],
            ..Target::default()
        };
        assert!(set.for_target(&target, false).is_none());
        set.keep(AccessEntry {
            target: target.clone(),
            scopes: vec!["a:read".into()],
            token_type: "Bearer".into(),
            access_token: AccessToken::new("at-a".into()),
            expires_at: Some(1_700_000_100),
            obtained_at: 1_700_000_000,
        });
        let again = from_json(&to_json(&set).unwrap(), "test").unwrap();
        let got = again.for_target(&target, false).unwrap();
        assert_eq!(got.access_token.secret(), "at-a");
        assert_eq!(got.expires_at, Some(1_700_000_100));
        assert_eq!(got.refresh_token.unwrap().secret(), "rt", "the shared one");
        assert_eq!(
            again.access_token.secret(),
            "at-x",
            "the sign-in's own stays"
        );
        set.keep(AccessEntry {
            access_token: AccessToken::new("at-a2".into()),
            ..set.extra[0].clone()
        });
        assert_eq!(set.extra.len(), 1, "one token per target");
    }
}
