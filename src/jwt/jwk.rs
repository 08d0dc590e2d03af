//! Keys for making tokens and publishing them: private keys from PEM (PKCS#8, PKCS#1, SEC1) or a
//! private JWK; public keys from PEM (SPKI, PKCS#1), an X.509 certificate or a JWK; new keys;
//! each written as PEM or JWK, with its RFC 7638 thumbprint; and JWS signatures for every
//! algorithm oidctl verifies. Key generation, key checks and signatures are aws-lc-rs's, the
//! ASN.1 is spki's, pkcs1's, pkcs8's and x509-cert's: nothing here is home-made cryptography.
//! No I/O. Private members are never shown by `Debug`.

use std::fmt;

use aws_lc_rs::encoding::{AsBigEndian as _, AsDer as _};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPairComponents, KeySize, PublicKeyComponents};
use aws_lc_rs::signature::{
    self, EcdsaKeyPair, EcdsaSigningAlgorithm, Ed25519KeyPair, KeyPair as _, ParsedPublicKey,
    RsaKeyPair,
};
use base64::Engine as _;
use serde_json::{Map, Value};
use spki::ObjectIdentifier;
use spki::der::Decode as _;

use super::keyfile::{self, KeyFile};
use super::keys::{Alg, Curve, KeyKind};
use super::token::B64;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// JWK members that say how a key may be used; kept from the input, never part of the key.
const META: [&str; 5] = ["kid", "use", "alg", "key_ops", "x5t#S256"];

/// What a key file held.
#[derive(Debug)]
pub enum AnyKey {
    Private(PrivateKey),
    Public(PublicKey),
    /// An `oct` JWK: an HMAC secret.
    Secret(SecretKey),
}

impl AnyKey {
    /// What it is, for messages: "an RSA private key", "an EC P-256 public key".
    pub fn describe(&self) -> String {
        match self {
            AnyKey::Private(k) => private_name(k.kind()),
            AnyKey::Public(k) => k.kind.to_string(),
            AnyKey::Secret(_) => KeyKind::Secret.to_string(),
        }
    }
}

/// The kinds of key `jwk generate` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKey {
    Rsa(usize),
    Ec(Curve),
    Ed25519,
}

/// A private key that signs, with the JWK metadata it came with (`kid`, `use`, `alg`).
pub struct PrivateKey {
    pair: Pair,
    meta: Map<String, Value>,
}

enum Pair {
    Rsa(RsaKeyPair),
    Ec(Curve, EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({}, [redacted])", private_name(self.kind()))
    }
}

/// A public key: its SubjectPublicKeyInfo DER (the form PEM "PUBLIC KEY" holds), its kind and
/// the JWK metadata it came with.
#[derive(Debug, Clone)]
pub struct PublicKey {
    pub kind: KeyKind,
    spki: Vec<u8>,
    meta: Map<String, Value>,
}

/// An HMAC secret from an `oct` JWK, with its metadata.
pub struct SecretKey {
    pub bytes: Vec<u8>,
    pub meta: Map<String, Value>,
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey([redacted])")
    }
}

fn private_name(kind: KeyKind) -> String {
    kind.to_string().replace("public key", "private key")
}

fn signing_alg(curve: Curve) -> &'static EcdsaSigningAlgorithm {
    match curve {
        Curve::P256 => &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        Curve::P384 => &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
        Curve::P521 => &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
    }
}

/// Reads one key, detected from the content: a JWK (JSON) or one PEM block (private key in
/// PKCS#8, PKCS#1 or SEC1; public key in SPKI or PKCS#1; an X.509 certificate).
pub fn read(data: &[u8]) -> Result<AnyKey, String> {
    let mut keys = read_all(data)?;
    match keys.len() {
        1 => Ok(keys.remove(0)),
        n => Err(format!(
            "the file holds {n} keys; name a file with one (oidctl jwk set makes a JWKS of several)"
        )),
    }
}

/// Reads every key: the blocks of a PEM file, the keys of a JWKS, or one JWK.
pub fn read_all(data: &[u8]) -> Result<Vec<AnyKey>, String> {
    match KeyFile::parse(data)? {
        KeyFile::Jwks(keys) if !keys.is_empty() => keys
            .iter()
            .enumerate()
            .map(|(i, k)| {
                from_jwk(keyfile::jwks_member(i, k)?)
                    .map_err(|e| format!("key #{} in the JWKS: {e}", i + 1))
            })
            .collect(),
        KeyFile::Jwks(_) => Err("\"keys\" is not a non-empty array".into()),
        KeyFile::Jwk(obj) => Ok(vec![from_jwk(&obj)?]),
        KeyFile::Pem(blocks) => blocks.iter().map(from_pem).collect(),
        KeyFile::Der => {
            Err("not a key oidctl can read: expected PEM (-----BEGIN …) or a JWK".into())
        }
    }
}

