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
    /// Client capabilities (Microsoft: `["cp1"]`), sent as `xms_cc` in the claims request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_capabilities: Option<Vec<String>>,
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
/// The profile names in the config file (`$OIDCTL_CONFIG`, else the default path), for the
/// completion scripts: nothing but the file is read (no keyring, no network), and an unreadable
/// file offers no names rather than an error.
pub fn profile_names() -> Vec<String> {
    let path = crate::env::vars()
        .config
        .as_ref()
        .map(PathBuf::from)
        .or_else(default_path);
    path.and_then(|p| load(&p).ok())
        .map(|c| c.profiles.into_keys().collect())
        .unwrap_or_default()
}

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
    parse(&text).map_err(|e| invalid(path, &e))
}

/// A config file that does not parse or does not fit: where (file, line, column, from the span
/// the `toml` parser gives), what, and the line itself.
fn invalid(path: &Path, e: &ParseError) -> Error {
    let place = match &e.at {
        Some(at) => format!("{}, line {}, column {}", path.display(), at.line, at.column),
        None => path.display().to_string(),
    };
    let mut err = Error::usage(format!("invalid config file {place}")).caused_by(&e.message);
    if let Some(at) = &e.at {
        err = err.caused_by(format!(
            "line {}: {}",
            at.line,
            crate::output::sanitize(&at.text)
        ));
    }
    err.with_hint("see the Configuration section of the README for the format")
}

/// Where `profiles.NAME.KEY` is written in `text` (the start of its value), read again with
/// spans kept: for an error about a value found only after loading. Error paths only.
pub fn locate(text: &str, profile: &str, key: &str) -> Option<Place> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let span = doc
        .get("profiles")?
        .as_table_like()?
        .get(profile)?
        .as_table_like()?
        .get(key)?
        .span()?;
    Some(place(text, span.start))
}

/// The error for a profile's value refused after loading (`redirect_host = "0.0.0.0"`): like a
/// parse error it names the file, the line and the column, and says the config key, not the
/// flag (`flag`) the same check is worded for.
pub fn value_error(path: &Path, profile: &str, key: &str, flag: &str, e: Error) -> Error {
    let at = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| locate(&text, profile, key));
    let message = e
        .message
        .replacen(flag, &format!("[profiles.{profile}] {key}"), 1);
    let err = invalid(path, &ParseError { message, at });
    match e.hint {
        Some(hint) => err.with_hint(hint),
        None => err,
    }
}

/// Why a configuration text was refused, and where when the parser knows.
#[derive(Debug)]
pub struct ParseError {
    pub message: String,
    pub at: Option<Place>,
}

/// A position in the text: line and column from 1 (the column in characters), and that line.
#[derive(Debug, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            Some(at) => write!(
                f,
                "line {}, column {}: {}",
                at.line, at.column, self.message
            ),
            None => f.write_str(&self.message),
        }
    }
}

/// Line and column of byte `offset` in `text`, from the span the TOML parser reports.
fn place(text: &str, offset: usize) -> Place {
    let offset = offset.min(text.len());
    // A span may start inside a character only if the parser erred; step back to its start.
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..offset];
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Place {
        line: before.matches('\n').count() + 1,
        column: before[start..].chars().count() + 1,
        text: text[start..end].trim_end_matches('\r').to_string(),
    }
}

pub fn parse(text: &str) -> std::result::Result<Config, ParseError> {
    toml::from_str(text).map_err(|e| {
        let msg = e.message().trim_end().to_string();
        let message = if ["secret", "password", "token"].iter().any(|w| msg.contains(w)) {
            format!("{msg} (secrets never go in the config file: use --client-secret-file or OIDCTL_CLIENT_SECRET)")
        } else {
            msg
        };
        ParseError {
            message,
            at: e.span().map(|span| place(text, span.start)),
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
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        invalid(
            path,
            &ParseError {
                message: e.message().trim_end().to_string(),
                at: e.span().map(|span| place(&text, span.start)),
            },
        )
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
        assert!(
            err.message.contains("secrets never go in the config file"),
            "{err}"
        );
        assert!(parse("[profiles.x]\nissuer_url = \"s\"\n").is_err());
    }

    #[test]
    fn errors_say_the_line_and_column() {
        // A value of the wrong type, an unknown key, and a syntax error, each at its place.
        for (text, line, column, says) in [
            (
                "[profiles.a]\nissuer = \"https://x\"\nclient_id = 5\n",
                3,
                13,
                "expected a string",
            ),
            (
                "default_profile = \"a\"\n\n[profiles.a]\n  issuer_url = \"s\"\n",
                4,
                3,
                "unknown field",
            ),
            ("[profiles.a]\nissuer = \"https://x\n", 2, 20, "string"),
            (
                "[profiles.b]\nclient_id = \"c\"\nscopes = [1]\n",
                3,
                11,
                "string",
            ),
        ] {
            let err = parse(text).unwrap_err();
            let at = err
                .at
                .as_ref()
                .unwrap_or_else(|| panic!("no place for {text:?}: {err}"));
            assert_eq!((at.line, at.column), (line, column), "{text:?}: {err}");
            assert_eq!(at.text, text.lines().nth(line - 1).unwrap(), "{text:?}");
            assert!(err.message.contains(says), "{err}");
        }
    }

    #[test]
    fn places_count_characters_and_lines() {
        let p = place("a\nßü = x\r\nb", 6);
        assert_eq!((p.line, p.column, p.text.as_str()), (2, 3, "ßü = x"));
        assert_eq!(place("", 0).line, 1);
        assert_eq!(place("abc", 99).column, 4);
    }

    #[test]
    fn locates_a_profile_value() {
        let text = "[profiles.a]\nissuer = \"x\"\n\n[profiles.b]\nredirect_host = \"0.0.0.0\"\n";
        let at = locate(text, "b", "redirect_host").unwrap();
        assert_eq!((at.line, at.column), (5, 17));
        assert_eq!(at.text, "redirect_host = \"0.0.0.0\"");
        assert!(locate(text, "a", "redirect_host").is_none());
        let inline = "profiles.c = { origin = \"x/y\" }\n";
        assert_eq!(locate(inline, "c", "origin").unwrap().column, 25);
    }
}
