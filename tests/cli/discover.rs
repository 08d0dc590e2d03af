//! `discover` against the real provider and against fake ones on 127.0.0.1 whose metadata has
//! one problem each: the report on stdout, the exit code, and the error on stderr.

use serde_json::{Value, json};

use crate::support::*;

/// Metadata for `issuer` at `server` with no problem in it, then `changes` (a null removes).
fn metadata(server: &Server, issuer: &str, changes: Value) -> String {
    let base = &server.url;
    let mut doc = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "jwks_uri": format!("{base}/jwks"),
        "revocation_endpoint": format!("{base}/revoke"),
        "device_authorization_endpoint": format!("{base}/device"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
        "code_challenge_methods_supported": ["S256"],
        "id_token_signing_alg_values_supported": ["RS256"],
    });
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            doc.as_object_mut().unwrap().remove(k);
        } else {
            doc[k] = v.clone();
        }
    }
    doc.to_string()
}

/// A fake provider at `{server}/p` serving `metadata(…, changes)` as OpenID discovery.
fn fake(changes: Value) -> (Server, String) {
    let server = Server::start();
    let issuer = format!("{}/p", server.url);
    server.route(
        "/p/.well-known/openid-configuration",
        Route::json(metadata(&server, &issuer, changes)),
    );
    (server, issuer)
}

fn discover(args: &[&str]) -> std::process::Output {
    let out = oidctl().arg("discover").args(args).output().unwrap();
    assert_no_panic(&out);
    out
}

#[track_caller]
fn exit(out: &std::process::Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
}

/// stderr says `text`.
#[track_caller]
fn says(out: &std::process::Output, text: &str) {
    let err = stderr(out);
    assert!(err.contains(text), "{text:?} missing from stderr:\n{err}");
}

/// The problem lines of a human report.
fn problems(out: &std::process::Output) -> Vec<String> {
    let text = stdout(out);
    let (_, tail) = text.split_once("\nProblems\n").expect("a Problems section");
    tail.lines().map(|l| l.trim().to_string()).collect()
}

#[test]
fn real_provider_has_good_metadata() {
    needs!(Part::Node);
    let provider = Provider::start(&[]);
    let out = discover(&[&provider.issuer]);
    exit(&out, 0);
    let text = stdout(&out);
    let iss = &provider.issuer;
    for line in [
        format!("  token                         {iss}/token"),
        format!("  jwks                          {iss}/jwks"),
        format!("  revocation                    {iss}/token/revocation"),
        format!("  device_authorization          {iss}/device/auth"),
        format!(
            "  metadata   {iss}/.well-known/openid-configuration (OpenID Connect Discovery 1.0)"
        ),
        "  PKCE                 S256".to_string(),
        "  login                authorization_code grant, in the browser, with PKCE".to_string(),
    ] {
        assert!(text.contains(&line), "{line:?} missing from:\n{text}");
    }
    assert_eq!(problems(&out), ["No problems found"]);
}

#[test]
fn real_provider_json_report() {
    needs!(Part::Node);
    let provider = Provider::start(&[]);
    let out = discover(&[&provider.issuer, "--format", "json"]);
    exit(&out, 0);
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(report["issuer"], provider.issuer.as_str());
    assert_eq!(report["source"], "openid-configuration");
    assert_eq!(
        report["url"],
        format!("{}/.well-known/openid-configuration", provider.issuer)
    );
    assert_eq!(report["metadata"]["issuer"], provider.issuer.as_str());
    assert_eq!(
        report["metadata"]["token_endpoint"],
        format!("{}/token", provider.issuer)
    );
    assert_eq!(report["uses"]["pkce"], "S256");
    assert_eq!(report["uses"]["login"], "authorization_code");
    let problems = report["problems"].as_array().expect("a problems array");
    assert!(
        problems.iter().all(|p| p["severity"] != "error"),
        "{problems:#?}"
    );
}

#[test]
fn issuer_mismatch_is_an_error_naming_both() {
    let (_server, issuer) = fake(json!({"issuer": "https://impostor.example"}));
    let out = discover(&[&issuer]);
    exit(&out, 1);
    let p = problems(&out);
    assert!(
        p[0].starts_with("error   issuer: the document names https://impostor.example, not ")
            && p[0].contains(&issuer),
        "{p:?}"
    );
    says(
        &out,
        &format!("error: the metadata of {issuer} has 1 error"),
    );
}

#[test]
fn pkce_without_s256_is_an_error() {
    let (_server, issuer) = fake(json!({"code_challenge_methods_supported": ["plain"]}));
    let out = discover(&[&issuer]);
    exit(&out, 1);
    assert_eq!(
        problems(&out),
        [
            "error   code_challenge_methods_supported: lists plain but not S256: oidctl always sends S256, which this provider may refuse or ignore, leaving an intercepted code redeemable"
        ]
    );
}

#[test]
fn missing_revocation_endpoint_is_a_warning() {
    let (_server, issuer) = fake(json!({"revocation_endpoint": null}));
    let out = discover(&[&issuer]);
    exit(&out, 0);
    let p = problems(&out);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("warning revocation_endpoint: missing: `oidctl logout` cannot revoke"),
        "{p:?}"
    );
    assert!(stdout(&out).contains("  revocation                    (none)\n"));
}

