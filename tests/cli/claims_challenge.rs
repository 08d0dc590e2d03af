//! Claims challenges and claims requests: `call` against a test API (tests/provider/api.mjs
//! `--require-claims`) that answers `insufficient_claims` until a token carries the claims it
//! names, the real provider (which reads `claims` on a refresh, tests/provider/README.md), and
//! Microsoft's client capabilities (`xms_cc`) and Conditional Access against the fake Entra ID.

use crate::support::*;

/// What the test API demands, as Microsoft's Continuous Access Evaluation names it.
const CHALLENGE: &str = r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#;

fn call(env: &Env, args: &[&str]) -> std::process::Output {
    let out = env.cmd("call", args).output().unwrap();
    assert_no_panic(&out);
    out
}

#[test]
fn call_answers_a_claims_challenge_with_a_refresh_that_carries_them() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let api = Api::start(&env.provider.issuer, &["--require-claims", CHALLENGE]);
    let me = format!("{}/me", api.url);

    let out = call(&env, &["-v", &me]);
    ok(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["claims"]["acrs"], serde_json::json!(["c1"]), "{doc}");
    let events = api.events();
    assert_eq!(
        events["claims_challenges_sent"], 1,
        "one challenge: {events}"
    );
    assert_eq!(
        events["authorized"], 1,
        "then one retry, accepted: {events}"
    );
    assert_eq!(
        events["seen_tokens"], 2,
        "the retry carried a new token: {events}"
    );
    assert_eq!(
        env.provider.count("test.refresh_claims"),
        1,
        "the provider saw the claims parameter on the refresh"
    );
    assert_eq!(env.provider.count("grant.success:refresh_token"), 1);
    let err = stderr(&out);
    assert!(err.contains("insufficient_claims"), "{err}");
    let at = stdout(&env.token(&[])).trim().to_string();
    assert!(!err.contains(&at), "the token never reaches stderr");

    // The token with the claims replaced the stored one: the next call is accepted at once.
    ok(&call(&env, &[&me]));
    let events = api.events();
    assert_eq!(events["claims_challenges_sent"], 1, "{events}");
    assert_eq!(events["authorized"], 2, "{events}");
    assert_eq!(env.provider.count("grant.success:refresh_token"), 1);
}

#[test]
fn without_a_refresh_token_call_names_the_login_that_gets_the_claims() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    // No offline_access: no refresh token to ask with.
    ok(&env.login("approve", &["--scope", "openid profile"]));
    let api = Api::start(&env.provider.issuer, &["--require-claims", CHALLENGE]);
    let me = format!("{}/me", api.url);
    let out = call(&env, &[&me]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    let login = format!(
        "oidctl login --issuer {} --client-id {CLIENT} --claims '{CHALLENGE}'",
        env.provider.issuer
    );
    assert!(
        err.contains(&format!("hint: sign in with those claims: {login}")),
        "{err}"
    );
    assert!(err.contains("no refresh token"), "{err}");
    assert_eq!(
        api.events()["claims_challenges_sent"],
        1,
        "no retry without a new token"
    );

    // The command it names gets a token the API accepts, with no refresh.
    ok(&env.login(
        "approve",
        &["--scope", "openid profile", "--claims", CHALLENGE],
    ));
    let out = call(&env, &[&me]);
    ok(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["claims"]["acrs"], serde_json::json!(["c1"]), "{doc}");
    assert_eq!(api.events()["claims_challenges_sent"], 1);
    assert_eq!(env.provider.count("grant.success:refresh_token"), 0);
}

#[test]
fn a_refresh_that_does_not_add_the_claims_ends_in_the_login_hint() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    // The API wants a claim the provider sets itself and never from a claims request: the
    // refresh that asks for it is answered with a token that still lacks it.
    let api = Api::start(
        &env.provider.issuer,
        &[
            "--require-claims",
            r#"{"access_token":{"sub":{"value":"bob"}}}"#,
        ],
    );
    let out = call(&env, &[&format!("{}/me", api.url)]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("answered HTTP 401 Unauthorized"), "{err}");
    assert!(
        err.contains("hint: sign in with those claims: oidctl login --issuer"),
        "{err}"
    );
    let events = api.events();
    assert_eq!(
        events["claims_challenges_sent"], 2,
        "exactly one retry: {events}"
    );
    assert_eq!(env.provider.count("test.refresh_claims"), 1);
}

#[test]
fn token_claims_refreshes_with_the_claims_parameter() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let before = stdout(&env.token(&[])).trim().to_string();
    let out = env.token(&["--claims", CHALLENGE]);
    ok(&out);
    let after = stdout(&out).trim().to_string();
    assert_ne!(
        before, after,
        "never the cached token: it may lack the claims"
    );
    assert_eq!(env.provider.count("test.refresh_claims"), 1);
    // Stored in place of the old one: the fast path now prints it.
    assert_eq!(stdout(&env.token(&[])).trim(), after);
    let api = Api::start(&env.provider.issuer, &["--require-claims", CHALLENGE]);
    ok(&call(&env, &[&format!("{}/me", api.url)]));
    assert_eq!(api.events()["claims_challenges_sent"], 0);

    for (bad, says) in [
        ("{not json", "--claims is not valid JSON"),
        ("[1]", "--claims is not a JSON object"),
    ] {
        let out = env.token(&["--claims", bad]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
        assert!(stderr(&out).contains("hint: "), "{}", stderr(&out));
    }
}

