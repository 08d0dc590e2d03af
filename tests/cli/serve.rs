//! `oidctl serve` and `oidctl demo`: oidctl's own commands against the development provider,
//! the protocol's error cases over raw HTTP, and an independent client (openid-client, Node)
//! signing in to it, so that the provider is not only checked by its own client.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use serde_json::Value;

use crate::support::*;

/// `oidctl serve --port 0 ARGS`, running until dropped; its stderr is collected.
struct Serve {
    issuer: String,
    stderr: Arc<Mutex<String>>,
    child: Child,
}

impl Serve {
    fn start(o: &Oidctl, args: &[&str]) -> Serve {
        let mut cmd = o.cmd();
        cmd.args(["serve", "--port", "0"]).args(args);
        let mut child = spawnable(&cmd)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let (err, sink) = (child.stderr.take().unwrap(), stderr.clone());
        std::thread::spawn(move || {
            let mut issuer = String::new();
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Some(i) = line.strip_prefix("  issuer") {
                    issuer = i.trim().to_string();
                }
                sink.lock().unwrap().push_str(&format!("{line}\n"));
                // The banner's last line.
                if line.starts_with("State is kept in memory") {
                    let _ = tx.send(issuer.clone());
                }
            }
        });
        let issuer = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("oidctl serve did not start: {}", stderr.lock().unwrap()));
        Serve {
            issuer,
            stderr,
            child,
        }
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// `oidctl SUB --issuer … --client-id CLIENT --store file ARGS`.
    fn cmd(&self, o: &Oidctl, sub: &str, client: &str, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = o.cmd();
        cmd.arg(sub)
            .args([
                "--issuer",
                &self.issuer,
                "--client-id",
                client,
                "--store",
                "file",
            ])
            .args(args);
        cmd
    }

    /// `oidctl login` as `client` through the scripted browser; `user`: who signs in, when it
    /// is asked.
    fn login(
        &self,
        o: &Oidctl,
        client: &str,
        args: &[&str],
        mode: &str,
        user: Option<&str>,
    ) -> std::process::Output {
        let mut login = self.cmd(o, "login", client, args);
        browse(&mut login, o, mode, user);
        run(&mut login)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(cmd: &mut assert_cmd::Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert_no_panic(&out);
    out
}

/// The scripted browser for oidctl serve's pages (tests/provider/serve-browser.sh).
fn browse(cmd: &mut assert_cmd::Command, o: &Oidctl, mode: &str, user: Option<&str>) {
    require(Part::Node);
    cmd.env("BROWSER", provider_dir().join("serve-browser.sh"))
        .env("TEST_BROWSER_MODE", mode)
        .env("TEST_BROWSER_LOG", o.home.join("browser.log"));
    if let Some(u) = user {
        cmd.env("TEST_BROWSER_USER", u);
    }
}

/// `url` with `pairs` as its query.
fn with_query(url: String, pairs: &[(&str, &str)]) -> String {
    url::Url::parse_with_params(&url, pairs)
        .unwrap()
        .to_string()
}

fn http() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn json(response: reqwest::blocking::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.text().unwrap();
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}")),
    )
}

/// A PKCE verifier and its S256 challenge.
fn pkce() -> (String, String) {
    let verifier = b64(format!(
        "verifier-{}-{:?}",
        std::process::id(),
        std::time::Instant::now()
    ));
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
    (verifier, b64(digest.as_ref()))
}

const REDIRECT: &str = "http://127.0.0.1:9/callback";

