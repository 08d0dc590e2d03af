//! Keys for JWE: an RSA or EC private key that decrypts (PEM PKCS#8, PKCS#1, SEC1, or a private
//! JWK), the public key that encrypts to it (PEM SPKI or certificate, public JWK; a private key
//! works too), or a symmetric JWK (`kty: oct`) for `dir` and `A*KW`. A JWKS is read as its keys,
//! chosen later by `kid` and type. Never printed: `Debug` shows the type only.

use std::fmt;

use aws_lc_rs::agreement::{self, PrivateKey};
use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rsa::{
    KeyPair, KeyPairComponents, PrivateDecryptingKey, PublicEncryptingKey, PublicKeyComponents,
};
use base64::Engine as _;
use serde_json::{Map, Value};
use spki::der::Decode as _;

use crate::jwt::keyfile::{self, KeyFile};
use crate::jwt::keys::Curve;
use crate::jwt::token::B64;

/// The key material itself.
pub enum Material {
    RsaPrivate(PrivateDecryptingKey),
    RsaPublic(PublicEncryptingKey),
    EcPrivate(PrivateKey, Curve),
    /// The SEC1 uncompressed point.
    EcPublic(Vec<u8>, Curve),
    Oct(Vec<u8>),
}

/// One JWE key with the JWK metadata that names and restricts it.
pub struct JweKey {
    pub kid: Option<String>,
    /// The JWK's `alg`: when present, the only key management algorithm it is for.
    pub alg: Option<String>,
    pub material: Material,
}

impl fmt::Debug for JweKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JweKey")
            .field("kid", &self.kid)
            .field("type", &self.describe())
            .finish_non_exhaustive()
    }
}

impl Drop for JweKey {
    fn drop(&mut self) {
        if let Material::Oct(k) = &mut self.material {
            k.fill(0);
        }
    }
}

impl JweKey {
    fn new(material: Material) -> Self {
        JweKey {
            kid: None,
            alg: None,
            material,
        }
    }

    /// What kind of key this is, for messages: "an RSA private key".
    pub fn describe(&self) -> String {
        match &self.material {
            Material::RsaPrivate(k) => format!("an RSA private key ({} bits)", k.key_size_bits()),
            Material::RsaPublic(k) => format!("an RSA public key ({} bits)", k.key_size_bits()),
            Material::EcPrivate(_, c) => format!("an EC {} private key", c.name()),
            Material::EcPublic(_, c) => format!("an EC {} public key", c.name()),
            Material::Oct(k) => format!("a {}-bit symmetric key", k.len() * 8),
        }
    }

    /// How messages name the key: by its kid, else by its type.
    pub fn named(&self) -> String {
        match &self.kid {
            Some(kid) => format!("key {kid:?}"),
            None => "the key".to_string(),
        }
    }
}

pub fn ecdh_alg(c: Curve) -> &'static agreement::Algorithm {
    match c {
        Curve::P256 => &agreement::ECDH_P256,
        Curve::P384 => &agreement::ECDH_P384,
        Curve::P521 => &agreement::ECDH_P521,
    }
}

