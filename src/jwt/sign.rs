//! Signing compact JWS with a private key held in memory: RS256, PS256 (RSA) and ES256 (P-256).
//! Used for private_key_jwt client assertions and by `oidctl serve` for the tokens it issues.
//! The signatures are aws-lc-rs's; nothing here is home-made cryptography. No I/O.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, EcdsaKeyPair, RsaKeyPair};
use base64::Engine as _;
use serde_json::Value;

use super::token::B64;

/// A private key that signs JWS.
pub enum SigningKey {
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
}

/// The algorithms oidctl signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningAlg {
    Rs256,
    Ps256,
    Es256,
}

impl SigningAlg {
    pub fn name(self) -> &'static str {
        match self {
            SigningAlg::Rs256 => "RS256",
            SigningAlg::Ps256 => "PS256",
            SigningAlg::Es256 => "ES256",
        }
    }

    /// Whether `key` can sign with this algorithm.
    pub fn fits(self, key: &SigningKey) -> bool {
        matches!(
            (self, key),
            (SigningAlg::Rs256 | SigningAlg::Ps256, SigningKey::Rsa(_))
                | (SigningAlg::Es256, SigningKey::Ec(_))
        )
    }
}

impl SigningKey {
    /// `BASE64URL(header).BASE64URL(claims).BASE64URL(signature)`; `None` when the algorithm
    /// does not fit the key or the signature fails.
    pub fn compact(&self, alg: SigningAlg, header: &Value, claims: &Value) -> Option<String> {
        let input = format!(
            "{}.{}",
            B64.encode(header.to_string()),
            B64.encode(claims.to_string())
        );
        let sig = self.sign(alg, input.as_bytes())?;
        Some(format!("{input}.{}", B64.encode(sig)))
    }

    fn sign(&self, alg: SigningAlg, input: &[u8]) -> Option<Vec<u8>> {
        let rng = SystemRandom::new();
        match (self, alg) {
            // The FIXED signing algorithm gives JWS's raw R||S (RFC 7518 §3.4).
            (SigningKey::Ec(pair), SigningAlg::Es256) => {
                pair.sign(&rng, input).ok().map(|s| s.as_ref().to_vec())
            }
            (SigningKey::Rsa(pair), SigningAlg::Rs256 | SigningAlg::Ps256) => {
                let padding: &dyn signature::RsaEncoding = if alg == SigningAlg::Ps256 {
                    &signature::RSA_PSS_SHA256
                } else {
                    &signature::RSA_PKCS1_SHA256
                };
                let mut sig = vec![0; pair.public_modulus_len()];
                pair.sign(padding, &rng, input, &mut sig).ok()?;
                Some(sig)
            }
            _ => None,
        }
    }
}