#[test]
fn plain_http_endpoint_on_another_host_is_an_error() {
    let (_server, issuer) = fake(json!({"token_endpoint": "http://login.example.com/token"}));
    let out = discover(&[&issuer, "--format", "json"]);
    exit(&out, 1);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["severity"], "error");
    assert_eq!(problems[0]["field"], "token_endpoint");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("http://login.example.com/token is plain http on a non-loopback host"),
        "{problems:#?}"
    );
    // Nothing oidctl can sign in with at that endpoint.
    assert_eq!(report["uses"]["login"], Value::Null);
}

#[test]
fn falls_back_to_rfc_8414() {
    let server = Server::start();
    let issuer = format!("{}/tenant", server.url);
    server.route(
        "/.well-known/oauth-authorization-server/tenant",
        Route::json(metadata(&server, &issuer, json!({}))),
    );
    let out = discover(&[&issuer, "--format", "json"]);
    exit(&out, 0);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["source"], "oauth-authorization-server");
    assert_eq!(
        report["url"],
        format!(
            "{}/.well-known/oauth-authorization-server/tenant",
            server.url
        )
    );
    assert_eq!(server.hits("/tenant/.well-known/openid-configuration"), 1);
}

#[test]
fn no_document_at_either_location() {
    let server = Server::start();
    let out = discover(&[&server.url]);
    exit(&out, 1);
    says(
        &out,
        &format!("error: {} publishes no discovery document", server.url),
    );
    says(
        &out,
        &format!(
            "HTTP 404 from {0}/.well-known/openid-configuration and {0}/.well-known/oauth-authorization-server",
            server.url
        ),
    );
    says(&out, "hint: check the issuer URL");
    assert_eq!(stdout(&out), "");
}

#[test]
fn html_instead_of_json_is_a_clear_error() {
    let server = Server::start();
    server.route(
        "/.well-known/openid-configuration",
        Route {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: "<!doctype html><html><body>Sign in</body></html>".into(),
        },
    );
    let out = discover(&[&server.url]);
    exit(&out, 1);
    says(
        &out,
        &format!(
            "error: the discovery document at {}/.well-known/openid-configuration is not a JSON object",
            server.url
        ),
    );
    says(&out, "caused by: the server answered with HTML, not JSON");
}

#[test]
fn unreachable_provider_exits_3() {
    // A port that was free a moment ago: nobody listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = discover(&[&format!("http://127.0.0.1:{port}")]);
    exit(&out, 3);
    says(&out, "could not be reached");
}

#[test]
fn plain_http_issuer_on_another_host_is_a_usage_error() {
    let out = discover(&["http://login.example.com"]);
    exit(&out, 2);
    says(&out, "uses plain http");
    let out = discover(&["not a url"]);
    exit(&out, 2);
}

#[test]
fn escape_sequences_from_the_provider_are_neutralised() {
    let (_server, issuer) = fake(json!({
        "issuer": "https://evil.example/\u{1b}]0;pwned\u{7}",
        "userinfo_endpoint": "https://evil.example/\u{1b}[2J\u{9b}31m",
    }));
    let out = discover(&[&issuer]);
    exit(&out, 1);
    let text = stdout(&out);
    assert!(!out.stdout.contains(&0x1b), "{text:?}");
    assert!(!text.contains('\u{9b}'), "{text:?}");
    assert!(!out.stderr.contains(&0x1b), "{}", stderr(&out));
    assert!(
        text.contains("https://evil.example/\\u{1b}]0;pwned\\u{7}"),
        "{text}"
    );
    assert!(
        text.contains("https://evil.example/\\u{1b}[2J\\u{9b}31m"),
        "{text}"
    );
}

#[test]
fn issuer_from_the_profile_and_the_cache() {
    let (server, issuer) = fake(json!({}));
    let o = Oidctl::new();
    let dir = o.home.join("config/oidctl");
    std::fs::create_dir_all(&dir).unwrap();
    // No client ID: discover acts as no client, so it needs none.
    std::fs::write(
        dir.join("config.toml"),
        format!("default_profile = \"work\"\n[profiles.work]\nissuer = \"{issuer}\"\n"),
    )
    .unwrap();
    let out = o.cmd().arg("discover").output().unwrap();
    exit(&out, 0);
    assert!(stdout(&out).contains(&format!("  requested  {issuer}\n")));
    let path = "/p/.well-known/openid-configuration";
    assert_eq!(server.hits(path), 1);

    // A second run reads the cached document; --refresh fetches it again.
    let out = o.cmd().args(["discover", "-p", "work"]).output().unwrap();
    exit(&out, 0);
    assert_eq!(server.hits(path), 1);
    let out = o.cmd().args(["discover", "--refresh"]).output().unwrap();
    exit(&out, 0);
    assert_eq!(server.hits(path), 2);
}

#[test]
fn no_issuer_is_a_usage_error() {
    let out = discover(&[]);
    exit(&out, 2);
    says(&out, "error: no issuer");
}
