//! Verification keys: where they come from (PEM public key, PKCS#1, X.509 certificate, JWK, JWKS,
//! an HMAC secret) and which algorithms each may verify. The key's type decides the algorithm
//! family, never the token: an RSA public key can never be used as an HMAC secret.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::{self, ParsedPublicKey, VerificationAlgorithm};
use base64::Engine as _;
use serde_json::{Map, Value};
use spki::ObjectIdentifier;
use spki::der::Decode as _;

use super::keyfile::{self, KeyFile};
use super::token::B64;

/// The JWS algorithms oidctl verifies (RFC 7518, RFC 8037). `none` is not one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alg {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    EdDSA,
}

impl Alg {
    pub const ALL: [Alg; 13] = [
        Alg::HS256,
        Alg::HS384,
        Alg::HS512,
        Alg::RS256,
        Alg::RS384,
        Alg::RS512,
        Alg::PS256,
        Alg::PS384,
        Alg::PS512,
        Alg::ES256,
        Alg::ES384,
        Alg::ES512,
        Alg::EdDSA,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Alg::HS256 => "HS256",
            Alg::HS384 => "HS384",
            Alg::HS512 => "HS512",
            Alg::RS256 => "RS256",
            Alg::RS384 => "RS384",
            Alg::RS512 => "RS512",
            Alg::PS256 => "PS256",
            Alg::PS384 => "PS384",
            Alg::PS512 => "PS512",
            Alg::ES256 => "ES256",
            Alg::ES384 => "ES384",
            Alg::ES512 => "ES512",
            Alg::EdDSA => "EdDSA",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Which kind of key this algorithm needs.
    pub fn fits(self, kind: KeyKind) -> bool {
        use Alg::*;
        matches!(
            (self, kind),
            (HS256 | HS384 | HS512, KeyKind::Secret)
                | (RS256 | RS384 | RS512 | PS256 | PS384 | PS512, KeyKind::Rsa)
                | (ES256, KeyKind::Ec(Curve::P256))
                | (ES384, KeyKind::Ec(Curve::P384))
                | (ES512, KeyKind::Ec(Curve::P521))
                | (EdDSA, KeyKind::Ed25519)
        )
    }

    /// The length of a raw R||S ECDSA signature for this algorithm.
    pub fn ecdsa_signature_len(self) -> Option<usize> {
        match self {
            Alg::ES256 => Some(64),
            Alg::ES384 => Some(96),
            Alg::ES512 => Some(132),
            _ => None,
        }
    }

    fn verification(self) -> Option<&'static dyn VerificationAlgorithm> {
        Some(match self {
            Alg::RS256 => &signature::RSA_PKCS1_2048_8192_SHA256,
            Alg::RS384 => &signature::RSA_PKCS1_2048_8192_SHA384,
            Alg::RS512 => &signature::RSA_PKCS1_2048_8192_SHA512,
            Alg::PS256 => &signature::RSA_PSS_2048_8192_SHA256,
            Alg::PS384 => &signature::RSA_PSS_2048_8192_SHA384,
            Alg::PS512 => &signature::RSA_PSS_2048_8192_SHA512,
            // The FIXED forms take only the raw R||S encoding JWS uses (RFC 7518 §3.4), so a
            // DER-encoded signature never verifies.
            Alg::ES256 => &signature::ECDSA_P256_SHA256_FIXED,
            Alg::ES384 => &signature::ECDSA_P384_SHA384_FIXED,
            Alg::ES512 => &signature::ECDSA_P521_SHA512_FIXED,
            Alg::EdDSA => &signature::ED25519,
            Alg::HS256 | Alg::HS384 | Alg::HS512 => return None,
        })
    }

    fn hmac(self) -> Option<aws_lc_rs::hmac::Algorithm> {
        Some(match self {
            Alg::HS256 => aws_lc_rs::hmac::HMAC_SHA256,
            Alg::HS384 => aws_lc_rs::hmac::HMAC_SHA384,
            Alg::HS512 => aws_lc_rs::hmac::HMAC_SHA512,
            _ => return None,
        })
    }
}

impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Alg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "Ed25519" {
            // RFC 9864's fully-specified name for the same algorithm.
            return Ok(Alg::EdDSA);
        }
        Alg::ALL.into_iter().find(|a| a.name() == s).ok_or_else(|| {
            if s.eq_ignore_ascii_case("none") {
                "\"none\" means an unsigned token and is never accepted".to_string()
            } else {
                format!(
                    "unsupported algorithm {s:?} (supported: {})",
                    Alg::ALL.map(Alg::name).join(", ")
                )
            }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    pub const ALL: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

    /// The JWK `crv` name.
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The curve a JWK's `crv` names.
    pub fn from_name(name: Option<&str>) -> Result<Curve, String> {
        Curve::ALL
            .into_iter()
            .find(|c| Some(c.name()) == name)
            .ok_or_else(|| format!("unsupported curve {name:?} (P-256, P-384 and P-521 are)"))
    }

    /// Bytes of one coordinate (and of a private scalar).
    pub fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa,
    Ec(Curve),
    Ed25519,
    Secret,
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyKind::Rsa => "an RSA public key",
            KeyKind::Ec(Curve::P256) => "an EC P-256 public key",
            KeyKind::Ec(Curve::P384) => "an EC P-384 public key",
            KeyKind::Ec(Curve::P521) => "an EC P-521 public key",
            KeyKind::Ed25519 => "an Ed25519 public key",
            KeyKind::Secret => "a shared secret",
        })
    }
}

/// One key that can verify signatures, with the JWK metadata that restricts its use.
pub struct VerifyingKey {
    pub kid: Option<String>,
    /// The JWK's `alg`: when present, the only algorithm this key may verify.
    pub alg: Option<String>,
    /// The JWK's `use`; a key for "enc" never verifies a signature.
    pub usage: Option<String>,
    /// Microsoft's JWKS gives some keys an `issuer`: tokens signed with them must carry it.
    pub issuer: Option<String>,
    pub kind: KeyKind,
    material: Material,
    /// Keys parsed once per algorithm, so a batch pays the parsing once.
    parsed: [OnceLock<Option<ParsedPublicKey>>; 13],
}

enum Material {
    /// SubjectPublicKeyInfo or PKCS#1 DER, SEC1 point or raw Ed25519 bytes.
    Public(Vec<u8>),
    /// An HMAC key: never printed, dropped with the key set.
    Secret(Vec<u8>),
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl VerifyingKey {
    fn new(kind: KeyKind, material: Material) -> Self {
        VerifyingKey {
            kid: None,
            alg: None,
            usage: None,
            issuer: None,
            kind,
            material,
            parsed: Default::default(),
        }
    }

    pub fn secret(bytes: Vec<u8>) -> Self {
        Self::new(KeyKind::Secret, Material::Secret(bytes))
    }

    /// How messages name the key: `key "rs256"` by its kid, else `the key`.
    pub fn named(&self) -> String {
        match &self.kid {
            Some(kid) => format!("key {kid:?}"),
            None => "the key".to_string(),
        }
    }

    /// How a report describes the key: `key "rs256"`, or its type when it has no kid.
    pub fn label(&self) -> String {
        match &self.kid {
            Some(_) => self.named(),
            None => self.kind.to_string(),
        }
    }

    /// Why this key must not verify a token with `alg`, if it must not.
    pub fn refuses(&self, alg: Alg) -> Option<String> {
        if !alg.fits(self.kind) {
            return Some(format!(
                "the token says {alg}, but {} is {}",
                self.named(),
                self.kind
            ));
        }
        if let Some(key_alg) = &self.alg
            && key_alg != alg.name()
        {
            return Some(format!(
                "{} is for {key_alg} only; the token says {alg}",
                self.named()
            ));
        }
        if let Some(usage) = &self.usage
            && usage != "sig"
        {
            return Some(format!(
                "{} is for use {usage:?}, not \"sig\"",
                self.named()
            ));
        }
        None
    }

    /// Checks `signature` over `message`; the caller has already checked [`Self::refuses`].
    pub fn verify(&self, alg: Alg, message: &[u8], signature: &[u8]) -> Result<(), String> {
        match &self.material {
            Material::Secret(secret) => {
                let hmac = alg.hmac().ok_or("not an HMAC algorithm")?;
                let key = aws_lc_rs::hmac::Key::new(hmac, secret);
                aws_lc_rs::hmac::verify(&key, message, signature)
                    .map_err(|_| format!("the {alg} signature does not match the secret"))
            }
            Material::Public(bytes) => {
                if let Some(len) = alg.ecdsa_signature_len()
                    && signature.len() != len
                {
                    return Err(format!(
                        "the {alg} signature is {} bytes; JWS needs the {len}-byte R||S form{}",
                        signature.len(),
                        if signature.first() == Some(&0x30) {
                            " (this looks DER-encoded)"
                        } else {
                            ""
                        }
                    ));
                }
                let parsed = self.parsed[alg.index()].get_or_init(|| {
                    ParsedPublicKey::new(alg.verification()?, bytes.as_slice()).ok()
                });
                let parsed = parsed.as_ref().ok_or_else(|| {
                    if self.kind == KeyKind::Rsa {
                        format!(
                            "{} is not a usable RSA key for {alg} (oidctl needs 2048 to 8192 bits)",
                            self.named()
                        )
                    } else {
                        format!("{} could not be loaded for {alg}", self.named())
                    }
                })?;
                parsed.verify_sig(message, signature).map_err(|_| {
                    format!("the {alg} signature does not verify with {}", self.named())
                })
            }
        }
    }
}

/// The keys a verification may use.
#[derive(Debug, Default)]
pub struct KeySet {
    pub keys: Vec<VerifyingKey>,
}

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

impl KeySet {
    pub fn single(key: VerifyingKey) -> Self {
        KeySet { keys: vec![key] }
    }

