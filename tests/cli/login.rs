//! Sign-in, token, refresh, status and logout against the real `oidc-provider` on 127.0.0.1,
//! driven through its login and consent pages by the scripted browser (tests/provider).

use crate::support::*;

mod remote;

#[test]
fn sign_in_then_token_without_network() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let out = env.login("approve", &[]);
    ok(&out);
    assert!(
        stderr(&out).contains("Signed in as alice at"),
        "{}",
        stderr(&out)
    );

    // The browser saw oidctl's success page.
    let cb = browser_event(&env.log, "callback");
    assert_eq!(cb["status"], 200);
    assert!(
        cb["body"]
            .as_str()
            .unwrap()
            .contains("You can close this tab")
    );
    assert_eq!(cb["contentType"], "text/html; charset=utf-8");

    let token = env.token(&[]);
    ok(&token);
    let at = stdout(&token).trim().to_string();
    assert!(at.len() > 20, "{at}");
    assert!(
        !stderr(&out).contains(&at),
        "the access token must never reach stderr"
    );
    let grants = env.provider.count("grant.success:authorization_code");
    assert_eq!(grants, 1);

    // Fresh token: the same one, and no request reaches the provider.
    let before = env.provider.events();
    let again = env.token(&[]);
    assert_eq!(stdout(&again).trim(), at);
    assert_eq!(
        env.provider.events(),
        before,
        "a cached token costs no request at the provider"
    );

    // Formats.
    let header = stdout(&env.token(&["--format", "header"]));
    assert_eq!(header, format!("Authorization: Bearer {at}\n"));
    let envs = stdout(&env.token(&["--format", "env"]));
    assert!(
        envs.starts_with(&format!(
            "export OIDCTL_ACCESS_TOKEN='{at}'\nexport OIDCTL_ID_TOKEN='ey"
        )),
        "{envs}"
    );
    let cred: serde_json::Value =
        serde_json::from_str(&stdout(&env.token(&["--format", "exec-credential"]))).unwrap();
    assert_eq!(cred["apiVersion"], "client.authentication.k8s.io/v1");
    assert_eq!(cred["status"]["token"], at.as_str());
    assert!(
        cred["status"]["expirationTimestamp"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );

    // The ID token is the provider's, for this client, for alice.
    let id = stdout(&env.token(&["--id-token"]));
    let claims = oidctl()
        .args(["claims", id.trim(), "sub", "aud", "iss"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&claims),
        format!("alice\n{CLIENT}\n{}\n", env.provider.issuer)
    );
    let verified = oidctl()
        .args([
            "verify",
            "--issuer",
            &env.provider.issuer,
            "--audience",
            CLIENT,
            id.trim(),
        ])
        .output()
        .unwrap();
    ok(&verified);

    // status says who, never a token.
    let status = env.cmd("status", &[]).output().unwrap();
    ok(&status);
    let text = stdout(&status);
    assert!(text.contains("subject   alice"), "{text}");
    assert!(text.contains("refresh   yes"), "{text}");
    assert!(!text.contains(&at));
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &env.cmd("status", &["--format", "json"]).output().unwrap(),
    ))
    .unwrap();
    assert_eq!(json[0]["subject"], "alice");
    assert_eq!(json[0]["access_token_valid"], true);
}

#[test]
fn refreshes_an_expiring_token_and_keeps_the_rotated_refresh_token() {
    needs!(Part::Node);
    // Access tokens live 30 s, less than an explicit --min-valid of 60 s: every token call
    // has to refresh, and each refresh rotates the refresh token.
    let env = Env::new(&["--access-token-ttl", "30"]);
    ok(&env.login("approve", &[]));
    let first = stdout(&env.token(&["--min-valid", "60"]));
    let second = stdout(&env.token(&["--min-valid", "60"]));
    assert_ne!(first, second);
    assert_eq!(env.provider.count("grant.success:refresh_token"), 2);
    // A rotated-out refresh token used again would fail (and revoke the grant): never happens.
    assert_eq!(
        env.provider.count("grant.error"),
        0,
        "{}",
        env.provider.events()
    );
    assert_eq!(env.provider.count("grant.revoked"), 0);
    // --min-valid 0 accepts the 30 s token without a refresh; so does the default margin,
    // which is at most half a token's lifetime.
    let third = stdout(&env.token(&["--min-valid", "0"]));
    assert_eq!(third, second);
    assert_eq!(stdout(&env.token(&[])), second);
    assert_eq!(env.provider.count("grant.success:refresh_token"), 2);
}

