//! Where oidctl keeps files of its own: the data directory (the file store, lock files) and the
//! cache directory (discovery and JWKS documents), `$XDG_DATA_HOME/oidctl` and
//! `$XDG_CACHE_HOME/oidctl` or the platform's equivalents. `oidctl demo` points both at a
//! temporary directory for its whole run, so that it never touches the user's.

use std::path::PathBuf;
use std::sync::OnceLock;

static SANDBOX: OnceLock<PathBuf> = OnceLock::new();

/// Keeps every file of this process under `root`; `false` when a sandbox was already set.
pub fn sandbox(root: PathBuf) -> bool {
    SANDBOX.set(root).is_ok()
}

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "oidctl")
}

pub fn data() -> Option<PathBuf> {
    match SANDBOX.get() {
        Some(root) => Some(root.join("data")),
        None => project().map(|d| d.data_dir().to_path_buf()),
    }
}

/// Whether this process keeps its files in a sandbox (`oidctl demo`).
pub fn sandboxed() -> bool {
    SANDBOX.get().is_some()
}

/// The cache directory (the settings let `OIDCTL_CACHE_DIR` override it, but not a sandbox).
pub fn cache() -> Option<PathBuf> {
    match SANDBOX.get() {
        Some(root) => Some(root.join("cache")),
        None => project().map(|d| d.cache_dir().to_path_buf()),
    }
}

/// A private (0700) temporary directory, removed with everything in it when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn create(prefix: &str) -> crate::base::error::Result<Scratch> {
        use aws_lc_rs::rand::SecureRandom as _;
        let mut random = [0u8; 8];
        let _ = aws_lc_rs::rand::SystemRandom::new().fill(&mut random);
        let suffix: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{suffix}", std::process::id()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt as _;
            builder.mode(0o700);
        }
        builder.create(&dir).map_err(|e| {
            crate::base::error::Error::failed(format!(
                "cannot create a temporary directory in {}",
                std::env::temp_dir().display()
            ))
            .caused_by(e)
        })?;
        Ok(Scratch(dir))
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
