//! `private_key_jwt` client assertions (RFC 7523 §2.2, OpenID Connect Core §9): a short-lived JWT
//! signed with the client's private key, made fresh for every request. Keys are PEM: PKCS#8,
//! PKCS#1 (RSA) or SEC1 (EC P-256). When the file also holds the key's X.509 certificate, the
//! header carries its `x5t#S256` thumbprint, which is how Microsoft Entra finds a certificate
//! credential. Signing is aws-lc-rs's; nothing here is home-made cryptography.

use std::path::Path;

use aws_lc_rs::rand::{SecureRandom as _, SystemRandom};
use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair as _, RsaKeyPair};
use serde_json::json;

use crate::base::error::{Error, Result};
pub use crate::jwt::sign::SigningAlg;
use crate::jwt::sign::SigningKey as Key;
use crate::jwt::token::B64;
use base64::Engine as _;

/// How long an assertion is valid: long enough for clock skew, short against replay.
const LIFETIME: i64 = 300;

pub struct Signer {
    alg: SigningAlg,
    key: Key,
    kid: Option<String>,
    x5t_s256: Option<String>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("alg", &self.alg.name())
            .field("key", &"<redacted>")
            .field("kid", &self.kid)
            .field("x5t#S256", &self.x5t_s256)
            .finish()
    }
}

fn parse_alg(s: &str) -> Result<SigningAlg> {
    match s.to_ascii_uppercase().as_str() {
        "RS256" => Ok(SigningAlg::Rs256),
        "PS256" => Ok(SigningAlg::Ps256),
        "ES256" => Ok(SigningAlg::Es256),
        _ => Err(Error::usage(format!(
            "--client-assertion-alg {s:?}: expected RS256, PS256 or ES256"
        ))),
    }
}

impl Signer {
    /// Loads the key (and certificate) from `path`. `alg` defaults to RS256 for RSA keys, unless
    /// the provider lists only PS256 among `supported`, and ES256 for P-256 keys.
    pub fn load(
        path: &Path,
        alg: Option<&str>,
        kid: Option<String>,
        supported: &[String],
    ) -> Result<Self> {
        let bytes = crate::base::fs::read_limited(path, "client assertion key")?;
        let shown = path.display();
        let blocks = pem::parse_many(&bytes).map_err(|e| {
            Error::usage(format!("the client assertion key {shown} is not PEM")).caused_by(e)
        })?;
        let mut key = None;
        let mut cert = None;
        for block in &blocks {
            match block.tag() {
                "PRIVATE KEY" => key = Some(pkcs8(block.contents())),
                "RSA PRIVATE KEY" => {
                    key = Some(
                        RsaKeyPair::from_der(block.contents())
                            .map(Key::Rsa)
                            .map_err(|e| e.to_string()),
                    )
                }
                "EC PRIVATE KEY" => {
                    key = Some(
                        EcdsaKeyPair::from_private_key_der(
                            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                            block.contents(),
                        )
                        .map(Key::Ec)
                        .map_err(|e| format!("{e} (only P-256 EC keys sign ES256)")),
                    )
                }
                "ENCRYPTED PRIVATE KEY" => {
                    return Err(Error::usage(format!(
                        "the client assertion key {shown} is encrypted"
                    ))
                    .with_hint("decrypt it first: openssl pkey -in KEY -out plain.pem (and keep that file private)"));
                }
                "CERTIFICATE" if cert.is_none() => cert = Some(block.contents().to_vec()),
                _ => {}
            }
        }
        let key = key
            .ok_or_else(|| {
                Error::usage(format!("{shown} holds no private key"))
                    .with_hint("give a PEM file with a PRIVATE KEY (PKCS#8), RSA PRIVATE KEY or EC PRIVATE KEY block")
            })?
            .map_err(|why| {
                Error::usage(format!("the private key in {shown} is not usable")).caused_by(why)
            })?;
        let alg = match (alg, &key) {
            (Some(a), _) => parse_alg(a)?,
            (None, Key::Ec(_)) => SigningAlg::Es256,
            (None, Key::Rsa(_)) => {
                let listed = |a: &str| supported.iter().any(|s| s == a);
                if listed("PS256") && !listed("RS256") {
                    SigningAlg::Ps256
                } else {
                    SigningAlg::Rs256
                }
            }
        };
        if !alg.fits(&key) {
            return Err(
                Error::usage(format!("{} does not fit the key in {shown}", alg.name()))
                    .with_hint("RSA keys sign RS256 or PS256; P-256 keys sign ES256"),
            );
        }
        let x5t_s256 = match cert {
            Some(der) => {
                check_cert_matches(&der, &key).map_err(|why| {
                    Error::usage(format!(
                        "the certificate in {shown} is not the private key's"
                    ))
                    .caused_by(why)
                })?;
                let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &der);
                Some(B64.encode(digest.as_ref()))
            }
            None => None,
        };
        Ok(Signer {
            alg,
            key,
            kid,
            x5t_s256,
        })
    }

    pub fn alg(&self) -> SigningAlg {
        self.alg
    }

    /// A fresh assertion from `client_id` for `audience`, valid from `now` for five minutes.
    pub fn assertion(&self, client_id: &str, audience: &str, now: i64) -> Result<String> {
        let rng = SystemRandom::new();
        let mut jti = [0u8; 16];
        rng.fill(&mut jti)
            .map_err(|_| Error::failed("the system random generator failed"))?;
        let mut header = json!({ "alg": self.alg.name(), "typ": "JWT" });
        if let Some(kid) = &self.kid {
            header["kid"] = kid.as_str().into();
        }
        if let Some(t) = &self.x5t_s256 {
            header["x5t#S256"] = t.as_str().into();
        }
        let claims = json!({
            "iss": client_id,
            "sub": client_id,
            "aud": audience,
            "jti": B64.encode(jti),
            "iat": now,
            "nbf": now,
            "exp": now + LIFETIME,
        });
        self.key
            .compact(self.alg, &header, &claims)
            .ok_or_else(|| Error::failed("signing the client assertion failed"))
    }
}

