//! The entry points of the fuzz targets (fuzz/fuzz_targets/*.rs), through oidctl's library.
//! tests/fuzz_corpus.rs compiles this file too (`#[path]`), so the normal test suite runs every
//! committed corpus file through the very same code. Each takes arbitrary bytes, must never
//! panic, and asserts what must hold whatever the input: what oidctl accepts really passed its
//! checks, and text it would print carries no terminal escape.

use std::sync::OnceLock;

use oidctl::jwt::keys::{KeySet, VerifyingKey};
use oidctl::jwt::token::{self, Token};
use oidctl::jwt::verify::{IssuerRule, Policy};

/// A fixed key set: the committed fixture JWKS (every algorithm) and an HMAC secret.
fn keys() -> &'static KeySet {
    static KEYS: OnceLock<KeySet> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut set = KeySet::from_json(include_str!("../../tests/fixtures/keys/jwks.json"))
            .expect("the fixture JWKS");
        set.keys.push(VerifyingKey::secret(b"fuzz-secret".to_vec()));
        set
    })
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Shown text never carries a control character or a bidi override.
fn assert_printable(shown: &str) {
    assert!(
        !shown
            .chars()
            .any(|c| c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
        "sanitize let through {shown:?}"
    );
}

/// `decode`: splitting a token, its header and claims, and the sanitised view of them.
pub fn decode(data: &[u8]) {
    let input = text(data);
    match token::parse(&input) {
        Ok(Token::Jws(jws)) => {
            assert!(jws.signing_input.len() <= token::MAX_TOKEN_BYTES);
            assert_printable(&oidctl::output::sanitize(&jws.header_json));
            if let Ok(claims) = std::str::from_utf8(&jws.payload)
                && let Ok(exact) = oidctl::jwt::json::Exact::parse(claims)
            {
                let compact = exact.to_compact();
                // Exact JSON survives a round trip.
                let again = oidctl::jwt::json::Exact::parse(&compact).expect("re-parse");
                assert_eq!(again.to_compact(), compact);
                if let Some(map) = exact.as_object() {
                    for (name, value) in map {
                        if let Some(note) = oidctl::jwt::annotate::note(name, value, map) {
                            assert_printable(&oidctl::output::sanitize(&note));
                        }
                    }
                }
                assert_printable(&oidctl::output::sanitize(&exact.to_pretty()));
            }
        }
        Ok(Token::Jwe(jwe)) => assert_printable(&oidctl::output::sanitize(&jwe.header_json)),
        Err(e) => assert_printable(&oidctl::output::sanitize(&e.to_string())),
    }
}

/// `verify` with a fixed key set: a token accepted here must have a supported, non-`none`
/// algorithm whose family fits the key that verified it.
pub fn verify(data: &[u8]) {
    let input = text(data);
    let mut policy = Policy::at(1_800_000_000);
    policy.leeway = 0;
    for with_rules in [false, true] {
        if with_rules {
            policy.audiences = vec!["api://oidctl-tests".into()];
            policy.issuer = Some(IssuerRule::new(
                "https://login.microsoftonline.com/{tenantid}/v2.0",
            ));
        }
        match oidctl::jwt::verify::verify(&input, keys(), &policy) {
            Ok(v) => {
                assert!(
                    v.key.refuses(v.alg).is_none(),
                    "{:?} with {}",
                    v.alg,
                    v.key.label()
                );
                let jws = token::parse_jws(&input).expect("an accepted token parses");
                assert_eq!(jws.alg, v.alg.name());
            }
            Err(f) => assert_printable(&oidctl::output::sanitize(&f.to_string())),
        }
    }
}

/// `--key FILE` / `--jwks-uri`: a JWK, a JWKS, a PEM key or certificate.
pub fn jwks(data: &[u8]) {
    if let Ok(set) = KeySet::from_bytes(data) {
        for key in &set.keys {
            let _ = key.label();
        }
    }
    let _ = KeySet::from_json(&text(data));
}

/// A `sign --key` / `jwk` key file (PEM private or public key, certificate, JWK, JWKS): a key
/// that is read writes back as PEM and JWK that read as the same key, and a private key's
/// signature verifies with its public part.
pub fn signing_keys(data: &[u8]) {
    use oidctl::jwt::jwk::{self, AnyKey};
    let Ok(keys) = jwk::read_all(data) else {
        return;
    };
    for key in keys {
        let public = match &key {
            AnyKey::Private(k) => {
                let jwk = k.to_jwk().expect("a private key writes as a JWK");
                match jwk::read(jwk.to_string().as_bytes()) {
                    Ok(AnyKey::Private(again)) => {
                        assert_eq!(again.public().to_pem(), k.public().to_pem())
                    }
                    other => panic!("a private JWK reads back as {other:?}"),
                }
                let alg = k.default_alg();
                let sig = k
                    .sign(alg, b"input")
                    .expect("the key signs its own algorithm");
                let set = KeySet::from_json(&k.public().to_jwk().to_string())
                    .expect("the public JWK is usable");
                assert!(set.keys[0].verify(alg, b"input", &sig).is_ok());
                k.public()
            }
            AnyKey::Public(k) => k.clone(),
            AnyKey::Secret(_) => continue,
        };
        for text in [public.to_pem(), public.to_jwk().to_string()] {
            match jwk::read(text.as_bytes()) {
                Ok(AnyKey::Public(again)) => assert_eq!(again.thumbprint(), public.thumbprint()),
                other => panic!("a public key reads back as {other:?}"),
            }
        }
    }
}

/// A discovery document: parsed, turned into the endpoints oidctl would use, and audited.
pub fn discovery(data: &[u8]) {
    let from =
        url::Url::parse("https://op.example/.well-known/openid-configuration").expect("a URL");
    let Ok(fields) = oidctl::oidc::discovery::parse(&text(data), &from) else {
        return;
    };
    let meta = oidctl::oidc::discovery::Metadata {
        issuer: fields
            .get("issuer")
            .and_then(|v| v.as_str())
            .unwrap_or("https://op.example")
            .to_string(),
        jwks_uri: fields
            .get("jwks_uri")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        document: fields,
    };
    if let Ok(endpoints) = oidctl::oidc::endpoints::from_metadata(&meta) {
        // Every endpoint oidctl would use is https, or http on loopback.
        for url in std::iter::once(&endpoints.token).chain(endpoints.authorization.iter()) {
            assert!(
                oidctl::net::http::check_url(url, "endpoint").is_ok(),
                "{url}"
            );
        }
    }
    let _ = oidctl::oidc::audit::uses(&meta.document);
    for problem in oidctl::oidc::audit::problems(
        &meta.document,
        "https://op.example",
        oidctl::oidc::discovery::Source::OpenidConfiguration,
    ) {
        let _ = problem;
    }
}

/// A token endpoint's answer, as status (first two bytes), then the body.
pub fn token_answer(data: &[u8]) {
    let (status, body) = match data {
        [a, b, rest @ ..] => (100 + (u16::from_be_bytes([*a, *b]) % 500), rest),
        _ => (200, data),
    };
    let Ok(status) = reqwest::StatusCode::from_u16(status) else {
        return;
    };
    let url = url::Url::parse("https://op.example/token").expect("a URL");
    match oidctl::oidc::client::interpret(&url, status, Some("1"), body) {
        Ok(oidctl::oidc::client::Reply::Ok(obj)) => {
            assert!(status.is_success());
            let _ = oidctl::oidc::tokens::TokenResponse::from_json(obj, "fuzz");
        }
        Ok(oidctl::oidc::client::Reply::Err(e)) => {
            let err = e.into_error("fuzz");
            assert_printable(&oidctl::output::sanitize(&err.message));
            for cause in &err.causes {
                assert_printable(&oidctl::output::sanitize(cause));
            }
        }
        Err(err) => {
            // An answer that is neither is described, never echoed at length.
            for cause in &err.causes {
                assert!(cause.chars().count() <= 160, "{cause}");
            }
        }
    }
}

/// One request to the loopback listener, as raw bytes: a request line, then headers. Only the
/// expected path with the expected state, from a loopback Host and no foreign Origin, ends the
/// wait; every page's text is HTML-escaped.
pub fn loopback(data: &[u8]) {
    use oidctl::net::loopback::{Callback, Expected, judge};
    let input = text(data);
    let mut lines = input.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.splitn(3, ' ');
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let (mut host, mut origin) = (None, None);
    for line in lines.take_while(|l| !l.is_empty()) {
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("host") {
                host = Some(value.trim());
            } else if name.eq_ignore_ascii_case("origin") {
                origin = Some(value.trim());
            }
        }
    }
    let expected = Expected {
        path: "/callback",
        port: 4711,
        state: "fuzz-state-0123456789",
    };
    let verdict = judge(&expected, method, target, host, origin);
    let escaped = oidctl::net::html::escape(&verdict.text);
    assert!(
        !escaped.contains(['<', '>', '"', '\'']) && !escaped.chars().any(char::is_control),
        "{escaped:?}"
    );
    if let Some(outcome) = &verdict.outcome {
        assert_eq!(verdict.status, 200);
        assert_eq!(method, "GET");
        let url = url::Url::parse(&format!("http://localhost{target}")).expect("parsed before");
        assert_eq!(url.path(), "/callback");
        let state = url
            .query_pairs()
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v);
        assert_eq!(state.as_deref(), Some(expected.state));
        if let Some(h) = host {
            assert!(h.ends_with(":4711"), "{h}");
        }
        if let Callback::Code { code, .. } = outcome {
            assert!(!code.secret().is_empty());
        }
    } else {
        assert_ne!(verdict.status, 200);
    }
}

