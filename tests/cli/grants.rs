//! The grants beyond the browser sign-in: the device flow (RFC 8628) and client credentials,
//! against the real `oidc-provider` on 127.0.0.1; the odd device-flow answers (slow_down,
//! expired_token, Microsoft's authorization_declined) against a fake on 127.0.0.1.

use std::time::{Duration, Instant};

use crate::support::*;

const CONFIDENTIAL: &str = "oidctl-confidential";
const CONFIDENTIAL_SECRET: &str = "oidctl-confidential-secret";

fn run_browser(env: &Env, mode: &str, url: &str) {
    require(Part::Node);
    let status = std::process::Command::new(provider_dir().join("browser.sh"))
        .arg(url)
        .env("TEST_BROWSER_MODE", mode)
        .env("TEST_BROWSER_LOG", &env.log)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the scripted browser failed: {:?}",
        browser_log(&env.log)
    );
}

#[test]
fn device_flow_approved_on_another_device() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let login = start_device_login(&env.cmd("login", &["--device"]), "(or open ");
    let (url, shown) = (login.url.clone(), login.shown.clone());
    assert!(
        shown.contains("To sign in, open ")
            && shown.contains("/device on any device and enter the code "),
        "{shown}"
    );
    assert!(url.contains("user_code="), "{url}");
    assert!(
        !shown.contains('█'),
        "no QR code when stderr is not a terminal"
    );
    let code = login.code.clone();
    run_browser(&env, "approve", &url);
    let out = login.wait();
    ok(&out);
    assert_eq!(
        env.provider
            .count("grant.success:urn:ietf:params:oauth:grant-type:device_code"),
        1
    );
    // The code large, for reading off the screen, and how long it lasts; no clipboard
    // sequence where stderr is not a terminal.
    let err = stderr(&out);
    let spaced: Vec<String> = code.chars().map(String::from).collect();
    assert!(
        err.contains(&format!("    {}\n", spaced.join(" "))),
        "{err}"
    );
    assert!(err.contains("The code expires in "), "{err}");
    assert!(!err.contains("\x1b]52;"), "{err}");

    // The set is usable and renewable like a browser sign-in's.
    let token = env.token(&[]);
    ok(&token);
    let rt = env.token(&["--refresh-token"]);
    ok(&rt);
    let status = env.cmd("status", &["--format", "json"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(doc[0]["subject"], "alice", "{doc}");
    let renewed = env.token(&["--min-valid", "999999"]);
    ok(&renewed);
    assert_ne!(stdout(&renewed), stdout(&token));
    assert_eq!(env.provider.count("grant.success:refresh_token"), 1);
}

#[test]
fn device_flow_declined_is_exit_4() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let login = start_device_login(&env.cmd("login", &["--device"]), "(or open ");
    run_browser(&env, "deny", &login.url);
    let out = login.wait();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("access_denied"), "{err}");
    assert!(err.contains("hint: the sign-in was declined"), "{err}");
}

