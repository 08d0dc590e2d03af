//! A token for people: its header, claims (annotated, times in words) and a shortened
//! signature, with the reminder that nothing was verified. Shared by `decode` and `demo`.

use std::fmt::Write as _;

use base64::Engine as _;
use serde::Serialize;

use super::{claim_note, heading, table};
use crate::jwt::json::Exact;
use crate::jwt::token::{B64, Jwe, Jws};
use crate::output::{Printer, Style, sanitize};

/// A JSON payload as written, or (rarely, for non-JWT uses of JWS) the payload text.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Payload {
    Json(Exact),
    Text(String),
}

pub fn payload(jws: &Jws<'_>) -> Payload {
    std::str::from_utf8(&jws.payload)
        .ok()
        .and_then(|t| Exact::parse(t).ok())
        .map(Payload::Json)
        .unwrap_or_else(|| Payload::Text(String::from_utf8_lossy(&jws.payload).into_owned()))
}

pub fn jws_human(jws: &Jws<'_>, p: &Printer, now: i64) -> String {
    let mut out = String::new();
    let header = Exact::parse(&jws.header_json).ok();
    heading(&mut out, p, "Header", "JWS, signed");
    if let Some(Exact::Object(h)) = &header {
        table(&mut out, p, h, |name, _| header_note(name));
    }
    out.push('\n');
    match payload(jws) {
        Payload::Json(Exact::Object(claims)) => {
            heading(&mut out, p, "Payload", &format!("{} claims", claims.len()));
            table(&mut out, p, &claims, |name, value| {
                claim_note(name, value, &claims, now)
            });
        }
        Payload::Json(other) => {
            heading(&mut out, p, "Payload", "JSON, not a claims set");
            let _ = writeln!(out, "  {}", sanitize(&other.to_compact()));
        }
        Payload::Text(text) => {
            heading(
                &mut out,
                p,
                "Payload",
                &format!("not JSON, {} bytes", jws.payload.len()),
            );
            let _ = writeln!(out, "  {}", sanitize(&text));
        }
    }
    out.push('\n');
    heading(
        &mut out,
        p,
        "Signature",
        &format!("{}, {} bytes", sanitize(&jws.alg), jws.signature.len()),
    );
    let sig = B64.encode(&jws.signature);
    // Shortened: with header and payload on screen, the full signature would put a usable bearer
    // token on the screen too.
    let shown = if sig.len() > 16 {
        format!("{}…{}", &sig[..8], &sig[sig.len() - 4..])
    } else {
        sig
    };
    let _ = writeln!(out, "  {shown}");
    out.push('\n');
    if jws.header.has_nonce() {
        let _ = writeln!(
            out,
            "{} this is a Microsoft Graph access token (its header carries a nonce): only \
             Microsoft Graph can verify its signature, by design.",
            p.paint("note:", Style::Warn)
        );
    }
    let _ = writeln!(
        out,
        "{} nothing was verified; run `oidctl verify` to check the signature and claims.",
        p.paint("Not verified:", Style::Warn)
    );
    out
}

pub fn jwe_human(jwe: &Jwe, p: &Printer) -> String {
    let mut out = String::new();
    heading(&mut out, p, "Header", "JWE, encrypted");
    if let Ok(Exact::Object(h)) = Exact::parse(&jwe.header_json) {
        table(&mut out, p, &h, |name, _| header_note(name));
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{} the claims are encrypted; only the recipient's private key can read them.",
        p.paint("Encrypted:", Style::Warn)
    );
    out
}

fn header_note(name: &str) -> Option<String> {
    Some(
        match name {
            "alg" => "signature algorithm",
            "typ" => "media type of the token",
            "kid" => "which of the issuer's keys signed it",
            "cty" => "content type of the payload",
            "enc" => "content encryption algorithm",
            "x5t" | "x5t#S256" => "thumbprint of the signing certificate",
            "jku" | "x5u" | "jwk" | "x5c" => {
                "key material named by the token itself; oidctl verify never uses it"
            }
            "crit" => "extensions the verifier must understand",
            "nonce" => "Microsoft Graph: only Graph can verify this token",
            _ => return None,
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::token::{self, Token};

    #[test]
    fn human_output_shows_times_notes_and_warning() {
        let header = B64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let claims = B64.encode(br#"{"sub":"alice","exp":1000,"scp":"read"}"#);
        let token = format!("{header}.{claims}.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU");
        let Token::Jws(jws) = token::parse(&token).unwrap() else {
            unreachable!()
        };
        let out = jws_human(&jws, &Printer::plain(), 1000 + 3 * 86_400);
        assert!(
            out.contains("exp  1000   # expires 1970-01-01T00:16:40Z, 3d ago"),
            "{out}"
        );
        assert!(out.contains("scp  read   # delegated permissions"), "{out}");
        assert!(out.contains("Not verified:"), "{out}");
        assert!(
            !out.contains("c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"),
            "{out}"
        );
    }
}
