//! Compact JWE (RFC 7516) with the algorithms of RFC 7518 §4–5 oidctl offers: opening one with
//! the recipient's key, and making one for tests. Pure: keys and bytes in, bytes out; no I/O.
//!
//! Safe by construction: the tag is checked before any plaintext leaves this module; the key
//! management algorithm must fit the key's type (and the JWK's own `alg`); key material in the
//! token's header is never used except the ephemeral `epk` that ECDH-ES requires; `crit` and
//! compression (`zip`) are refused. Errors say what failed, never a byte of key or plaintext.

mod crypto;
pub mod key;

use std::fmt;
use std::str::FromStr;

use aws_lc_rs::agreement::{self, PrivateKey, UnparsedPublicKey};
use aws_lc_rs::rsa::{
    OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OaepAlgorithm, OaepPrivateDecryptingKey,
    OaepPublicEncryptingKey, PublicEncryptingKey,
};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Map, Value};

use self::key::{JweKey, Material};
use super::keys::Curve;
use super::token::{B64, MAX_TOKEN_BYTES, clean};

pub use self::key::read as read_keys;

/// Key management algorithms (RFC 7518 §4). RSA1_5, A*GCMKW and PBES2 are not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlg {
    RsaOaep,
    RsaOaep256,
    EcdhEs,
    EcdhEsA128Kw,
    EcdhEsA192Kw,
    EcdhEsA256Kw,
    A128Kw,
    A192Kw,
    A256Kw,
    Dir,
}

impl KeyAlg {
    pub const ALL: [KeyAlg; 10] = [
        KeyAlg::RsaOaep,
        KeyAlg::RsaOaep256,
        KeyAlg::EcdhEs,
        KeyAlg::EcdhEsA128Kw,
        KeyAlg::EcdhEsA192Kw,
        KeyAlg::EcdhEsA256Kw,
        KeyAlg::A128Kw,
        KeyAlg::A192Kw,
        KeyAlg::A256Kw,
        KeyAlg::Dir,
    ];

    pub fn name(self) -> &'static str {
        match self {
            KeyAlg::RsaOaep => "RSA-OAEP",
            KeyAlg::RsaOaep256 => "RSA-OAEP-256",
            KeyAlg::EcdhEs => "ECDH-ES",
            KeyAlg::EcdhEsA128Kw => "ECDH-ES+A128KW",
            KeyAlg::EcdhEsA192Kw => "ECDH-ES+A192KW",
            KeyAlg::EcdhEsA256Kw => "ECDH-ES+A256KW",
            KeyAlg::A128Kw => "A128KW",
            KeyAlg::A192Kw => "A192KW",
            KeyAlg::A256Kw => "A256KW",
            KeyAlg::Dir => "dir",
        }
    }

    /// The AES key wrap key length this algorithm uses, if it wraps.
    fn kw_len(self) -> Option<usize> {
        match self {
            KeyAlg::EcdhEsA128Kw | KeyAlg::A128Kw => Some(16),
            KeyAlg::EcdhEsA192Kw | KeyAlg::A192Kw => Some(24),
            KeyAlg::EcdhEsA256Kw | KeyAlg::A256Kw => Some(32),
            _ => None,
        }
    }

    fn oaep(self) -> Option<&'static OaepAlgorithm> {
        match self {
            KeyAlg::RsaOaep => Some(&OAEP_SHA1_MGF1SHA1),
            KeyAlg::RsaOaep256 => Some(&OAEP_SHA256_MGF1SHA256),
            _ => None,
        }
    }

    fn is_ecdh(self) -> bool {
        matches!(
            self,
            KeyAlg::EcdhEs | KeyAlg::EcdhEsA128Kw | KeyAlg::EcdhEsA192Kw | KeyAlg::EcdhEsA256Kw
        )
    }

    /// Why `key` cannot be used with this algorithm (and `enc`), if it cannot.
    pub fn refuses(self, key: &JweKey, enc: Enc) -> Option<String> {
        let fits = match (&key.material, self) {
            (Material::RsaPrivate(_) | Material::RsaPublic(_), a) => a.oaep().is_some(),
            (Material::EcPrivate(..) | Material::EcPublic(..), a) => a.is_ecdh(),
            (Material::Oct(k), KeyAlg::Dir) => Enc::ALL.iter().any(|e| e.key_len() == k.len()),
            (Material::Oct(k), a) if !a.is_ecdh() => a.kw_len() == Some(k.len()),
            (Material::Oct(_), _) => false,
        };
        if !fits {
            return Some(format!(
                "the token's alg is {}, but {} is {}",
                self.name(),
                key.named(),
                key.describe()
            ));
        }
        // A key for dir names the content encryption as its alg (RFC 7520 §5.6 does).
        if let Some(alg) = &key.alg
            && alg != self.name()
            && !(self == KeyAlg::Dir && alg == enc.name())
        {
            return Some(format!(
                "{} is for {alg} only; the token's alg is {}",
                key.named(),
                self.name()
            ));
        }
        None
    }

    /// The algorithm oidctl picks for a key when none is named: RSA-OAEP-256 for RSA,
    /// ECDH-ES+A256KW for EC, A128/192/256KW for a 16/24/32-byte secret and dir for the others.
    pub fn default_for(key: &JweKey) -> KeyAlg {
        if let Some(alg) = key.alg.as_deref().and_then(|a| a.parse().ok()) {
            return alg;
        }
        if key.alg.as_deref().is_some_and(|a| a.parse::<Enc>().is_ok()) {
            return KeyAlg::Dir;
        }
        match &key.material {
            Material::RsaPrivate(_) | Material::RsaPublic(_) => KeyAlg::RsaOaep256,
            Material::EcPrivate(..) | Material::EcPublic(..) => KeyAlg::EcdhEsA256Kw,
            Material::Oct(k) => match k.len() {
                16 => KeyAlg::A128Kw,
                24 => KeyAlg::A192Kw,
                32 => KeyAlg::A256Kw,
                _ => KeyAlg::Dir,
            },
        }
    }
}

