//! `--store file`: one 0600 JSON file per token set in a 0700 directory, replaced atomically.
//! Chosen explicitly by the user (flag, env or config), never as a silent fallback.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{TokenSet, TokenStore, digest_name};
use crate::base::error::{Error, Kind, Result};

pub struct FileStore {
    dir: PathBuf,
}

/// The file's content: the key (file names are digests of it) and the set.
#[derive(Serialize, Deserialize)]
struct Stored<S> {
    key: String,
    set: S,
}

impl FileStore {
    pub fn new(dir: PathBuf) -> Self {
        FileStore { dir }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{}.json", digest_name(key)))
    }

    fn storage_error(&self, what: &str, e: std::io::Error) -> Error {
        Error::new(
            Kind::Storage,
            format!("cannot {what} the token file in {}", self.dir.display()),
        )
        .caused_by(e)
    }
}

impl TokenStore for FileStore {
    fn load(&self, key: &str) -> Result<Option<TokenSet>> {
        let path = self.path(key);
        let text = match read_bounded(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Err(Error::new(
                    Kind::SignInRequired,
                    format!("the token file {} is unreadable", path.display()),
                )
                .caused_by(e)
                .with_hint("sign in again: oidctl login"));
            }
            Err(e) => return Err(self.storage_error("read", e)),
        };
        let stored: Stored<TokenSet> = serde_json::from_str(&text).map_err(|e| {
            Error::new(
                Kind::SignInRequired,
                format!("the token file {} is unreadable", path.display()),
            )
            .caused_by(e)
            .with_hint("sign in again: oidctl login")
        })?;
        Ok((stored.key == key).then_some(stored.set))
    }

    fn save(&self, key: &str, set: &TokenSet) -> Result<()> {
        create_private_dir(&self.dir).map_err(|e| self.storage_error("create", e))?;
        let body = serde_json::to_vec(&Stored {
            key: key.to_string(),
            set,
        })
        .map_err(|e| Error::failed("could not serialise the token set").caused_by(e))?;
        let path = self.path(key);
        crate::base::fs::write_atomic(&path, &body, 0o600)
            .map_err(|e| self.storage_error("write", e))?;
        remove_stale_temporaries(&path);
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<bool> {
        match std::fs::remove_file(self.path(key)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(self.storage_error("delete", e)),
        }
    }

    fn describe(&self) -> String {
        format!("the file store ({})", self.dir.display())
    }
}

/// Saves happen under the set's lock (store::lock), so a temporary file of this name is left
/// over from a writer killed between writing and renaming (kill -9): it may hold a whole set,
/// and goes.
fn remove_stale_temporaries(path: &std::path::Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file.starts_with(&prefix) && file.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The file's text, refused when larger than [`super::MAX_SET_BYTES`]: no token set is, and a
/// reader must not fill memory with whatever stands at that path.
fn read_bounded(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read as _;
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(super::MAX_SET_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > super::MAX_SET_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} bytes", super::MAX_SET_BYTES),
        ));
    }
    Ok(text)
}

fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    crate::base::fs::create_private_dir(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{digest_name, sample};

    #[test]
    fn round_trip_private_and_atomic() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path().join("tokens"));
        assert!(store.load("profile:a").unwrap().is_none());
        store.save("profile:a", &sample(10)).unwrap();
        let back = store.load("profile:a").unwrap().unwrap();
        assert_eq!(back.access_token.secret(), sample(10).access_token.secret());
        assert!(store.load("profile:b").unwrap().is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(store.path("profile:a"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let dmode = std::fs::metadata(dir.path().join("tokens"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(dmode & 0o777, 0o700);
        }
        // No temporary file is left behind.
        assert_eq!(
            std::fs::read_dir(dir.path().join("tokens"))
                .unwrap()
                .count(),
            1
        );
        // A temporary file left by a writer killed before its rename goes with the next save.
        let stale = dir
            .path()
            .join("tokens")
            .join(format!(".{}.json.999999.tmp", digest_name("profile:a")));
        std::fs::write(&stale, "{\"half\":").unwrap();
        store.save("profile:a", &sample(11)).unwrap();
        assert!(!stale.exists());
        assert!(store.delete("profile:a").unwrap());
        assert!(!store.delete("profile:a").unwrap());
    }
}