/// How many `oidctl token` (and `call`, in call.rs) processes start together.
pub const CALLERS: usize = 20;

#[test]
fn concurrent_callers_make_one_refresh() {
    needs!(Part::Node);
    // 4 s tokens, and every caller starts once the first has expired: each needs a refresh.
    // One makes it; the others, waiting on the lock or starting late, take its token.
    let env = Env::new(&["--access-token-ttl", "4"]);
    ok(&env.login("approve", &[]));
    std::thread::sleep(std::time::Duration::from_secs(4));
    let children: Vec<_> = (0..CALLERS)
        .map(|_| {
            let mut cmd = spawnable(&env.cmd("token", &[]));
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outputs {
        ok(out);
    }
    let tokens: std::collections::HashSet<_> = outputs.iter().map(stdout).collect();
    assert_eq!(
        tokens.len(),
        1,
        "all {CALLERS} print the one refreshed token"
    );
    assert_eq!(
        env.provider.count("grant.success:refresh_token"),
        1,
        "{}",
        env.provider.events()
    );
    assert_eq!(env.provider.count("grant.error"), 0);
    // And that token is live at the provider.
    let token = tokens.into_iter().next().unwrap();
    ok(&env.cmd("introspect", &[token.trim()]).output().unwrap());
}

#[test]
fn declined_consent_is_reported() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let out = env.login("deny", &[]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: the provider refused the sign-in: access_denied"),
        "{err}"
    );
    assert!(err.contains("hint: "), "{err}");
    let cb = browser_event(&env.log, "callback");
    assert!(cb["body"].as_str().unwrap().contains("Sign-in failed"));
    assert_eq!(env.token(&[]).status.code(), Some(4), "nothing was stored");
}

#[test]
fn wrong_state_and_stray_requests_do_not_end_the_wait() {
    needs!(Part::Node);
    for mode in ["wrong-state", "wrong-path"] {
        let env = Env::new(&[]);
        let out = env.login(mode, &[]);
        ok(&out);
        browser_event(&env.log, "callback");
        let log = browser_log(&env.log);
        let strays: Vec<_> = log.iter().filter(|e| e["event"] == mode).collect();
        assert!(!strays.is_empty(), "{mode}: {log:?}");
        for stray in strays {
            assert!(stray["status"] == 400 || stray["status"] == 404, "{stray}");
        }
        let cb = log.iter().find(|e| e["event"] == "callback").unwrap();
        assert_eq!(cb["status"], 200);
    }
}

#[test]
fn timeout_when_the_user_never_finishes() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let out = env.login("ignore", &["--timeout", "2"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("timed out waiting for the sign-in"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn token_never_opens_a_browser_and_exits_4() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let mut cmd = env.cmd("token", &[]);
    with_browser(&mut cmd, "approve", &env.log);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("no stored sign-in"), "{err}");
    assert!(err.contains("--login"), "{err}");
    // Had a browser been started, its first log line would be there well within a second.
    std::thread::sleep(std::time::Duration::from_secs(1));
    assert!(browser_log(&env.log).is_empty(), "no browser was started");
    // With --login it may.
    let mut cmd = env.cmd("token", &["--login"]);
    with_browser(&mut cmd, "approve", &env.log);
    let out = cmd.output().unwrap();
    ok(&out);
    assert!(stdout(&out).trim().len() > 20);
}

#[test]
fn logout_revokes_and_deletes() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let out = env.cmd("logout", &[]).output().unwrap();
    ok(&out);
    assert!(
        stderr(&out).contains("Revoked the refresh token"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        env.provider.count("revocation.success"),
        1,
        "{}",
        env.provider.events()
    );
    assert_eq!(env.token(&[]).status.code(), Some(4));
    let again = env.cmd("logout", &[]).output().unwrap();
    ok(&again);
    assert!(stderr(&again).contains("Not signed in"));

    // --end-session: the provider's end_session_endpoint; the printed URL carries no token.
    ok(&env.login("approve", &[]));
    let out = env
        .cmd("logout", &["--end-session", "--no-browser"])
        .output()
        .unwrap();
    ok(&out);
    let err = stderr(&out);
    let url = err
        .lines()
        .find(|l| l.trim_start().starts_with("http"))
        .unwrap_or_else(|| panic!("{err}"))
        .trim();
    assert!(
        url.starts_with(&format!(
            "{}/session/end?client_id={CLIENT}",
            env.provider.issuer
        )),
        "{url}"
    );
    assert!(!url.contains("id_token_hint"), "{url}");
}

#[test]
fn two_sign_ins_at_once_are_refused() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let mut first = env.cmd("login", &["--timeout", "20"]);
    with_browser(&mut first, "ignore", &env.log);
    let mut waiting = spawnable(&first)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first one holds its sign-in lock (it has then started its browser).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while browser_log(&env.log).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "first login never started its browser"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let second = env.login("approve", &[]);
    let _ = waiting.kill();
    let _ = waiting.wait();
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("already in progress"),
        "{}",
        stderr(&second)
    );
}