impl fmt::Display for KeyAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for KeyAlg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KeyAlg::ALL
            .into_iter()
            .find(|a| a.name() == s)
            .ok_or_else(|| {
                format!(
                    "unsupported key management algorithm {s:?} (supported: {})",
                    KeyAlg::ALL.map(KeyAlg::name).join(", ")
                )
            })
    }
}

/// Content encryption algorithms (RFC 7518 §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    A128Gcm,
    A192Gcm,
    A256Gcm,
    A128CbcHs256,
    A192CbcHs384,
    A256CbcHs512,
}

impl Enc {
    pub const ALL: [Enc; 6] = [
        Enc::A128Gcm,
        Enc::A192Gcm,
        Enc::A256Gcm,
        Enc::A128CbcHs256,
        Enc::A192CbcHs384,
        Enc::A256CbcHs512,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Enc::A128Gcm => "A128GCM",
            Enc::A192Gcm => "A192GCM",
            Enc::A256Gcm => "A256GCM",
            Enc::A128CbcHs256 => "A128CBC-HS256",
            Enc::A192CbcHs384 => "A192CBC-HS384",
            Enc::A256CbcHs512 => "A256CBC-HS512",
        }
    }

    /// The content encryption key's length in bytes (for CBC-HS: MAC key and AES key).
    pub fn key_len(self) -> usize {
        match self {
            Enc::A128Gcm => 16,
            Enc::A192Gcm => 24,
            Enc::A256Gcm | Enc::A128CbcHs256 => 32,
            Enc::A192CbcHs384 => 48,
            Enc::A256CbcHs512 => 64,
        }
    }
}

impl fmt::Display for Enc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Enc {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Enc::ALL.into_iter().find(|e| e.name() == s).ok_or_else(|| {
            format!(
                "unsupported content encryption {s:?} (supported: {})",
                Enc::ALL.map(Enc::name).join(", ")
            )
        })
    }
}

/// Why a JWE could not be opened or made. Each kind asks for a different hint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JweError {
    /// Not a well-formed compact JWE: truncated, garbled, a part missing.
    #[error("{0}")]
    Malformed(String),
    /// Well-formed, but asks for something oidctl does not do (an algorithm, compression, crit).
    #[error("{0}")]
    Unsupported(String),
    /// The key given cannot be used with the token's algorithm.
    #[error("{0}")]
    WrongKey(String),
    /// The key fits but does not open the token, or the token was changed: the tag or the key
    /// unwrap did not check out.
    #[error("{0}")]
    Failed(String),
}

