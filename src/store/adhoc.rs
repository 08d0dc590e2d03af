//! The ad-hoc sign-ins (`--issuer` and `--client-id`, no profile): their store keys, issuers,
//! clients, scopes and stores, so that `status` lists them and `token --issuer X --client-id Y`
//! finds one whatever its scopes. A keyring cannot be listed, so this index is a 0600 file beside
//! the file store; it holds no secret. Best effort: a sign-in missing from it still works by key.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::StoreKind;
use crate::base::error::Result;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub issuer: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub store: StoreKind,
}

fn path() -> Result<PathBuf> {
    Ok(super::data_dir()?.join("adhoc.json"))
}

/// Every ad-hoc sign-in recorded; none when the index is missing or unreadable.
pub fn list() -> Vec<Entry> {
    let Ok(path) = path() else {
        return Vec::new();
    };
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write(entries: &[Entry]) {
    let Ok(path) = path() else {
        return;
    };
    if let Ok(body) = serde_json::to_vec_pretty(entries)
        && let Err(e) = crate::base::fs::write_atomic(&path, &body, 0o600)
    {
        log::info!("could not update {}: {e}", path.display());
    }
}

/// Records (or updates) an ad-hoc sign-in.
pub fn add(entry: Entry) {
    let mut all = list();
    all.retain(|e| e.key != entry.key);
    all.push(entry);
    write(&all);
}

/// Forgets an ad-hoc sign-in (after logout, or when its set was deleted).
pub fn remove(key: &str) {
    let mut all = list();
    let before = all.len();
    all.retain(|e| e.key != key);
    if all.len() != before {
        write(&all);
    }
}
