//! `oidctl decode`: a token's header, claims and signature for people (annotated, times in
//! words) or programs (`--format json`, claims byte-exact). Verifies nothing, and says so.

use std::fmt::Write as _;

use serde::Serialize;

use crate::cli::{DecodeArgs, Format, GlobalArgs};
use crate::error::{Error, Result};
use crate::input;
use crate::jwt::json::Exact;
use crate::jwt::time;
use crate::jwt::token::{self, B64, Jwe, Jws, Token};
use crate::output::{Printer, Style, sanitize};
use crate::view::{claim_note, heading, table};
use base64::Engine as _;

pub fn run(global: &GlobalArgs, args: &DecodeArgs, printer: &Printer) -> Result<()> {
    let text = input::token_or_stored(args.token.as_deref(), global, args.access_token, printer)?;
    let token = token::parse(&text).map_err(|e| {
        Error::failed(e.to_string())
            .with_hint("a JWT looks like eyJhbGciOi…, three base64url parts joined by dots")
    })?;
    let out = match (&token, args.format) {
        (Token::Jws(jws), Format::Json) => jws_json(jws)?,
        (Token::Jwe(jwe), Format::Json) => jwe_json(jwe)?,
        (Token::Jws(jws), Format::Human) => jws_human(jws, printer, time::now()),
        (Token::Jwe(jwe), Format::Human) => jwe_human(jwe, printer),
    };
    printer.out(&out)?;
    Ok(())
}

fn exact(json: &str, what: &str) -> Result<Exact> {
    Exact::parse(json)
        .map_err(|e| Error::failed(format!("the {what} is not valid JSON")).caused_by(e))
}

#[derive(Serialize)]
struct JwsJson {
    header: Exact,
    payload: Payload,
    signature: String,
}

/// A JSON payload as written, or (rarely, for non-JWT uses of JWS) the payload text.
#[derive(Serialize)]
#[serde(untagged)]
enum Payload {
    Json(Exact),
    Text(String),
}

fn payload(jws: &Jws<'_>) -> Payload {
    std::str::from_utf8(&jws.payload)
        .ok()
        .and_then(|t| Exact::parse(t).ok())
        .map(Payload::Json)
        .unwrap_or_else(|| Payload::Text(String::from_utf8_lossy(&jws.payload).into_owned()))
}

fn jws_json(jws: &Jws<'_>) -> Result<String> {
    let doc = JwsJson {
        header: exact(&jws.header_json, "header")?,
        payload: payload(jws),
        signature: B64.encode(&jws.signature),
    };
    Ok(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n")
}

fn jwe_json(jwe: &Jwe) -> Result<String> {
    #[derive(Serialize)]
    struct JweJson {
        header: Exact,
        encrypted: bool,
    }
    let doc = JweJson {
        header: exact(&jwe.header_json, "header")?,
        encrypted: true,
    };
    Ok(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n")
}

fn jws_human(jws: &Jws<'_>, p: &Printer, now: i64) -> String {
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

fn jwe_human(jwe: &Jwe, p: &Printer) -> String {
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