/// The authorization request's answer, with `extra` parameters replacing or adding to a
/// well-formed request.
fn authorize(s: &Serve, challenge: &str, extra: &[(&str, &str)]) -> reqwest::blocking::Response {
    let mut params: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", "raw-client"),
        ("redirect_uri", REDIRECT),
        ("scope", "openid profile offline_access"),
        ("state", "st"),
        ("nonce", "n0"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    for (k, v) in extra {
        params.retain(|(pk, _)| pk != k);
        if !v.is_empty() {
            params.push((k, v));
        }
    }
    http()
        .get(with_query(s.url("/authorize"), &params))
        .send()
        .unwrap()
}

/// The query of a redirect's Location.
fn redirected(response: &reqwest::blocking::Response) -> std::collections::HashMap<String, String> {
    assert_eq!(response.status().as_u16(), 302, "{response:?}");
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.starts_with(REDIRECT), "{location}");
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn token_request(s: &Serve, form: &[(&str, &str)]) -> (u16, Value) {
    json(http().post(s.url("/token")).form(form).send().unwrap())
}

/// An authorization code for `raw-client`, and its verifier.
fn code(s: &Serve) -> (String, String) {
    let (verifier, challenge) = pkce();
    let q = redirected(&authorize(s, &challenge, &[]));
    assert_eq!(q["state"], "st");
    assert_eq!(q["iss"], s.issuer, "RFC 9207: the issuer names itself");
    (q["code"].clone(), verifier)
}

fn exchange(s: &Serve, code: &str, verifier: &str) -> (u16, Value) {
    token_request(
        s,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "raw-client"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
        ],
    )
}

fn introspect(s: &Serve, token: &str) -> Value {
    json(
        http()
            .post(s.url("/introspect"))
            .form(&[("client_id", "raw-client"), ("token", token)])
            .send()
            .unwrap(),
    )
    .1
}