fn malformed(m: impl Into<String>) -> JweError {
    JweError::Malformed(m.into())
}

/// The protected header parameters that decide how to decrypt.
#[derive(Debug, Deserialize)]
struct Header {
    alg: Option<Value>,
    enc: Option<Value>,
    zip: Option<Value>,
    crit: Option<Value>,
    cty: Option<Value>,
    kid: Option<Value>,
    epk: Option<Map<String, Value>>,
    apu: Option<Value>,
    apv: Option<Value>,
}

/// A decrypted JWE.
pub struct Opened {
    /// The protected header as written.
    pub header_json: String,
    pub alg: KeyAlg,
    pub enc: Enc,
    pub cty: Option<String>,
    /// Which of the keys opened it (`key "kid"` or `the key`).
    pub key: String,
    pub plaintext: Vec<u8>,
}

impl fmt::Debug for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Opened")
            .field("alg", &self.alg)
            .field("enc", &self.enc)
            .field(
                "plaintext",
                &format_args!("[{} bytes]", self.plaintext.len()),
            )
            .finish_non_exhaustive()
    }
}

impl Opened {
    /// Whether the plaintext is itself a JWT (`cty: JWT`, RFC 7519 §5.2), or reads as a compact
    /// JWS even without saying so.
    pub fn is_nested(&self) -> bool {
        if self.cty.as_deref().is_some_and(|c| {
            c.eq_ignore_ascii_case("JWT") || c.eq_ignore_ascii_case("application/jwt")
        }) {
            return true;
        }
        std::str::from_utf8(&self.plaintext)
            .is_ok_and(|t| super::token::parse_jws(t.trim()).is_ok())
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        self.plaintext.fill(0);
    }
}

/// Whether `token` has the shape of a compact JWE (five parts).
pub fn is_jwe(token: &str) -> bool {
    clean(token).bytes().filter(|&b| b == b'.').count() == 4
}

struct Parts<'a> {
    /// `BASE64URL(UTF8(protected header))`: the additional authenticated data.
    aad: &'a str,
    header_json: String,
    header: Header,
    encrypted_key: Vec<u8>,
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
    tag: Vec<u8>,
}

fn split(token: &str) -> Result<Parts<'_>, JweError> {
    let token = clean(token);
    if token.len() > MAX_TOKEN_BYTES {
        return Err(malformed(format!(
            "the token is {} bytes, more than the {MAX_TOKEN_BYTES} oidctl accepts",
            token.len()
        )));
    }
    let parts: Vec<&str> = token.split('.').collect();
    let [h, k, iv, c, t] = parts[..] else {
        return Err(malformed(format!(
            "not a compact JWE: it has {} part(s) separated by '.', a JWE has 5",
            parts.len()
        )));
    };
    let part = |text: &str, what: &str| {
        B64.decode(text)
            .map_err(|_| malformed(format!("the JWE's {what} is not valid base64url")))
    };
    let header_bytes = part(h, "header")?;
    let header_json =
        String::from_utf8(header_bytes).map_err(|_| malformed("the JWE's header is not UTF-8"))?;
    let header: Header = serde_json::from_str(&header_json)
        .map_err(|e| malformed(format!("the JWE's header is not a JSON object ({e})")))?;
    Ok(Parts {
        aad: h,
        header_json,
        header,
        encrypted_key: part(k, "encrypted key")?,
        iv: part(iv, "initialization vector")?,
        ciphertext: part(c, "ciphertext")?,
        tag: part(t, "authentication tag")?,
    })
}

fn string_param(value: &Option<Value>, name: &str) -> Result<Option<String>, JweError> {
    match value {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(malformed(format!(
            "the JWE header's {name:?} is not a string"
        ))),
    }
}

fn b64_param(value: &Option<Value>, name: &str) -> Result<Vec<u8>, JweError> {
    match string_param(value, name)? {
        None => Ok(Vec::new()),
        Some(s) => B64
            .decode(s)
            .map_err(|_| malformed(format!("the JWE header's {name:?} is not base64url"))),
    }
}

