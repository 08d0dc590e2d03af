//! Splitting a compact JWS or JWE into its parts. Pure: no keys, no time, no I/O.
//! Nothing here trusts the token; it only says what it claims to be.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

/// Tokens larger than this are refused before any decoding (real ones are a few KB).
pub const MAX_TOKEN_BYTES: usize = 1 << 20;

/// base64url without padding, as JWS requires; stray padding is tolerated when decoding.
pub const B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the token is empty")]
    Empty,
    #[error("the token is {0} bytes, more than the {max} oidctl accepts", max = MAX_TOKEN_BYTES)]
    TooLarge(usize),
    #[error("not a JWT: it has {0} part(s) separated by '.', a JWS has 3 and a JWE 5")]
    Parts(usize),
    #[error("not a JWT: the {0} is not valid base64url")]
    Base64(&'static str),
    #[error("not a JWT: the header is not a JSON object ({0})")]
    Header(String),
    #[error("not a JWT: the header has no \"alg\" string")]
    NoAlg,
}

/// The header parameters oidctl acts on; the rest is kept only as text (`header_json`).
/// Parsed into a struct, not a map: `verify --batch` parses one per token.
#[derive(Debug, Clone, Deserialize)]
pub struct JoseHeader {
    /// Moved out into [`Jws::alg`] by [`parse_jws`].
    alg: Option<Value>,
    pub kid: Option<Value>,
    pub crit: Option<Value>,
    /// Present in Microsoft Graph access tokens, which only Graph can verify.
    nonce: Option<IgnoredAny>,
}

impl JoseHeader {
    pub fn has_nonce(&self) -> bool {
        self.nonce.is_some()
    }
}

/// A compact JWS, decoded but not verified.
#[derive(Debug, Clone)]
pub struct Jws<'a> {
    /// `BASE64URL(header) '.' BASE64URL(payload)`: what the signature covers.
    pub signing_input: &'a str,
    pub header_json: String,
    pub header: JoseHeader,
    pub alg: String,
    pub payload: Vec<u8>,
    pub signature: Vec<u8>,
}

/// A compact JWE: only its protected header is readable without the key.
#[derive(Debug, Clone)]
pub struct Jwe {
    pub header_json: String,
    pub header: JoseHeader,
}

#[derive(Debug, Clone)]
pub enum Token<'a> {
    Jws(Jws<'a>),
    Jwe(Jwe),
}

/// Removes what people paste around a token: whitespace and an `Authorization: Bearer ` prefix.
pub fn clean(input: &str) -> &str {
    let mut t = input.trim();
    for prefix in ["Authorization:", "authorization:"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start();
        }
    }
    if let Some(prefix) = t.get(..7)
        && prefix.eq_ignore_ascii_case("bearer ")
    {
        t = t[7..].trim_start();
    }
    t
}

pub fn parse(input: &str) -> Result<Token<'_>, DecodeError> {
    let token = clean(input);
    if token.is_empty() {
        return Err(DecodeError::Empty);
    }
    if token.len() > MAX_TOKEN_BYTES {
        return Err(DecodeError::TooLarge(token.len()));
    }
    let dots = token.bytes().filter(|&b| b == b'.').count();
    match dots {
        2 => parse_jws(token).map(Token::Jws),
        4 => {
            let (header_json, header) = parse_header(token.split('.').next().unwrap_or_default())?;
            Ok(Token::Jwe(Jwe {
                header_json,
                header,
            }))
        }
        n => Err(DecodeError::Parts(n + 1)),
    }
}

/// Parses a JWS, refusing a JWE.
pub fn parse_jws(token: &str) -> Result<Jws<'_>, DecodeError> {
    let token = clean(token);
    if token.len() > MAX_TOKEN_BYTES {
        return Err(DecodeError::TooLarge(token.len()));
    }
    let mut parts = token.splitn(4, '.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DecodeError::Parts(token.split('.').count()));
    };
    let (header_json, mut header) = parse_header(h)?;
    let alg = match header.alg.take() {
        Some(Value::String(alg)) => alg,
        _ => return Err(DecodeError::NoAlg),
    };
    let payload = B64.decode(p).map_err(|_| DecodeError::Base64("payload"))?;
    let signature = B64
        .decode(s)
        .map_err(|_| DecodeError::Base64("signature"))?;
    Ok(Jws {
        signing_input: &token[..h.len() + 1 + p.len()],
        header_json,
        header,
        alg,
        payload,
        signature,
    })
}

fn parse_header(part: &str) -> Result<(String, JoseHeader), DecodeError> {
    let bytes = B64
        .decode(part)
        .map_err(|_| DecodeError::Base64("header"))?;
    let text = String::from_utf8(bytes).map_err(|_| DecodeError::Header("not UTF-8".into()))?;
    let header: JoseHeader =
        serde_json::from_str(&text).map_err(|e| DecodeError::Header(e.to_string()))?;
    Ok((text, header))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HS: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    #[test]
    fn cleans_bearer_and_whitespace() {
        assert_eq!(clean("  Bearer abc.def.ghi\n"), "abc.def.ghi");
        assert_eq!(clean("Authorization: bearer abc"), "abc");
        assert_eq!(clean("abc"), "abc");
        // Found by tests/properties.rs: a multi-byte char across byte 7 must not panic.
        assert_eq!(clean("Beare\u{e9}x"), "Beare\u{e9}x");
    }

    #[test]
    fn parses_jws_parts() {
        let Token::Jws(jws) = parse(HS).unwrap() else {
            panic!("not a JWS")
        };
        assert_eq!(jws.alg, "HS256");
        assert_eq!(jws.payload, br#"{"sub":"a"}"#);
        assert_eq!(jws.signature, b"sig");
        assert_eq!(jws.signing_input, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0");
    }

    #[test]
    fn rejects_what_is_not_a_jwt() {
        assert_eq!(parse("").unwrap_err(), DecodeError::Empty);
        assert_eq!(parse("hello").unwrap_err(), DecodeError::Parts(1));
        assert_eq!(parse("a.b").unwrap_err(), DecodeError::Parts(2));
        assert_eq!(parse("!!.e30.").unwrap_err(), DecodeError::Base64("header"));
        assert_eq!(parse("e30.e30.").unwrap_err(), DecodeError::NoAlg);
        assert!(matches!(
            parse("WzFd.e30.").unwrap_err(),
            DecodeError::Header(_)
        ));
    }

    #[test]
    fn reads_jwe_header() {
        let h = B64.encode(br#"{"alg":"RSA-OAEP-256","enc":"A256GCM"}"#);
        let Token::Jwe(jwe) = parse(&format!("{h}.a.b.c.d")).unwrap() else {
            panic!("not a JWE")
        };
        assert!(jwe.header_json.contains("A256GCM"));
    }
}
