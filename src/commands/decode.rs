//! `oidctl decode`: a token's header, claims and signature for people (annotated, times in
//! words) or programs (`--format json`, claims byte-exact). Verifies nothing, and says so.

use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::cli::{DecodeArgs, Format, GlobalArgs};
use crate::commands::{decrypt, input};
use crate::jwt::json::Exact;
use crate::jwt::token::{self, B64, Jwe, Jws, Token};
use crate::output::Printer;
use crate::view;
use base64::Engine as _;

pub fn run(global: &GlobalArgs, args: &DecodeArgs, printer: &Printer) -> Result<()> {
    let text = input::token_or_stored(
        args.token.as_deref(),
        "decode",
        global,
        args.access_token,
        printer,
    )?;
    let token = token::parse(&text).map_err(|e| {
        Error::failed(e.to_string())
            .with_hint("a JWT looks like eyJhbGciOi…, three base64url parts joined by dots")
    })?;
    if let (Token::Jwe(_), Some(path)) = (&token, &args.decrypt.decrypt_key) {
        return decrypted(&text, path, args.format, printer);
    }
    let out = match (&token, args.format) {
        (Token::Jws(jws), Format::Json) => jws_json(jws)?,
        (Token::Jwe(jwe), Format::Json) => jwe_json(jwe)?,
        (Token::Jws(jws), Format::Human) => {
            view::token::jws_human(jws, printer, crate::base::clock::now())
        }
        (Token::Jwe(jwe), Format::Human) => view::token::jwe_human(jwe, printer),
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

use crate::view::token::{Payload, payload};

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

/// `--decrypt-key`: the JWE's header, then the nested JWS (or the claims) inside it.
fn decrypted(text: &str, path: &std::path::Path, format: Format, printer: &Printer) -> Result<()> {
    let opened = decrypt::open(text, &decrypt::load_keys(path)?)?;
    let inner_text = opened.is_nested().then(|| {
        String::from_utf8_lossy(&opened.plaintext)
            .trim()
            .to_string()
    });
    let inner = match &inner_text {
        Some(t) => Some(token::parse_jws(t).map_err(|e| {
            Error::failed(format!("the decrypted payload is not a JWS: {e}"))
                .with_hint("the header's cty says JWT, but the payload is no signed token")
        })?),
        None => None,
    };
    let out = match format {
        Format::Human => {
            view::jwe::human(&opened, inner.as_ref(), printer, crate::base::clock::now())
        }
        Format::Json => {
            #[derive(Serialize)]
            struct Decrypted {
                encryption: Exact,
                #[serde(skip_serializing_if = "Option::is_none")]
                header: Option<Exact>,
                payload: Payload,
                #[serde(skip_serializing_if = "Option::is_none")]
                signature: Option<String>,
            }
            let doc = Decrypted {
                encryption: exact(&opened.header_json, "header")?,
                header: match &inner {
                    Some(jws) => Some(exact(&jws.header_json, "inner header")?),
                    None => None,
                },
                payload: inner
                    .as_ref()
                    .map_or_else(|| view::jwe::plaintext(&opened), payload),
                signature: inner.as_ref().map(|jws| B64.encode(&jws.signature)),
            };
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
    };
    printer.out(&out)?;
    Ok(())
}
