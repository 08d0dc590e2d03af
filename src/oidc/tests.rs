//! The protocol layer against an in-memory transport: what each exchange sends, and what oidctl
//! makes of each answer, with no server and no clock of the machine's.

use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use openidconnect::RefreshToken;
use serde_json::json;

use super::discovery::Jwks;
use super::tokens::{self, Connection};
use super::{ClientConfig, device};
use crate::base::error::Kind;
use crate::base::secret::Secret;
use crate::jwt::sign::SigningAlg;
use crate::jwt::verify::{Failure, Policy};
use crate::net::http::Fetcher;
use crate::net::http::memory::Scripted;

const ISSUER: &str = "https://op.example";
const DISCOVERY: &str = "https://op.example/.well-known/openid-configuration";
const TOKEN: &str = "https://op.example/token";
const DEVICE: &str = "https://op.example/device/auth";
const JWKS: &str = "https://op.example/jwks";
/// The time every test runs at.
const NOW: i64 = 1_900_000_000;

fn metadata(auth_methods: &[&str]) -> String {
    json!({
        "issuer": ISSUER,
        "authorization_endpoint": "https://op.example/authorize",
        "token_endpoint": TOKEN,
        "device_authorization_endpoint": DEVICE,
        "jwks_uri": JWKS,
        "token_endpoint_auth_methods_supported": auth_methods,
    })
    .to_string()
}

/// A provider whose discovery document lists `auth_methods`, with the other answers of
/// `script`; the fetcher caches nothing and lives at [`NOW`].
fn provider(auth_methods: &[&str], script: Scripted) -> (Arc<Scripted>, Fetcher) {
    let transport = Arc::new(script.json("GET", DISCOVERY, 200, &metadata(auth_methods)));
    let fetcher = Fetcher::new(Box::new(transport.clone()), None).with_clock(|| NOW);
    (transport, fetcher)
}

fn client(secret: Option<&str>) -> ClientConfig {
    ClientConfig {
        issuer: ISSUER.into(),
        client_id: "cli".into(),
        client_secret: secret.map(Secret::new),
        scopes: vec!["openid".into(), "offline_access".into()],
        scopes_given: true,
        ..ClientConfig::default()
    }
}

#[test]
fn the_code_exchange_sends_the_verifier_and_the_secret_by_basic_auth() {
    let (transport, fetcher) = provider(
        &["client_secret_basic", "client_secret_post"],
        Scripted::new().json(
            "POST",
            TOKEN,
            200,
            r#"{"access_token":"at1","token_type":"Bearer","expires_in":300,"refresh_token":"rt1"}"#,
        ),
    );
    let client = client(Some("s3cr:et"));
    let conn = Connection::open(&client, &fetcher).unwrap();
    let answer = tokens::exchange_code(
        &conn,
        "the-code".into(),
        "the-verifier".into(),
        "http://127.0.0.1:5000/callback",
    )
    .unwrap();
    assert_eq!(answer.access_token.secret(), "at1");
    assert_eq!(answer.refresh_token.unwrap().secret(), "rt1");
    assert_eq!(answer.expires_in, Some(300));

    let sent = transport.sent_to("POST", TOKEN);
    assert_eq!(sent.len(), 1);
    let post = &sent[0];
    assert_eq!(
        post.form("grant_type").as_deref(),
        Some("authorization_code")
    );
    assert_eq!(post.form("code").as_deref(), Some("the-code"));
    assert_eq!(post.form("code_verifier").as_deref(), Some("the-verifier"));
    assert_eq!(
        post.form("redirect_uri").as_deref(),
        Some("http://127.0.0.1:5000/callback")
    );
    // RFC 6749 §2.3.1: both parts form-encoded, then Basic; the secret is not in the form.
    let basic = base64::engine::general_purpose::STANDARD.encode("cli:s3cr%3Aet");
    assert_eq!(
        post.header("authorization"),
        Some(&*format!("Basic {basic}"))
    );
    assert_eq!(post.form("client_secret"), None);
    assert_eq!(
        post.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
}

#[test]
fn a_refresh_sends_the_refresh_token_and_reads_the_rotated_one() {
    let (transport, fetcher) = provider(
        &["none"],
        Scripted::new()
            .json(
                "POST",
                TOKEN,
                200,
                r#"{"access_token":"at2","token_type":"Bearer","refresh_token":"rt2"}"#,
            )
            .json(
                "POST",
                TOKEN,
                400,
                r#"{"error":"invalid_grant","error_description":"refresh token reused"}"#,
            ),
    );
    let client = client(None);
    let conn = Connection::open(&client, &fetcher).unwrap();
    let answer = tokens::refresh(&conn, &RefreshToken::new("rt1".into())).unwrap();
    assert_eq!(answer.access_token.secret(), "at2");
    assert_eq!(
        answer.refresh_token.unwrap().secret(),
        "rt2",
        "the rotated refresh token is handed back"
    );
    // The spent token again: the provider refuses, and that means a new sign-in.
    let err = tokens::refresh(&conn, &RefreshToken::new("rt1".into()))
        .err()
        .unwrap();
    assert_eq!(err.kind, Kind::SignInRequired);
    assert_eq!(err.causes, ["refresh token reused"]);

    let sent = transport.sent_to("POST", TOKEN);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].form("grant_type").as_deref(), Some("refresh_token"));
    assert_eq!(sent[0].form("refresh_token").as_deref(), Some("rt1"));
    // A public client names itself in the form and sends no Authorization header.
    assert_eq!(sent[0].form("client_id").as_deref(), Some("cli"));
    assert_eq!(sent[0].header("authorization"), None);
}