#[test]
fn every_id_token_algorithm_the_provider_uses() {
    needs!(Part::Node);
    for alg in ["ES256", "PS256", "EdDSA"] {
        let env = Env::new(&["--id-token-alg", alg]);
        ok(&env.login("approve", &[]));
        let id = stdout(&env.token(&["--id-token"]));
        let header = oidctl()
            .args(["decode", "--format", "json", id.trim()])
            .output()
            .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&stdout(&header)).unwrap();
        assert_eq!(doc["header"]["alg"], alg);
    }
}

#[test]
fn redirect_on_ipv6_loopback_and_a_fixed_port() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &["--redirect-host", "[::1]"]));
    let cb = browser_event(&env.log, "callback");
    assert!(
        cb["url"].as_str().unwrap().starts_with("http://[::1]:"),
        "{cb}"
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = Env::new(&[]);
    ok(&env.login("approve", &["--redirect-port", &port.to_string()]));
    let cb = browser_event(&env.log, "callback");
    assert!(
        cb["url"]
            .as_str()
            .unwrap()
            .starts_with(&format!("http://127.0.0.1:{port}/callback?")),
        "{cb}"
    );
}

#[test]
fn http_issuers_only_on_loopback() {
    let out = oidctl()
        .args([
            "login",
            "--issuer",
            "http://login.example.com",
            "--client-id",
            "x",
            "--store",
            "file",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("uses plain http"), "{}", stderr(&out));
}

#[test]
fn provider_over_tls_with_a_test_ca() {
    needs!(Part::Node, Part::Openssl);
    let certs = tempfile::tempdir().unwrap();
    let made = std::process::Command::new(provider_dir().join("make-test-ca.sh"))
        .arg(certs.path())
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let cert = certs.path().join("server.pem");
    let key = certs.path().join("server.key");
    let ca = certs.path().join("ca.pem");
    let env = Env::new(&[
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        key.to_str().unwrap(),
    ]);
    assert!(env.provider.issuer.starts_with("https://127.0.0.1:"));

    // Unknown CA: refused.
    let out = env.login("approve", &["--timeout", "10"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not be reached"),
        "{}",
        stderr(&out)
    );

    // --ca-file and OIDCTL_CA_FILE trust it.
    let mut cmd = env.cmd("login", &["--ca-file", ca.to_str().unwrap()]);
    with_browser(&mut cmd, "approve", &env.log);
    cmd.env("TEST_BROWSER_CA", &ca);
    ok(&cmd.output().unwrap());
    let mut cmd = env.cmd("token", &["--id-token"]);
    cmd.env("OIDCTL_CA_FILE", &ca);
    ok(&cmd.output().unwrap());
}

#[test]
fn sign_in_in_a_real_headless_chromium() {
    needs!(Part::Node, Part::Chromium);
    let env = Env::new(&[]);
    let shot = env.o.home.join("callback.png");
    let mut cmd = env.cmd("login", &["--timeout", "90"]);
    cmd.env("BROWSER", provider_dir().join("chromium.sh"))
        .env("TEST_BROWSER_LOG", &env.log)
        .env("TEST_BROWSER_SCREENSHOT", &shot);
    let out = cmd.output().unwrap();
    ok(&out);
    let cb = browser_event(&env.log, "callback");
    assert_eq!(cb["browser"], "chromium");
    assert_eq!(cb["status"], 200);
    let text = cb["text"].as_str().unwrap();
    assert!(text.contains("Signed in"), "{text}");
    assert!(text.contains("You can close this tab"), "{text}");
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 1000,
        "a screenshot of the page"
    );
    ok(&env.token(&[]));
}

#[test]
fn profiles_end_to_end() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let o = &env.o;
    let run = |args: &[&str]| {
        let out = o.cmd().args(args).output().unwrap();
        assert_no_panic(&out);
        out
    };
    let issuer = env.provider.issuer.as_str();
    let add_dev = [
        "profile",
        "add",
        "dev",
        "--issuer",
        issuer,
        "--client-id",
        CLIENT,
        "--store",
        "file",
        "--scope",
        "openid profile offline_access",
    ];
    ok(&run(&add_dev));
    ok(&run(&[
        "profile",
        "add",
        "other",
        "--issuer",
        "https://login.example.com",
        "--client-id",
        "x",
        "--store",
        "file",
    ]));
    let config = std::fs::read_to_string(o.home.join("config/oidctl/config.toml")).unwrap();
    assert!(
        config.starts_with("default_profile = \"dev\""),
        "the first profile becomes the default:\n{config}"
    );
    assert_eq!(
        stdout(&run(&["profile", "list"])),
        format!("* dev    {issuer}\n  other  https://login.example.com\n"),
        "the issuers line up whatever the names' lengths"
    );
    assert!(
        stdout(&run(&["profile", "show", "dev"]))
            .contains("scopes = [\"openid\", \"profile\", \"offline_access\"]")
    );
    let secret = run(&[
        "profile",
        "add",
        "bad",
        "--issuer",
        issuer,
        "--client-id",
        "x",
        "--client-secret-file",
        "/etc/hostname",
    ]);
    assert_eq!(
        secret.status.code(),
        Some(2),
        "secrets never go in a profile"
    );

    // Sign in with the default profile, then use it by name.
    let mut login = o.cmd();
    login.arg("login");
    with_browser(&mut login, "approve", &env.log);
    ok(&login.output().unwrap());
    let sub = run(&["-p", "dev", "claims", "sub"]);
    assert_eq!(stdout(&sub), "alice\n", "{}", stderr(&sub));
    let decoded = run(&["decode", "-p", "dev", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&decoded)).unwrap();
    assert_eq!(doc["payload"]["aud"], CLIENT);
    let verified = run(&[
        "verify",
        "-p",
        "dev",
        "--issuer",
        issuer,
        "--audience",
        CLIENT,
    ]);
    ok(&verified);
    let at = stdout(&run(&["token", "-p", "dev"]));
    let scopes = stdout(&run(&["status", "-p", "dev", "--format", "json"]));
    assert!(scopes.contains("offline_access"), "{scopes}");
    assert!(!scopes.contains(at.trim()));

    // status lists every profile.
    let all = stdout(&run(&["status"]));
    assert!(
        all.contains("dev (default)") && all.contains("other"),
        "{all}"
    );
    assert!(all.contains("not signed in"), "{all}");

    ok(&run(&["profile", "default", "other"]));
    assert_eq!(
        run(&["token"]).status.code(),
        Some(4),
        "the default is now the signed-out profile"
    );
    ok(&run(&["profile", "remove", "dev"]));
    assert_eq!(
        run(&["token", "-p", "dev"]).status.code(),
        Some(2),
        "no such profile"
    );
    assert!(stderr(&run(&["token", "-p", "dev"])).contains("no profile \"dev\""));
    // Its tokens went with it.
    ok(&run(&add_dev));
    assert_eq!(run(&["token", "-p", "dev"]).status.code(), Some(4));
}

