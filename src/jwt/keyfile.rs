//! What a key file holds, before anyone decides what the keys are for: the JWKs of a JWKS or the
//! one JWK of a JSON object, the blocks of a PEM file, or bare DER. `verify` (public keys),
//! `sign`/`jwk` (any key) and JWE (keys that encrypt or decrypt) each read their own kind of key
//! from these entries; the detection, the JSON and PEM parsing, and their messages are here once.
//! No I/O.

use serde_json::{Map, Value};
use spki::der::{Decode as _, Encode as _};

/// The entries of a key file, in file order.
pub enum KeyFile {
    /// `{"keys": [...]}`: each member as it stands (not every member need be an object).
    Jwks(Vec<Value>),
    /// One JSON object that is not a JWKS.
    Jwk(Map<String, Value>),
    /// One or more PEM blocks.
    Pem(Vec<pem::Pem>),
    /// Neither JSON nor PEM: bytes that may be DER.
    Der,
}

impl KeyFile {
    /// Sorts `data` by its content: JSON (`{`), PEM (`-----BEGIN`), else DER.
    pub fn parse(data: &[u8]) -> Result<KeyFile, String> {
        let Some(text) = std::str::from_utf8(data).ok().map(str::trim_start) else {
            return Ok(KeyFile::Der);
        };
        if text.starts_with('{') {
            let mut obj: Map<String, Value> =
                serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
            return match obj.remove("keys") {
                Some(Value::Array(keys)) => Ok(KeyFile::Jwks(keys)),
                Some(_) => Err("\"keys\" is not an array".into()),
                None => Ok(KeyFile::Jwk(obj)),
            };
        }
        if text.starts_with("-----BEGIN") {
            let blocks = pem::parse_many(text).map_err(|e| format!("invalid PEM: {e}"))?;
            if blocks.is_empty() {
                return Err("no PEM block found".into());
            }
            return Ok(KeyFile::Pem(blocks));
        }
        Ok(KeyFile::Der)
    }
}

/// Member `i` (from 0) of a JWKS as an object, or why not, numbered as people count.
pub fn jwks_member(i: usize, key: &Value) -> Result<&Map<String, Value>, String> {
    key.as_object()
        .ok_or_else(|| format!("key #{} in the JWKS is not an object", i + 1))
}

/// The SubjectPublicKeyInfo DER of an X.509 certificate's key.
pub fn certificate_spki(der: &[u8]) -> Result<Vec<u8>, String> {
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|e| format!("invalid X.509 certificate: {e}"))?;
    cert.tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| format!("invalid certificate key: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_the_form() {
        assert!(matches!(
            KeyFile::parse(br#" {"keys":[{"kty":"oct"}, 3]}"#),
            Ok(KeyFile::Jwks(k)) if k.len() == 2
        ));
        assert!(matches!(
            KeyFile::parse(br#"{"kty":"oct","k":"AA"}"#),
            Ok(KeyFile::Jwk(o)) if o["kty"] == "oct"
        ));
        assert!(matches!(
            KeyFile::parse(&[0x30, 0x82, 0xff]),
            Ok(KeyFile::Der)
        ));
        assert!(matches!(KeyFile::parse(b"MIIB"), Ok(KeyFile::Der)));
        assert_eq!(
            KeyFile::parse(br#"{"keys":{}}"#).err().as_deref(),
            Some("\"keys\" is not an array")
        );
        assert!(
            KeyFile::parse(b"{nope")
                .err()
                .is_some_and(|e| e.starts_with("not valid JSON"))
        );
        assert!(
            KeyFile::parse(b"-----BEGIN PUBLIC KEY-----\n@@@\n-----END PUBLIC KEY-----\n")
                .err()
                .is_some_and(|e| e.starts_with("invalid PEM"))
        );
        assert_eq!(
            KeyFile::parse(b"-----BEGIN PUBLIC KEY-----\nAAAA\n")
                .err()
                .as_deref(),
            Some("no PEM block found")
        );
    }

    #[test]
    fn jwks_members_are_numbered_from_one() {
        assert_eq!(
            jwks_member(1, &Value::from(3)).err().as_deref(),
            Some("key #2 in the JWKS is not an object")
        );
    }
}
