//! Reading what the user hands over: a token (argument or stdin) or a key file, with size limits
//! so that a wrong file or an endless pipe fails at once instead of filling memory.

use std::io::Read as _;

use crate::base::error::{Error, Kind, Result};
use crate::cli::GlobalArgs;
use crate::jwt::token::MAX_TOKEN_BYTES;
use crate::output::Printer;

/// The profile named on the command line with `-p/--profile` (not through OIDCTL_PROFILE, which
/// must not turn `echo $T | oidctl decode` into a read of the store).
pub fn explicit_profile(global: &GlobalArgs) -> Option<&str> {
    global
        .profile
        .as_deref()
        .filter(|_| !global.profile_from_env)
}

/// The token a `decode`/`verify`/`claims` works on: the argument; stdin for `-`; with an
/// explicit `--profile` and no argument, that profile's stored ID token (access token when
/// `access` is set); else stdin.
pub fn token_or_stored(
    arg: Option<&str>,
    cmd: &str,
    global: &GlobalArgs,
    access: bool,
    printer: &Printer,
) -> Result<String> {
    if arg.is_some() || explicit_profile(global).is_none() {
        return token(arg, cmd, printer);
    }
    let ctx = crate::settings::Context::load(global)?;
    let (name, _) = ctx
        .profile()
        .ok_or_else(|| Error::usage("no such profile"))?;
    let (kind, _) = crate::settings::store_kind(&crate::cli::ProviderArgs::default(), &ctx)?;
    let set = crate::store::open(kind)?
        .load(&crate::store::profile_key(name))?
        .ok_or_else(|| {
            Error::new(
                Kind::SignInRequired,
                format!("no stored sign-in for profile {name:?}"),
            )
            .with_hint(format!("sign in: oidctl login -p {name}"))
        })?;
    if access {
        return Ok(set.access_token.secret().clone());
    }
    set.id_token.map(|t| t.secret().to_string()).ok_or_else(|| {
        Error::failed(format!("profile {name:?} has no stored ID token"))
            .with_hint("use --access-token for the access token")
    })
}

/// The token from the argument, as every command that reads one takes it: the token itself;
/// `-` or nothing: stdin; `@FILE`, or the name of a file that exists (and is not itself a
/// token): that file. What is read holds one token, whitespace and `Bearer ` around it
/// ignored; two or more are refused, naming `verify --batch`. `cmd` names the command in
/// the messages.
pub fn token(arg: Option<&str>, cmd: &str, printer: &Printer) -> Result<String> {
    let (text, from) = read(arg, cmd, printer)?;
    if matches!(from, From::Arg) {
        return Ok(text);
    }
    let count = crate::jwt::token::clean(&text).split_whitespace().count();
    if count > 1 {
        return Err(Error::usage(format!(
            "{} holds {count} tokens; {cmd} takes one",
            from.name()
        ))
        .with_hint(
            "check many tokens, one per line, with `oidctl verify --batch < FILE`; \
             or pass the one you mean",
        ));
    }
    Ok(text)
}

/// Text that is not a token (`encrypt`'s payload), taken in the same forms as [`token`].
pub fn text(arg: Option<&str>, printer: &Printer) -> Result<String> {
    read(arg, "encrypt", printer).map(|(text, _)| text)
}

/// Where an input came from, to name it in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
enum From {
    Arg,
    Stdin,
    File(String),
}

impl From {
    fn name(&self) -> String {
        match self {
            From::Arg => "the argument".into(),
            From::Stdin => "stdin".into(),
            From::File(f) => format!("the file {f}"),
        }
    }
}

/// Whether the text is a compact JWT rather than a claim name or a file name: a JOSE header
/// is a JSON object, whose base64url always starts `eyJ` (`{"`), `Bearer ` or not.
pub fn looks_like_jwt(arg: &str) -> bool {
    crate::jwt::token::clean(arg).starts_with("eyJ")
}