fn from_pem(block: &pem::Pem) -> Result<AnyKey, String> {
    let der = block.contents();
    let private = |pair| {
        Ok(AnyKey::Private(PrivateKey {
            pair,
            meta: Map::new(),
        }))
    };
    match block.tag() {
        "PRIVATE KEY" => private(pkcs8_pair(der)?),
        "RSA PRIVATE KEY" => private(rsa_pair(
            RsaKeyPair::from_der(der)
                .map_err(|e| format!("invalid RSA private key: {}", why(e)))?,
        )?),
        "EC PRIVATE KEY" => {
            for curve in Curve::ALL {
                if let Ok(pair) = EcdsaKeyPair::from_private_key_der(signing_alg(curve), der) {
                    return private(Pair::Ec(curve, pair));
                }
            }
            Err(
                "an EC private key oidctl cannot read (P-256, P-384 and P-521 are supported)"
                    .into(),
            )
        }
        "ENCRYPTED PRIVATE KEY" => Err("the private key is encrypted; decrypt it first \
             (openssl pkcs8 -in KEY -out plain.pem)"
            .into()),
        "PUBLIC KEY" => PublicKey::from_spki(der, Map::new()).map(AnyKey::Public),
        "RSA PUBLIC KEY" => {
            let key = pkcs1::RsaPublicKey::from_der(der)
                .map_err(|e| format!("invalid RSA public key: {e}"))?;
            rsa_public(
                key.modulus.as_bytes(),
                key.public_exponent.as_bytes(),
                Map::new(),
            )
            .map(AnyKey::Public)
        }
        "CERTIFICATE" => {
            let spki = keyfile::certificate_spki(der)?;
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, der);
            let mut meta = Map::new();
            meta.insert("x5t#S256".into(), B64.encode(digest.as_ref()).into());
            PublicKey::from_spki(&spki, meta).map(AnyKey::Public)
        }
        tag => Err(format!("unsupported PEM block {tag:?}")),
    }
}

fn pkcs8_pair(der: &[u8]) -> Result<Pair, String> {
    let info =
        pkcs8::PrivateKeyInfo::try_from(der).map_err(|e| format!("invalid PKCS#8 key: {e}"))?;
    let rejected = |e| format!("the private key is unusable: {}", why(e));
    match info.algorithm.oid {
        OID_RSA => rsa_pair(RsaKeyPair::from_pkcs8(der).map_err(rejected)?),
        OID_EC => {
            let curve = match info.algorithm.parameters_oid() {
                Ok(OID_P256) => Curve::P256,
                Ok(OID_P384) => Curve::P384,
                Ok(OID_P521) => Curve::P521,
                _ => return Err("an EC key on a curve oidctl does not support".into()),
            };
            let pair = EcdsaKeyPair::from_pkcs8(signing_alg(curve), der).map_err(rejected)?;
            Ok(Pair::Ec(curve, pair))
        }
        OID_ED25519 => Ok(Pair::Ed25519(
            Ed25519KeyPair::from_pkcs8_maybe_unchecked(der).map_err(rejected)?,
        )),
        other => Err(format!("unsupported private key algorithm {other}")),
    }
}

/// An RSA key of a size `verify` accepts (2048 to 8192 bits), so that what oidctl signs it can
/// also verify.
fn rsa_pair(pair: RsaKeyPair) -> Result<Pair, String> {
    match pair.public_modulus_len() * 8 {
        2048..=8192 => Ok(Pair::Rsa(pair)),
        bits => Err(format!(
            "a {bits}-bit RSA key (oidctl signs and verifies with 2048 to 8192 bits)"
        )),
    }
}

/// aws-lc-rs's reason for refusing a key, in words.
fn why(e: aws_lc_rs::error::KeyRejected) -> String {
    match e.to_string().as_str() {
        "TooSmall" => {
            "an RSA key under 2048 bits (oidctl signs and verifies with 2048 to 8192)".into()
        }
        "TooLarge" => {
            "an RSA key over 8192 bits (oidctl signs and verifies with 2048 to 8192)".into()
        }
        "InconsistentComponents" => "its parts do not belong to one key".into(),
        other => other.to_string(),
    }
}

