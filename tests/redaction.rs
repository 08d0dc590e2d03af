//! Every type that holds a secret prints it redacted with `{:?}`: a stray `dbg!`, a log line or
//! a panic message that formats one must not carry the token, code, verifier, secret or key.

use std::path::PathBuf;

use oidctl::base::secret::Secret;
use oidctl::net::http::Options;
use oidctl::net::loopback::{Callback, Expected, judge};
use oidctl::net::loopback::{Redirect, RedirectHost};
use oidctl::oidc::ClientConfig;
use oidctl::oidc::Flow;
use oidctl::oidc::assertion::Signer;
use oidctl::oidc::client::ClientAuth;
use oidctl::oidc::device::DeviceAuthorization;
use oidctl::settings::{Provider, Source};
use oidctl::store::StoreKind;
use oidctl::store::TokenSet;
use openidconnect::{
    AccessToken, AuthorizationCode, CsrfToken, Nonce, PkceCodeChallenge, RefreshToken,
};

const AT: &str = "access-token-SECRET-4f1c";
const RT: &str = "refresh-token-SECRET-9a2e";
const IDT: &str = "id-token-SECRET-77d0";
const CLIENT_SECRET: &str = "client-secret-SECRET-1b3d";
const CODE: &str = "authorization-code-SECRET-5e6f";
const DEVICE_CODE: &str = "device-code-SECRET-0c8b";

#[track_caller]
fn redacted(shown: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(
        shown.contains("redacted"),
        "says it hides something: {shown}"
    );
}

fn key(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn provider() -> Provider {
    Provider {
        client: ClientConfig {
            issuer: "https://issuer.example".into(),
            client_id: "cli".into(),
            client_secret: Some(Secret::new(CLIENT_SECRET)),
            client_assertion_key: Some(key("keys/rs256.key.pem")),
            scopes: vec!["openid".into()],
            ..ClientConfig::default()
        },
        issuer_source: Source::Default,
        flow: Flow::Browser,
        redirect: Redirect {
            host: RedirectHost::Ipv4,
            ports: vec![],
            path: "/callback".into(),
        },
        http: Options::default(),
        store_key: "profile:p".into(),
        store: StoreKind::File,
        store_source: Source::Default,
    }
}

#[test]
fn token_sets_and_secrets() {
    let set = TokenSet {
        issuer: "https://issuer.example".into(),
        client_id: "cli".into(),
        scopes: vec!["openid".into()],
        token_type: "Bearer".into(),
        access_token: AccessToken::new(AT.into()),
        expires_at: Some(1),
        refresh_token: Some(RefreshToken::new(RT.into())),
        id_token: Some(Secret::new(IDT)),
        subject: Some("alice".into()),
        id_token_expires_at: None,
        obtained_at: 0,
        flow: Flow::Browser,
        access_revoked: false,
        target: Default::default(),
        // A token for another API is as secret as the sign-in's own.
        extra: vec![oidctl::store::AccessEntry {
            target: Default::default(),
            scopes: vec!["a:read".into()],
            token_type: "Bearer".into(),
            access_token: AccessToken::new(format!("{AT}-for-a")),
            expires_at: None,
            obtained_at: 0,
        }],
    };
    redacted(&format!("{set:?}"), &[AT, RT, IDT]);
    redacted(&format!("{set:#?}"), &[AT, RT, IDT]);
    redacted(
        &format!("{:?}", Secret::new(CLIENT_SECRET)),
        &[CLIENT_SECRET],
    );
    redacted(&format!("{:?}", provider()), &[CLIENT_SECRET]);
}

#[test]
fn client_authentication() {
    let secret = || Secret::new(CLIENT_SECRET);
    redacted(
        &format!("{:?}", ClientAuth::Basic(secret())),
        &[CLIENT_SECRET],
    );
    redacted(
        &format!("{:?}", ClientAuth::Post(secret())),
        &[CLIENT_SECRET],
    );
    let signer = Signer::load(&key("keys/rs256.key.pem"), None, None, &[]).unwrap();
    let pem = std::fs::read_to_string(key("keys/rs256.key.pem")).unwrap();
    // A line of the key's base64 body, whatever the Debug output's shape.
    let key_line = pem.lines().nth(5).unwrap();
    redacted(
        &format!("{:?}", ClientAuth::PrivateKeyJwt(signer)),
        &[key_line],
    );
}

#[test]
fn codes_verifiers_and_device_codes() {
    let device = DeviceAuthorization {
        device_code: Secret::new(DEVICE_CODE),
        user_code: "WDJB-MJHT".into(),
        verification_uri: "https://op.example/device".into(),
        verification_uri_complete: None,
        expires_in: Some(600),
        interval: 5,
    };
    redacted(&format!("{device:?}"), &[DEVICE_CODE]);

    let verdict = judge(
        &Expected {
            path: "/callback",
            port: 1,
            state: "st",
        },
        "GET",
        &format!("/callback?code={CODE}&state=st"),
        Some("127.0.0.1:1"),
        None,
    );
    assert!(matches!(verdict.outcome, Some(Callback::Code { .. })));
    redacted(&format!("{verdict:?}"), &[CODE]);
    redacted(
        &format!("{:?}", AuthorizationCode::new(CODE.into())),
        &[CODE],
    );

    let (_, verifier) = PkceCodeChallenge::new_random_sha256();
    redacted(&format!("{verifier:?}"), &[verifier.secret()]);
    let state = CsrfToken::new_random();
    redacted(&format!("{state:?}"), &[state.secret()]);
    let nonce = Nonce::new_random();
    redacted(&format!("{nonce:?}"), &[nonce.secret()]);
}