fn claims_of(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn serve_login_token_refresh_status_verify_and_userinfo() {
    needs!(Part::Node);
    let o = Oidctl::new();
    let s = Serve::start(&o, &["--auto-approve"]);
    let banner = s.log();
    assert!(banner.contains("never for production"), "{banner}");
    assert!(
        banner.contains("alice (Alice Example), bob (Bob Example)"),
        "{banner}"
    );

    let out = s.login(&o, "my-app", &[], "approve", None);
    ok(&out);
    assert!(
        stderr(&out).contains("Signed in as alice at"),
        "{}",
        stderr(&out)
    );

    let at = stdout(&run(&mut s.cmd(&o, "token", "my-app", &[])));
    let at = at.trim();
    let claims = claims_of(at);
    assert_eq!(claims["sub"], "alice");
    assert_eq!(claims["client_id"], "my-app");
    assert_eq!(claims["scope"], "openid profile email offline_access");

    // A margin longer than the 300 s lifetime: the token path refreshes, the refresh token rotates.
    let rt = stdout(&run(&mut s.cmd(
        &o,
        "token",
        "my-app",
        &["--refresh-token"],
    )));
    let renewed = run(&mut s.cmd(&o, "token", "my-app", &["--min-valid", "600"]));
    ok(&renewed);
    assert_ne!(stdout(&renewed).trim(), at);
    let rt2 = stdout(&run(&mut s.cmd(
        &o,
        "token",
        "my-app",
        &["--refresh-token"],
    )));
    assert_ne!(rt, rt2, "the refresh token rotates");

    let status = stdout(&run(&mut s.cmd(&o, "status", "my-app", &[])));
    assert!(status.contains("subject   alice"), "{status}");
    assert!(status.contains("refresh   yes"), "{status}");

    let id = stdout(&run(&mut s.cmd(&o, "token", "my-app", &["--id-token"])));
    // The ID token and the (RFC 9068) access token verify with the issuer's published keys.
    let renewed = stdout(&renewed);
    for token in [id.trim(), renewed.trim()] {
        ok(&run(o.cmd().args([
            "verify",
            "--issuer",
            &s.issuer,
            "--audience",
            "my-app",
            "--alg",
            "RS256",
            token,
        ])));
    }

    let info = run(&mut s.cmd(&o, "userinfo", "my-app", &["--format", "json"]));
    ok(&info);
    let info: Value = serde_json::from_str(&stdout(&info)).unwrap();
    assert_eq!(info["sub"], "alice");
    assert_eq!(info["email"], "alice@example.com");

    // The request log never carries a token or a code.
    let log = s.log();
    assert!(log.contains("POST /token 200"), "{log}");
    assert!(!log.contains(at) && !log.contains(rt.trim()), "{log}");
}

#[test]
fn the_sign_in_page_picks_a_user_or_denies() {
    needs!(Part::Node);
    let o = Oidctl::new();
    let s = Serve::start(&o, &[]);
    let out = s.login(&o, "my-app", &[], "approve", Some("bob"));
    ok(&out);
    assert!(
        stderr(&out).contains("Signed in as bob"),
        "{}",
        stderr(&out)
    );

    let o2 = Oidctl::new();
    let out = s.login(&o2, "my-app", &[], "deny", None);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("access_denied"), "{}", stderr(&out));

    // The page escapes what the request brings and never runs a script.
    let (_, challenge) = pkce();
    let page = authorize(&s, &challenge, &[("client_id", "<script>x</script>")]);
    assert_eq!(page.status().as_u16(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let html = page.text().unwrap();
    assert!(
        html.contains("&lt;script&gt;x&lt;/script&gt;") && !html.contains("<script>"),
        "{html}"
    );
    assert!(html.contains("never for production"));
}

#[test]
fn pkce_redirect_and_code_errors() {
    let o = Oidctl::new();
    let s = Serve::start(&o, &["--auto-approve"]);
    let (verifier, challenge) = pkce();

    // PKCE is required, S256 only; errors go back to the client with state and iss.
    for (extra, error) in [
        (vec![("code_challenge", "")], "invalid_request"),
        (vec![("code_challenge_method", "plain")], "invalid_request"),
        (vec![("code_challenge_method", "")], "invalid_request"),
        (vec![("code_challenge", "short")], "invalid_request"),
        (
            vec![("response_type", "token")],
            "unsupported_response_type",
        ),
        (vec![("request", "eyJ")], "request_not_supported"),
    ] {
        let q = redirected(&authorize(&s, &challenge, &extra));
        assert_eq!(q["error"], error, "{extra:?}");
        assert_eq!(q["state"], "st");
        assert!(!q.contains_key("code"));
    }
    // An unknown redirect URI gets a page, never a redirect.
    for uri in [
        "https://evil.example/cb",
        "http://192.168.1.1/cb",
        "http://127.0.0.1:9/cb#x",
    ] {
        let r = authorize(&s, &challenge, &[("redirect_uri", uri)]);
        assert_eq!(r.status().as_u16(), 400, "{uri}");
        assert!(r.headers().get("location").is_none());
    }
    // Any loopback port is fine (RFC 8252), IPv6 and localhost too.
    for uri in ["http://[::1]:61000/cb", "http://localhost:1234/x"] {
        let r = authorize(&s, &challenge, &[("redirect_uri", uri)]);
        assert_eq!(r.status().as_u16(), 302, "{uri}");
    }

    // A wrong verifier, a missing one, another redirect URI or client: invalid_grant, and the
    // code is spent.
    let (c, _) = code(&s);
    let (status, body) = exchange(&s, &c, &pkce().0);
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(
        exchange(&s, &c, &verifier).1["error"],
        "invalid_grant",
        "spent"
    );
    for (client, redirect, verifier, error) in [
        ("raw-client", REDIRECT, false, "invalid_request"),
        (
            "raw-client",
            "http://127.0.0.1:9/other",
            true,
            "invalid_grant",
        ),
        ("other-client", REDIRECT, true, "invalid_grant"),
    ] {
        let (c, v) = code(&s);
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("client_id", client),
            ("code", &c),
            ("redirect_uri", redirect),
        ];
        if verifier {
            form.push(("code_verifier", &v));
        }
        let (_, body) = token_request(&s, &form);
        assert_eq!(body["error"], error, "{form:?}: {body}");
    }

    // A code used twice: refused, and the tokens of its first use are revoked.
    let (c, v) = code(&s);
    let (status, first) = exchange(&s, &c, &v);
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["token_type"], "Bearer");
    assert_eq!(first["expires_in"], 300);
    let at = first["access_token"].as_str().unwrap();
    assert_eq!(introspect(&s, at)["active"], true);
    assert_eq!(exchange(&s, &c, &v).1["error"], "invalid_grant");
    assert_eq!(introspect(&s, at)["active"], false);
    let (_, body) = token_request(
        &s,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", "raw-client"),
            ("refresh_token", first["refresh_token"].as_str().unwrap()),
        ],
    );
    assert_eq!(body["error"], "invalid_grant");

    // The ID token carries the nonce, at_hash, sid and auth_time.
    let (c, v) = code(&s);
    let (_, t) = exchange(&s, &c, &v);
    let id = claims_of(t["id_token"].as_str().unwrap());
    assert_eq!(id["nonce"], "n0");
    assert_eq!(id["aud"], "raw-client");
    for claim in ["at_hash", "sid", "auth_time", "jti", "iat", "exp"] {
        assert!(id.get(claim).is_some(), "{claim}: {id}");
    }
}

