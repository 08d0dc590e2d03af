//! One lock file per token set, so that concurrent `oidctl token` calls make one refresh between
//! them: the first takes the lock and refreshes; the others wait, then re-read the store and find
//! the fresh set. The lock is an OS file lock: it dies with its holder, even on kill -9.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::base::error::{Error, Kind, Result};

/// Holding it means holding the lock; dropping it releases.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// How long to wait for another process's refresh or sign-in before giving up.
pub const WAIT: Duration = Duration::from_secs(120);

pub fn path(key: &str) -> Result<PathBuf> {
    Ok(super::data_dir()?
        .join("locks")
        .join(format!("{}.lock", super::digest_name(key))))
}

fn open(key: &str) -> Result<File> {
    let path = path(key)?;
    if let Some(dir) = path.parent() {
        crate::base::fs::create_private_dir(dir).map_err(|e| {
            Error::new(Kind::Storage, format!("cannot create {}", dir.display())).caused_by(e)
        })?;
    }
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    // 0600: a lock another user can open is a lock another user can hold, stalling refreshes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let file = options.open(&path).map_err(|e| {
        Error::new(
            Kind::Storage,
            format!("cannot open the lock file {}", path.display()),
        )
        .caused_by(e)
    })?;
    // A lock file made by an older oidctl may be 0644: made private on the way.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if file
            .metadata()
            .is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
        {
            let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
        }
    }
    Ok(file)
}

/// Takes the lock, waiting up to `wait` while another process holds it.
pub fn acquire(key: &str, wait: Duration) -> Result<Lock> {
    let file = open(key)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::failed(format!(
                    "another oidctl process has held the lock for {} for over {}s",
                    key_label(key),
                    wait.as_secs()
                ))
                .with_hint("wait for it to finish, or stop it"));
            }
            Err(TryLockError::Error(e)) => {
                return Err(Error::new(Kind::Storage, "cannot lock the token set").caused_by(e));
            }
        }
    }
}

/// Takes the lock only if it is free: `None` when another process holds it.
pub fn try_acquire(key: &str) -> Result<Option<Lock>> {
    let file = open(key)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Lock { _file: file })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => {
            Err(Error::new(Kind::Storage, "cannot lock the token set").caused_by(e))
        }
    }
}

fn key_label(key: &str) -> String {
    match super::profile_of(key) {
        Some(name) => format!("profile {name:?}"),
        None => "this sign-in".to_string(),
    }
}