fn meta_of(obj: &Map<String, Value>) -> Map<String, Value> {
    META.iter()
        .filter_map(|name| obj.get(*name).map(|v| (name.to_string(), v.clone())))
        .collect()
}

fn from_jwk(obj: &Map<String, Value>) -> Result<AnyKey, String> {
    let field = |name: &str| -> Result<Vec<u8>, String> {
        let text = obj
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("missing \"{name}\""))?;
        B64.decode(text)
            .map_err(|_| format!("\"{name}\" is not base64url"))
    };
    let meta = meta_of(obj);
    let has = |name: &str| obj.contains_key(name);
    let rejected = |e| format!("the JWK is not a usable key: {}", why(e));
    match obj.get("kty").and_then(Value::as_str) {
        Some("RSA") => {
            let (n, e) = (field("n")?, field("e")?);
            if !has("d") {
                return rsa_public(&n, &e, meta).map(AnyKey::Public);
            }
            if !has("p") {
                return Err(
                    "an RSA private JWK without p, q, dp, dq and qi is not supported".into(),
                );
            }
            let components = KeyPairComponents {
                public_key: PublicKeyComponents { n, e },
                d: field("d")?,
                p: field("p")?,
                q: field("q")?,
                dP: field("dp")?,
                dQ: field("dq")?,
                qInv: field("qi")?,
            };
            let pair = RsaKeyPair::from_components(&components).map_err(rejected)?;
            Ok(AnyKey::Private(PrivateKey {
                pair: rsa_pair(pair)?,
                meta,
            }))
        }
        Some("EC") => {
            let curve = Curve::from_name(obj.get("crv").and_then(Value::as_str))?;
            let (x, y) = (field("x")?, field("y")?);
            let len = curve.coordinate_len();
            if x.len() != len || y.len() != len {
                return Err(format!("\"x\"/\"y\" must be {len} bytes for this curve"));
            }
            let point = [&[4u8][..], &x, &y].concat();
            if !has("d") {
                return ec_public(curve, &point, meta).map(AnyKey::Public);
            }
            let pair = EcdsaKeyPair::from_private_key_and_public_key(
                signing_alg(curve),
                &field("d")?,
                &point,
            )
            .map_err(rejected)?;
            Ok(AnyKey::Private(PrivateKey {
                pair: Pair::Ec(curve, pair),
                meta,
            }))
        }
        Some("OKP") => {
            if obj.get("crv").and_then(Value::as_str) != Some("Ed25519") {
                return Err(format!(
                    "unsupported curve {:?}",
                    obj.get("crv").and_then(Value::as_str)
                ));
            }
            let x = field("x")?;
            if x.len() != 32 {
                return Err("an Ed25519 \"x\" must be 32 bytes".into());
            }
            if !has("d") {
                return ed25519_public(&x, meta).map(AnyKey::Public);
            }
            let pair =
                Ed25519KeyPair::from_seed_and_public_key(&field("d")?, &x).map_err(rejected)?;
            Ok(AnyKey::Private(PrivateKey {
                pair: Pair::Ed25519(pair),
                meta,
            }))
        }
        Some("oct") => Ok(AnyKey::Secret(SecretKey {
            bytes: field("k")?,
            meta,
        })),
        Some(other) => Err(format!("unsupported kty {other:?}")),
        None => Err("missing \"kty\"".into()),
    }
}

fn rsa_public(n: &[u8], e: &[u8], meta: Map<String, Value>) -> Result<PublicKey, String> {
    let spki = PublicKeyComponents { n, e }
        .as_der()
        .map_err(|_| "\"n\"/\"e\" do not form an RSA key".to_string())?;
    Ok(PublicKey {
        kind: KeyKind::Rsa,
        spki: spki.as_ref().to_vec(),
        meta,
    })
}