/// Opens a compact JWE with one of `keys`: those whose type fits the token's `alg` (and whose
/// `kid` matches, where both have one) are tried in turn.
pub fn decrypt(token: &str, keys: &[JweKey]) -> Result<Opened, JweError> {
    let parts = split(token)?;
    let h = &parts.header;
    let alg_name = string_param(&h.alg, "alg")?
        .ok_or_else(|| malformed("the JWE header has no \"alg\" string"))?;
    let enc_name = string_param(&h.enc, "enc")?
        .ok_or_else(|| malformed("the JWE header has no \"enc\" string"))?;
    let alg: KeyAlg = alg_name.parse().map_err(JweError::Unsupported)?;
    let enc: Enc = enc_name.parse().map_err(JweError::Unsupported)?;
    if let Some(zip) = &h.zip {
        return Err(JweError::Unsupported(format!(
            "the JWE is compressed (zip {zip}); oidctl does not decompress JWE payloads"
        )));
    }
    if h.crit.is_some() {
        return Err(JweError::Unsupported(
            "the JWE header has \"crit\" extensions, and oidctl implements none".into(),
        ));
    }
    let cty = string_param(&h.cty, "cty")?;
    let kid = string_param(&h.kid, "kid")?;

    let mut refusal = None;
    let mut failure = None;
    for key in keys {
        if let (Some(want), Some(have)) = (&kid, &key.kid)
            && want != have
        {
            refusal.get_or_insert_with(|| format!("no key has kid {want:?}"));
            continue;
        }
        if let Some(why) = alg.refuses(key, enc) {
            refusal = Some(why);
            continue;
        }
        match open_with(&parts, alg, enc, key) {
            Ok(plaintext) => {
                return Ok(Opened {
                    header_json: parts.header_json.clone(),
                    alg,
                    enc,
                    cty,
                    key: key.named(),
                    plaintext,
                });
            }
            Err(e @ JweError::Malformed(_)) => return Err(e),
            Err(e) => failure = Some(e),
        }
    }
    Err(failure.unwrap_or_else(|| {
        JweError::WrongKey(refusal.unwrap_or_else(|| "no decryption key given".into()))
    }))
}

fn failed(m: &str) -> JweError {
    JweError::Failed(m.to_string())
}

fn open_with(parts: &Parts<'_>, alg: KeyAlg, enc: Enc, key: &JweKey) -> Result<Vec<u8>, JweError> {
    let mut cek = content_key(parts, alg, enc, key)?;
    if cek.len() != enc.key_len() {
        cek.fill(0);
        return Err(failed(
            "the decrypted content key has the wrong length for the enc: a wrong key, or a \
             changed token",
        ));
    }
    let opened = crypto::open(
        enc,
        &cek,
        &parts.iv,
        parts.aad.as_bytes(),
        &parts.ciphertext,
        &parts.tag,
    )
    .map_err(|m| {
        if m.contains("needs") {
            malformed(format!("the JWE is damaged: {m}"))
        } else {
            failed(m)
        }
    });
    cek.fill(0);
    opened
}