#[test]
fn adhoc_sign_in_leaves_the_default_profile_alone() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let o = &env.o;
    ok(&o
        .cmd()
        .args([
            "profile",
            "add",
            "work",
            "--issuer",
            "https://login.example.com",
            "--client-id",
            "w",
            "--store",
            "file",
        ])
        .output()
        .unwrap());
    ok(&env.login("approve", &[]));
    // The default profile has no sign-in; the ad-hoc one has.
    assert_eq!(
        o.cmd()
            .args(["token", "--store", "file"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(4)
    );
    ok(&env.token(&[]));
}

#[test]
fn a_response_naming_another_issuer_is_refused() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let out = env.login("wrong-iss", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("names issuer https://evil.example"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        env.provider.count("grant.success:authorization_code"),
        0,
        "the code was never exchanged"
    );
    assert_eq!(env.token(&[]).status.code(), Some(4));
}

#[test]
fn authorization_parameters_are_passed_through() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    // Approve with all of them: the provider accepts the request as sent.
    let args = [
        "--prompt",
        "login",
        "--login-hint",
        "alice@example.com",
        "--param",
        "ui_locales=en",
        "--audience",
        "api://orders",
        "--scope",
        "openid offline_access",
    ];
    ok(&env.login("approve", &args));
    let start = browser_event(&env.log, "start");
    let url = reqwest::Url::parse(start["url"].as_str().unwrap()).unwrap();
    let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(q["prompt"], "login");
    assert_eq!(q["login_hint"], "alice@example.com");
    assert_eq!(q["ui_locales"], "en");
    assert_eq!(q["audience"], "api://orders");
    assert_eq!(q["scope"], "openid offline_access");
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(
        q["code_challenge"].len(),
        43,
        "BASE64URL(SHA-256(verifier))"
    );
    assert!(q["state"].len() >= 16 && q["nonce"].len() >= 16);
    assert!(
        q["redirect_uri"].starts_with("http://127.0.0.1:")
            && q["redirect_uri"].ends_with("/callback")
    );
}

#[test]
fn an_unreachable_provider_at_refresh_is_exit_3_and_keeps_the_sign_in() {
    needs!(Part::Node);
    let mut env = Env::new(&["--access-token-ttl", "30"]);
    ok(&env.login("approve", &[]));
    let issuer = env.provider.issuer.clone();
    // The provider goes away; its port stays closed.
    env.provider = Provider::start(&[]);
    let mut cmd = env.o.cmd();
    cmd.args([
        "token",
        "--issuer",
        &issuer,
        "--client-id",
        CLIENT,
        "--store",
        "file",
        "--min-valid",
        "60",
    ]);
    let out = cmd.output().unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not be reached"),
        "{}",
        stderr(&out)
    );
    // The stored sign-in is untouched: --min-valid 0 still prints the 30 s token.
    let mut cmd = env.o.cmd();
    cmd.args([
        "token",
        "--issuer",
        &issuer,
        "--client-id",
        CLIENT,
        "--store",
        "file",
        "--min-valid",
        "0",
    ]);
    ok(&cmd.output().unwrap());
}