fn ec_public(curve: Curve, point: &[u8], meta: Map<String, Value>) -> Result<PublicKey, String> {
    let alg: &'static dyn signature::VerificationAlgorithm = match curve {
        Curve::P256 => &signature::ECDSA_P256_SHA256_FIXED,
        Curve::P384 => &signature::ECDSA_P384_SHA384_FIXED,
        Curve::P521 => &signature::ECDSA_P521_SHA512_FIXED,
    };
    let parsed = ParsedPublicKey::new(alg, point)
        .map_err(|_| "the point is not on the curve".to_string())?;
    let spki = parsed
        .as_der()
        .map_err(|_| "the EC public key cannot be encoded".to_string())?;
    Ok(PublicKey {
        kind: KeyKind::Ec(curve),
        spki: spki.as_ref().to_vec(),
        meta,
    })
}

fn ed25519_public(x: &[u8], meta: Map<String, Value>) -> Result<PublicKey, String> {
    let parsed = ParsedPublicKey::new(&signature::ED25519, x)
        .map_err(|_| "not an Ed25519 public key".to_string())?;
    let spki = parsed
        .as_der()
        .map_err(|_| "the Ed25519 public key cannot be encoded".to_string())?;
    Ok(PublicKey {
        kind: KeyKind::Ed25519,
        spki: spki.as_ref().to_vec(),
        meta,
    })
}

fn pem_text(tag: &str, der: Vec<u8>) -> String {
    pem::encode_config(
        &pem::Pem::new(tag, der),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

impl PublicKey {
    fn from_spki(der: &[u8], meta: Map<String, Value>) -> Result<PublicKey, String> {
        let info = spki::SubjectPublicKeyInfoRef::from_der(der)
            .map_err(|e| format!("invalid public key: {e}"))?;
        let bits = info
            .subject_public_key
            .as_bytes()
            .ok_or("invalid public key: a partial byte")?;
        match info.algorithm.oid {
            OID_RSA => {
                let key = pkcs1::RsaPublicKey::from_der(bits)
                    .map_err(|e| format!("invalid RSA public key: {e}"))?;
                rsa_public(key.modulus.as_bytes(), key.public_exponent.as_bytes(), meta)
            }
            OID_EC => {
                let curve = match info.algorithm.parameters_oid() {
                    Ok(OID_P256) => Curve::P256,
                    Ok(OID_P384) => Curve::P384,
                    Ok(OID_P521) => Curve::P521,
                    _ => return Err("an EC key on a curve oidctl does not support".into()),
                };
                if bits.first() != Some(&4) {
                    return Err("a compressed EC point; oidctl reads uncompressed ones".into());
                }
                ec_public(curve, bits, meta)
            }
            OID_ED25519 => ed25519_public(bits, meta),
            other => Err(format!("unsupported public key algorithm {other}")),
        }
    }

    /// `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo).
    pub fn to_pem(&self) -> String {
        pem_text("PUBLIC KEY", self.spki.clone())
    }

    /// The JWK's key members, in RFC 7638 order (lexicographic), without metadata.
    fn members(&self) -> Map<String, Value> {
        let mut m = Map::new();
        let info = spki::SubjectPublicKeyInfoRef::from_der(&self.spki).ok();
        let bits = info
            .as_ref()
            .and_then(|i| i.subject_public_key.as_bytes())
            .unwrap_or_default();
        match self.kind {
            KeyKind::Rsa => {
                if let Ok(key) = pkcs1::RsaPublicKey::from_der(bits) {
                    m.insert(
                        "e".into(),
                        B64.encode(key.public_exponent.as_bytes()).into(),
                    );
                    m.insert("kty".into(), "RSA".into());
                    m.insert("n".into(), B64.encode(key.modulus.as_bytes()).into());
                }
            }
            KeyKind::Ec(curve) => {
                let len = curve.coordinate_len();
                if bits.len() == 1 + 2 * len {
                    m.insert("crv".into(), curve.name().into());
                    m.insert("kty".into(), "EC".into());
                    m.insert("x".into(), B64.encode(&bits[1..=len]).into());
                    m.insert("y".into(), B64.encode(&bits[1 + len..]).into());
                }
            }
            KeyKind::Ed25519 => {
                m.insert("crv".into(), "Ed25519".into());
                m.insert("kty".into(), "OKP".into());
                m.insert("x".into(), B64.encode(bits).into());
            }
            KeyKind::Secret => {}
        }
        m
    }

    /// The public JWK, with the metadata the key came with.
    pub fn to_jwk(&self) -> Value {
        let mut m = self.members();
        m.extend(self.meta.clone());
        Value::Object(m)
    }

    /// RFC 7638: SHA-256 of the required members in lexicographic order, base64url.
    pub fn thumbprint(&self) -> String {
        thumbprint(&self.members())
    }

    /// The key's own `kid`, when it came with one.
    pub fn kid(&self) -> Option<&str> {
        self.meta.get("kid").and_then(Value::as_str)
    }

    pub fn meta_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.meta
    }
}

fn thumbprint(members: &Map<String, Value>) -> String {
    // serde_json's map keeps insertion order (preserve_order); `members` is built sorted.
    let json = Value::Object(members.clone()).to_string();
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, json.as_bytes());
    B64.encode(digest.as_ref())
}