/// An oidctl home whose profile `ms` signs in to the fake Entra ID with `profile_extra` lines.
fn entra_profile(entra: &Entra, o: &Oidctl, profile_extra: &str) {
    let config = o.home.join("config/oidctl/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        format!(
            "[profiles.ms]\ntenant = \"{}\"\nclient_id = \"{}\"\nscopes = [\"openid\", \"profile\", \"offline_access\", \"api://v2-api/read\"]\nstore = \"file\"\n{profile_extra}",
            entra.tenant_id,
            Entra::PUBLIC_APP
        ),
    )
    .unwrap();
}

fn entra_claims(entra: &Entra) -> Vec<serde_json::Value> {
    let text = reqwest::blocking::get(format!("{}/__test/claims", entra.authority))
        .unwrap()
        .text()
        .unwrap();
    serde_json::from_str::<serde_json::Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn client_capabilities_reach_microsoft_as_xms_cc() {
    needs!(Part::Node);
    let entra = Entra::start(&[]);
    let o = Oidctl::new();
    entra_profile(&entra, &o, "client_capabilities = [\"cp1\"]\n");
    let log = o.home.join("browser.log");
    let run = |sub: &str, args: &[&str]| {
        let mut cmd = o.cmd();
        cmd.env("OIDCTL_AUTHORITY_HOST", &entra.authority)
            .args([sub, "-p", "ms"])
            .args(args);
        with_browser(&mut cmd, "approve", &log);
        let out = cmd.output().unwrap();
        assert_no_panic(&out);
        out
    };
    const CP1: &str = r#"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#;
    ok(&run("login", &[]));
    // A refresh carries it too, and a claims request is merged with it.
    ok(&run(
        "token",
        &[
            "--claims",
            r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#,
        ],
    ));
    let seen = entra_claims(&entra);
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0]["route"], "authorize");
    assert_eq!(seen[0]["claims"], CP1);
    assert_eq!(seen[1]["grant_type"], "refresh_token");
    let merged: serde_json::Value =
        serde_json::from_str(seen[1]["claims"].as_str().unwrap()).unwrap();
    assert_eq!(
        merged,
        serde_json::json!({"access_token": {"xms_cc": {"values": ["cp1"]}, "acrs": {"essential": true, "value": "c1"}}})
    );
    // Without client_capabilities nothing is sent.
    entra_profile(&entra, &o, "");
    ok(&run("login", &[]));
    assert_eq!(
        entra_claims(&entra).len(),
        2,
        "no claims parameter without capabilities"
    );
}

#[test]
fn conditional_access_refusing_a_device_code_offers_the_browser() {
    needs!(Part::Node);
    let entra = Entra::start(&["--device-interval", "1"]);
    let o = Oidctl::new();
    entra_profile(&entra, &o, "");
    let mut cmd = o.cmd();
    cmd.env("OIDCTL_AUTHORITY_HOST", &entra.authority)
        .args(["login", "-p", "ms", "--device"]);
    let login = start_device_login(&cmd, "enter the code");
    entra.hook(
        "/__test/device",
        serde_json::json!({"user_code": login.code, "action": "approve", "user": "blocked@contoso.example"}),
    );
    let out = login.wait();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: Conditional Access refused the device-code sign-in (AADSTS53003)"),
        "{err}"
    );
    assert!(err.contains("caused by: Trace ID: "), "{err}");
    assert!(
        err.contains("hint: the tenant's policy does not allow this sign-in by device code: sign in in the browser instead, with oidctl login (no --device"),
        "{err}"
    );
}

#[test]
fn a_graph_token_from_microsoft_decodes_as_one_only_graph_can_verify() {
    needs!(Part::Node);
    let entra = Entra::start(&[]);
    let o = Oidctl::new();
    entra_profile(&entra, &o, "");
    let log = o.home.join("browser.log");
    let mut cmd = o.cmd();
    cmd.env("OIDCTL_AUTHORITY_HOST", &entra.authority).args([
        "login",
        "-p",
        "ms",
        "--scope",
        "openid offline_access User.Read",
    ]);
    with_browser(&mut cmd, "approve", &log);
    ok(&cmd.output().unwrap());
    let out = o
        .cmd()
        .env("OIDCTL_AUTHORITY_HOST", &entra.authority)
        .args(["decode", "-p", "ms", "--access-token"])
        .output()
        .unwrap();
    ok(&out);
    let shown = stdout(&out);
    assert!(
        shown.contains("only Microsoft Graph can verify its signature, by design"),
        "{shown}"
    );
}
