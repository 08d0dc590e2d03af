//! The OS keyring through the `keyring` crate: Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows. One entry per token set (service "oidctl", user = the key).
//!
//! A set larger than one entry may hold (Windows: 2,560 bytes, and Microsoft tokens with many
//! groups exceed it) is split: the parts are written first under a fresh generation name, then
//! the main entry is replaced by a header naming that generation and a SHA-256 of the whole, then
//! the previous generation's parts are deleted. A reader therefore always sees one complete set.

use keyring::Entry;

use super::{TokenSet, TokenStore, from_json, to_json};
use crate::base::error::{Error, Kind, Result};

const SERVICE: &str = "oidctl";
const HEADER: &str = "oidctl-chunked:";

/// The longest value written to one entry, in characters.
#[cfg(windows)]
const DEFAULT_CHUNK: usize = 1_000; // stored as UTF-16 in a 2,560-byte blob
#[cfg(not(windows))]
const DEFAULT_CHUNK: usize = 64 * 1024;

pub struct KeyringStore {
    chunk: usize,
}

impl Default for KeyringStore {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyringStore {
    pub fn new() -> Self {
        KeyringStore {
            chunk: DEFAULT_CHUNK,
        }
    }

    /// A store that splits at `chunk` characters: how the splitting is tested on a platform
    /// whose keyring does not need it.
    pub fn with_chunk_size(chunk: usize) -> Self {
        KeyringStore {
            chunk: chunk.max(64),
        }
    }

    fn entry(&self, user: &str) -> Result<Entry> {
        Entry::new(SERVICE, user).map_err(unavailable)
    }

    fn get(&self, user: &str) -> Result<Option<String>> {
        match self.entry(user)?.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, user: &str, value: &str) -> Result<()> {
        self.entry(user)?.set_password(value).map_err(unavailable)
    }

    fn remove(&self, user: &str) -> Result<bool> {
        match self.entry(user)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// `gen:count:sha256` after the header.
struct Chunked {
    generation: String,
    count: usize,
    digest: String,
}

fn parse_header(value: &str) -> Option<Chunked> {
    let rest = value.strip_prefix(HEADER)?;
    let mut it = rest.splitn(3, ':');
    Some(Chunked {
        generation: it.next()?.to_string(),
        count: it.next()?.parse().ok()?,
        digest: it.next()?.to_string(),
    })
}

fn part_name(key: &str, generation: &str, i: usize) -> String {
    format!("{key}#{generation}#{i}")
}

fn sha256_hex(text: &str) -> String {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes());
    d.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Splits at character boundaries into pieces of at most `max` characters.
fn split(text: &str, max: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let cut = rest
            .char_indices()
            .nth(max)
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        parts.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    parts
}

impl TokenStore for KeyringStore {
    fn load(&self, key: &str) -> Result<Option<TokenSet>> {
        let Some(main) = self.get(key)? else {
            return Ok(None);
        };
        let Some(header) = parse_header(&main) else {
            return from_json(&main, "the keyring").map(Some);
        };
        let mut whole = String::new();
        for i in 0..header.count {
            match self.get(&part_name(key, &header.generation, i))? {
                Some(part) => whole.push_str(&part),
                None => {
                    return Err(Error::new(
                        Kind::SignInRequired,
                        "part of the stored token set is missing from the keyring",
                    )
                    .with_hint("sign in again: oidctl login"));
                }
            }
        }
        if sha256_hex(&whole) != header.digest {
            return Err(Error::new(
                Kind::SignInRequired,
                "the stored token set in the keyring is inconsistent",
            )
            .with_hint("sign in again: oidctl login"));
        }
        from_json(&whole, "the keyring").map(Some)
    }

    fn save(&self, key: &str, set: &TokenSet) -> Result<()> {
        let json = to_json(set)?;
        let previous = self.get(key)?.as_deref().and_then(parse_header);
        if json.chars().count() <= self.chunk {
            self.set(key, &json)?;
        } else {
            let digest = sha256_hex(&json);
            let generation = digest[..12].to_string();
            let parts = split(&json, self.chunk);
            for (i, part) in parts.iter().enumerate() {
                self.set(&part_name(key, &generation, i), part)?;
            }
            self.set(
                key,
                &format!("{HEADER}{generation}:{}:{digest}", parts.len()),
            )?;
            if previous
                .as_ref()
                .is_some_and(|p| p.generation == generation)
            {
                return Ok(());
            }
        }
        if let Some(old) = previous {
            for i in 0..old.count {
                self.remove(&part_name(key, &old.generation, i))?;
            }
        }
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<bool> {
        if let Some(old) = self.get(key)?.as_deref().and_then(parse_header) {
            for i in 0..old.count {
                self.remove(&part_name(key, &old.generation, i))?;
            }
        }
        self.remove(key)
    }

    fn describe(&self) -> String {
        "the OS keyring".into()
    }
}

fn unavailable(e: keyring::Error) -> Error {
    Error::new(Kind::Storage, "the OS keyring is not available")
        .caused_by(e)
        .with_hint(
            "unlock or start your keyring (on Linux: a Secret Service such as gnome-keyring), \
             or keep tokens in a 0600 file instead with --store file (or OIDCTL_STORE=file)",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_char_boundaries() {
        assert_eq!(split("abcdef", 4), ["abcd", "ef"]);
        assert_eq!(split("ééé", 2), ["éé", "é"]);
        assert!(split("", 3).is_empty());
    }

    #[test]
    fn headers() {
        let h = parse_header("oidctl-chunked:abc:3:ffff").unwrap();
        assert_eq!(
            (h.generation.as_str(), h.count, h.digest.as_str()),
            ("abc", 3, "ffff")
        );
        assert!(parse_header("{\"issuer\":1}").is_none());
    }
}
