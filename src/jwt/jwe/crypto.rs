//! The JWE primitives of RFC 7518 put together from aws-lc-rs (AES-GCM, AES-CBC, HMAC, AES key
//! wrap, ECDH, the SP 800-56C single-step KDF that JWA calls Concat KDF) and, for the one key
//! wrap size aws-lc-rs lacks (AES-192), RustCrypto's `aes-kw`. Nothing here is home-made
//! cryptography: this file only lays bytes out the way JWA says. Errors carry no key material.

use aws_lc_rs::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::cipher::{
    self, DecryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey, UnboundCipherKey,
};
use aws_lc_rs::constant_time;
use aws_lc_rs::hmac;
use aws_lc_rs::kdf::{SskdfDigestAlgorithmId, get_sskdf_digest_algorithm, sskdf_digest};
use aws_lc_rs::key_wrap::{AES_128, AES_256, KeyEncryptionKey, KeyWrap as _};
use aws_lc_rs::rand::{SecureRandom as _, SystemRandom};

use super::Enc;

/// Random bytes from the system generator.
pub fn random(len: usize) -> Result<Vec<u8>, &'static str> {
    let mut out = vec![0; len];
    SystemRandom::new()
        .fill(&mut out)
        .map_err(|_| "the system random generator failed")?;
    Ok(out)
}

/// Content decryption (RFC 7518 §5): checks the tag over `aad`, `iv` and `ciphertext` first,
/// then decrypts. `Err` is the same for a wrong key and a damaged token: the tag did not match.
pub fn open(
    enc: Enc,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>, &'static str> {
    if cek.len() != enc.key_len() {
        return Err("the content key has the wrong length for the enc");
    }
    match enc.gcm() {
        Some(alg) => {
            if iv.len() != 12 || tag.len() != 16 {
                return Err("AES-GCM needs a 12-byte IV and a 16-byte tag");
            }
            let key =
                LessSafeKey::new(UnboundKey::new(alg, cek).map_err(|_| "unusable content key")?);
            let nonce = Nonce::try_assume_unique_for_key(iv).map_err(|_| "bad IV")?;
            let mut in_out = Vec::with_capacity(ciphertext.len() + tag.len());
            in_out.extend_from_slice(ciphertext);
            in_out.extend_from_slice(tag);
            let plain = key
                .open_in_place(nonce, Aad::from(aad), &mut in_out)
                .map_err(|_| "the authentication tag does not match")?;
            let len = plain.len();
            in_out.truncate(len);
            Ok(in_out)
        }
        None => {
            let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
            if iv.len() != 16 || tag.len() != mac_key.len() {
                return Err("AES-CBC-HMAC needs a 16-byte IV and a tag half the key's length");
            }
            let expected = cbc_tag(enc, mac_key, aad, iv, ciphertext);
            constant_time::verify_slices_are_equal(&expected, tag)
                .map_err(|_| "the authentication tag does not match")?;
            let key = PaddedBlockDecryptingKey::cbc_pkcs7(
                UnboundCipherKey::new(enc.cbc().ok_or("no cipher")?, enc_key)
                    .map_err(|_| "unusable content key")?,
            )
            .map_err(|_| "unusable content key")?;
            let iv: [u8; 16] = iv.try_into().map_err(|_| "bad IV")?;
            let mut in_out = ciphertext.to_vec();
            let plain = key
                .decrypt(
                    &mut in_out,
                    DecryptionContext::Iv128(aws_lc_rs::iv::FixedLength::from(iv)),
                )
                .map_err(|_| "the ciphertext does not decrypt (bad padding)")?;
            let len = plain.len();
            in_out.truncate(len);
            Ok(in_out)
        }
    }
}

/// Content encryption: `(iv, ciphertext, tag)`.
pub type Sealed = (Vec<u8>, Vec<u8>, Vec<u8>);

