//! Files: written so that they are never seen half-written (a temporary file in the same
//! directory, flushed, then renamed over the target: atomic on POSIX and on NTFS), and read with
//! a size limit, so that a wrong file fails at once instead of filling memory.

use std::io::{Read as _, Write as _};
use std::path::Path;

use crate::base::error::{Error, Result};

/// Key, secret, CA and claims files larger than this are refused.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Creates `dir` and any missing parents as 0700: whatever oidctl keeps (tokens, locks, the
/// document cache, the config) is the user's alone. Directories that exist are left as they are.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

pub fn write_atomic(path: &Path, data: &[u8], mode: u32) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        let mut file = options.open(&tmp)?;
        file.write_all(data)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Whether a path given for a file is an http(s) URL (`--key https://…/jwks`).
pub fn is_url(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text.split_once("://").is_some_and(|(scheme, _)| {
        scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")
    })
}

/// Refuses a URL given where a file is expected, before a file of that name is opened (or
/// created): every option that takes a file goes through here or [`read_limited`].
pub fn not_a_url(path: &Path, what: &str) -> Result<()> {
    if !is_url(path) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "the {what} {} is a URL, where a file is expected",
        path.display()
    ))
    .with_hint(format!(
        "download it first (curl -fsSLo FILE '{}') and give the file's name",
        path.display()
    )))
}

/// A key or secret file's bytes.
pub fn read_limited(path: &Path, what: &str) -> Result<Vec<u8>> {
    not_a_url(path, what)?;
    let hint = || format!("check the path given for the {what}");
    let file = std::fs::File::open(path).map_err(|e| {
        Error::usage(format!("cannot open the {what} {}", path.display()))
            .caused_by(e)
            .with_hint(hint())
    })?;
    let mut buf = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            Error::usage(format!("cannot read the {what} {}", path.display())).caused_by(e)
        })?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::usage(format!(
            "the {what} {} is larger than {MAX_FILE_BYTES} bytes",
            path.display()
        )));
    }
    Ok(buf)
}