    /// Reads key material of any supported form, detected from its content: a JWKS or JWK
    /// (JSON), PEM (public key, RSA public key, certificate; several blocks allowed), or DER.
    pub fn from_bytes(data: &[u8]) -> Result<Self, String> {
        match KeyFile::parse(data)? {
            KeyFile::Jwks(keys) => Self::from_jwks(&keys),
            KeyFile::Jwk(obj) => Self::from_jwk(&obj),
            KeyFile::Pem(blocks) => Self::from_pem(&blocks),
            KeyFile::Der => spki_key(data)
                .or_else(|_| cert_key(data))
                .map(Self::single)
                .map_err(|_| {
                    "not a key oidctl can read: expected a PEM public key or certificate, \
                     a JWK or a JWKS"
                        .to_string()
                }),
        }
    }

    /// Reads a JWKS or one JWK (a provider's `jwks_uri` document).
    pub fn from_json(text: &str) -> Result<Self, String> {
        match KeyFile::parse(text.as_bytes())? {
            KeyFile::Jwks(keys) => Self::from_jwks(&keys),
            KeyFile::Jwk(obj) => Self::from_jwk(&obj),
            KeyFile::Pem(_) | KeyFile::Der => Err("not a JSON object".into()),
        }
    }

    fn from_jwk(obj: &Map<String, Value>) -> Result<Self, String> {
        jwk(obj)
            .map(Self::single)
            .map_err(|e| format!("not a usable JWK: {e}"))
    }

    fn from_jwks(keys: &[Value]) -> Result<Self, String> {
        let mut set = KeySet::default();
        for (i, key) in keys.iter().enumerate() {
            match jwk(keyfile::jwks_member(i, key)?) {
                Ok(k) => set.keys.push(k),
                // A JWKS may hold keys oidctl has no use for (encryption keys, other curves):
                // skip them rather than refuse the whole set.
                Err(JwkError::Unsupported(_)) => {}
                Err(JwkError::Invalid(e)) => {
                    return Err(format!("key #{} in the JWKS is invalid: {e}", i + 1));
                }
            }
        }
        if set.keys.is_empty() {
            return Err("the JWKS has no key oidctl can use".into());
        }
        Ok(set)
    }

    fn from_pem(blocks: &[pem::Pem]) -> Result<Self, String> {
        let mut set = KeySet::default();
        for block in blocks {
            let key = match block.tag() {
                "PUBLIC KEY" => spki_key(block.contents())?,
                "RSA PUBLIC KEY" => {
                    VerifyingKey::new(KeyKind::Rsa, Material::Public(block.contents().to_vec()))
                }
                "CERTIFICATE" => cert_key(block.contents())?,
                tag if tag.contains("PRIVATE KEY") => {
                    return Err(format!(
                        "this is a private key ({tag}); verify needs the public key \
                         (openssl pkey -in KEY -pubout)"
                    ));
                }
                tag => return Err(format!("unsupported PEM block {tag:?}")),
            };
            set.keys.push(key);
        }
        Ok(set)
    }
}

fn spki_key(der: &[u8]) -> Result<VerifyingKey, String> {
    let info = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| format!("invalid public key: {e}"))?;
    let kind = match info.algorithm.oid {
        OID_RSA => KeyKind::Rsa,
        OID_EC => match info.algorithm.parameters_oid() {
            Ok(OID_P256) => KeyKind::Ec(Curve::P256),
            Ok(OID_P384) => KeyKind::Ec(Curve::P384),
            Ok(OID_P521) => KeyKind::Ec(Curve::P521),
            Ok(other) => return Err(format!("unsupported elliptic curve {other}")),
            Err(_) => return Err("an EC key without a named curve".into()),
        },
        OID_ED25519 => KeyKind::Ed25519,
        OID_ED448 => return Err("Ed448 keys are not supported".into()),
        OID_RSA_PSS => {
            return Err("RSASSA-PSS-only public keys are not supported; \
                 use the key as a plain RSA key (rsaEncryption)"
                .into());
        }
        other => return Err(format!("unsupported public key algorithm {other}")),
    };
    Ok(VerifyingKey::new(kind, Material::Public(der.to_vec())))
}

fn cert_key(der: &[u8]) -> Result<VerifyingKey, String> {
    spki_key(&keyfile::certificate_spki(der)?)
}

#[derive(Debug)]
enum JwkError {
    /// A well-formed key oidctl cannot verify with (e.g. an encryption key type).
    Unsupported(String),
    Invalid(String),
}

