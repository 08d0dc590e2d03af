//! `oidctl decode`: a token's header, claims and signature for people (annotated, times in
//! words) or programs (`--format json`, claims byte-exact). Verifies nothing, and says so.

use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::cli::{DecodeArgs, Format, GlobalArgs};
use crate::commands::input;
use crate::jwt::json::Exact;
use crate::jwt::token::{self, B64, Jwe, Jws, Token};
use crate::output::Printer;
use crate::view;
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
