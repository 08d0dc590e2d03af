//! `verify --issuer` and `--jwks-uri` against a real HTTP server on 127.0.0.1: discovery, the
//! Microsoft issuer template, the disk cache and the refetch on an unknown kid.

use crate::support::*;

const TID: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const HEADER: &str = r#"{"alg":"RS256","typ":"JWT","kid":"rs256"}"#;

fn claims(iss: &str, extra: &str) -> String {
    format!(
        r#"{{"iss":"{iss}","aud":"api://oidctl-tests","sub":"alice","iat":1764000000,"exp":4102444800{extra}}}"#
    )
}

#[test]
fn issuer_discovery_checks_iss() {
    let server = Server::start();
    let issuer = format!("{}/tenant-a", server.url);
    server.provider("/tenant-a", &issuer, &read("keys/jwks.json"));
    let o = Oidctl::new();
    let good = sign_rs256(HEADER, &claims(&issuer, ""));
    let out = o
        .cmd()
        .args([
            "verify",
            "--issuer",
            &issuer,
            "--audience",
            "api://oidctl-tests",
            &good,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("valid: RS256 signature by key \"rs256\""));

    let foreign = sign_rs256(HEADER, &claims("https://issuer.example", ""));
    let out = o
        .cmd()
        .args(["verify", "--issuer", &issuer, &foreign])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "iss https://issuer.example is not expected issuer {issuer}"
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn discovery_names_another_issuer() {
    let server = Server::start();
    let issuer = format!("{}/a", server.url);
    server.provider("/a", "https://impostor.example", &read("keys/jwks.json"));
    let out = oidctl()
        .args(["verify", "--issuer", &issuer, &read("tokens/rs256.jwt")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "the discovery document names issuer https://impostor.example, not {issuer}"
        )),
        "{err}"
    );
    assert!(err.contains("hint: "));
    assert_eq!(
        server.hits("/jwks"),
        0,
        "keys of a mismatched issuer are never fetched"
    );
}

#[test]
fn microsoft_issuer_template_is_filled_with_tid() {
    let server = Server::start();
    // As login.microsoftonline.com/common/v2.0 does: the issuer is a template, and JWKS keys
    // may carry their own issuer template too.
    let template = format!("{}/{{tenantid}}/v2.0", server.url);
    let jwk: serde_json::Value = serde_json::from_str(&read("keys/rs256.jwk.json")).unwrap();
    let mut jwk = jwk.as_object().unwrap().clone();
    jwk.insert("issuer".into(), template.clone().into());
    server.provider(
        "/common/v2.0",
        &template,
        &serde_json::json!({ "keys": [jwk] }).to_string(),
    );
    let o = Oidctl::new();
    let issuer = format!("{}/common/v2.0", server.url);
    let iss = format!("{}/{TID}/v2.0", server.url);

    let good = sign_rs256(HEADER, &claims(&iss, &format!(r#","tid":"{TID}""#)));
    let out = o
        .cmd()
        .args(["verify", "--issuer", &issuer, &good])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let other_tid = sign_rs256(
        HEADER,
        &claims(&iss, r#","tid":"11111111-2222-3333-4444-555555555555""#),
    );
    let out = o
        .cmd()
        .args(["verify", "--issuer", &issuer, &other_tid])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "iss {iss} is not expected issuer {}/11111111-2222-3333-4444-555555555555/v2.0",
            server.url
        )),
        "{}",
        stderr(&out)
    );

    let no_tid = sign_rs256(HEADER, &claims(&iss, ""));
    let out = o
        .cmd()
        .args(["verify", "--issuer", &issuer, &no_tid])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("the token has no tid, needed to fill expected issuer template"),
        "{}",
        stderr(&out)
    );

    // With --jwks-uri there is no discovery, but the key's own issuer still binds the token.
    let out = o
        .cmd()
        .args([
            "verify",
            "--jwks-uri",
            &format!("{}/jwks", server.url),
            &other_tid,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not the signing key's issuer"),
        "{}",
        stderr(&out)
    );
    let out = o
        .cmd()
        .args([
            "verify",
            "--jwks-uri",
            &format!("{}/jwks", server.url),
            &good,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn documents_are_cached_and_refetched_once_for_an_unknown_kid() {
    let server = Server::start();
    let issuer = format!("{}/cached", server.url);
    server.provider("/cached", &issuer, &read("keys/jwks.json"));
    let o = Oidctl::new();
    let token = sign_rs256(HEADER, &claims(&issuer, ""));
    for _ in 0..3 {
        let out = o
            .cmd()
            .args(["verify", "--issuer", &issuer, &token])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(server.hits("/cached/.well-known/openid-configuration"), 1);
    assert_eq!(
        server.hits("/jwks"),
        1,
        "repeated verify calls cost no round trip"
    );

    // A key the cached JWKS does not have: one refetch, then a clear failure.
    let rotated = sign_rs256(r#"{"alg":"RS256","kid":"rotated"}"#, &claims(&issuer, ""));
    let out = o
        .cmd()
        .args(["verify", "--issuer", &issuer, &rotated])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no key with kid \"rotated\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.hits("/jwks"), 2);

    // The provider rotates its keys: the refetch finds the new one.
    let mut jwks: serde_json::Value = serde_json::from_str(&read("keys/jwks.json")).unwrap();
    jwks["keys"][0]["kid"] = "rotated".into();
    server.route("/jwks", Route::json(jwks.to_string()));
    let out = o
        .cmd()
        .args(["verify", "--issuer", &issuer, &rotated])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.hits("/jwks"), 3);
    assert_eq!(server.hits("/cached/.well-known/openid-configuration"), 1);
}

#[test]
fn cache_control_is_honoured() {
    let server = Server::start();
    server.route(
        "/jwks",
        Route::json(read("keys/jwks.json")).header("Cache-Control", "no-store"),
    );
    let o = Oidctl::new();
    let uri = format!("{}/jwks", server.url);
    for _ in 0..2 {
        let out = o
            .cmd()
            .args(["verify", "--jwks-uri", &uri, &read("tokens/es256.jwt")])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(server.hits("/jwks"), 2, "no-store: never cached");
}

#[test]
fn falls_back_to_rfc8414_metadata() {
    let server = Server::start();
    let issuer = format!("{}/as", server.url);
    server.route(
        "/.well-known/oauth-authorization-server/as",
        Route::json(format!(
            r#"{{"issuer":"{issuer}","jwks_uri":"{}/jwks"}}"#,
            server.url
        )),
    );
    server.route("/jwks", Route::json(read("keys/jwks.json")));
    let token = sign_rs256(HEADER, &claims(&issuer, ""));
    let out = oidctl()
        .args(["verify", "--issuer", &issuer, &token])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.hits("/as/.well-known/openid-configuration"), 1);
}

/// `oidctl verify ARGS rs256.jwt` must fail with `code` and say `says`.
#[track_caller]
fn verify_fails(args: &[&str], code: i32, says: &str) {
    let out = oidctl()
        .arg("verify")
        .args(args)
        .arg(read("tokens/rs256.jwt"))
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(says),
        "expected {says:?} in {}",
        stderr(&out)
    );
}

#[test]
fn missing_metadata_and_bad_documents() {
    let server = Server::start();
    verify_fails(
        &["--issuer", &format!("{}/none", server.url)],
        1,
        "publishes no discovery document",
    );
    server.route("/html", Route::json("<html>oops</html>"));
    verify_fails(
        &["--jwks-uri", &format!("{}/html", server.url)],
        1,
        "is not usable",
    );
    let mut err = Route::json("{}");
    err.status = 500;
    server.route("/broken", err);
    verify_fails(
        &["--jwks-uri", &format!("{}/broken", server.url)],
        1,
        "answered HTTP 500",
    );
}

#[test]
fn http_only_on_loopback_and_unreachable_is_exit_3() {
    verify_fails(&["--issuer", "http://issuer.example"], 2, "uses plain http");
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    verify_fails(
        &["--jwks-uri", &format!("http://127.0.0.1:{port}/jwks")],
        3,
        "could not be reached",
    );
}

#[test]
fn token_headers_never_make_oidctl_fetch_keys() {
    let server = Server::start();
    server.route("/jwks", Route::json(read("keys/jwks.json")));
    server.route("/attacker", Route::json(read("keys/attacker.jwk.json")));
    // Signed by the attacker, pointing at the attacker's keys in every way a header can.
    let header = format!(
        r#"{{"alg":"RS256","kid":"rs256","jku":"{0}/attacker","x5u":"{0}/attacker","jwk":{1}}}"#,
        server.url,
        read("keys/attacker.jwk.json").trim()
    );
    let token = sign_rs256_with(
        "keys/attacker.key.pem",
        &header,
        &claims("https://issuer.example", ""),
    );
    let out = oidctl()
        .args([
            "verify",
            "--jwks-uri",
            &format!("{}/jwks", server.url),
            &token,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("does not verify with key \"rs256\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.hits("/attacker"), 0);
    assert_eq!(server.total_hits(), 1);
}

/// `oidctl verify --batch` with the keys at `server`'s /jwks.
fn batch_with_jwks_at(server: &Server, input: String) -> std::process::Output {
    oidctl()
        .args([
            "verify",
            "--batch",
            "--jwks-uri",
            &format!("{}/jwks", server.url),
        ])
        .write_stdin(input)
        .output()
        .unwrap()
}

#[test]
fn batch_with_remote_keys() {
    let server = Server::start();
    server.route("/jwks", Route::json(read("keys/jwks.json")));
    let input = format!(
        "{}\n{}\n",
        read("tokens/rs256.jwt"),
        read("attacks/wrong-kid.jwt")
    );
    let out = batch_with_jwks_at(&server, input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 2);
    assert_eq!(
        server.hits("/jwks"),
        2,
        "an unknown kid refetches once per run"
    );
}

#[test]
fn batch_finds_a_rotated_key_with_one_refetch() {
    // The first JWKS predates the key that signed the tokens; the refetch brings it. Every
    // line, in chunks verified before and after the refetch, must then be valid.
    let server = Server::start();
    let stale = format!(r#"{{"keys":[{}]}}"#, read("keys/rs384.jwk.json"));
    let rotated = format!(r#"{{"keys":[{}]}}"#, read("keys/rs256.jwk.json"));
    server.sequence("/jwks", vec![Route::json(stale), Route::json(rotated)]);
    let input = format!("{}\n", read("tokens/rs256.jwt")).repeat(5000);
    let out = batch_with_jwks_at(&server, input);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5000);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["line"], i + 1);
        assert_eq!(line["valid"], true, "{line}");
        assert_eq!(line["kid"], "rs256");
    }
    assert_eq!(server.hits("/jwks"), 2, "one fetch, one refetch");
}

#[test]
fn proxy_variables_are_honoured() {
    // A "proxy" that answers every request with the JWKS; the URL oidctl asks for points at a
    // port where nothing listens, so only the proxy can answer.
    let proxy = Server::start();
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let target = format!("http://localhost:{dead}/jwks");
    proxy.route(&target, Route::json(read("keys/jwks.json")));
    let out = oidctl()
        .env("HTTP_PROXY", &proxy.url)
        .args(["verify", "--jwks-uri", &target, &read("tokens/rs256.jwt")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(proxy.hits(&target), 1);
}