fn pkcs8(der: &[u8]) -> std::result::Result<Key, String> {
    if let Ok(pair) = RsaKeyPair::from_pkcs8(der) {
        return Ok(Key::Rsa(pair));
    }
    EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, der)
        .map(Key::Ec)
        .map_err(|_| {
            "not an RSA or EC P-256 key (client assertions are RS256, PS256 or ES256)".into()
        })
}

/// The certificate's public key must be the private key's, or the provider would refuse every
/// assertion with a confusing `invalid_client`.
fn check_cert_matches(der: &[u8], key: &Key) -> std::result::Result<(), String> {
    use x509_cert::der::Decode as _;
    let cert = x509_cert::Certificate::from_der(der).map_err(|e| e.to_string())?;
    let cert_key = cert
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let own = match key {
        Key::Rsa(pair) => pair.public_key().as_ref().to_vec(),
        Key::Ec(pair) => pair.public_key().as_ref().to_vec(),
    };
    if cert_key == own.as_slice() {
        Ok(())
    } else {
        Err("its public key differs".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::keys::KeySet;
    use crate::jwt::verify::{self, Policy};

    fn fixture(rel: &str) -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/keys")
            .join(rel)
    }

    fn verify_with(token: &str, public: &str) -> serde_json::Value {
        let keys = KeySet::from_bytes(&std::fs::read(fixture(public)).unwrap()).unwrap();
        let mut policy = Policy::at(1_800_000_100);
        policy.audiences = vec!["https://op.example/token".into()];
        let v = verify::verify(token, &keys, &policy).expect("the assertion verifies");
        serde_json::from_slice(&v.payload).unwrap()
    }

    #[test]
    fn assertions_verify_with_the_public_key() {
        for (key, public, alg) in [
            ("rs256.key.pem", "rs256.pub.pem", None),
            ("rs256.key.pem", "rs256.pub.pem", Some("PS256")),
            ("es256.key.pem", "es256.pub.pem", None),
        ] {
            let signer = Signer::load(&fixture(key), alg, Some("k1".into()), &[]).unwrap();
            let token = signer
                .assertion("my-client", "https://op.example/token", 1_800_000_000)
                .unwrap();
            let claims = verify_with(&token, public);
            assert_eq!(claims["iss"], "my-client");
            assert_eq!(claims["sub"], "my-client");
            assert_eq!(claims["exp"], 1_800_000_300);
            let jws = crate::jwt::token::parse_jws(&token).unwrap();
            assert_eq!(jws.header.kid, Some(serde_json::json!("k1")));
            assert_eq!(
                jws.alg,
                alg.unwrap_or(if key.starts_with("es") {
                    "ES256"
                } else {
                    "RS256"
                })
            );
        }
    }

    #[test]
    fn provider_preference_picks_ps256_for_rsa() {
        let only_ps = ["PS256".to_string(), "ES256".to_string()];
        let s = Signer::load(&fixture("rs256.key.pem"), None, None, &only_ps).unwrap();
        assert_eq!(s.alg(), SigningAlg::Ps256);
        let both = ["RS256".to_string(), "PS256".to_string()];
        let s = Signer::load(&fixture("rs256.key.pem"), None, None, &both).unwrap();
        assert_eq!(s.alg(), SigningAlg::Rs256);
    }

    #[test]
    fn a_certificate_adds_its_thumbprint_and_must_match() {
        let dir = tempfile::tempdir().unwrap();
        let with_cert = dir.path().join("with-cert.pem");
        let key = std::fs::read_to_string(fixture("rs256.key.pem")).unwrap();
        let cert = std::fs::read_to_string(fixture("rs256.cert.pem")).unwrap();
        std::fs::write(&with_cert, format!("{key}{cert}")).unwrap();
        let signer = Signer::load(&with_cert, None, None, &[]).unwrap();
        let token = signer
            .assertion("c", "https://op.example/token", 1_800_000_000)
            .unwrap();
        let header: serde_json::Value =
            serde_json::from_slice(&B64.decode(token.split('.').next().unwrap()).unwrap()).unwrap();
        let der = pem::parse(cert).unwrap();
        let expected = B64
            .encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, der.contents()).as_ref());
        assert_eq!(header["x5t#S256"], expected.as_str());

        let wrong = dir.path().join("wrong.pem");
        let other = std::fs::read_to_string(fixture("es256.cert.pem")).unwrap();
        std::fs::write(&wrong, format!("{key}{other}")).unwrap();
        let e = Signer::load(&wrong, None, None, &[]).unwrap_err();
        assert!(e.message.contains("not the private key's"), "{}", e.message);
    }

    #[test]
    fn unusable_keys_are_usage_errors() {
        let e = Signer::load(&fixture("rs256.pub.pem"), None, None, &[]).unwrap_err();
        assert!(e.message.contains("holds no private key"), "{}", e.message);
        let e = Signer::load(&fixture("es384.key.pem"), None, None, &[]).unwrap_err();
        assert!(e.message.contains("not usable"), "{}", e.message);
        let e = Signer::load(&fixture("es256.key.pem"), Some("RS256"), None, &[]).unwrap_err();
        assert!(e.message.contains("does not fit"), "{}", e.message);
        let e = Signer::load(&fixture("rs256.key.pem"), Some("HS256"), None, &[]).unwrap_err();
        assert!(e.message.contains("expected RS256"), "{}", e.message);
    }
}
