//! Reading what the user hands over: a token (argument or stdin) or a key file, with size limits
//! so that a wrong file or an endless pipe fails at once instead of filling memory.

use std::io::Read as _;
use std::path::Path;

use crate::error::{Error, Result};
use crate::jwt::token::MAX_TOKEN_BYTES;
use crate::output::Printer;

/// Key and secret files larger than this are refused.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// The token from the argument, or from stdin when the argument is `-` or absent.
pub fn token(arg: Option<&str>, printer: &Printer) -> Result<String> {
    if let Some(t) = arg.filter(|t| *t != "-") {
        return Ok(t.to_string());
    }
    if printer.stdin_is_tty() && arg.is_none() {
        return Err(Error::usage("no token given")
            .with_hint("pass the token as an argument, or pipe it in: pbpaste | oidctl decode"));
    }
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_TOKEN_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::failed("could not read the token from stdin").caused_by(e))?;
    if buf.len() > MAX_TOKEN_BYTES {
        return Err(Error::failed(format!(
            "stdin holds more than {MAX_TOKEN_BYTES} bytes; that is not one token"
        ))
        .with_hint("for many tokens, one per line, use `oidctl verify --batch`"));
    }
    let text = String::from_utf8(buf)
        .map_err(|_| Error::failed("the token on stdin is not UTF-8 text"))?;
    if text.trim().is_empty() {
        return Err(Error::usage("stdin was empty: no token given"));
    }
    Ok(text)
}

/// A key or secret file's bytes.
pub fn file(path: &Path, what: &str) -> Result<Vec<u8>> {
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