/// A fake provider for the answers the real one does not give on demand.
fn device_fake(interval: u64) -> Server {
    let server = Server::start();
    server.metadata(r#""device_authorization_endpoint":"{0}/device/auth","jwks_uri":"{0}/jwks""#);
    server.route(
        "/device/auth",
        Route::json(format!(
            r#"{{"device_code":"dc-1","user_code":"WDJB-MJHT","verification_uri":"{}/device","expires_in":600,"interval":{interval}}}"#,
            server.url
        )),
    );
    server
}

fn error(code: &str) -> Route {
    Route::with(
        400,
        "application/json",
        format!(r#"{{"error":"{code}","error_description":"{code} (fake)"}}"#),
    )
}

fn device_login(server: &Server, extra: &[&str]) -> std::process::Output {
    let out = oidctl()
        .args([
            "login",
            "--device",
            "--issuer",
            &server.url,
            "--client-id",
            "c",
            "--store",
            "file",
        ])
        .args(extra)
        .output()
        .unwrap();
    assert_no_panic(&out);
    out
}

#[test]
fn device_flow_slows_down_when_asked() {
    let server = device_fake(1);
    server.sequence(
        "/token",
        vec![
            error("authorization_pending"),
            error("slow_down"),
            Route::json(r#"{"access_token":"at-device","token_type":"Bearer","expires_in":300}"#),
        ],
    );
    let started = Instant::now();
    let out = device_login(&server, &[]);
    ok(&out);
    assert_eq!(server.hits("/token"), 3);
    // 1 s, 1 s, then 1 + 5 s after slow_down (RFC 8628 §3.5).
    assert!(
        started.elapsed() >= Duration::from_secs(7),
        "{:?}",
        started.elapsed()
    );
    assert!(
        stderr(&out).contains("enter the code WDJB-MJHT"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("at-device"),
        "the token never reaches stderr"
    );
}

#[test]
fn device_flow_errors_end_the_wait() {
    for (code, exit, says) in [
        ("expired_token", 4, "expired_token"),
        ("authorization_declined", 4, "authorization_declined"),
        ("access_denied", 4, "hint: the sign-in was declined"),
        ("invalid_client", 1, "hint: check the client ID"),
    ] {
        let server = device_fake(1);
        server.route("/token", error(code));
        let out = device_login(&server, &[]);
        assert_eq!(out.status.code(), Some(exit), "{code}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{code}: {}", stderr(&out));
        assert_eq!(server.hits("/token"), 1, "{code}: one poll, then it stops");
    }
}

#[test]
fn device_flow_gives_up_at_the_timeout() {
    let server = device_fake(1);
    server.route("/token", error("authorization_pending"));
    let out = device_login(&server, &["--timeout", "3"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("gave up waiting"), "{}", stderr(&out));
    assert!(
        (2..=3).contains(&server.hits("/token")),
        "{}",
        server.hits("/token")
    );
}

#[test]
fn device_flow_needs_the_endpoint_in_the_metadata() {
    let server = Server::start();
    server.metadata("");
    let out = device_login(&server, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("metadata has no device_authorization_endpoint"),
        "{}",
        stderr(&out)
    );
}

/// `oidctl SUB --issuer … --client-id oidctl-confidential --store file` with the secret in a file.
fn confidential(env: &Env, sub: &str, args: &[&str]) -> std::process::Output {
    confidential_with(env, &format!("{CONFIDENTIAL_SECRET}\n"), sub, args)
}

/// As [`confidential`], with `secret` as the file's content.
fn confidential_with(env: &Env, secret: &str, sub: &str, args: &[&str]) -> std::process::Output {
    let file = env.o.home.join("client.secret");
    std::fs::write(&file, secret).unwrap();
    let secret = file;
    let out = env
        .o
        .cmd()
        .arg(sub)
        .args([
            "--issuer",
            &env.provider.issuer,
            "--client-id",
            CONFIDENTIAL,
            "--store",
            "file",
        ])
        .arg("--client-secret-file")
        .arg(&secret)
        .args(args)
        .output()
        .unwrap();
    assert_no_panic(&out);
    out
}

#[test]
fn client_credentials_with_a_secret_basic_and_post() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let out = confidential(
        &env,
        "login",
        &["--client-credentials", "--scope", "api:read"],
    );
    ok(&out);
    assert!(
        stderr(&out).contains(&format!("Signed in as client {CONFIDENTIAL}")),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        env.provider.count("client_auth:token:client_secret_basic"),
        1
    );
    assert_eq!(env.provider.count("grant.success:client_credentials"), 1);

    // `status` reads the store only: it takes no client secret.
    let status = env
        .o
        .cmd()
        .args([
            "status",
            "--issuer",
            &env.provider.issuer,
            "--client-id",
            CONFIDENTIAL,
        ])
        .args(["--store", "file", "--scope", "api:read", "--format", "json"])
        .output()
        .unwrap();
    ok(&status);
    let doc: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(doc[0]["flow"], "client-credentials", "{doc}");
    assert_eq!(doc[0]["refresh_token"], false);

    let first = confidential(&env, "token", &["--scope", "api:read"]);
    ok(&first);
    assert_eq!(
        env.provider.count("grant.success:client_credentials"),
        1,
        "cached"
    );
    // No refresh token: renewing runs the grant again.
    let renewed = confidential(
        &env,
        "token",
        &["--scope", "api:read", "--min-valid", "999999"],
    );
    ok(&renewed);
    assert_ne!(stdout(&renewed), stdout(&first));
    assert_eq!(env.provider.count("grant.success:client_credentials"), 2);

    let post = confidential(
        &env,
        "login",
        &[
            "--client-credentials",
            "--scope",
            "api:read",
            "--client-auth",
            "post",
        ],
    );
    ok(&post);
    assert_eq!(
        env.provider.count("client_auth:token:client_secret_post"),
        1
    );
}

#[test]
fn client_credentials_failures() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let out = confidential(
        &env,
        "login",
        &["--client-credentials", "--scope", "api:write"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid_scope"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("hint: check the requested scopes"),
        "{}",
        stderr(&out)
    );

    let out = confidential_with(&env, "not-the-secret", "login", &["--client-credentials"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("not-the-secret"),
        "the secret never reaches stderr"
    );

    // A public client has nothing to authenticate with.
    let out = env
        .cmd("login", &["--client-credentials"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("needs a confidential client"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_client_credentials_profile_signs_in_by_itself() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let add = env
        .o
        .cmd()
        .args(["profile", "add", "svc", "--issuer", &env.provider.issuer])
        .args([
            "--client-id",
            CONFIDENTIAL,
            "--scope",
            "api:read",
            "--flow",
            "client-credentials",
        ])
        .output()
        .unwrap();
    ok(&add);
    let token = env
        .o
        .cmd()
        .args(["token", "-p", "svc", "--store", "file"])
        .env("OIDCTL_CLIENT_SECRET", CONFIDENTIAL_SECRET)
        .output()
        .unwrap();
    ok(&token);
    assert!(stdout(&token).trim().len() > 20);
    assert_eq!(env.provider.count("grant.success:client_credentials"), 1);
    // Without the secret there is nothing to sign in with.
    let renew = env
        .o
        .cmd()
        .args([
            "token",
            "-p",
            "svc",
            "--store",
            "file",
            "--min-valid",
            "999999",
        ])
        .output()
        .unwrap();
    assert_eq!(renew.status.code(), Some(2), "{}", stderr(&renew));
    assert!(
        stderr(&renew).contains("OIDCTL_CLIENT_SECRET"),
        "{}",
        stderr(&renew)
    );
}

/// `oidctl login --client-credentials` as the provider's private_key_jwt client.
fn jwt_login(env: &Env, key: &std::path::Path, args: &[&str]) -> std::process::Output {
    let out = env
        .o
        .cmd()
        .args([
            "login",
            "--client-credentials",
            "--issuer",
            &env.provider.issuer,
        ])
        .args([
            "--client-id",
            "oidctl-jwt",
            "--scope",
            "api:read",
            "--store",
            "file",
        ])
        .arg("--client-assertion-key")
        .arg(key)
        .args(args)
        .output()
        .unwrap();
    assert_no_panic(&out);
    out
}

fn jwt_env() -> Env {
    let keys = fixture("keys");
    Env::new(&["--client-keys", keys.to_str().unwrap()])
}

#[test]
fn private_key_jwt_with_each_algorithm() {
    needs!(Part::Node);
    let env = jwt_env();
    for (key, args, alg) in [
        (
            "keys/rs256.key.pem",
            vec!["--client-assertion-kid", "rs256"],
            "RS256",
        ),
        (
            "keys/ps256.key.pem",
            vec!["--client-assertion-alg", "PS256"],
            "PS256",
        ),
        ("keys/es256.key.pem", vec![], "ES256"),
    ] {
        let out = jwt_login(&env, &fixture(key), &args);
        ok(&out);
        assert_eq!(
            env.provider.count(&format!("client_assertion_alg:{alg}")),
            1,
            "{alg}"
        );
    }
    assert_eq!(env.provider.count("client_auth:token:private_key_jwt"), 3);
    assert_eq!(env.provider.count("client_assertion_header:kid"), 1);
    assert_eq!(env.provider.count("client_assertion_key:rs256"), 1);
    assert_eq!(env.provider.count("client_assertion_key:ps256"), 1);
    assert_eq!(env.provider.count("client_assertion_key:es256"), 1);
}

#[test]
fn private_key_jwt_with_a_certificate_sends_its_thumbprint() {
    needs!(Part::Node);
    let env = jwt_env();
    let both = env.o.home.join("key-and-cert.pem");
    std::fs::write(
        &both,
        read("keys/rs256.key.pem") + &read("keys/rs256.cert.pem"),
    )
    .unwrap();
    let out = jwt_login(&env, &both, &[]);
    ok(&out);
    assert_eq!(env.provider.count("client_assertion_header:x5t#S256"), 1);
    assert_eq!(env.provider.count("client_assertion_header:kid"), 0);
    // Renewal signs a new assertion (a jti is accepted once).
    let renew = env
        .o
        .cmd()
        .args([
            "token",
            "--issuer",
            &env.provider.issuer,
            "--client-id",
            "oidctl-jwt",
        ])
        .args([
            "--scope",
            "api:read",
            "--store",
            "file",
            "--min-valid",
            "999999",
        ])
        .arg("--client-assertion-key")
        .arg(&both)
        .output()
        .unwrap();
    ok(&renew);
    assert_eq!(env.provider.count("grant.success:client_credentials"), 2);
}

#[test]
fn private_key_jwt_with_the_wrong_key_is_refused() {
    needs!(Part::Node);
    let env = jwt_env();
    let out = jwt_login(&env, &fixture("keys/attacker.key.pem"), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--client-assertion-key"),
        "{}",
        stderr(&out)
    );
}

/// Every kind of answer a token endpoint can give, from a fake, and the exit code for each.
#[test]
fn token_endpoint_answers_and_exit_codes() {
    let server = Server::start();
    server.metadata("");
    let html =
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let cases: Vec<(Route, i32, &str)> = vec![
        (
            error("invalid_request"),
            1,
            "answered invalid_request (HTTP 400)",
        ),
        (error("invalid_client"), 1, "hint: check the client ID"),
        (error("invalid_grant"), 4, "answered invalid_grant"),
        (
            error("unauthorized_client"),
            1,
            "hint: the client may not use this grant",
        ),
        (
            error("unsupported_grant_type"),
            1,
            "hint: the provider does not offer this grant",
        ),
        (
            error("invalid_scope"),
            1,
            "hint: check the requested scopes",
        ),
        (
            error("temporarily_unavailable"),
            3,
            "temporarily_unavailable",
        ),
        (
            Route::with(500, "text/html", html.replace("502 Bad Gateway", "Oops")),
            1,
            "an HTML page: Oops",
        ),
        (
            Route::with(502, "text/html", html),
            3,
            "the provider is unavailable",
        ),
        (Route::with(503, "text/plain", ""), 3, "the body was empty"),
        (
            Route::with(429, "text/plain", "slow down").header("Retry-After", "30"),
            3,
            "Retry-After: 30",
        ),
        (Route::with(200, "text/html", html), 1, "not a JSON object"),
        (Route::json(r#"{"access_token":"#), 1, "not a JSON object"),
        (
            Route::json(r#"{"token_type":"Bearer"}"#),
            1,
            "has no access_token",
        ),
        (
            Route::json(r#"{"access_token":"at","expires_in":"soon"}"#),
            1,
            "expires_in that is not a number",
        ),
    ];
    for (route, code, says) in cases {
        server.route("/token", route);
        let out = oidctl()
            .args([
                "login",
                "--client-credentials",
                "--issuer",
                &server.url,
                "--client-id",
                "c",
                "--store",
                "file",
            ])
            .env("OIDCTL_CLIENT_SECRET", "s3cret-value")
            .output()
            .unwrap();
        assert_no_panic(&out);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{says}: {err}");
        assert!(err.contains(says), "{says}: {err}");
        assert!(!err.contains("s3cret-value"));
    }
    // Nobody listening: exit 3.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    server.route(
        "/.well-known/openid-configuration",
        Route::json(format!(
            r#"{{"issuer":"{0}","token_endpoint":"http://127.0.0.1:{port}/token"}}"#,
            server.url
        )),
    );
    let out = oidctl()
        .args([
            "login",
            "--client-credentials",
            "--issuer",
            &server.url,
            "--client-id",
            "c",
            "--store",
            "file",
        ])
        .env("OIDCTL_CLIENT_SECRET", "s")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not be reached"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn origin_only_when_asked_and_secrets_where_the_method_puts_them() {
    let server = Server::start();
    server.metadata(r#""token_endpoint_auth_methods_supported":["client_secret_post"]"#);
    server.route(
        "/token",
        Route::json(r#"{"access_token":"at","expires_in":60}"#),
    );
    let login = |extra: &[&str]| {
        let out = oidctl()
            .args(["login", "--client-credentials", "--issuer", &server.url])
            .args(["--client-id", "my client", "--store", "file"])
            .args(extra)
            .env("OIDCTL_CLIENT_SECRET", "p@ss word")
            .output()
            .unwrap();
        ok(&out);
    };
    // The provider lists only client_secret_post: oidctl picks it by itself.
    login(&[]);
    login(&[
        "--origin",
        "https://app.example.com",
        "--client-auth",
        "basic",
    ]);
    let seen = server.requests("/token");
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].header("Origin"), None, "no Origin unless asked");
    assert_eq!(seen[0].header("Authorization"), None);
    let form: Vec<(String, String)> = url::form_urlencoded::parse(seen[0].body.as_bytes())
        .into_owned()
        .collect();
    assert!(
        form.contains(&("client_secret".into(), "p@ss word".into())),
        "{form:?}"
    );
    assert!(
        form.contains(&("grant_type".into(), "client_credentials".into())),
        "{form:?}"
    );
    assert!(
        !form.iter().any(|(k, _)| k == "scope"),
        "no default user scopes: {form:?}"
    );
    assert_eq!(seen[1].header("Origin"), Some("https://app.example.com"));
    // RFC 6749 §2.3.1: both parts form-encoded, then Basic.
    let basic = seen[1].header("Authorization").unwrap();
    use base64::Engine as _;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(basic.strip_prefix("Basic ").unwrap())
        .unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), "my+client:p%40ss+word");
    assert!(!seen[1].body.contains("client_secret"), "{}", seen[1].body);
}
