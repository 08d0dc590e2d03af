//! Step-up and freshness (`login --acr-values`, `--max-age`: sent, and the ID token's `acr` and
//! `auth_time` checked) and HS256-signed ID tokens (keyed with the client secret), against the
//! real provider (tests/provider/server.mjs: acrValues, `--login-acr`, the oidctl-hs256 clients).

use crate::support::*;

const LOA2: &str = "urn:oidctl:loa:2";

/// The claims of the stored ID token.
fn id_token_claims(env: &Env) -> serde_json::Value {
    let out = env.token(&["--id-token"]);
    ok(&out);
    let out = oidctl()
        .args(["claims", stdout(&out).trim()])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn acr_values_and_max_age_are_sent_and_checked() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let plain = id_token_claims(&env);
    assert!(plain.get("acr").is_none(), "{plain}");
    assert!(plain.get("auth_time").is_none(), "{plain}");

    ok(&env.login(
        "approve",
        &[
            "--acr-values",
            &format!("{LOA2} urn:oidctl:loa:1"),
            "--max-age",
            "300",
        ],
    ));
    assert_eq!(
        env.provider.count(&format!("test.login_acr:{LOA2}")),
        1,
        "the provider was asked for acr_values, first {LOA2}"
    );
    let stepped = id_token_claims(&env);
    assert_eq!(stepped["acr"], LOA2, "{stepped}");
    let auth_time = stepped["auth_time"]
        .as_i64()
        .expect("max_age asks for auth_time");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((now - auth_time).abs() < 120, "{stepped}");
}

#[test]
fn an_id_token_without_the_asked_acr_is_refused() {
    needs!(Part::Node);
    // The provider authenticates at level 1 whatever it is asked.
    let env = Env::new(&["--login-acr", "urn:oidctl:loa:1"]);
    let out = env.login("approve", &["--acr-values", LOA2]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "error: the provider's ID token is invalid: its acr \"urn:oidctl:loa:1\" is not one of the requested acr_values ({LOA2})"
        )),
        "{err}"
    );
    assert!(err.contains("nothing was stored"), "{err}");
    assert_eq!(env.token(&[]).status.code(), Some(4), "nothing was stored");
    // Asked for nothing, the same provider's sign-in is fine.
    ok(&env.login("approve", &[]));
}

#[test]
fn acr_values_and_max_age_belong_to_the_browser_sign_in() {
    for args in [
        ["--device", "--acr-values", LOA2],
        ["--client-credentials", "--max-age", "60"],
    ] {
        let out = oidctl()
            .args([
                "login",
                "--issuer",
                "http://127.0.0.1:9",
                "--client-id",
                "x",
            ])
            .args(args)
            .output()
            .unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot be used with"),
            "{}",
            stderr(&out)
        );
    }
}

const HS256_SECRET: &str = "oidctl-hs256-secret-0123456789abcdef0123456789abcdef";

/// `oidctl login` as `client` (with OIDCTL_CLIENT_SECRET when `secret` is given).
fn login_as(env: &Env, client: &str, secret: Option<&str>) -> std::process::Output {
    let mut cmd = env.o.cmd();
    cmd.args([
        "login",
        "--issuer",
        &env.provider.issuer,
        "--client-id",
        client,
        "--store",
        "file",
    ]);
    if let Some(s) = secret {
        cmd.env("OIDCTL_CLIENT_SECRET", s);
    }
    with_browser(&mut cmd, "approve", &env.log);
    let out = cmd.output().unwrap();
    assert_no_panic(&out);
    out
}

#[test]
fn hs256_id_tokens_verify_with_the_client_secret_of_a_confidential_client() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&login_as(&env, "oidctl-hs256", Some(HS256_SECRET)));
    let token = |args: &[&str]| {
        let mut cmd = env.o.cmd();
        cmd.env("OIDCTL_CLIENT_SECRET", HS256_SECRET).args([
            "token",
            "--issuer",
            &env.provider.issuer,
            "--client-id",
            "oidctl-hs256",
            "--store",
            "file",
        ]);
        let out = cmd.args(args).output().unwrap();
        assert_no_panic(&out);
        out
    };
    let id = token(&["--id-token"]);
    ok(&id);
    let decoded = oidctl()
        .args(["decode", "--format", "json", stdout(&id).trim()])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&decoded.stdout).unwrap();
    assert_eq!(doc["header"]["alg"], "HS256", "{doc}");
    assert_eq!(doc["payload"]["aud"], "oidctl-hs256", "{doc}");
    // A refresh brings a new HS256 ID token, verified the same way.
    ok(&token(&["--min-valid", "999999"]));
    assert_eq!(env.provider.count("grant.success:refresh_token"), 1);
    let err = stderr(&token(&["--id-token"]));
    assert!(!err.contains(HS256_SECRET), "the secret never shows");
}

#[test]
fn hs256_id_tokens_are_refused_for_a_public_client() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let out = login_as(&env, "oidctl-hs256-public", None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: the provider's ID token is signed with HS256, whose key is the client secret: a public client has no secret, so oidctl cannot verify it and refuses it"),
        "{err}"
    );
    assert!(
        err.contains("hint: register the client with an asymmetric"),
        "{err}"
    );
    assert!(!err.contains(HS256_SECRET));
}