#[test]
fn refresh_tokens_rotate_and_reuse_revokes_the_sign_in() {
    let o = Oidctl::new();
    let s = Serve::start(&o, &["--auto-approve"]);
    let (c, v) = code(&s);
    let (_, first) = exchange(&s, &c, &v);
    let rt1 = first["refresh_token"].as_str().unwrap();
    let refresh = |rt: &str, extra: &[(&str, &str)]| {
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("client_id", "raw-client"),
            ("refresh_token", rt),
        ];
        form.extend_from_slice(extra);
        token_request(&s, &form)
    };
    // A scope not granted is refused; a narrower one is fine.
    assert_eq!(
        refresh(rt1, &[("scope", "openid admin")]).1["error"],
        "invalid_scope"
    );
    let (status, second) = refresh(rt1, &[("scope", "openid")]);
    assert_eq!(status, 200, "{second}");
    assert_eq!(second["scope"], "openid");
    let rt2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(rt1, rt2);
    let at2 = second["access_token"].as_str().unwrap();
    assert_eq!(introspect(&s, rt2)["active"], true);
    assert_eq!(introspect(&s, rt1)["active"], false, "rotated out");
    // Another client cannot use it.
    let (_, body) = token_request(
        &s,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", "thief"),
            ("refresh_token", rt2),
        ],
    );
    assert_eq!(body["error"], "invalid_grant");
    // The rotated-out token used again: refused, and the whole sign-in is revoked.
    let (status, body) = refresh(rt1, &[]);
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("already used"),
        "{body}"
    );
    assert_eq!(refresh(rt2, &[]).1["error"], "invalid_grant");
    assert_eq!(introspect(&s, at2)["active"], false);
}

