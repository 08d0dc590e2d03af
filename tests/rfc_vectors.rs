//! The published JWS examples (tests/fixtures/rfc/, transcribed and checked with jwcrypto):
//! every one verifies with its key, and fails once its signature is altered. Their payloads are
//! not all claims sets (RFC 7520 signs a quotation), so only header rules and signatures are
//! checked here; tests/cli/verify.rs runs RFC 7515 A.1-A.3 through the whole CLI.

use oidctl::jwt::keys::{Alg, KeySet};
use oidctl::jwt::verify::verify_signature_only;

fn vector(name: &str) -> (String, KeySet) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rfc");
    let token = std::fs::read_to_string(dir.join(format!("{name}.jwt"))).unwrap();
    let key = std::fs::read(dir.join(format!("{name}.jwk.json"))).unwrap();
    (token.trim().to_string(), KeySet::from_bytes(&key).unwrap())
}

#[test]
fn published_examples_verify() {
    for (name, alg) in [
        ("rfc7515-a1", Alg::HS256),
        ("rfc7515-a2", Alg::RS256),
        ("rfc7515-a3", Alg::ES256),
        ("rfc7515-a4", Alg::ES512),
        ("rfc8037-a4", Alg::EdDSA),
        ("rfc7520-4.1", Alg::RS256),
        ("rfc7520-4.2", Alg::PS384),
        ("rfc7520-4.3", Alg::ES512),
        ("rfc7520-4.4", Alg::HS256),
    ] {
        let (token, keys) = vector(name);
        let (got, _) =
            verify_signature_only(&token, &keys).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, alg, "{name}");

        // Flip one bit of the signature's first byte: must fail.
        let (input, sig) = token.rsplit_once('.').unwrap();
        let mut bytes = sig.as_bytes().to_vec();
        bytes[0] = if bytes[0] == b'A' { b'B' } else { b'A' };
        let altered = format!("{input}.{}", String::from_utf8(bytes).unwrap());
        assert!(
            verify_signature_only(&altered, &keys).is_err(),
            "{name} altered"
        );
    }
}