impl SecretKey {
    pub fn thumbprint(&self) -> String {
        let mut m = Map::new();
        m.insert("k".into(), B64.encode(&self.bytes).into());
        m.insert("kty".into(), "oct".into());
        thumbprint(&m)
    }
}

impl PrivateKey {
    pub fn generate(what: NewKey) -> Result<PrivateKey, String> {
        let failed = |_| "generating the key failed".to_string();
        let pair = match what {
            NewKey::Rsa(bits) => {
                let size = match bits {
                    2048 => KeySize::Rsa2048,
                    3072 => KeySize::Rsa3072,
                    4096 => KeySize::Rsa4096,
                    other => {
                        return Err(format!("RSA keys are 2048, 3072 or 4096 bits, not {other}"));
                    }
                };
                Pair::Rsa(RsaKeyPair::generate(size).map_err(failed)?)
            }
            NewKey::Ec(curve) => Pair::Ec(
                curve,
                EcdsaKeyPair::generate(signing_alg(curve)).map_err(failed)?,
            ),
            NewKey::Ed25519 => Pair::Ed25519(Ed25519KeyPair::generate().map_err(failed)?),
        };
        Ok(PrivateKey {
            pair,
            meta: Map::new(),
        })
    }

    pub fn kind(&self) -> KeyKind {
        match &self.pair {
            Pair::Rsa(_) => KeyKind::Rsa,
            Pair::Ec(curve, _) => KeyKind::Ec(*curve),
            Pair::Ed25519(_) => KeyKind::Ed25519,
        }
    }