/// Whether an argument that is not a token reads as a file name: a path, or a name with a
/// token file's extension. Only such text is shown back in a message: a broken token may
/// still be a secret.
pub fn looks_like_path(arg: &str) -> bool {
    let ext = std::path::Path::new(arg)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    arg.len() < 256
        && !looks_like_jwt(arg)
        && !arg.chars().any(char::is_whitespace)
        && (arg.contains('/')
            || arg.starts_with('~')
            || ["jwt", "jws", "jwe", "txt", "json"].contains(&ext.to_ascii_lowercase().as_str()))
}

fn read(arg: Option<&str>, cmd: &str, printer: &Printer) -> Result<(String, From)> {
    match arg {
        None | Some("-") | Some("@-") => {
            if printer.stdin_is_tty() && arg.is_none() {
                return Err(Error::usage("no token given").with_hint(format!(
                    "pass the token (or a file holding it) as an argument, or pipe it in: \
                     pbpaste | oidctl {cmd}; with -p NAME, a stored token"
                )));
            }
            read_stdin().map(|t| (t, From::Stdin))
        }
        Some(a) if a.starts_with('@') => {
            let path = &a[1..];
            read_file(path).map(|t| (t, From::File(path.to_string())))
        }
        // A token is taken as it is, without a look at the disk (the fast path of `decode`).
        Some(a) if looks_like_jwt(a) => Ok((a.to_string(), From::Arg)),
        Some(a) if std::path::Path::new(a).is_file() => {
            read_file(a).map(|t| (t, From::File(a.to_string())))
        }
        Some(a) if looks_like_path(a) => Err(Error::usage(format!(
            "{a:?} is neither a token nor a file that exists"
        ))
        .with_hint(
            "pass the token itself, the name of a file holding it (or @FILE), or - to read stdin",
        )),
        Some(a) => Ok((a.to_string(), From::Arg)),
    }
}

fn read_stdin() -> Result<String> {
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
        return Err(Error::usage("stdin was empty: no token given")
            .with_hint("pass the token (or a file holding it) as an argument, or pipe it in"));
    }
    Ok(text)
}

fn read_file(path: &str) -> Result<String> {
    let mut buf = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_TOKEN_BYTES as u64 + 1).read_to_end(&mut buf))
        .map_err(|e| {
            Error::usage(format!("cannot read {path}"))
                .caused_by(e)
                .with_hint("pass the token itself, a file holding it (or @FILE), or - for stdin")
        })?;
    if buf.len() > MAX_TOKEN_BYTES {
        return Err(Error::failed(format!(
            "{path} holds more than {MAX_TOKEN_BYTES} bytes; that is not one token"
        ))
        .with_hint("for many tokens, one per line, use `oidctl verify --batch < FILE`"));
    }
    let text =
        String::from_utf8(buf).map_err(|_| Error::failed(format!("{path} is not UTF-8 text")))?;
    if text.trim().is_empty() {
        return Err(Error::usage(format!("{path} is empty: no token in it"))
            .with_hint("check the file's name, or pass the token itself"));
    }
    Ok(text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jwt_is_told_from_names() {
        assert!(looks_like_jwt("eyJhbGciOiJIUzI1NiJ9.e30.x"));
        assert!(looks_like_jwt("Bearer eyJhbGciOiJIUzI1NiJ9.e30.x\n"));
        assert!(!looks_like_jwt("sub"));
        assert!(!looks_like_jwt("address.country"));
        assert!(!looks_like_jwt("token.jwt"));
    }

    #[test]
    fn file_names_are_told_from_tokens() {
        assert!(looks_like_path("token.jwt"));
        assert!(looks_like_path("./t"));
        assert!(looks_like_path("~/tokens/id.txt"));
        assert!(!looks_like_path("eyJhbGciOiJIUzI1NiJ9.e30.x"));
        // An opaque token (introspect, revoke) is not a path.
        assert!(!looks_like_path("Fk3x9_qZ-8a1bc"));
        assert!(!looks_like_path("address.country"));
    }
}
