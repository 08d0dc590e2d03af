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
    global: &GlobalArgs,
    access: bool,
    printer: &Printer,
) -> Result<String> {
    if arg.is_some() || explicit_profile(global).is_none() {
        return token(arg, printer);
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
