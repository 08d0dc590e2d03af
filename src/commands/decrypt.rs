//! `--decrypt-key` of `decode` and `verify`: reads the key file and opens a JWE with it, turning
//! [`crate::jwt::jwe`]'s failures into errors with hints. A key file that holds no usable key
//! is a usage error (exit 2); a token that does not open is a failure (exit 1).

use std::path::Path;

use crate::base::error::{Error, Result};
use crate::jwt::jwe::{self, JweError, Opened, key::JweKey};

pub fn load_keys(path: &Path) -> Result<Vec<JweKey>> {
    let bytes = crate::base::fs::read_limited(path, "decryption key file")?;
    jwe::read_keys(&bytes).map_err(|e| {
        Error::usage(format!("cannot use {} as a decryption key", path.display()))
            .caused_by(e)
            .with_hint(
                "--decrypt-key takes a PEM private key (PKCS#8, PKCS#1 or SEC1) or a JWK; \
                 for dir and A*KW a JWK {\"kty\":\"oct\",\"k\":…}",
            )
    })
}

/// Opens `token` with `keys`.
pub fn open(token: &str, keys: &[JweKey]) -> Result<Opened> {
    jwe::decrypt(token, keys).map_err(|e| {
        let err = Error::failed(format!("cannot decrypt the token: {e}"));
        match e {
            JweError::Malformed(_) => err.with_hint(
                "the token is damaged or cut short: copy all five base64url parts of the JWE",
            ),
            JweError::Unsupported(_) => err.with_hint(
                "oidctl opens compact JWE with RSA-OAEP(-256), ECDH-ES(+A*KW), A*KW and dir, \
                 enc A*GCM and A*CBC-HS*, without compression",
            ),
            JweError::WrongKey(_) => err.with_hint(
                "`oidctl decode` without --decrypt-key shows the token's alg, enc and kid; \
                 give the private key it is encrypted to",
            ),
            JweError::Failed(_) => err.with_hint(
                "the key does not open this token: it is encrypted to another key, or it was \
                 changed on the way",
            ),
        }
    })
}

/// For `verify`: the token as given, or (with a key and a JWE) the JWS inside it, with a note on
/// how it was opened.
pub fn inner(text: String, key: Option<&Path>) -> Result<(String, Option<String>)> {
    let Some(path) = key.filter(|_| jwe::is_jwe(&text)) else {
        return Ok((text, None));
    };
    let opened = open(&text, &load_keys(path)?)?;
    if !opened.is_nested() {
        return Err(Error::failed(
            "the decrypted token holds claims that are not signed: there is no signature to verify",
        )
        .with_hint("`oidctl decode --decrypt-key` shows them"));
    }
    let note = format!(
        "decrypted with {} ({}, {})",
        opened.key, opened.alg, opened.enc
    );
    Ok((
        String::from_utf8_lossy(&opened.plaintext)
            .trim()
            .to_string(),
        Some(note),
    ))
}