    pub fn meta_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.meta
    }

    /// "an RSA private key", "an EC P-256 private key", …
    pub fn describe(&self) -> String {
        private_name(self.kind())
    }

    /// The algorithm to sign with when none is named: the JWK's `alg` when it has one, else
    /// RS256, ES256/384/512 by curve, or EdDSA.
    pub fn default_alg(&self) -> Alg {
        if let Some(alg) = self
            .meta
            .get("alg")
            .and_then(Value::as_str)
            .and_then(|a| a.parse::<Alg>().ok())
            .filter(|a| a.fits(self.kind()))
        {
            return alg;
        }
        match self.kind() {
            KeyKind::Ec(Curve::P256) => Alg::ES256,
            KeyKind::Ec(Curve::P384) => Alg::ES384,
            KeyKind::Ec(Curve::P521) => Alg::ES512,
            KeyKind::Ed25519 => Alg::EdDSA,
            KeyKind::Rsa | KeyKind::Secret => Alg::RS256,
        }
    }

    pub fn public(&self) -> PublicKey {
        let (kind, spki) = match &self.pair {
            Pair::Rsa(p) => (
                KeyKind::Rsa,
                p.public_key().as_der().map(|d| d.as_ref().to_vec()).ok(),
            ),
            Pair::Ec(curve, p) => (
                KeyKind::Ec(*curve),
                ec_public(*curve, p.public_key().as_ref(), Map::new())
                    .map(|k| k.spki)
                    .ok(),
            ),
            Pair::Ed25519(p) => (
                KeyKind::Ed25519,
                p.public_key().as_der().map(|d| d.as_ref().to_vec()).ok(),
            ),
        };
        PublicKey {
            kind,
            // Encoding a key aws-lc-rs holds does not fail.
            spki: spki.unwrap_or_default(),
            meta: self.meta.clone(),
        }
    }

    /// `-----BEGIN PRIVATE KEY-----` (PKCS#8 v1).
    pub fn to_pem(&self) -> Result<String, String> {
        let failed = |_| "the private key cannot be encoded".to_string();
        let der = match &self.pair {
            Pair::Rsa(p) => p.as_der().map_err(failed)?.as_ref().to_vec(),
            Pair::Ec(_, p) => p.to_pkcs8v1().map_err(failed)?.as_ref().to_vec(),
            Pair::Ed25519(p) => p.to_pkcs8v1().map_err(failed)?.as_ref().to_vec(),
        };
        Ok(pem_text("PRIVATE KEY", der))
    }

    /// The private JWK: the public members, the private ones, then the metadata.
    pub fn to_jwk(&self) -> Result<Value, String> {
        let failed = |_| "the private key cannot be encoded".to_string();
        let mut m = self.public().members();
        let mut put = |k: &str, v: &[u8]| {
            m.insert(k.into(), B64.encode(v).into());
        };
        match &self.pair {
            Pair::Rsa(p) => {
                let pkcs8 = p.as_der().map_err(failed)?;
                let info = pkcs8::PrivateKeyInfo::try_from(pkcs8.as_ref())
                    .map_err(|e| format!("the private key cannot be encoded: {e}"))?;
                let key = pkcs1::RsaPrivateKey::from_der(info.private_key)
                    .map_err(|e| format!("the private key cannot be encoded: {e}"))?;
                put("d", key.private_exponent.as_bytes());
                put("p", key.prime1.as_bytes());
                put("q", key.prime2.as_bytes());
                put("dp", key.exponent1.as_bytes());
                put("dq", key.exponent2.as_bytes());
                put("qi", key.coefficient.as_bytes());
            }
            Pair::Ec(_, p) => put("d", p.private_key().as_be_bytes().map_err(failed)?.as_ref()),
            Pair::Ed25519(p) => put(
                "d",
                p.seed()
                    .map_err(failed)?
                    .as_be_bytes()
                    .map_err(failed)?
                    .as_ref(),
            ),
        }
        m.extend(self.meta.clone());
        Ok(Value::Object(m))
    }

    /// The JWS signature of `input` with `alg`, which must fit the key (see [`Alg::fits`]).
    pub fn sign(&self, alg: Alg, input: &[u8]) -> Result<Vec<u8>, String> {
        let rng = SystemRandom::new();
        let failed = |_| format!("signing with {alg} failed");
        match &self.pair {
            Pair::Rsa(pair) if alg.fits(KeyKind::Rsa) => {
                let padding: &'static dyn signature::RsaEncoding = match alg {
                    Alg::RS256 => &signature::RSA_PKCS1_SHA256,
                    Alg::RS384 => &signature::RSA_PKCS1_SHA384,
                    Alg::RS512 => &signature::RSA_PKCS1_SHA512,
                    Alg::PS256 => &signature::RSA_PSS_SHA256,
                    Alg::PS384 => &signature::RSA_PSS_SHA384,
                    _ => &signature::RSA_PSS_SHA512,
                };
                let mut sig = vec![0; pair.public_modulus_len()];
                pair.sign(padding, &rng, input, &mut sig).map_err(failed)?;
                Ok(sig)
            }
            // The FIXED signing algorithms give JWS's raw R||S (RFC 7518 §3.4).
            Pair::Ec(curve, pair) if alg.fits(KeyKind::Ec(*curve)) => {
                Ok(pair.sign(&rng, input).map_err(failed)?.as_ref().to_vec())
            }
            Pair::Ed25519(pair) if alg == Alg::EdDSA => Ok(pair.sign(input).as_ref().to_vec()),
            _ => Err(format!(
                "{alg} cannot be signed with {}",
                private_name(self.kind())
            )),
        }
    }
}