fn content_key(
    parts: &Parts<'_>,
    alg: KeyAlg,
    enc: Enc,
    key: &JweKey,
) -> Result<Vec<u8>, JweError> {
    let ek = &parts.encrypted_key;
    match (&key.material, alg) {
        (Material::RsaPrivate(k), _) => {
            let oaep = alg.oaep().ok_or_else(|| failed("not an RSA algorithm"))?;
            if ek.len() != k.key_size_bytes() {
                return Err(malformed(format!(
                    "the encrypted key is {} bytes; this {}-bit RSA key needs {}",
                    ek.len(),
                    k.key_size_bits(),
                    k.key_size_bytes()
                )));
            }
            let k =
                OaepPrivateDecryptingKey::new(k.clone()).map_err(|_| failed("unusable RSA key"))?;
            let mut out = vec![0; k.min_output_size()];
            let len = k
                .decrypt(oaep, ek, &mut out, None)
                .map_err(|_| failed("the RSA key does not decrypt the content key: a wrong key, or a changed token"))?
                .len();
            out.truncate(len);
            Ok(out)
        }
        (Material::EcPrivate(k, curve), _) => {
            let z = ecdh_receive(parts, k, *curve)?;
            let apu = b64_param(&parts.header.apu, "apu")?;
            let apv = b64_param(&parts.header.apv, "apv")?;
            match alg.kw_len() {
                None => {
                    if !ek.is_empty() {
                        return Err(malformed(
                            "ECDH-ES has no encrypted key, but this JWE has one",
                        ));
                    }
                    crypto::concat_kdf(&z, enc.name(), &apu, &apv, enc.key_len()).map_err(failed)
                }
                Some(len) => {
                    let kek =
                        crypto::concat_kdf(&z, alg.name(), &apu, &apv, len).map_err(failed)?;
                    crypto::unwrap(&kek, ek).map_err(key_unwrap_error)
                }
            }
        }
        (Material::Oct(k), KeyAlg::Dir) => {
            if !ek.is_empty() {
                return Err(malformed(
                    "alg dir has no encrypted key, but this JWE has one",
                ));
            }
            Ok(k.clone())
        }
        (Material::Oct(k), _) => crypto::unwrap(k, ek).map_err(key_unwrap_error),
        (Material::RsaPublic(_) | Material::EcPublic(..), _) => Err(JweError::WrongKey(format!(
            "{} is {}; decryption needs the private key",
            key.named(),
            key.describe()
        ))),
    }
}

fn key_unwrap_error(m: &'static str) -> JweError {
    if m.contains("length") {
        malformed(format!("the JWE is damaged: {m}"))
    } else {
        JweError::Failed(format!("{m}: a wrong key, or a changed token"))
    }
}

/// The shared secret Z from the header's ephemeral key and our private key.
fn ecdh_receive(parts: &Parts<'_>, ours: &PrivateKey, curve: Curve) -> Result<Vec<u8>, JweError> {
    let epk = parts.header.epk.as_ref().ok_or_else(|| {
        malformed("ECDH-ES needs an \"epk\" in the JWE header, and there is none")
    })?;
    let field = |name: &str| -> Result<Vec<u8>, JweError> {
        epk.get(name)
            .and_then(Value::as_str)
            .and_then(|s| B64.decode(s).ok())
            .ok_or_else(|| malformed(format!("the header's epk has no valid {name:?}")))
    };
    if epk.get("kty").and_then(Value::as_str) != Some("EC") {
        return Err(JweError::Unsupported(
            "the header's epk is not an EC key (X25519 is not supported)".into(),
        ));
    }
    let theirs =
        Curve::from_name(epk.get("crv").and_then(Value::as_str)).map_err(JweError::Unsupported)?;
    if theirs != curve {
        return Err(JweError::WrongKey(format!(
            "the token's ephemeral key is on {}, but the key is on {}",
            theirs.name(),
            curve.name()
        )));
    }
    let point = key::point(curve, &field("x")?, &field("y")?)
        .map_err(|m| malformed(format!("the header's epk: {m}")))?;
    let peer = UnparsedPublicKey::new(key::ecdh_alg(curve), point);
    agreement::agree(ours, peer, (), |z| Ok(z.to_vec()))
        .map_err(|()| malformed("the header's epk is not a point on its curve"))
}

/// What `encrypt` puts in the header besides alg, enc and epk.
#[derive(Debug, Default, Clone)]
pub struct Extra {
    pub cty: Option<String>,
    pub typ: Option<String>,
}