impl fmt::Display for JwkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwkError::Unsupported(e) | JwkError::Invalid(e) => f.write_str(e),
        }
    }
}

fn jwk(obj: &Map<String, Value>) -> Result<VerifyingKey, JwkError> {
    let field = |name: &str| -> Result<Vec<u8>, JwkError> {
        let text = obj
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| JwkError::Invalid(format!("missing \"{name}\"")))?;
        B64.decode(text)
            .map_err(|_| JwkError::Invalid(format!("\"{name}\" is not base64url")))
    };
    let string = |name: &str| obj.get(name).and_then(Value::as_str).map(str::to_string);
    let kty = string("kty").ok_or_else(|| JwkError::Invalid("missing \"kty\"".into()))?;
    let (kind, material) = match kty.as_str() {
        "RSA" => {
            let components = signature::RsaPublicKeyComponents {
                n: field("n")?,
                e: field("e")?,
            };
            let der = components
                .as_der()
                .map_err(|_| JwkError::Invalid("\"n\"/\"e\" do not form an RSA key".into()))?;
            (KeyKind::Rsa, Material::Public(der.as_ref().to_vec()))
        }
        "EC" => {
            let curve =
                Curve::from_name(string("crv").as_deref()).map_err(JwkError::Unsupported)?;
            let len = curve.coordinate_len();
            let (x, y) = (field("x")?, field("y")?);
            // RFC 7518 §6.2.1.2: coordinates are the full field length, never shortened.
            if x.len() != len || y.len() != len {
                return Err(JwkError::Invalid(format!(
                    "\"x\"/\"y\" must be {len} bytes for this curve"
                )));
            }
            // The SEC1 uncompressed point 0x04 || x || y.
            let mut point = Vec::with_capacity(1 + 2 * len);
            point.push(4);
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            (KeyKind::Ec(curve), Material::Public(point))
        }
        "OKP" => match string("crv").as_deref() {
            Some("Ed25519") => {
                let x = field("x")?;
                if x.len() != 32 {
                    return Err(JwkError::Invalid(
                        "an Ed25519 \"x\" must be 32 bytes".into(),
                    ));
                }
                (KeyKind::Ed25519, Material::Public(x))
            }
            other => {
                return Err(JwkError::Unsupported(format!(
                    "unsupported curve {other:?}"
                )));
            }
        },
        "oct" => (KeyKind::Secret, Material::Secret(field("k")?)),
        other => return Err(JwkError::Unsupported(format!("unsupported kty {other:?}"))),
    };
    if let Some(Value::Array(ops)) = obj.get("key_ops")
        && !ops.iter().any(|op| op == "verify")
    {
        return Err(JwkError::Unsupported(
            "key_ops does not include \"verify\"".into(),
        ));
    }
    let mut key = VerifyingKey::new(kind, material);
    key.kid = string("kid");
    key.alg = string("alg");
    key.usage = string("use");
    key.issuer = string("issuer");
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alg_names_round_trip_and_none_is_refused() {
        for alg in Alg::ALL {
            assert_eq!(alg.name().parse::<Alg>().unwrap(), alg);
        }
        assert_eq!("Ed25519".parse::<Alg>().unwrap(), Alg::EdDSA);
        for none in ["none", "None", "NONE"] {
            assert!(none.parse::<Alg>().unwrap_err().contains("never accepted"));
        }
        assert!("rs256".parse::<Alg>().is_err());
    }

    #[test]
    fn key_types_fit_only_their_algorithms() {
        assert!(Alg::HS256.fits(KeyKind::Secret));
        assert!(!Alg::HS256.fits(KeyKind::Rsa));
        assert!(!Alg::RS256.fits(KeyKind::Secret));
        assert!(Alg::PS512.fits(KeyKind::Rsa));
        assert!(!Alg::ES256.fits(KeyKind::Ec(Curve::P384)));
        assert!(Alg::ES512.fits(KeyKind::Ec(Curve::P521)));
        assert!(!Alg::EdDSA.fits(KeyKind::Ec(Curve::P256)));
    }

    #[test]
    fn jwks_skips_keys_it_cannot_use() {
        let set = KeySet::from_json(
            r#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"h"},{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}]}"#,
        )
        .unwrap();
        assert_eq!(set.keys.len(), 1);
        assert_eq!(set.keys[0].kind, KeyKind::Secret);
    }

    #[test]
    fn short_ec_coordinates_are_refused() {
        let err =
            KeySet::from_json(r#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#).unwrap_err();
        assert!(err.contains("32 bytes"), "{err}");
    }

    #[test]
    fn private_pem_is_refused_with_a_hint() {
        let err =
            KeySet::from_bytes(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                .unwrap_err();
        assert!(err.contains("-pubout"), "{err}");
    }
}