pub fn seal(enc: Enc, cek: &[u8], aad: &[u8], plaintext: &[u8]) -> Result<Sealed, &'static str> {
    match enc.gcm() {
        Some(alg) => {
            let iv = random(12)?;
            let key =
                LessSafeKey::new(UnboundKey::new(alg, cek).map_err(|_| "unusable content key")?);
            let nonce = Nonce::try_assume_unique_for_key(&iv).map_err(|_| "bad IV")?;
            let mut in_out = plaintext.to_vec();
            let tag = key
                .seal_in_place_separate_tag(nonce, Aad::from(aad), &mut in_out)
                .map_err(|_| "AES-GCM encryption failed")?;
            Ok((iv, in_out, tag.as_ref().to_vec()))
        }
        None => {
            let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
            let key = PaddedBlockEncryptingKey::cbc_pkcs7(
                UnboundCipherKey::new(enc.cbc().ok_or("no cipher")?, enc_key)
                    .map_err(|_| "unusable content key")?,
            )
            .map_err(|_| "unusable content key")?;
            let mut in_out = plaintext.to_vec();
            // aws-lc-rs draws the IV and hands it back.
            let context = key
                .encrypt(&mut in_out)
                .map_err(|_| "AES-CBC encryption failed")?;
            let iv: &[u8] = (&context).try_into().map_err(|_| "no IV")?;
            let iv = iv.to_vec();
            let tag = cbc_tag(enc, mac_key, aad, &iv, &in_out);
            Ok((iv, in_out, tag))
        }
    }
}

/// RFC 7518 §5.2.2.1: the first half of HMAC(MAC_KEY, A || IV || E || AL).
fn cbc_tag(enc: Enc, mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let alg = match enc {
        Enc::A128CbcHs256 => hmac::HMAC_SHA256,
        Enc::A192CbcHs384 => hmac::HMAC_SHA384,
        _ => hmac::HMAC_SHA512,
    };
    let key = hmac::Key::new(alg, mac_key);
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(aad);
    ctx.update(iv);
    ctx.update(ciphertext);
    ctx.update(&((aad.len() as u64) * 8).to_be_bytes());
    let full = ctx.sign();
    full.as_ref()[..mac_key.len()].to_vec()
}

/// AES key wrap (RFC 3394) with a 16-, 24- or 32-byte key-encryption key.
pub fn wrap(kek: &[u8], cek: &[u8]) -> Result<Vec<u8>, &'static str> {
    let mut out = vec![0; cek.len() + 8];
    match kek.len() {
        16 | 32 => {
            let cipher = if kek.len() == 16 { &AES_128 } else { &AES_256 };
            let key = KeyEncryptionKey::new(cipher, kek).map_err(|_| "unusable wrapping key")?;
            let len = key
                .wrap(cek, &mut out)
                .map_err(|_| "key wrap failed")?
                .len();
            out.truncate(len);
            Ok(out)
        }
        24 => {
            let key = aes_kw::KekAes192::try_from(kek).map_err(|_| "unusable wrapping key")?;
            key.wrap_vec(cek).map_err(|_| "key wrap failed")
        }
        _ => Err("an AES key wrap key is 16, 24 or 32 bytes"),
    }
}

/// AES key unwrap; `Err` when the integrity check fails (a wrong key or a damaged token).
pub fn unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Vec<u8>, &'static str> {
    const FAILED: &str = "the key does not unwrap the content key (integrity check failed)";
    if wrapped.len() < 24 || !wrapped.len().is_multiple_of(8) {
        return Err("the wrapped content key has the wrong length");
    }
    match kek.len() {
        16 | 32 => {
            let cipher = if kek.len() == 16 { &AES_128 } else { &AES_256 };
            let key = KeyEncryptionKey::new(cipher, kek).map_err(|_| "unusable wrapping key")?;
            let mut out = vec![0; wrapped.len()];
            let len = key.unwrap(wrapped, &mut out).map_err(|_| FAILED)?.len();
            out.truncate(len);
            Ok(out)
        }
        24 => {
            let key = aes_kw::KekAes192::try_from(kek).map_err(|_| "unusable wrapping key")?;
            key.unwrap_vec(wrapped).map_err(|_| FAILED)
        }
        _ => Err("an AES key wrap key is 16, 24 or 32 bytes"),
    }
}

/// JWA's Concat KDF (RFC 7518 §4.6.2), which is SP 800-56C's single-step KDF with SHA-256:
/// `keydatalen` bytes from the shared secret `z` and OtherInfo built from the header.
pub fn concat_kdf(
    z: &[u8],
    algorithm_id: &str,
    apu: &[u8],
    apv: &[u8],
    len: usize,
) -> Result<Vec<u8>, &'static str> {
    let mut info = Vec::with_capacity(16 + algorithm_id.len() + apu.len() + apv.len());
    for part in [algorithm_id.as_bytes(), apu, apv] {
        let n = u32::try_from(part.len()).map_err(|_| "apu/apv too long")?;
        info.extend_from_slice(&n.to_be_bytes());
        info.extend_from_slice(part);
    }
    let bits = u32::try_from(len * 8).map_err(|_| "key too long")?;
    info.extend_from_slice(&bits.to_be_bytes());
    let alg = get_sskdf_digest_algorithm(SskdfDigestAlgorithmId::Sha256).ok_or("no SHA-256")?;
    let mut out = vec![0; len];
    sskdf_digest(alg, z, &info, &mut out).map_err(|_| "key derivation failed")?;
    Ok(out)
}