/// Fixed JWE keys: the fixture RSA recipient key, an EC P-256 key, and RFC 7520's §5.5 (EC),
/// §5.6 (dir) and §5.8 (A128KW) keys, so the committed RFC examples open.
fn jwe_keys() -> &'static [oidctl::jwt::jwe::key::JweKey] {
    static KEYS: OnceLock<Vec<oidctl::jwt::jwe::key::JweKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        [
            include_str!("../../tests/fixtures/keys/jwe.key.pem"),
            include_str!("../../tests/fixtures/keys/es256.key.pem"),
            include_str!("../../tests/fixtures/rfc/rfc7520-5.5.jwk.json"),
            include_str!("../../tests/fixtures/rfc/rfc7520-5.6.jwk.json"),
            include_str!("../../tests/fixtures/rfc/rfc7520-5.8.jwk.json"),
        ]
        .iter()
        .flat_map(|k| oidctl::jwt::jwe::read_keys(k.as_bytes()).expect("a fixture JWE key"))
        .collect()
    })
}

/// `decode`/`verify --decrypt-key`: reading a key file, and opening a JWE with fixed keys. What
/// opens must open again after oidctl encrypts the same plaintext to the same key with the same
/// algorithms, and nothing shown of it carries a terminal escape.
pub fn jwe(data: &[u8]) {
    use oidctl::jwt::jwe::{self, Extra};
    let _ = jwe::read_keys(data);
    let input = text(data);
    let keys = jwe_keys();
    if let Ok(opened) = jwe::decrypt(&input, keys) {
        assert_printable(&oidctl::output::sanitize(&String::from_utf8_lossy(
            &opened.plaintext,
        )));
        let _ = opened.is_nested();
        let key = keys
            .iter()
            .find(|k| k.named() == opened.key && opened.alg.refuses(k, opened.enc).is_none())
            .expect("the key that opened it");
        let again = jwe::encrypt(
            &opened.plaintext,
            key,
            opened.alg,
            opened.enc,
            &Extra::default(),
        )
        .expect("re-encrypt");
        let reopened = jwe::decrypt(&again, std::slice::from_ref(key)).expect("re-open");
        assert_eq!(reopened.plaintext, opened.plaintext);
    }
}