#[test]
fn client_credentials_post_the_secret_where_only_post_is_listed() {
    let (transport, fetcher) = provider(
        &["client_secret_post"],
        Scripted::new().json(
            "POST",
            TOKEN,
            200,
            r#"{"access_token":"svc","token_type":"Bearer","expires_in":"3599"}"#,
        ),
    );
    let client = client(Some("s3cret"));
    let conn = Connection::open(&client, &fetcher).unwrap();
    let answer = tokens::client_credentials(&conn, &["api.read".into()]).unwrap();
    assert_eq!(answer.expires_in, Some(3599), "a string number is read too");
    let post = &transport.sent_to("POST", TOKEN)[0];
    assert_eq!(
        post.form("grant_type").as_deref(),
        Some("client_credentials")
    );
    assert_eq!(post.form("scope").as_deref(), Some("api.read"));
    assert_eq!(post.form("client_secret").as_deref(), Some("s3cret"));
    assert_eq!(post.header("authorization"), None);

    // A public client cannot use the grant: refused before anything is sent.
    let public = ClientConfig {
        client_secret: None,
        ..client.clone()
    };
    let conn = Connection::open(&public, &fetcher).unwrap();
    let err = tokens::client_credentials(&conn, &[]).err().unwrap();
    assert_eq!(err.kind, Kind::Usage);
    assert_eq!(transport.sent_to("POST", TOKEN).len(), 1);
}

