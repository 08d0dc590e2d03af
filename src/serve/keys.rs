//! The provider's signing keys: one RSA 2048 key (RS256) and one EC P-256 key (ES256), made
//! fresh for each run, or kept in a PEM file (`--keys FILE`: read when it exists, else made and
//! written 0600) so that tokens outlive a restart. Published as a JWKS whose `kid`s are RFC 7638
//! thumbprints. Key generation and signing are aws-lc-rs's.

use std::path::Path;

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rsa::{KeySize, PublicKeyComponents};
use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair as _, RsaKeyPair};
use base64::Engine as _;
use serde_json::{Value, json};

use crate::base::error::{Error, Result};
use crate::jwt::keys::KeySet;
use crate::jwt::sign::{SigningAlg, SigningKey};
use crate::jwt::token::B64;

pub struct Keys {
    rsa: SigningKey,
    ec: SigningKey,
    rsa_jwk: Value,
    ec_jwk: Value,
    /// Both private keys as PKCS#8 PEM, for `--keys FILE`.
    pem: String,
}

/// Where the keys came from, for the banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Fresh,
    Loaded,
    Created,
}

impl Keys {
    /// New keys, held only in memory.
    pub fn generate() -> Result<Keys> {
        let failed = |_| Error::failed("generating the provider's signing keys failed");
        let rsa = RsaKeyPair::generate(KeySize::Rsa2048).map_err(failed)?;
        let rsa_der = rsa.as_der().map_err(failed)?;
        let ec =
            EcdsaKeyPair::generate(&signature::ECDSA_P256_SHA256_FIXED_SIGNING).map_err(failed)?;
        let ec_der = ec.to_pkcs8v1().map_err(failed)?;
        Self::from_pkcs8(&[rsa_der.as_ref(), ec_der.as_ref()], "the generated keys")
    }

    /// The keys in `path`, or new ones written there when it does not exist.
    pub fn load_or_create(path: &Path) -> Result<(Keys, Origin)> {
        crate::base::fs::not_a_url(path, "key file")?;
        match std::fs::read(path) {
            Ok(bytes) => Ok((Self::parse(&bytes, path)?, Origin::Loaded)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let keys = Self::generate()?;
                crate::base::fs::write_atomic(path, keys.pem.as_bytes(), 0o600).map_err(|e| {
                    Error::usage(format!("cannot write the keys to {}", path.display()))
                        .caused_by(e)
                })?;
                Ok((keys, Origin::Created))
            }
            Err(e) => Err(
                Error::usage(format!("cannot read the keys in {}", path.display())).caused_by(e),
            ),
        }
    }

    fn parse(bytes: &[u8], path: &Path) -> Result<Keys> {
        let shown = path.display();
        let blocks = pem::parse_many(bytes)
            .map_err(|e| Error::usage(format!("the key file {shown} is not PEM")).caused_by(e))?;
        let ders: Vec<&[u8]> = blocks
            .iter()
            .filter(|b| b.tag() == "PRIVATE KEY")
            .map(|b| b.contents())
            .collect();
        Self::from_pkcs8(&ders, &shown.to_string())
    }