/// The algorithms a key of `kind` signs, for messages: "RS256, RS384, …".
pub fn fitting(kind: KeyKind) -> String {
    Alg::ALL
        .into_iter()
        .filter(|a| a.fits(kind))
        .map(Alg::name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why an algorithm was not chosen: what to say, and what to do about it.
#[derive(Debug)]
pub struct Refused {
    pub message: String,
    pub hint: String,
}

/// The algorithm to sign with: `named` (`--alg`) when it fits the key (`what`, of `kind`),
/// else `default`; never one the key's own JWK `alg` rules out, since `verify` would refuse
/// the token with that JWK.
pub fn choose_alg(
    kind: KeyKind,
    what: &str,
    default: Alg,
    named: Option<&str>,
    key_alg: Option<&str>,
) -> Result<Alg, Refused> {
    let alg = match named {
        None => default,
        Some(named) => {
            let alg: Alg = named.parse().map_err(|e: String| Refused {
                message: format!("--alg {named}: {e}"),
                hint: format!("this key signs {}", fitting(kind)),
            })?;
            if !alg.fits(kind) {
                return Err(Refused {
                    message: format!("{alg} cannot be signed with {what}"),
                    hint: format!(
                        "leave out --alg to sign with {default}, or use one of {}",
                        fitting(kind)
                    ),
                });
            }
            alg
        }
    };
    match key_alg {
        Some(key_alg) if key_alg != alg.name() && named.is_none() => Err(Refused {
            message: format!("the key's JWK says alg {key_alg}, which {what} cannot sign"),
            hint: "correct or remove the JWK's alg".into(),
        }),
        Some(key_alg) if key_alg != alg.name() => Err(Refused {
            message: format!("the key's JWK is for {key_alg} only, not {alg}"),
            hint: format!("leave out --alg to sign with {key_alg}, or remove alg from the JWK"),
        }),
        _ => Ok(alg),
    }
}

/// The HMAC of `input` under `secret` for HS256/384/512.
pub fn hmac(alg: Alg, secret: &[u8], input: &[u8]) -> Result<Vec<u8>, String> {
    let algorithm = match alg {
        Alg::HS256 => aws_lc_rs::hmac::HMAC_SHA256,
        Alg::HS384 => aws_lc_rs::hmac::HMAC_SHA384,
        Alg::HS512 => aws_lc_rs::hmac::HMAC_SHA512,
        _ => return Err(format!("{alg} is not an HMAC algorithm")),
    };
    let key = aws_lc_rs::hmac::Key::new(algorithm, secret);
    Ok(aws_lc_rs::hmac::sign(&key, input).as_ref().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::keys::KeySet;

    const RFC7638_KEY: &str = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;

    #[test]
    fn rfc7638_thumbprint() {
        let AnyKey::Public(key) = read(RFC7638_KEY.as_bytes()).unwrap() else {
            panic!("public")
        };
        assert_eq!(
            key.thumbprint(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
        assert_eq!(key.kid(), Some("2011-04-29"));
    }

    #[test]
    fn every_kind_round_trips_and_signs_what_the_verifier_accepts() {
        let kinds = [
            (
                NewKey::Rsa(2048),
                vec![
                    Alg::RS256,
                    Alg::RS384,
                    Alg::RS512,
                    Alg::PS256,
                    Alg::PS384,
                    Alg::PS512,
                ],
            ),
            (NewKey::Ec(Curve::P256), vec![Alg::ES256]),
            (NewKey::Ec(Curve::P384), vec![Alg::ES384]),
            (NewKey::Ec(Curve::P521), vec![Alg::ES512]),
            (NewKey::Ed25519, vec![Alg::EdDSA]),
        ];
        for (what, algs) in kinds {
            let key = PrivateKey::generate(what).unwrap();
            let public = key.public();
            // PEM and JWK, private and public, read back to the same key.
            for text in [key.to_pem().unwrap(), key.to_jwk().unwrap().to_string()] {
                let AnyKey::Private(again) = read(text.as_bytes()).unwrap() else {
                    panic!("private")
                };
                assert_eq!(again.public().to_pem(), public.to_pem());
            }
            for text in [public.to_pem(), public.to_jwk().to_string()] {
                let AnyKey::Public(again) = read(text.as_bytes()).unwrap() else {
                    panic!("public")
                };
                assert_eq!(again.to_pem(), public.to_pem());
                assert_eq!(again.thumbprint(), public.thumbprint());
            }
            let set = KeySet::from_json(&public.to_jwk().to_string()).unwrap();
            for alg in algs {
                assert!(key.default_alg().fits(key.kind()));
                let sig = key.sign(alg, b"input").unwrap();
                set.keys[0].verify(alg, b"input", &sig).unwrap();
            }
            assert!(key.sign(Alg::HS256, b"x").is_err());
        }
    }

    #[test]
    fn wrong_pairings_and_bad_input_are_refused() {
        let rsa = PrivateKey::generate(NewKey::Rsa(2048)).unwrap();
        assert!(
            rsa.sign(Alg::ES256, b"x")
                .unwrap_err()
                .contains("RSA private key")
        );
        let p256 = PrivateKey::generate(NewKey::Ec(Curve::P256)).unwrap();
        assert!(p256.sign(Alg::ES384, b"x").is_err());
        assert!(read(b"{}").unwrap_err().contains("kty"));
        assert!(read(b"garbage").is_err());
        assert!(read(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").is_err());
        assert!(format!("{rsa:?}").contains("redacted"));
    }
}
