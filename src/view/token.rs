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

/// Whether the token says it is not signed at all (`alg: none`, in any case, RFC 7519 §6).
fn unsigned(jws: &Jws<'_>) -> bool {
    jws.alg.eq_ignore_ascii_case("none")
}

pub fn jws_human(jws: &Jws<'_>, p: &Printer, now: i64) -> String {
    let mut out = String::new();
    let header = Exact::parse(&jws.header_json).ok();
    let unsigned = unsigned(jws);
    heading(
        &mut out,
        p,
        "Header",
        if unsigned {
            "JWS, unsigned: alg none"
        } else {
            "JWS, signed"
        },
    );
    if let Some(Exact::Object(h)) = &header {
        table(&mut out, p, h, |name, _| header_note(name, unsigned));
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
    let what = if unsigned {
        format!("none: not signed, {} bytes", jws.signature.len())
    } else {
        format!("{}, {} bytes", sanitize(&jws.alg), jws.signature.len())
    };
    heading(&mut out, p, "Signature", &what);
    let sig = B64.encode(&jws.signature);
    // Shortened: with header and payload on screen, the full signature would put a usable bearer
    // token on the screen too.
    let shown = if sig.len() > 16 {
        format!("{}…{}", &sig[..8], &sig[sig.len() - 4..])
    } else if sig.is_empty() {
        "(empty)".to_string()
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
    if unsigned {
        let _ = writeln!(
            out,
            "{} this token says alg none: anyone could have written it, and `oidctl verify` \
             refuses it.",
            p.paint("Unsigned:", Style::Warn)
        );
    } else {
        let _ = writeln!(
            out,
            "{} nothing was verified; run `oidctl verify` to check the signature and claims.",
            p.paint("Not verified:", Style::Warn)
        );
    }
    out
}

pub fn jwe_human(jwe: &Jwe, p: &Printer) -> String {
    let mut out = String::new();
    heading(&mut out, p, "Header", "JWE, encrypted");
    // A JWE's alg, enc and kid are about the encryption, not a signature.
    if let Ok(Exact::Object(h)) = Exact::parse(&jwe.header_json) {
        table(&mut out, p, &h, |name, _| super::jwe::note(name));
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{} the claims are encrypted; only the recipient's private key can read them.",
        p.paint("Encrypted:", Style::Warn)
    );
    out
}

/// What a JWS header parameter means. A JWE's are [`super::jwe::note`].
fn header_note(name: &str, unsigned: bool) -> Option<String> {
    Some(
        match name {
            "alg" if unsigned => "none: no signature; anyone could have written the token",
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
            out.contains("exp  1000   # expired 1970-01-01T00:16:40Z, 3d ago"),
            "{out}"
        );
        assert!(out.contains("scp  read   # scopes granted"), "{out}");
        assert!(out.contains("Not verified:"), "{out}");
        assert!(
            !out.contains("c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"),
            "{out}"
        );
    }

    #[test]
    fn an_unsigned_token_is_not_called_signed() {
        for alg in ["none", "None", "NONE"] {
            let header = B64.encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
            let claims = B64.encode(br#"{"sub":"alice"}"#);
            let text = format!("{header}.{claims}.");
            let Token::Jws(jws) = token::parse(&text).unwrap() else {
                unreachable!()
            };
            let out = jws_human(&jws, &Printer::plain(), 0);
            assert!(out.contains("Header (JWS, unsigned: alg none)"), "{out}");
            assert!(
                !out.contains("signed)") && !out.contains("signature algorithm"),
                "{out}"
            );
            assert!(
                out.contains("Signature (none: not signed, 0 bytes)\n  (empty)\n"),
                "{out}"
            );
            assert!(
                out.contains("Unsigned:") && !out.contains("Not verified:"),
                "{out}"
            );
        }
    }

    #[test]
    fn a_jwe_header_speaks_of_encryption() {
        let header = B64.encode(br#"{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"enc-1"}"#);
        let Token::Jwe(jwe) = token::parse(&format!("{header}.a.b.c.d")).unwrap() else {
            unreachable!()
        };
        let out = jwe_human(&jwe, &Printer::plain());
        assert!(out.contains("# key management algorithm"), "{out}");
        assert!(out.contains("# content encryption algorithm"), "{out}");
        assert!(
            out.contains("# which of the recipient's keys it is encrypted to"),
            "{out}"
        );
        assert!(
            !out.contains("signature") && !out.contains("signed it"),
            "{out}"
        );
    }
}