    /// One RSA and one P-256 key from PKCS#8 documents.
    fn from_pkcs8(ders: &[&[u8]], what: &str) -> Result<Keys> {
        let mut rsa = None;
        let mut ec = None;
        for der in ders {
            if let Ok(pair) = RsaKeyPair::from_pkcs8(der) {
                rsa = Some((pair, der.to_vec()));
            } else if let Ok(pair) =
                EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, der)
            {
                ec = Some((pair, der.to_vec()));
            }
        }
        let (Some((rsa, rsa_der)), Some((ec, ec_der))) = (rsa, ec) else {
            return Err(Error::usage(format!(
                "{what} must hold one RSA and one EC P-256 private key (PKCS#8 PEM)"
            ))
            .with_hint(
                "name a file that does not exist yet and oidctl serve writes new keys there",
            ));
        };
        let components: PublicKeyComponents<Vec<u8>> = rsa.public_key().into();
        let rsa_jwk = with_kid(json!({
            "e": B64.encode(&components.e),
            "kty": "RSA",
            "n": B64.encode(&components.n),
        }));
        // An uncompressed point: 0x04 || X || Y, 32 bytes each for P-256.
        let point = ec.public_key().as_ref();
        let (x, y) = match point {
            [4, rest @ ..] if rest.len() == 64 => rest.split_at(32),
            _ => return Err(Error::failed("the EC key's public point is not P-256")),
        };
        let ec_jwk = with_kid(json!({
            "crv": "P-256",
            "kty": "EC",
            "x": B64.encode(x),
            "y": B64.encode(y),
        }));
        let pem = pem::encode_many(&[
            pem::Pem::new("PRIVATE KEY", rsa_der),
            pem::Pem::new("PRIVATE KEY", ec_der),
        ]);
        Ok(Keys {
            rsa: SigningKey::Rsa(rsa),
            ec: SigningKey::Ec(ec),
            rsa_jwk: described(rsa_jwk, "RS256"),
            ec_jwk: described(ec_jwk, "ES256"),
            pem,
        })
    }

    /// The public keys, as served at the jwks_uri.
    pub fn jwks(&self) -> Value {
        json!({ "keys": [self.rsa_jwk, self.ec_jwk] })
    }

    /// The keys as oidctl's verifier reads them (for userinfo, introspection, logout hints).
    pub fn verifier(&self) -> Result<KeySet> {
        KeySet::from_json(&self.jwks().to_string())
            .map_err(|e| Error::failed("the provider's own JWKS is unusable").caused_by(e))
    }

    /// A compact JWS of `claims` with the key for `alg` (RS256 or ES256), its `kid` in the header.
    pub fn sign(&self, alg: SigningAlg, typ: &str, claims: &Value) -> Option<String> {
        let (key, jwk) = match alg {
            SigningAlg::Es256 => (&self.ec, &self.ec_jwk),
            SigningAlg::Rs256 | SigningAlg::Ps256 => (&self.rsa, &self.rsa_jwk),
        };
        let header = json!({ "alg": alg.name(), "typ": typ, "kid": jwk["kid"] });
        key.compact(alg, &header, claims)
    }
}

/// The RFC 7638 thumbprint of a JWK given with exactly its required members, in
/// lexicographic order (serde_json keeps insertion order here), as its `kid`.
fn with_kid(required: Value) -> Value {
    let digest =
        aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, required.to_string().as_bytes());
    let mut jwk = required;
    jwk["kid"] = B64.encode(digest.as_ref()).into();
    jwk
}

fn described(mut jwk: Value, alg: &str) -> Value {
    jwk["use"] = "sig".into();
    jwk["alg"] = alg.into();
    jwk
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::verify::{self, Policy};

    #[test]
    fn signs_what_the_jwks_verifies_and_keeps_keys_in_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.pem");
        let (keys, origin) = Keys::load_or_create(&path).unwrap();
        assert_eq!(origin, Origin::Created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (again, origin) = Keys::load_or_create(&path).unwrap();
        assert_eq!(origin, Origin::Loaded);
        assert_eq!(keys.jwks(), again.jwks(), "the same keys after a restart");
        let set = again.verifier().unwrap();
        for alg in [SigningAlg::Rs256, SigningAlg::Es256] {
            let token = keys.sign(alg, "JWT", &json!({"sub": "alice"})).unwrap();
            let v = verify::verify(&token, &set, &Policy::at(0)).unwrap();
            assert_eq!(v.alg.name(), alg.name());
        }
        // RFC 7638 §3.1's example key has this thumbprint.
        let jwk = with_kid(
            json!({"e":"AQAB","kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}),
        );
        assert_eq!(jwk["kid"], "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    #[test]
    fn a_key_file_without_both_keys_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("one.pem");
        std::fs::write(
            &path,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        )
        .unwrap();
        let e = Keys::load_or_create(&path).err().unwrap();
        assert!(
            e.message.contains("one RSA and one EC P-256"),
            "{}",
            e.message
        );
    }
}
