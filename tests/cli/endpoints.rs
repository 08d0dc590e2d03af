//! userinfo, introspect, revoke and exchange against the real `oidc-provider` on 127.0.0.1, and
//! what each says when the provider's metadata lacks the endpoint.

use crate::support::*;

fn signed_in() -> Env {
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    env
}

fn run(env: &Env, sub: &str, args: &[&str]) -> std::process::Output {
    let out = env.cmd(sub, args).output().unwrap();
    assert_no_panic(&out);
    out
}

#[test]
fn userinfo_shows_the_signed_in_user() {
    needs!(Part::Node);
    let env = signed_in();
    let human = run(&env, "userinfo", &[]);
    ok(&human);
    let text = stdout(&human);
    assert!(text.contains("alice@example.test"), "{text}");
    assert!(text.contains("Userinfo"), "{text}");
    let json = run(&env, "userinfo", &["--format", "json"]);
    ok(&json);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["sub"], "alice");
    assert_eq!(doc["email_verified"], true);
    assert_eq!(env.provider.count("userinfo.success"), 2);
}

#[test]
fn introspect_active_then_revoked() {
    needs!(Part::Node);
    let env = signed_in();
    let out = run(&env, "introspect", &[]);
    ok(&out);
    assert!(
        stdout(&out).starts_with("The token is active."),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("client_id"), "{}", stdout(&out));
    assert_eq!(env.provider.count("client_auth:introspection:none"), 1);

    let json = run(&env, "introspect", &["--refresh-token", "--format", "json"]);
    ok(&json);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["active"], true);

    // A given token, by argument or on stdin.
    let at = stdout(&env.token(&[])).trim().to_string();
    ok(&run(&env, "introspect", &[&at]));
    let piped = env
        .cmd("introspect", &["-"])
        .write_stdin(format!("Bearer {at}\n"))
        .output()
        .unwrap();
    ok(&piped);

    // Revoke the access token; introspection then says it is not active: exit 1.
    let revoked = run(&env, "revoke", &["--access-token"]);
    ok(&revoked);
    assert!(
        stderr(&revoked).contains("Revoked the stored access token"),
        "{}",
        stderr(&revoked)
    );
    assert_eq!(env.provider.count("revocation.success"), 1);
    let out = run(&env, "introspect", &[&at]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("The token is not active."),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("not active"), "{}", stderr(&out));
    let json = run(&env, "introspect", &[&at, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    assert_eq!(
        stdout(&json).trim().replace([' ', '\n'], ""),
        r#"{"active":false}"#
    );
}

#[test]
fn revoke_the_stored_refresh_token_ends_the_sign_in() {
    needs!(Part::Node);
    let env = signed_in();
    let rt = stdout(&env.token(&["--refresh-token"])).trim().to_string();
    let out = run(&env, "revoke", &["--format", "json"]);
    ok(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc,
        serde_json::json!({"revoked": true, "token_type_hint": "refresh_token"})
    );
    assert_eq!(env.provider.count("client_auth:revocation:none"), 1);
    // Dropped from the store: renewing now needs a sign-in.
    let renew = env.token(&["--min-valid", "999999"]);
    assert_eq!(renew.status.code(), Some(4), "{}", stderr(&renew));
    // And dead at the provider.
    let out = run(&env, "introspect", &[&rt]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn exchange_for_another_audience() {
    needs!(Part::Node);
    let env = signed_in();
    let out = run(
        &env,
        "exchange",
        &[
            "--audience",
            "https://api.example.test",
            "--scope",
            "openid",
        ],
    );
    ok(&out);
    let issued = stdout(&out).trim().to_string();
    let at = stdout(&env.token(&[])).trim().to_string();
    assert!(issued.len() > 20 && issued != at, "{issued}");
    assert_eq!(
        env.provider
            .count("grant.success:urn:ietf:params:oauth:grant-type:token-exchange"),
        1
    );
    // The issued token is the provider's, for that audience.
    let json = run(&env, "introspect", &[&issued, "--format", "json"]);
    ok(&json);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["aud"], "https://api.example.test", "{doc}");
    assert_eq!(doc["sub"], "alice");
    // --format as for `oidctl token`.
    let header = run(
        &env,
        "exchange",
        &[
            "--audience",
            "https://api.example.test",
            "--format",
            "header",
        ],
    );
    ok(&header);
    assert!(
        stdout(&header).starts_with("Authorization: Bearer "),
        "{}",
        stdout(&header)
    );
}

#[test]
fn exchange_errors_name_the_problem() {
    needs!(Part::Node);
    let env = signed_in();
    let out = run(
        &env,
        "exchange",
        &["--subject-token", "not-a-token-of-this-provider"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid_grant"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("hint: the subject token"),
        "{}",
        stderr(&out)
    );
    let out = run(&env, "exchange", &["--scope", "api:write"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid_scope"), "{}", stderr(&out));
    let out = run(&env, "exchange", &["--subject-token-type", "saml2"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid_request"), "{}", stderr(&out));
    let out = run(&env, "exchange", &["--subject-token-type", "nonsense"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_missing_endpoint_is_named() {
    let server = Server::start();
    server.metadata("");
    for (sub, args, field) in [
        ("introspect", vec!["some-token"], "introspection_endpoint"),
        ("revoke", vec!["some-token"], "revocation_endpoint"),
    ] {
        let out = oidctl()
            .arg(sub)
            .args(["--issuer", &server.url, "--client-id", "c"])
            .args(args)
            .output()
            .unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{sub}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("metadata has no {field}")),
            "{sub}: {}",
            stderr(&out)
        );
        assert_eq!(server.hits("/token"), 0);
    }
}
