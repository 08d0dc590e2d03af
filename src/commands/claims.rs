//! `oidctl claims`: all claims as JSON, or named ones one per line for scripts
//! (`email=$(oidctl claims "$T" email)`). Values are exactly as in the token; nothing is verified.

use crate::base::error::{Error, Result};
use crate::cli::{ClaimsArgs, GlobalArgs};
use crate::commands::input;
use crate::jwt::json::Exact;
use crate::jwt::token::{self, Token};
use crate::output::{Printer, sanitize};

pub fn run(global: &GlobalArgs, args: &ClaimsArgs, printer: &Printer) -> Result<()> {
    // The first positional is the token when it is one (a JWT's JSON header always encodes to
    // "eyJ…"), `-`, `@FILE` or a file that exists; otherwise it is the first claim name, and the
    // token comes from stdin (`oidctl claims sub < token.jwt`) or, with --profile, the store.
    let mut names: Vec<String> = args.names.clone();
    let mut token = args.token.clone();
    if let Some(first) = token.take_if(|t| {
        t != "-"
            && !t.starts_with('@')
            && !input::looks_like_jwt(t)
            && !input::looks_like_path(t)
            && !std::path::Path::new(t).is_file()
    }) {
        names.insert(0, first);
    }
    let text = input::token_or_stored(
        token.as_deref(),
        "claims",
        global,
        args.access_token,
        printer,
    )?;
    let claims = claims_of(&text)?;
    if names.is_empty() {
        printer.out(&(claims.to_pretty() + "\n"))?;
        return Ok(());
    }
    let mut out = String::new();
    let mut missing = Vec::new();
    for name in &names {
        match claims.path(name) {
            Some(value) => {
                let shown = value.as_str().unwrap_or_else(|| value.to_compact());
                // Raw for pipes and $(…); made harmless when a person's terminal shows it.
                out.push_str(&if printer.stdout_is_tty() {
                    sanitize(&shown)
                } else {
                    shown
                });
                out.push('\n');
            }
            None => missing.push(name.as_str()),
        }
    }
    printer.out(&out)?;
    if !missing.is_empty() {
        let names: Vec<&str> = claims
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        return Err(
            Error::failed(format!("no claim {} in the token", missing.join(", ")))
                .with_hint(format!("the token's claims are: {}", names.join(", "))),
        );
    }
    Ok(())
}

fn claims_of(text: &str) -> Result<Exact> {
    let jws = match token::parse(text).map_err(|e| Error::failed(e.to_string()))? {
        Token::Jws(jws) => jws,
        Token::Jwe(_) => {
            return Err(
                Error::failed("the token is encrypted (JWE): its claims cannot be read")
                    .with_hint("`oidctl decode` shows its header"),
            );
        }
    };
    let payload = std::str::from_utf8(&jws.payload)
        .ok()
        .and_then(|t| Exact::parse(t).ok())
        .filter(|c| c.as_object().is_some());
    payload.ok_or_else(|| Error::failed("the token's payload is not a JSON claims set"))
}