#[test]
fn introspect_revoke_and_logout_with_oidctl() {
    needs!(Part::Node);
    let o = Oidctl::new();
    let s = Serve::start(&o, &["--auto-approve", "--client", "api:api-secret"]);
    ok(&s.login(&o, "my-app", &[], "approve", None));
    let at = stdout(&run(&mut s.cmd(&o, "token", "my-app", &[])))
        .trim()
        .to_string();

    // The public client introspects its own tokens.
    let out = run(&mut s.cmd(&o, "introspect", "my-app", &["--format", "json"]));
    ok(&out);
    let answer: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(answer["active"], true);
    assert_eq!(answer["username"], "alice");
    assert_eq!(answer["client_id"], "my-app");
    ok(&run(&mut s.cmd(
        &o,
        "introspect",
        "my-app",
        &["--refresh-token"],
    )));
    // Another public client learns nothing; a confidential one (the API) may ask.
    let other = run(&mut s.cmd(&o, "introspect", "someone-else", &[&at]));
    assert_eq!(other.status.code(), Some(1));
    let mut api = s.cmd(&o, "introspect", "api", &[&at]);
    api.env("OIDCTL_CLIENT_SECRET", "api-secret");
    ok(&run(&mut api));
    let mut wrong = s.cmd(&o, "introspect", "api", &[&at]);
    wrong.env("OIDCTL_CLIENT_SECRET", "nope");
    let out = run(&mut wrong);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));

    // Revoking the access token ends it, and the next `token` renews it.
    ok(&run(&mut s.cmd(
        &o,
        "revoke",
        "my-app",
        &["--access-token"],
    )));
    assert_eq!(
        run(&mut s.cmd(&o, "introspect", "my-app", &[&at]))
            .status
            .code(),
        Some(1)
    );
    let userinfo = run(&mut s.cmd(&o, "userinfo", "my-app", &[]));
    ok(&userinfo);
    let renewed = stdout(&run(&mut s.cmd(&o, "token", "my-app", &[])))
        .trim()
        .to_string();
    assert_ne!(renewed, at);

    // logout revokes the refresh token: the sign-in ends at the provider too.
    let rt = stdout(&run(&mut s.cmd(
        &o,
        "token",
        "my-app",
        &["--refresh-token"],
    )))
    .trim()
    .to_string();
    ok(&run(&mut s.cmd(&o, "logout", "my-app", &[])));
    assert_eq!(
        run(&mut s.cmd(&o, "introspect", "my-app", &[&rt]))
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&mut s.cmd(&o, "introspect", "my-app", &[&renewed]))
            .status
            .code(),
        Some(1)
    );

    // End-session goes back to a loopback post_logout_redirect_uri, with the state.
    let r = http()
        .get(with_query(
            s.url("/logout"),
            &[
                ("post_logout_redirect_uri", "http://127.0.0.1:9/bye"),
                ("state", "s1"),
            ],
        ))
        .send()
        .unwrap();
    assert_eq!(r.headers()["location"], "http://127.0.0.1:9/bye?state=s1");
}

#[test]
fn client_credentials_for_confidential_clients_only() {
    let o = Oidctl::new();
    let s = Serve::start(&o, &["--client", "svc:dev-secret", "--preset", "entra"]);
    for method in ["basic", "post"] {
        let o = Oidctl::new();
        let mut login = s.cmd(
            &o,
            "login",
            "svc",
            &[
                "--client-credentials",
                "--scope",
                "api://my-api/.default",
                "--client-auth",
                method,
            ],
        );
        login.env("OIDCTL_CLIENT_SECRET", "dev-secret");
        let out = run(&mut login);
        ok(&out);
        assert!(
            stderr(&out).contains("Signed in as client svc"),
            "{}",
            stderr(&out)
        );
        let mut token = s.cmd(&o, "token", "svc", &["--scope", "api://my-api/.default"]);
        token.env("OIDCTL_CLIENT_SECRET", "dev-secret");
        let claims = claims_of(stdout(&run(&mut token)).trim());
        assert_eq!(claims["aud"], "api://my-api");
        assert_eq!(claims["idtyp"], "app");
        assert_eq!(claims["azpacr"], "1");
        assert_eq!(claims["tid"], "7d1e5b4a-0000-4000-8000-0000000de7e1");
    }
    for (form, expected) in [
        (
            vec![("client_id", "public-app")],
            (400, "unauthorized_client"),
        ),
        (
            vec![("client_id", "svc"), ("client_secret", "wrong")],
            (401, "invalid_client"),
        ),
        (
            vec![("grant_type", "password"), ("client_id", "public-app")],
            (400, "unsupported_grant_type"),
        ),
    ] {
        let mut form = form;
        if !form.iter().any(|(k, _)| *k == "grant_type") {
            form.push(("grant_type", "client_credentials"));
        }
        let (status, body) = token_request(&s, &form);
        assert_eq!(
            (status, body["error"].as_str().unwrap()),
            expected,
            "{form:?}"
        );
    }
}

