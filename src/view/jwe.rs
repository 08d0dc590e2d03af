//! A decrypted JWE for people: its protected header, then the token inside (a nested JWS,
//! shown as `decode` shows any JWS) or the claims it carries, saying what was and was not
//! checked. The plaintext is the user's own token: shown, never logged.

use std::fmt::Write as _;

use super::{claim_note, heading, table};
use crate::jwt::json::Exact;
use crate::jwt::jwe::Opened;
use crate::jwt::token::Jws;
use crate::output::{Printer, Style, sanitize};

/// The plaintext of a JWE whose payload is not a nested JWT: JSON as written, or text.
pub fn plaintext(opened: &Opened) -> super::token::Payload {
    std::str::from_utf8(&opened.plaintext)
        .ok()
        .and_then(|t| Exact::parse(t).ok())
        .map(super::token::Payload::Json)
        .unwrap_or_else(|| {
            super::token::Payload::Text(String::from_utf8_lossy(&opened.plaintext).into_owned())
        })
}

pub fn human(opened: &Opened, inner: Option<&Jws<'_>>, p: &Printer, now: i64) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        p,
        "Encryption",
        &format!(
            "JWE, decrypted with {}: {}, {}",
            sanitize(&opened.key),
            opened.alg,
            opened.enc
        ),
    );
    if let Ok(Exact::Object(h)) = Exact::parse(&opened.header_json) {
        table(&mut out, p, &h, |name, _| note(name));
    }
    out.push('\n');
    if let Some(jws) = inner {
        out.push_str(&super::token::jws_human(jws, p, now));
        return out;
    }
    match plaintext(opened) {
        super::token::Payload::Json(Exact::Object(claims)) => {
            heading(&mut out, p, "Payload", &format!("{} claims", claims.len()));
            table(&mut out, p, &claims, |name, value| {
                claim_note(name, value, &claims, now)
            });
        }
        super::token::Payload::Json(other) => {
            heading(&mut out, p, "Payload", "JSON, not a claims set");
            let _ = writeln!(out, "  {}", sanitize(&other.to_compact()));
        }
        super::token::Payload::Text(text) => {
            heading(
                &mut out,
                p,
                "Payload",
                &format!("not JSON, {} bytes", opened.plaintext.len()),
            );
            let _ = writeln!(out, "  {}", sanitize(&text));
        }
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{} the payload is encrypted but not signed: whoever holds the encryption key could have \
         written it.",
        p.paint("Not signed:", Style::Warn)
    );
    out
}

/// What a JWE header parameter means (RFC 7516 §4.1): shared with `decode` of a JWE it cannot open.
pub(super) fn note(name: &str) -> Option<String> {
    Some(
        match name {
            "alg" => "key management algorithm",
            "enc" => "content encryption algorithm",
            "kid" => "which of the recipient's keys it is encrypted to",
            "cty" => "content type of the payload (JWT: a nested token)",
            "epk" => "the sender's ephemeral public key (ECDH-ES)",
            "apu" | "apv" => "key agreement party info (ECDH-ES)",
            "zip" => "compression of the payload",
            "typ" => "media type of the token",
            _ => return None,
        }
        .to_string(),
    )
}
