//! Criterion benchmarks: decoding, verification per algorithm, and a raw aws-lc-rs RS256
//! baseline (what one core's crypto can do, without any JWT work). See BENCHMARKS.md.
//!
//! `cargo bench --bench jwt` (add `-- --warm-up-time 1 --measurement-time 3` for a quicker run).

use std::hint::black_box;

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use base64::Engine as _;
use criterion::{Criterion, criterion_group, criterion_main};
use oidctl::jwt::json::Exact;
use oidctl::jwt::keys::{KeySet, VerifyingKey};
use oidctl::jwt::token::{self, B64, Token};
use oidctl::jwt::verify::{self, Policy};

macro_rules! fixture {
    ($($part:literal),+) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", $($part),+))
    };
}

macro_rules! token {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/tokens/",
            $name,
            ".jwt"
        ))
    };
}

/// (alg, tokens/NAME.jwt, keys/NAME.EXT): the HS keys are `.secret` files, the rest `.pub.pem`.
macro_rules! case {
    ($alg:literal, $name:literal, $ext:literal) => {
        ($alg, token!($name), fixture!("keys/", $name, $ext) as &[u8])
    };
}

/// 2030-01-01T00:00:00Z: inside every fixture token's validity (nbf 2025, exp 2100).
const NOW: i64 = 1_893_456_000;

const CASES: [(&str, &str, &[u8]); 13] = [
    case!("HS256", "hs256", ".secret"),
    case!("HS384", "hs384", ".secret"),
    case!("HS512", "hs512", ".secret"),
    case!("RS256", "rs256", ".pub.pem"),
    case!("RS384", "rs384", ".pub.pem"),
    case!("RS512", "rs512", ".pub.pem"),
    case!("PS256", "ps256", ".pub.pem"),
    case!("PS384", "ps384", ".pub.pem"),
    case!("PS512", "ps512", ".pub.pem"),
    case!("ES256", "es256", ".pub.pem"),
    case!("ES384", "es384", ".pub.pem"),
    case!("ES512", "es512", ".pub.pem"),
    case!("EdDSA", "eddsa", ".pub.pem"),
];

/// What `oidctl decode --format json` does before printing: split, base64url-decode, parse the
/// header, then the payload as exact JSON.
fn decode(text: &str) -> Exact {
    let Ok(Token::Jws(jws)) = token::parse(text) else {
        panic!("fixture is not a JWS")
    };
    let payload = std::str::from_utf8(&jws.payload).expect("UTF-8 payload");
    Exact::parse(payload).expect("JSON payload")
}

fn bench_decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    for (name, text) in [("rs256", token!("rs256")), ("entra-v2", token!("entra-v2"))] {
        group.bench_function(name, |b| b.iter(|| decode(black_box(text))));
    }
    group.finish();
}

fn bench_verify(c: &mut Criterion) {
    let policy = Policy::at(NOW);
    let mut group = c.benchmark_group("verify");
    for (alg, text, key) in CASES {
        let keys = if alg.starts_with("HS") {
            KeySet::single(VerifyingKey::secret(key.to_vec()))
        } else {
            KeySet::from_bytes(key).expect("fixture key")
        };
        // Checked once outside the timing, which also fills the key's parse cache as the first
        // token of a batch does.
        let verified = verify::verify(text, &keys, &policy).expect("fixture verifies");
        assert_eq!(verified.alg.name(), alg);
        group.bench_function(alg, |b| {
            b.iter(|| verify::verify(black_box(text), &keys, &policy).is_ok())
        });
    }
    group.finish();
}

/// The floor for RS256: aws-lc-rs alone, key already parsed, signature already decoded.
fn bench_raw(c: &mut Criterion) {
    let text = token!("rs256");
    let (signing_input, sig) = text.rsplit_once('.').expect("compact JWS");
    let sig = B64.decode(sig).expect("base64url signature");
    let pem = pem::parse(fixture!("keys/rs256.pub.pem")).expect("PEM");
    let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, pem.contents()).expect("RSA key");
    key.verify_sig(signing_input.as_bytes(), &sig)
        .expect("fixture signature verifies");
    // Reported as raw/RS256; scripts/bench.sh reads its median as the single-core crypto rate.
    c.benchmark_group("raw").bench_function("RS256", |b| {
        b.iter(|| {
            key.verify_sig(black_box(signing_input.as_bytes()), black_box(&sig))
                .is_ok()
        })
    });
}

criterion_group!(benches, bench_decode, bench_verify, bench_raw);
criterion_main!(benches);