#[test]
fn device_flow_page_pending_slow_down_and_denial() {
    let o = Oidctl::new();
    let s = Serve::start(&o, &["--device-interval", "1"]);

    // Raw polls: pending, then slow_down when polled again at once.
    let (_, auth) = json(
        http()
            .post(s.url("/device_authorization"))
            .form(&[("client_id", "tv"), ("scope", "openid")])
            .send()
            .unwrap(),
    );
    assert_eq!(auth["interval"], 1);
    let complete = auth["verification_uri_complete"].as_str().unwrap();
    assert!(
        complete.starts_with(&s.url("/device?user_code=")),
        "{complete}"
    );
    let dc = auth["device_code"].as_str().unwrap();
    let poll = || {
        token_request(
            &s,
            &[
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("client_id", "tv"),
                ("device_code", dc),
            ],
        )
        .1
    };
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(poll()["error"], "authorization_pending");
    assert_eq!(poll()["error"], "slow_down");

    // oidctl login --device, approved on the page as bob (the code typed in lower case).
    for (decision, expected) in [("approve", Some(0)), ("deny", Some(4))] {
        let o = Oidctl::new();
        let mut child = spawnable(&s.cmd(&o, "login", "tv", &["--device"]))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut seen = String::new();
        let user_code = loop {
            let mut line = String::new();
            assert!(
                err.read_line(&mut line).unwrap() > 0,
                "no code shown: {seen}"
            );
            seen.push_str(&line);
            if let Some(i) = line.find("enter the code ") {
                break line[i + 15..].trim().to_string();
            }
        };
        let page = http()
            .get(with_query(
                s.url("/device"),
                &[("user_code", user_code.as_str())],
            ))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(page.contains(&user_code), "{page}");
        let answer = http()
            .post(s.url("/device"))
            .form(&[
                ("user_code", user_code.to_lowercase().as_str()),
                ("user", "bob"),
                ("decision", decision),
            ])
            .send()
            .unwrap();
        assert_eq!(answer.status().as_u16(), 200);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), expected, "{seen}{rest}");
        if decision == "approve" {
            assert!(rest.contains("Signed in as bob"), "{rest}");
        } else {
            assert!(rest.contains("access_denied"), "{rest}");
        }
    }
}

#[test]
fn presets_shape_the_tokens() {
    needs!(Part::Node);
    let o = Oidctl::new();
    let s = Serve::start(
        &o,
        &["--preset", "entra", "--user", "bob", "--alg", "ES256"],
    );
    assert!(
        s.issuer
            .ends_with("/7d1e5b4a-0000-4000-8000-0000000de7e1/v2.0"),
        "{}",
        s.issuer
    );
    let scope = [
        "--scope",
        "openid profile offline_access api://my-api/Files.Read",
    ];
    ok(&s.login(&o, "my-app", &scope, "approve", None));
    let at = stdout(&run(&mut s.cmd(&o, "token", "my-app", &scope)));
    let c = claims_of(at.trim());
    assert_eq!(c["aud"], "api://my-api");
    assert_eq!(c["scp"], "Files.Read");
    assert_eq!(c["ver"], "2.0");
    assert_eq!(c["roles"], serde_json::json!(["reader"]));
    let v = run(o.cmd().args([
        "verify",
        "--issuer",
        &s.issuer,
        "--audience",
        "api://my-api",
        "--alg",
        "ES256",
        at.trim(),
    ]));
    ok(&v);

    let o = Oidctl::new();
    let s = Serve::start(&o, &["--preset", "keycloak", "--auto-approve"]);
    assert!(s.issuer.ends_with("/realms/dev"), "{}", s.issuer);
    ok(&s.login(&o, "my-app", &[], "approve", None));
    let c = claims_of(stdout(&run(&mut s.cmd(&o, "token", "my-app", &[]))).trim());
    assert_eq!(c["realm_access"]["roles"], serde_json::json!(["admin"]));
    assert_eq!(c["typ"], "Bearer");
    assert_eq!(c["azp"], "my-app");
}