impl Enc {
    fn gcm(self) -> Option<&'static aead::Algorithm> {
        Some(match self {
            Enc::A128Gcm => &aead::AES_128_GCM,
            Enc::A192Gcm => &aead::AES_192_GCM,
            Enc::A256Gcm => &aead::AES_256_GCM,
            _ => return None,
        })
    }

    fn cbc(self) -> Option<&'static cipher::Algorithm> {
        Some(match self {
            Enc::A128CbcHs256 => &cipher::AES_128,
            Enc::A192CbcHs384 => &cipher::AES_192,
            Enc::A256CbcHs512 => &cipher::AES_256,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3394_wraps_with_each_size() {
        // RFC 3394 §4.1, §4.3 and §4.5 (128-bit key data under 128-, 192- and 256-bit KEKs).
        let data = hex("00112233445566778899AABBCCDDEEFF");
        for (kek, expected) in [
            (
                "000102030405060708090A0B0C0D0E0F",
                "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5",
            ),
            (
                "000102030405060708090A0B0C0D0E0F1011121314151617",
                "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D",
            ),
            (
                "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
                "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7",
            ),
        ] {
            let wrapped = wrap(&hex(kek), &data).unwrap();
            assert_eq!(wrapped, hex(expected));
            assert_eq!(unwrap(&hex(kek), &wrapped).unwrap(), data);
        }
    }

    #[test]
    fn concat_kdf_matches_rfc7518_appendix_c() {
        // RFC 7518 Appendix C: ECDH-ES with A128GCM, apu "Alice", apv "Bob".
        let z = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49,
            110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ];
        let key = concat_kdf(&z, "A128GCM", b"Alice", b"Bob", 16).unwrap();
        assert_eq!(
            key,
            [
                86, 170, 141, 234, 248, 35, 109, 32, 92, 34, 40, 205, 113, 167, 16, 26
            ]
        );
    }

    #[test]
    fn cbc_hmac_matches_rfc7518_appendix_b1() {
        // RFC 7518 Appendix B.1, AES_128_CBC_HMAC_SHA_256: the tag over A, IV and E.
        let key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        let iv = hex("1af38c2dc2b96ffdd86694092341bc04");
        let aad = hex(
            "546865207365636f6e64207072696e6369706c65206f66204175677573746520\
             4b6572636b686f666673",
        );
        let e = hex(
            "c80edfa32ddf39d5ef00c0b468834279a2e46a1b8049f792f76bfe54b903a9c9\
             a94ac9b47ad2655c5f10f9aef71427e2fc6f9b3f399a221489f16362c7032336\
             09d45ac69864e3321cf82935ac4096c86e133314c54019e8ca7980dfa4b9cf1b\
             384c486f3a54c51078158ee5d79de59fbd34d848b3d69550a67646344427ade5\
             4b8851ffb598f7f80074b9473c82e2db",
        );
        let t = hex("652c3fa36b0a7c5b3219fab3a30bc1c4");
        let (mac_key, _) = key.split_at(16);
        assert_eq!(cbc_tag(Enc::A128CbcHs256, mac_key, &aad, &iv, &e), t);
        let plain = open(Enc::A128CbcHs256, &key, &iv, &aad, &e, &t).unwrap();
        assert!(plain.starts_with(b"A cipher system must not be required to be secret"));
        let mut bad = t.clone();
        bad[0] ^= 1;
        assert!(open(Enc::A128CbcHs256, &key, &iv, &aad, &e, &bad).is_err());
    }

    #[test]
    fn every_enc_round_trips() {
        for enc in Enc::ALL {
            let cek = random(enc.key_len()).unwrap();
            let (iv, c, t) = seal(enc, &cek, b"aad", b"hello").unwrap();
            assert_eq!(open(enc, &cek, &iv, b"aad", &c, &t).unwrap(), b"hello");
            assert!(open(enc, &cek, &iv, b"aaD", &c, &t).is_err(), "{enc:?}");
        }
    }

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }
}
