//! Property tests: decoding and verifying arbitrary input never panics, and what oidctl
//! encodes it decodes back. (Fuzzing proper, with cargo-fuzz, belongs to the hardening work.)

use base64::Engine as _;
use oidctl::jwt::json::Exact;
use oidctl::jwt::keys::{KeySet, VerifyingKey};
use oidctl::jwt::token;
use oidctl::jwt::verify::{Policy, verify};
use proptest::prelude::*;

fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

fn keys() -> KeySet {
    let jwks = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/keys/jwks.json"
    ))
    .unwrap();
    let mut set = KeySet::from_bytes(&jwks).unwrap();
    set.keys.push(VerifyingKey::secret(b"secret".to_vec()));
    set
}

/// Parts that look like a JWT's: base64url of JSON-ish bytes, or random text.
fn part() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<Vec<u8>>().prop_map(|b| b64(&b)),
        "\\PC{0,40}",
        prop::sample::select(vec![
            r#"{"alg":"RS256","kid":"rs256"}"#,
            r#"{"alg":"ES512","kid":"es512"}"#,
            r#"{"alg":"HS256"}"#,
            r#"{"alg":"none"}"#,
            r#"{"alg":"EdDSA","crit":[]}"#,
            r#"{"exp":"x","nbf":1e999,"iat":-1,"aud":[1,{}],"iss":5}"#,
            r#"{"exp":1e308,"tid":"{tenantid}"}"#,
            "[]",
            "null",
        ])
        .prop_map(|s| b64(s.as_bytes())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_never_panics(input in "\\PC*") {
        let _ = token::parse(&input);
    }

    #[test]
    fn bytes_never_panic(input in any::<Vec<u8>>()) {
        let text = String::from_utf8_lossy(&input);
        let _ = token::parse(&text);
        let _ = KeySet::from_bytes(&input);
        let _ = Exact::parse(&text);
    }

    #[test]
    fn jwt_shaped_input_never_panics(parts in prop::collection::vec(part(), 1..6)) {
        let token = parts.join(".");
        let _ = token::parse(&token);
        let keys = keys();
        let mut policy = Policy::at(1_800_000_000);
        policy.audiences = vec!["a".into()];
        policy.issuer = Some(oidctl::jwt::verify::IssuerRule::new("https://x/{tenantid}/v2.0"));
        let _ = verify(&token, &keys, &policy);
    }

    #[test]
    fn payloads_round_trip(sub in "\\PC{0,30}", n in any::<i64>()) {
        let claims = serde_json::json!({"sub": sub, "n": n}).to_string();
        let token = format!("{}.{}.{}", b64(br#"{"alg":"HS256"}"#), b64(claims.as_bytes()), b64(b"sig"));
        let token::Token::Jws(jws) = token::parse(&token).unwrap() else { panic!("not a JWS") };
        prop_assert_eq!(&jws.payload, claims.as_bytes());
        let exact = Exact::parse(std::str::from_utf8(&jws.payload).unwrap()).unwrap();
        prop_assert_eq!(exact.to_compact(), claims);
    }
}