#[test]
fn claims_file_users_and_kept_keys() {
    needs!(Part::Node);
    let o = Oidctl::new();
    let claims = o.home.join("users.json");
    std::fs::write(
        &claims,
        r#"{"users":{"carol":{"email":"carol@example.com","department":"QA"}}}"#,
    )
    .unwrap();
    let keys = o.home.join("keys.pem");
    let args = [
        "--claims",
        claims.to_str().unwrap(),
        "--keys",
        keys.to_str().unwrap(),
        "--auto-approve",
    ];
    let jwks = |s: &Serve| http().get(s.url("/jwks")).send().unwrap().text().unwrap();
    let first = {
        let s = Serve::start(&o, &args);
        assert!(s.log().contains("new, written to"), "{}", s.log());
        ok(&s.login(&o, "my-app", &[], "approve", None));
        let id = stdout(&run(&mut s.cmd(&o, "token", "my-app", &["--id-token"])));
        let c = claims_of(id.trim());
        assert_eq!(
            (c["sub"].as_str(), c["department"].as_str()),
            (Some("carol"), Some("QA"))
        );
        jwks(&s)
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            std::fs::metadata(&keys).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let s = Serve::start(&o, &args);
    assert!(s.log().contains("read from"), "{}", s.log());
    assert_eq!(jwks(&s), first, "the same keys after a restart");
}

#[test]
fn usage_errors_and_loopback_only() {
    for (args, says) in [
        (vec!["--issuer-host", "0.0.0.0"], "loopback only"),
        (vec!["--issuer-host", "example.com"], "loopback only"),
        (vec!["--user", "mallory"], "no such user"),
        (vec!["--client", "no-secret"], "ID:SECRET"),
        (vec!["--claims", "/nonexistent/users.json"], "claims file"),
        (vec!["--redirect-uri", "not a uri"], "redirect-uri"),
    ] {
        let out = oidctl().arg("serve").args(&args).output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    let help = stdout(&oidctl().args(["serve", "--help"]).output().unwrap());
    assert!(help.contains("NEVER FOR PRODUCTION"), "{help}");
}

#[test]
fn every_request_gets_an_answer_and_the_server_survives() {
    let o = Oidctl::new();
    let s = Serve::start(&o, &[]);
    let c = http();
    let (status, body) = json(c.get(s.url("/nope")).send().unwrap());
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("invalid_request"))
    );
    let (status, _) = json(c.get(s.url("/token")).send().unwrap());
    assert_eq!(status, 405);
    let big = "x".repeat(100 * 1024);
    let (status, _) = json(
        c.post(s.url("/token"))
            .form(&[("grant_type", big.as_str())])
            .send()
            .unwrap(),
    );
    assert_eq!(status, 413);
    let (status, body) = json(
        c.post(s.url("/token"))
            .body("{}")
            .header("content-type", "application/json")
            .send()
            .unwrap(),
    );
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    let (_, body) = token_request(
        &s,
        &[
            ("grant_type", "authorization_code"),
            ("grant_type", "refresh_token"),
            ("client_id", "a"),
        ],
    );
    assert_eq!(body["error"], "invalid_request", "a repeated parameter");
    let (status, _) = json(
        c.get(s.url("/userinfo"))
            .bearer_auth("not-a-token")
            .send()
            .unwrap(),
    );
    assert_eq!(status, 401);
    let r = c
        .get(s.url("/jwks"))
        .header("host", "evil.example")
        .send()
        .unwrap();
    assert_eq!(
        r.status().as_u16(),
        421,
        "DNS rebinding: a foreign Host is refused"
    );
    for junk in [
        "\u{0}",
        "%ff%fe",
        "ü",
        "a=b=c&&&",
        "basic",
        "Basic ????",
        "Bearer ",
    ] {
        let _ = c
            .post(s.url("/token"))
            .header("authorization", junk)
            .body(junk.to_string())
            .header("content-type", "application/x-www-form-urlencoded")
            .send();
        let _ = c.get(format!("{}?{junk}", s.url("/authorize"))).send();
        let _ = c
            .post(s.url("/device"))
            .form(&[("user_code", junk), ("decision", "approve")])
            .send();
        let _ = c
            .get(with_query(s.url("/logout"), &[("id_token_hint", junk)]))
            .send();
    }
    let (status, doc) = json(
        c.get(s.url("/.well-known/openid-configuration"))
            .send()
            .unwrap(),
    );
    assert_eq!(status, 200, "still serving");
    assert_eq!(doc["issuer"], s.issuer.as_str());
    assert_eq!(
        doc["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
}

#[test]
fn discover_finds_no_problem_in_serve() {
    let o = Oidctl::new();
    let s = Serve::start(&o, &[]);
    let out = run(o.cmd().args(["discover", &s.issuer, "--format", "json"]));
    ok(&out);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let problems: Vec<&Value> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] != "info")
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn demo_runs_the_main_job_and_leaves_nothing_behind() {
    needs!(Part::Node);
    let o = Oidctl::new();
    let started = std::time::Instant::now();
    let tmp = o.home.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let out = run(o.cmd().arg("demo").env("TMPDIR", &tmp));
    ok(&out);
    let text = stdout(&out);
    for part in [
        "== oidctl status ==",
        "subject   alice",
        "== oidctl token --id-token | oidctl decode ==",
        "nonce",
        "== oidctl token (renewed with the refresh token) ==",
        "at+jwt",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    let err = stderr(&out);
    assert!(err.contains("for development only"), "{err}");
    assert!(err.contains("Signed in as alice"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // Nothing in the home directory: no config, store, lock or cache file.
    let left: Vec<_> = walk(&o.home);
    assert!(left.is_empty(), "demo left {left:?}");
    let scratch: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(
        scratch.is_empty(),
        "its temporary directory is removed: {scratch:?}"
    );

    // With a browser, the sign-in page is used: the scripted browser picks bob.
    let o = Oidctl::new();
    let mut demo = o.cmd();
    demo.arg("demo");
    browse(&mut demo, &o, "approve", Some("bob"));
    let out = run(&mut demo);
    ok(&out);
    assert!(stdout(&out).contains("subject   bob"), "{}", stdout(&out));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.file_name().is_some_and(|n| n != "browser.log") {
            out.push(path);
        }
    }
    out
}

#[test]
fn an_independent_client_signs_in_and_verifies() {
    needs!(Part::Node);
    let o = Oidctl::new();
    let s = Serve::start(&o, &["--auto-approve", "--client", "svc:dev-secret"]);
    let dir = provider_dir();
    let out = std::process::Command::new("node")
        .arg(dir.join("serve-client.mjs"))
        .args([&s.issuer, "svc", "dev-secret"])
        .output()
        .expect("node must be installed");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(r["issuer"], s.issuer.as_str());
    assert_eq!(r["id_token"]["sub"], "alice");
    assert_eq!(r["id_token"]["nonce_ok"], true);
    assert_eq!(r["access_token"]["alg"], "RS256");
    assert_eq!(r["access_token"]["client_id"], "independent-client");
    assert_eq!(r["userinfo"]["name"], "Alice Example");
    assert_eq!(
        (r["refreshed"].as_bool(), r["rotated"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(r["reuse_error"], "invalid_grant");
    assert_eq!(r["after_reuse_error"], "invalid_grant");
    assert_eq!(r["client_credentials"]["sub"], "svc");
    assert_eq!(r["client_credentials"]["active"], true);
    assert_eq!(r["client_credentials"]["revoked_active"], false);
}