/// Makes a compact JWE of `plaintext` for the holder of `key` (its public part is used).
pub fn encrypt(
    plaintext: &[u8],
    key: &JweKey,
    alg: KeyAlg,
    enc: Enc,
    extra: &Extra,
) -> Result<String, JweError> {
    if let Some(why) = alg.refuses(key, enc) {
        return Err(JweError::WrongKey(why.replace("the token's alg is", "alg")));
    }
    let mut header = Map::new();
    header.insert("alg".into(), alg.name().into());
    header.insert("enc".into(), enc.name().into());
    if let Some(kid) = &key.kid {
        header.insert("kid".into(), kid.clone().into());
    }
    for (name, value) in [("typ", &extra.typ), ("cty", &extra.cty)] {
        if let Some(v) = value {
            header.insert(name.into(), v.clone().into());
        }
    }
    let fail = |m: &str| JweError::Failed(m.to_string());
    let random_cek = || crypto::random(enc.key_len()).map_err(fail);
    let (cek, encrypted_key) = match &key.material {
        Material::RsaPrivate(_) | Material::RsaPublic(_) => {
            let public: PublicEncryptingKey = match &key.material {
                Material::RsaPrivate(k) => k.public_key(),
                Material::RsaPublic(k) => k.clone(),
                _ => unreachable!("matched above"),
            };
            let oaep = alg.oaep().ok_or_else(|| fail("not an RSA algorithm"))?;
            let public =
                OaepPublicEncryptingKey::new(public).map_err(|_| fail("unusable RSA key"))?;
            let cek = random_cek()?;
            let mut out = vec![0; public.ciphertext_size()];
            let len = public
                .encrypt(oaep, &cek, &mut out, None)
                .map_err(|_| fail("RSA-OAEP encryption failed"))?
                .len();
            out.truncate(len);
            (cek, out)
        }
        Material::EcPrivate(..) | Material::EcPublic(..) => {
            let (curve, peer) = match &key.material {
                Material::EcPrivate(k, c) => (
                    *c,
                    k.compute_public_key()
                        .map_err(|_| fail("unusable EC key"))?
                        .as_ref()
                        .to_vec(),
                ),
                Material::EcPublic(p, c) => (*c, p.clone()),
                _ => unreachable!("matched above"),
            };
            let ephemeral = PrivateKey::generate(key::ecdh_alg(curve))
                .map_err(|_| fail("could not make an ephemeral key"))?;
            let epk = ephemeral
                .compute_public_key()
                .map_err(|_| fail("could not make an ephemeral key"))?;
            let len = curve.coordinate_len();
            let point = epk.as_ref();
            let mut jwk = Map::new();
            jwk.insert("kty".into(), "EC".into());
            jwk.insert("crv".into(), curve.name().into());
            jwk.insert("x".into(), B64.encode(&point[1..=len]).into());
            jwk.insert("y".into(), B64.encode(&point[1 + len..]).into());
            header.insert("epk".into(), Value::Object(jwk));
            let z = agreement::agree(
                &ephemeral,
                UnparsedPublicKey::new(key::ecdh_alg(curve), peer),
                (),
                |z| Ok(z.to_vec()),
            )
            .map_err(|()| fail("the public key is not a point on its curve"))?;
            match alg.kw_len() {
                None => (
                    crypto::concat_kdf(&z, enc.name(), &[], &[], enc.key_len()).map_err(fail)?,
                    Vec::new(),
                ),
                Some(kw) => {
                    let kek = crypto::concat_kdf(&z, alg.name(), &[], &[], kw).map_err(fail)?;
                    let cek = random_cek()?;
                    let wrapped = crypto::wrap(&kek, &cek).map_err(fail)?;
                    (cek, wrapped)
                }
            }
        }
        Material::Oct(k) if alg == KeyAlg::Dir => {
            if k.len() != enc.key_len() {
                return Err(JweError::WrongKey(format!(
                    "with alg dir the key is the content key: {} needs {} bytes, {} has {}",
                    enc.name(),
                    enc.key_len(),
                    key.named(),
                    k.len()
                )));
            }
            (k.clone(), Vec::new())
        }
        Material::Oct(k) => {
            let cek = random_cek()?;
            let wrapped = crypto::wrap(k, &cek).map_err(fail)?;
            (cek, wrapped)
        }
    };
    let mut cek = cek;
    let protected = B64.encode(Value::Object(header).to_string());
    let sealed = crypto::seal(enc, &cek, protected.as_bytes(), plaintext).map_err(fail);
    cek.fill(0);
    let (iv, ciphertext, tag) = sealed?;
    Ok(format!(
        "{protected}.{}.{}.{}.{}",
        B64.encode(encrypted_key),
        B64.encode(iv),
        B64.encode(ciphertext),
        B64.encode(tag)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oct(bytes: &[u8]) -> JweKey {
        let jwk = format!(r#"{{"kty":"oct","k":"{}"}}"#, B64.encode(bytes));
        read_keys(jwk.as_bytes()).unwrap().pop().unwrap()
    }

    fn generated(alg: &'static agreement::Algorithm, curve: Curve) -> JweKey {
        let k = PrivateKey::generate(alg).unwrap();
        let mut keys = read_keys(b"{\"kty\":\"oct\",\"k\":\"AA\"}").unwrap();
        keys[0].material = Material::EcPrivate(k, curve);
        keys.pop().unwrap()
    }

    #[test]
    fn symmetric_and_ec_round_trips() {
        let cases: Vec<(JweKey, KeyAlg)> = vec![
            (oct(&[7; 16]), KeyAlg::A128Kw),
            (oct(&[7; 24]), KeyAlg::A192Kw),
            (oct(&[7; 32]), KeyAlg::A256Kw),
            (
                generated(&agreement::ECDH_P256, Curve::P256),
                KeyAlg::EcdhEs,
            ),
            (
                generated(&agreement::ECDH_P384, Curve::P384),
                KeyAlg::EcdhEsA192Kw,
            ),
            (
                generated(&agreement::ECDH_P521, Curve::P521),
                KeyAlg::EcdhEsA256Kw,
            ),
        ];
        for (key, alg) in &cases {
            for enc in Enc::ALL {
                let token = encrypt(b"{\"sub\":\"a\"}", key, *alg, enc, &Extra::default()).unwrap();
                let opened = decrypt(&token, std::slice::from_ref(key)).unwrap();
                assert_eq!(opened.plaintext, b"{\"sub\":\"a\"}", "{alg} {enc}");
            }
        }
    }

    #[test]
    fn dir_needs_the_content_key_length() {
        let key = oct(&[1; 32]);
        let token = encrypt(
            b"x",
            &key,
            KeyAlg::Dir,
            Enc::A128CbcHs256,
            &Extra::default(),
        )
        .unwrap();
        assert_eq!(decrypt(&token, &[key]).unwrap().plaintext, b"x");
        let key = oct(&[1; 32]);
        assert!(matches!(
            encrypt(b"x", &key, KeyAlg::Dir, Enc::A128Gcm, &Extra::default()),
            Err(JweError::WrongKey(_))
        ));
    }

    #[test]
    fn wrong_key_and_damage_are_errors() {
        let key = oct(&[7; 16]);
        let token = encrypt(
            b"secret",
            &key,
            KeyAlg::A128Kw,
            Enc::A128Gcm,
            &Extra::default(),
        )
        .unwrap();
        assert!(matches!(
            decrypt(&token, &[oct(&[8; 16])]),
            Err(JweError::Failed(_))
        ));
        assert!(matches!(
            decrypt(&token, &[oct(&[8; 32])]),
            Err(JweError::WrongKey(_))
        ));
        let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
        parts[3] = B64.encode(b"changed!");
        assert!(decrypt(&parts.join("."), &[oct(&[7; 16])]).is_err());
        assert!(decrypt(&token[..token.len() - 4], &[oct(&[7; 16])]).is_err());
        assert!(matches!(
            decrypt("a.b.c", &[key]),
            Err(JweError::Malformed(_))
        ));
    }

    #[test]
    fn a_jwks_keeps_the_keys_for_encryption() {
        let keys = read_keys(
            br#"{"keys":[{"kty":"oct","k":"AAAA","use":"sig"},{"kty":"OKP","crv":"Ed25519","x":"AA"},{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","kid":"e"}]}"#,
        )
        .unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].kid.as_deref(), Some("e"));
        let err = read_keys(br#"{"keys":[{"kty":"oct","k":"AAAA","use":"sig"}]}"#).unwrap_err();
        assert!(err.contains("not \"enc\""), "{err}");
        assert!(format!("{:?}", keys[0]).contains("128-bit symmetric key"));
        assert!(!format!("{:?}", keys[0]).contains("AAAA"));
    }

    #[test]
    fn compression_and_crit_are_refused() {
        let key = oct(&[7; 16]);
        for header in [
            r#"{"alg":"A128KW","enc":"A128GCM","zip":"DEF"}"#,
            r#"{"alg":"A128KW","enc":"A128GCM","crit":["x"],"x":1}"#,
        ] {
            let token = format!("{}.AAAA.AAAA.AAAA.AAAA", B64.encode(header));
            assert!(matches!(
                decrypt(&token, std::slice::from_ref(&key)),
                Err(JweError::Unsupported(_))
            ));
        }
    }
}