#[test]
fn error_bodies_keep_their_meaning_and_exit_codes() {
    let (_, fetcher) = provider(
        &["none"],
        Scripted::new()
            .json("POST", TOKEN, 400, r#"{"error":"invalid_client"}"#)
            .json("POST", TOKEN, 400, r#"{"error":"temporarily_unavailable"}"#)
            .answer(
                "POST",
                TOKEN,
                500,
                &[("content-type", "text/html")],
                b"<html><title>Internal Error</title></html>",
            )
            .answer("POST", TOKEN, 503, &[], b"")
            .answer("POST", TOKEN, 429, &[("retry-after", "30")], b"slow down")
            .json("POST", TOKEN, 200, r#"{"token_type":"Bearer"}"#),
    );
    let client = client(None);
    let conn = Connection::open(&client, &fetcher).unwrap();
    let rt = RefreshToken::new("rt".into());
    let next = || tokens::refresh(&conn, &rt).err().unwrap();
    let e = next();
    assert_eq!(e.kind, Kind::Failed);
    assert!(
        e.message.contains("invalid_client (HTTP 400)"),
        "{}",
        e.message
    );
    assert!(e.hint.unwrap().contains("client ID"));
    assert_eq!(next().kind, Kind::Unreachable);
    let e = next();
    assert_eq!(
        (e.kind, e.causes.as_slice()),
        (
            Kind::Failed,
            &["an HTML page: Internal Error".to_string()][..]
        )
    );
    assert_eq!(next().kind, Kind::Unreachable);
    let e = next();
    assert_eq!(e.kind, Kind::Unreachable);
    assert!(e.hint.unwrap().contains("Retry-After: 30"));
    let e = next();
    assert_eq!(
        e.message,
        "the refresh failed: the provider's answer has no access_token"
    );
}

#[test]
fn a_token_endpoint_that_cannot_be_reached_is_unreachable() {
    let (_, fetcher) = provider(&["none"], Scripted::new());
    let client = client(None);
    let conn = Connection::open(&client, &fetcher).unwrap();
    let err = tokens::refresh(&conn, &RefreshToken::new("rt".into()))
        .err()
        .unwrap();
    assert_eq!(err.kind, Kind::Unreachable);
}

#[test]
fn device_polling_waits_the_interval_and_slows_down_when_asked() {
    let pending = r#"{"error":"authorization_pending"}"#;
    let (transport, fetcher) = provider(
        &["none"],
        Scripted::new()
            .json(
                "POST",
                DEVICE,
                200,
                r#"{"device_code":"dc","user_code":"WDJB-MJHT","verification_uri":"https://op.example/device","expires_in":600,"interval":2}"#,
            )
            .json("POST", TOKEN, 400, pending)
            .json("POST", TOKEN, 400, r#"{"error":"slow_down"}"#)
            .json("POST", TOKEN, 400, pending)
            .json(
                "POST",
                TOKEN,
                200,
                r#"{"access_token":"at","token_type":"Bearer","refresh_token":"rt"}"#,
            ),
    );
    let client = client(None);
    let conn = Connection::open(&client, &fetcher).unwrap();
    let auth = device::start(&conn).unwrap();
    assert_eq!(auth.user_code, "WDJB-MJHT");
    assert_eq!(auth.interval, 2);
    let mut slept = Vec::new();
    let answer = device::wait(
        &conn,
        &auth,
        Instant::now(),
        Duration::from_secs(300),
        |d| slept.push(d.as_secs()),
    )
    .unwrap();
    assert_eq!(answer.access_token.secret(), "at");
    // The interval before each poll: 2 s, then 2 + 5 after slow_down (RFC 8628 §3.5).
    assert_eq!(slept, [2, 2, 7, 7]);
    let polls = transport.sent_to("POST", TOKEN);
    assert_eq!(polls.len(), 4);
    assert!(
        polls
            .iter()
            .all(|p| p.form("device_code").as_deref() == Some("dc")
                && p.form("grant_type").as_deref() == Some(device::GRANT_TYPE))
    );
    let start = &transport.sent_to("POST", DEVICE)[0];
    assert_eq!(
        start.form("scope").as_deref(),
        Some("openid offline_access")
    );
}

#[test]
fn a_declined_device_sign_in_ends_the_polling() {
    let (transport, fetcher) = provider(
        &["none"],
        Scripted::new()
            .json(
                "POST",
                DEVICE,
                200,
                r#"{"device_code":"dc","user_code":"X","verification_uri":"https://op.example/device","interval":1}"#,
            )
            .json("POST", TOKEN, 400, r#"{"error":"access_denied"}"#),
    );
    let client = client(None);
    let conn = Connection::open(&client, &fetcher).unwrap();
    let auth = device::start(&conn).unwrap();
    let err = device::wait(
        &conn,
        &auth,
        Instant::now(),
        Duration::from_secs(60),
        |_| {},
    )
    .err()
    .unwrap();
    assert_eq!(err.kind, Kind::SignInRequired);
    assert_eq!(transport.sent_to("POST", TOKEN).len(), 1);
}

#[test]
fn a_rotated_jwks_is_fetched_again_once() {
    let old = crate::serve::Keys::generate().unwrap();
    let new = crate::serve::Keys::generate().unwrap();
    let other = crate::serve::Keys::generate().unwrap();
    let (transport, fetcher) = provider(
        &["none"],
        Scripted::new()
            .json("GET", JWKS, 200, &old.jwks().to_string())
            .json("GET", JWKS, 200, &new.jwks().to_string()),
    );
    let claims = json!({"iss": ISSUER, "sub": "alice", "exp": NOW + 300});
    let rotated = new.sign(SigningAlg::Rs256, "JWT", &claims).unwrap();
    let mut jwks = Jwks::fetch(&fetcher, JWKS).unwrap();
    let policy = Policy::at(NOW);
    let sub = jwks
        .verify(&rotated, &policy, |v| v.payload.clone())
        .unwrap()
        .expect("signed with the rotated key");
    assert!(String::from_utf8(sub).unwrap().contains("alice"));
    assert_eq!(transport.sent_to("GET", JWKS).len(), 2);

    // A key that is in neither set: no third fetch, and the verdict says so.
    let stranger = other.sign(SigningAlg::Es256, "JWT", &claims).unwrap();
    let verdict = jwks.verify(&stranger, &policy, |_| ()).unwrap();
    assert!(matches!(verdict, Err(Failure::NoKey(_))), "{verdict:?}");
    assert_eq!(transport.sent_to("GET", JWKS).len(), 2);
}

#[test]
fn discovery_refuses_metadata_for_another_issuer() {
    let transport = Arc::new(Scripted::new().json(
        "GET",
        DISCOVERY,
        200,
        &metadata(&["none"]).replace(ISSUER, "https://evil.example"),
    ));
    let fetcher = Fetcher::new(Box::new(transport), None);
    let err = Connection::open(&client(None), &fetcher).err().unwrap();
    assert!(
        err.message
            .contains("names issuer https://evil.example, not https://op.example"),
        "{}",
        err.message
    );
}

/// An HS256 JWS keyed with `secret` (aws-lc-rs's HMAC), as a provider signs ID tokens for a
/// confidential client (OpenID Connect Core §10.1).
fn hs256(secret: &str, claims: &serde_json::Value) -> String {
    use crate::jwt::token::B64;
    let input = format!(
        "{}.{}",
        B64.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
        B64.encode(claims.to_string())
    );
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret.as_bytes());
    let tag = aws_lc_rs::hmac::sign(&key, input.as_bytes());
    format!("{input}.{}", B64.encode(tag.as_ref()))
}

/// `id_token::validate` of `token` for a client with `secret`, at a provider that lists
/// `algs` in `id_token_signing_alg_values_supported`.
fn validate_id_token(
    token: &str,
    secret: Option<&str>,
    algs: &[&str],
    asked: &super::id_token::Asked<'_>,
) -> crate::base::error::Result<super::id_token::IdTokenFacts> {
    let mut doc: serde_json::Value = serde_json::from_str(&metadata(&[])).unwrap();
    doc["id_token_signing_alg_values_supported"] = json!(algs);
    let transport = Arc::new(Scripted::new().json("GET", DISCOVERY, 200, &doc.to_string()));
    let fetcher = Fetcher::new(Box::new(transport), None).with_clock(|| NOW);
    let client = client(secret);
    let conn = Connection::open(&client, &fetcher).unwrap();
    super::id_token::validate(token, &conn, asked, NOW)
}

#[test]
fn hs256_id_tokens_verify_with_the_secret_of_a_confidential_client_only() {
    const SECRET: &str = "a-confidential-client-secret-of-32+bytes";
    let claims = json!({"iss": ISSUER, "sub": "alice", "aud": "cli", "exp": NOW + 300, "iat": NOW, "nonce": "n1"});
    let token = hs256(SECRET, &claims);
    let asked = super::id_token::Asked {
        nonce: Some("n1"),
        ..Default::default()
    };
    let facts = validate_id_token(&token, Some(SECRET), &["RS256", "HS256"], &asked).unwrap();
    assert_eq!(facts.subject, "alice");

    let refused = |secret: Option<&str>, algs: &[&str]| {
        validate_id_token(&token, secret, algs, &asked)
            .map(|_| ())
            .unwrap_err()
    };
    let e = refused(None, &["RS256", "HS256"]);
    assert!(
        e.message.contains(
            "signed with HS256, whose key is the client secret: a public client has no secret"
        ),
        "{}",
        e.message
    );
    let e = refused(Some(SECRET), &["RS256"]);
    assert!(
        e.message
            .contains("does not list in id_token_signing_alg_values_supported (RS256)"),
        "{}",
        e.message
    );
    let e = refused(Some("another-secret-of-the-same-length-000000"), &["HS256"]);
    assert!(
        e.message.contains("the HS256 signature does not match"),
        "{}",
        e.message
    );
}

#[test]
fn an_id_token_without_the_asked_acr_or_a_fresh_auth_time_is_refused() {
    const SECRET: &str = "a-confidential-client-secret-of-32+bytes";
    let levels = ["urn:example:mfa".to_string()];
    let asked = super::id_token::Asked {
        nonce: None,
        acr_values: &levels,
        max_age: Some(60),
    };
    let base = json!({"iss": ISSUER, "sub": "alice", "aud": "cli", "exp": NOW + 300, "iat": NOW});
    let with = |extra: serde_json::Value| {
        let mut c = base.clone();
        c.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        hs256(SECRET, &c)
    };
    let good = with(json!({"acr": "urn:example:mfa", "auth_time": NOW - 30}));
    assert!(validate_id_token(&good, Some(SECRET), &["HS256"], &asked).is_ok());
    for (token, why) in [
        (
            with(json!({"auth_time": NOW - 30})),
            "it has no acr, though the sign-in asked for acr_values urn:example:mfa",
        ),
        (
            with(json!({"acr": "urn:example:pwd", "auth_time": NOW - 30})),
            "its acr \"urn:example:pwd\" is not one of the requested acr_values",
        ),
        (
            with(json!({"acr": "urn:example:mfa"})),
            "no auth_time, though the sign-in sent max_age",
        ),
        (
            with(json!({"acr": "urn:example:mfa", "auth_time": NOW - 600})),
            "authenticated 600 s ago",
        ),
    ] {
        let e = validate_id_token(&token, Some(SECRET), &["HS256"], &asked)
            .map(|_| ())
            .unwrap_err();
        assert_eq!(e.kind, Kind::Failed);
        assert!(e.message.contains(why), "{}", e.message);
        assert!(
            e.hint
                .as_deref()
                .unwrap_or("")
                .contains("nothing was stored")
        );
    }
}