/// Reads every key in `data`: PEM blocks, a JWK, or a JWKS.
pub fn read(data: &[u8]) -> Result<Vec<JweKey>, String> {
    match KeyFile::parse(data)? {
        KeyFile::Jwks(keys) => {
            // A JWKS may also hold signing keys and key types JWE has no use for: skip them,
            // and say why only when nothing is left.
            let mut out = Vec::new();
            let mut first_error = None;
            for (i, key) in keys.iter().enumerate() {
                match keyfile::jwks_member(i, key).and_then(|obj| {
                    jwk(obj).map_err(|e| format!("key #{} in the JWKS: {e}", i + 1))
                }) {
                    Ok(k) => out.push(k),
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
            if out.is_empty() {
                return Err(first_error.unwrap_or_else(|| "the JWKS has no keys".into()));
            }
            Ok(out)
        }
        KeyFile::Jwk(obj) => Ok(vec![
            jwk(&obj).map_err(|e| format!("not a usable JWK: {e}"))?,
        ]),
        KeyFile::Pem(blocks) => blocks
            .iter()
            .map(|b| pem_block(b.tag(), b.contents()))
            .collect(),
        KeyFile::Der => Err("not a key oidctl can read: expected a PEM key or a JWK".into()),
    }
}

fn pem_block(tag: &str, der: &[u8]) -> Result<JweKey, String> {
    let material = match tag {
        "PRIVATE KEY" => pkcs8(der)?,
        "RSA PRIVATE KEY" => {
            let pair =
                KeyPair::from_der(der).map_err(|e| format!("invalid RSA private key: {e}"))?;
            rsa_pair(&pair)?
        }
        "EC PRIVATE KEY" => Curve::ALL
            .into_iter()
            .find_map(|c| {
                PrivateKey::from_private_key_der(ecdh_alg(c), der)
                    .ok()
                    .map(|k| Material::EcPrivate(k, c))
            })
            .ok_or("invalid EC private key (P-256, P-384 and P-521 are supported)")?,
        "PUBLIC KEY" => spki_key(der)?,
        "CERTIFICATE" => spki_key(&keyfile::certificate_spki(der)?)?,
        "RSA PUBLIC KEY" => {
            return Err("a PKCS#1 RSA public key: convert it to SPKI \
                        (openssl rsa -RSAPublicKey_in -pubout) or give a JWK"
                .into());
        }
        "ENCRYPTED PRIVATE KEY" => {
            return Err("the private key is encrypted: decrypt it first \
                        (openssl pkey -in KEY -out plain.pem)"
                .into());
        }
        other => return Err(format!("unsupported PEM block {other:?}")),
    };
    Ok(JweKey::new(material))
}

fn pkcs8(der: &[u8]) -> Result<Material, String> {
    if let Ok(k) = PrivateDecryptingKey::from_pkcs8(der) {
        return Ok(Material::RsaPrivate(k));
    }
    for c in [Curve::P256, Curve::P384, Curve::P521] {
        if let Ok(k) = PrivateKey::from_private_key_der(ecdh_alg(c), der) {
            return Ok(Material::EcPrivate(k, c));
        }
    }
    Err("not an RSA (2048 bits or more) or EC P-256/P-384/P-521 private key".into())
}

fn rsa_pair(pair: &KeyPair) -> Result<Material, String> {
    let der = pair
        .as_der()
        .map_err(|_| "the RSA key cannot be encoded".to_string())?;
    PrivateDecryptingKey::from_pkcs8(der.as_ref())
        .map(Material::RsaPrivate)
        .map_err(|e| format!("unusable RSA private key (2048 bits or more are supported): {e}"))
}

const OID_RSA: spki::ObjectIdentifier = spki::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_EC: spki::ObjectIdentifier = spki::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: spki::ObjectIdentifier = spki::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: spki::ObjectIdentifier = spki::ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: spki::ObjectIdentifier = spki::ObjectIdentifier::new_unwrap("1.3.132.0.35");

fn spki_key(der: &[u8]) -> Result<Material, String> {
    let info = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| format!("invalid public key: {e}"))?;
    match info.algorithm.oid {
        OID_RSA => PublicEncryptingKey::from_der(der)
            .map(Material::RsaPublic)
            .map_err(|e| format!("unusable RSA public key: {e}")),
        OID_EC => {
            let curve = match info.algorithm.parameters_oid() {
                Ok(OID_P256) => Curve::P256,
                Ok(OID_P384) => Curve::P384,
                Ok(OID_P521) => Curve::P521,
                _ => return Err("unsupported elliptic curve (P-256, P-384 and P-521 are)".into()),
            };
            let point = info.subject_public_key.raw_bytes().to_vec();
            Ok(Material::EcPublic(point, curve))
        }
        other => Err(format!(
            "public key algorithm {other} cannot encrypt (RSA and EC keys can)"
        )),
    }
}

fn jwk(obj: &Map<String, Value>) -> Result<JweKey, String> {
    let string = |name: &str| obj.get(name).and_then(Value::as_str).map(str::to_string);
    let field = |name: &str| -> Result<Vec<u8>, String> {
        let text = obj
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("missing \"{name}\""))?;
        B64.decode(text)
            .map_err(|_| format!("\"{name}\" is not base64url"))
    };
    let material = match string("kty").as_deref() {
        Some("RSA") => {
            let public_key = PublicKeyComponents {
                n: field("n")?,
                e: field("e")?,
            };
            if obj.contains_key("d") {
                let components = KeyPairComponents {
                    public_key,
                    d: field("d")?,
                    p: field("p")?,
                    q: field("q")?,
                    dP: field("dp")?,
                    dQ: field("dq")?,
                    qInv: field("qi")?,
                };
                let pair = KeyPair::from_components(&components)
                    .map_err(|_| "the RSA private key's parameters do not form a key")?;
                rsa_pair(&pair)?
            } else {
                let der = public_key
                    .as_der()
                    .map_err(|_| "\"n\"/\"e\" do not form an RSA key")?;
                Material::RsaPublic(
                    PublicEncryptingKey::from_der(der.as_ref())
                        .map_err(|e| format!("unusable RSA public key: {e}"))?,
                )
            }
        }
        Some("EC") => {
            let curve = Curve::from_name(string("crv").as_deref())?;
            let len = curve.coordinate_len();
            if obj.contains_key("d") {
                let d = field("d")?;
                if d.len() != len {
                    return Err(format!("\"d\" must be {len} bytes for this curve"));
                }
                let key = PrivateKey::from_private_key(ecdh_alg(curve), &d)
                    .map_err(|_| "\"d\" is not a private key on this curve")?;
                Material::EcPrivate(key, curve)
            } else {
                Material::EcPublic(point(curve, &field("x")?, &field("y")?)?, curve)
            }
        }
        Some("oct") => {
            let k = field("k")?;
            if k.is_empty() {
                return Err("\"k\" is empty".into());
            }
            Material::Oct(k)
        }
        Some(other) => {
            return Err(format!(
                "kty {other:?} cannot be used for JWE (RSA, EC and oct can)"
            ));
        }
        None => return Err("missing \"kty\"".into()),
    };
    if let Some(usage) = string("use")
        && usage != "enc"
    {
        return Err(format!("the key is for use {usage:?}, not \"enc\""));
    }
    let mut key = JweKey::new(material);
    key.kid = string("kid");
    key.alg = string("alg");
    Ok(key)
}

/// The SEC1 uncompressed point 0x04 || x || y from a JWK's coordinates (full length, RFC 7518
/// §6.2.1.2).
pub fn point(curve: Curve, x: &[u8], y: &[u8]) -> Result<Vec<u8>, String> {
    let len = curve.coordinate_len();
    if x.len() != len || y.len() != len {
        return Err(format!("\"x\"/\"y\" must be {len} bytes for this curve"));
    }
    let mut point = Vec::with_capacity(1 + 2 * len);
    point.push(4);
    point.extend_from_slice(x);
    point.extend_from_slice(y);
    Ok(point)
}
