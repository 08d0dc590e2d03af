//! One sign-in, a token for every API: `token`, `call`, `exec` with `--scope`, `--resource`,
//! `--audience` on a signed-in profile. Against the real oidc-provider with resource indicators
//! (tests/provider/server.mjs: tokens for a resource are JWTs with that `aud`), and against the
//! Microsoft fake (tests/provider/entra.mjs: Graph, Azure Resource Manager and an own API from
//! one refresh token). The providers' own counters say how many requests each call made.

use crate::support::*;

const A: &str = "https://a.api.test";
const B: &str = "https://b.api.test";

fn claims(token: &str) -> serde_json::Value {
    let out = oidctl().args(["claims", token.trim()]).output().unwrap();
    assert!(out.status.success(), "not a JWT: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every request oidc-provider routed (token, discovery, JWKS, userinfo, …).
fn provider_requests(p: &Provider) -> u64 {
    let n = routed(&p.events(), |k| k.matches(':').count() == 2);
    assert!(n > 0, "the provider counts its requests");
    n
}

/// Every request the Microsoft fake answered, but its test hooks.
fn entra_requests(e: &Entra) -> u64 {
    let n = routed(&e.events(), |k| {
        k.matches(':').count() == 1 && k != "route:test"
    });
    assert!(n > 0, "the fake counts its requests");
    n
}

fn routed(events: &serde_json::Value, pick: impl Fn(&str) -> bool) -> u64 {
    events
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("route:") && pick(k))
        .map(|(_, v)| v.as_u64().unwrap_or(0))
        .sum()
}

/// Profile `w` at the test provider, signed in once for resources A and B and their scopes.
struct Signed {
    o: Oidctl,
    provider: Provider,
}

impl Signed {
    fn new() -> Self {
        let s = Signed {
            o: Oidctl::new(),
            provider: Provider::start(&[]),
        };
        ok(&s.run(&[
            "profile",
            "add",
            "w",
            "--issuer",
            &s.provider.issuer,
            "--client-id",
            CLIENT,
        ]));
        let mut login = s.cmd(&[
            "login",
            "-p",
            "w",
            "--scope",
            "openid offline_access a:read a:write b:read",
            "--resource",
            A,
            "--resource",
            B,
        ]);
        with_browser(&mut login, "approve", &s.o.home.join("browser.log"));
        let out = login.output().unwrap();
        assert_no_panic(&out);
        ok(&out);
        s
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = self.o.cmd();
        cmd.env("OIDCTL_STORE", "file").args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let out = self.cmd(args).output().unwrap();
        assert_no_panic(&out);
        out
    }

    /// `oidctl token -p w ARGS`, which must succeed.
    fn token(&self, args: &[&str]) -> String {
        let out = self.run(&[&["token", "-p", "w"], args].concat());
        ok(&out);
        stdout(&out).trim().to_string()
    }

    fn refreshes(&self) -> u64 {
        self.provider.count("grant.success:refresh_token")
    }
}

#[test]
fn one_sign_in_gives_a_token_per_resource_and_a_down_scoped_one_each_cached() {
    needs!(Part::Node);
    let s = Signed::new();
    let own = s.token(&[]);
    let asks: [(&[&str], &str, &str); 3] = [
        (&["--resource", A], A, "a:read a:write"),
        (&["--resource", B], B, "b:read"),
        (&["--resource", A, "--scope", "a:read"], A, "a:read"),
    ];
    let mut got = Vec::new();
    for (i, (args, aud, scope)) in asks.iter().enumerate() {
        let token = s.token(args);
        let c = claims(&token);
        assert_eq!(c["aud"], *aud, "{args:?}");
        assert_eq!(c["scope"], *scope, "{args:?}");
        assert_eq!(s.refreshes(), i as u64 + 1, "one refresh for {args:?}");
        // A real token of this provider for that audience, not just a JWT with those claims.
        let verified = s.run(&[
            "verify",
            "--issuer",
            &s.provider.issuer,
            "--audience",
            aud,
            &token,
        ]);
        ok(&verified);
        got.push(token);
    }
    let before = provider_requests(&s.provider);
    for ((args, _, _), token) in asks.iter().zip(&got) {
        assert_eq!(&s.token(args), token, "{args:?}: the stored token");
    }
    assert_eq!(
        s.token(&[]),
        own,
        "the sign-in's own token is still its own"
    );
    assert_eq!(
        provider_requests(&s.provider),
        before,
        "tokens held are printed with no request to the provider"
    );
    // Every refresh rotated the shared refresh token: the latest is the one kept (reusing an
    // older one would revoke the sign-in at this provider).
    let renewed = s.token(&["--min-valid", "999999"]);
    assert_ne!(renewed, own);
    assert_eq!(s.refreshes(), 4);
}

#[test]
fn a_scope_that_is_not_covered_never_returns_another_token() {
    needs!(Part::Node);
    let s = Signed::new();
    let a = s.token(&["--resource", A]);
    // b:read belongs to resource B: a token for no resource, or for A, does not carry it.
    for args in [
        &["--scope", "b:read"][..],
        &["--resource", A, "--scope", "b:read"][..],
    ] {
        let out = s.run(&[&["token", "-p", "w"], args].concat());
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}: no token on stdout");
        let err = stderr(&out);
        assert!(
            err.contains("without the scopes b:read asked for"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("sign in with it: oidctl login -p w --scope openid"),
            "{err}"
        );
        if args.len() == 2 {
            assert!(
                err.contains(
                    "hint: a scope of one of the sign-in's resources (https://a.api.test \
                     https://b.api.test) comes with --resource R"
                ),
                "{err}"
            );
        }
        assert!(!err.contains(&a), "no token on stderr");
    }
    // The refresh tokens those answers rotated were kept: the sign-in still works.
    assert_eq!(
        s.token(&["--resource", A]),
        a,
        "the token for A is still held"
    );
    let b = claims(&s.token(&["--resource", B]));
    assert_eq!(b["aud"], B);
}

#[test]
fn a_resource_outside_the_sign_in_is_refused_by_name_without_a_request() {
    needs!(Part::Node);
    let s = Signed::new();
    let before = provider_requests(&s.provider);
    let out = s.run(&["token", "-p", "w", "--resource", "https://c.api.test"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(
        err.contains(
            "error: no token for resource https://c.api.test: the sign-in was made for \
             resources https://a.api.test https://b.api.test only"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "hint: sign in with it: oidctl login -p w --scope openid --scope offline_access \
             --scope a:read --scope a:write --scope b:read --resource https://a.api.test \
             --resource https://b.api.test --resource https://c.api.test"
        ),
        "{err}"
    );
    assert_eq!(
        provider_requests(&s.provider),
        before,
        "not asked: this provider spends the refresh token before refusing"
    );
    assert_eq!(claims(&s.token(&["--resource", A]))["aud"], A);
}

#[test]
fn status_lists_every_token_and_logout_removes_them_all() {
    needs!(Part::Node);
    let s = Signed::new();
    s.token(&["--resource", A]);
    s.token(&["--resource", B]);
    let out = s.run(&["status", "-p", "w", "--format", "json"]);
    ok(&out);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let others = rows[0]["other_access_tokens"].as_array().unwrap();
    assert_eq!(others.len(), 2, "{rows}");
    assert_eq!(others[0]["resource"], serde_json::json!([A]));
    assert_eq!(
        others[0]["scopes"],
        serde_json::json!(["a:read", "a:write"])
    );
    assert_eq!(others[1]["resource"], serde_json::json!([B]));
    assert_eq!(others[1]["valid"], true);
    assert!(others[1]["expires_at"].as_str().unwrap().ends_with('Z'));
    let human = stdout(&s.run(&["status", "-p", "w"]));
    assert!(
        human.contains("access    resource https://b.api.test, scopes b:read: valid, expires in"),
        "{human}"
    );
    let out = s.run(&["logout", "-p", "w"]);
    ok(&out);
    assert!(
        stderr(&out).contains("with the access tokens for 2 other APIs"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        s.provider.count("revocation.success"),
        1,
        "the refresh token"
    );
    let out = s.run(&["token", "-p", "w", "--resource", A]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn token_json_says_which_scopes_and_resource_the_token_carries() {
    needs!(Part::Node);
    let s = Signed::new();
    let doc: serde_json::Value =
        serde_json::from_str(&s.token(&["--resource", A, "--scope", "a:read", "--format", "json"]))
            .unwrap();
    assert_eq!(doc["scopes"], serde_json::json!(["a:read"]));
    assert_eq!(doc["resource"], serde_json::json!([A]));
    assert_eq!(claims(doc["token"].as_str().unwrap())["aud"], A);
    let own: serde_json::Value = serde_json::from_str(&s.token(&["--format", "json"])).unwrap();
    assert_eq!(
        own["resource"],
        serde_json::json!([]),
        "the sign-in named two resources: its own token is for none"
    );
}

#[test]
fn call_and_exec_send_the_token_for_the_resource_asked() {
    needs!(Part::Node);
    let s = Signed::new();
    let api = Server::start();
    api.route("/things", Route::json("[]"));
    let out = s.run(&[
        "call",
        "-p",
        "w",
        "--resource",
        B,
        &format!("{}/things", api.url),
    ]);
    ok(&out);
    let sent = api.requests("/things")[0]
        .header("authorization")
        .unwrap()
        .to_string();
    let token = sent.strip_prefix("Bearer ").unwrap();
    assert_eq!(claims(token)["aud"], B);
    let out = s.run(&[
        "exec",
        "-p",
        "w",
        "--resource",
        A,
        "--",
        "sh",
        "-c",
        "printf %s \"$OIDCTL_ACCESS_TOKEN\"",
    ]);
    ok(&out);
    assert_eq!(claims(&stdout(&out))["aud"], A);
    assert_eq!(s.refreshes(), 2);
}

/// Profile `ms` at the Microsoft fake, signed in once for the own API (`api://v2-api`).
struct Ms {
    o: Oidctl,
    entra: Entra,
}

impl Ms {
    fn new() -> Self {
        let ms = Ms {
            o: Oidctl::new(),
            entra: Entra::start(&[]),
        };
        ok(&ms.run(&[
            "profile",
            "add",
            "ms",
            "--tenant",
            "contoso.example",
            "--client-id",
            Entra::PUBLIC_APP,
            "--scope",
            "openid profile offline_access api://v2-api/.default",
        ]));
        let mut login = ms.cmd(&["login", "-p", "ms"]);
        with_browser(&mut login, "approve", &ms.o.home.join("browser.log"));
        let out = login.output().unwrap();
        assert_no_panic(&out);
        ok(&out);
        ms
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = self.o.cmd();
        cmd.env("OIDCTL_STORE", "file")
            .env("OIDCTL_AUTHORITY_HOST", &self.entra.authority)
            .args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let out = self.cmd(args).output().unwrap();
        assert_no_panic(&out);
        out
    }

    fn token(&self, args: &[&str]) -> String {
        let out = self.run(&[&["token", "-p", "ms"], args].concat());
        ok(&out);
        stdout(&out).trim().to_string()
    }
}

const GRAPH_APP: &str = "00000003-0000-0000-c000-000000000000";
const ARM: &str = "https://management.azure.com";

#[test]
fn entra_graph_arm_and_the_own_api_from_one_sign_in_each_cached() {
    needs!(Part::Node);
    let ms = Ms::new();
    let own = ms.token(&[]);
    assert_eq!(claims(&own)["aud"], Entra::V2_API_APP);
    let asks: [(&[&str], &str, &str); 3] = [
        (
            &["--scope", "https://graph.microsoft.com/.default"],
            GRAPH_APP,
            "User.Read openid profile email",
        ),
        // az's --resource: the scope RESOURCE/.default.
        (&["--resource", ARM], ARM, "user_impersonation"),
        (&["--scope", "api://v2-api/read"], Entra::V2_API_APP, "read"),
    ];
    let mut got = Vec::new();
    for (i, (args, aud, scp)) in asks.iter().enumerate() {
        let token = ms.token(args);
        let c = claims(&token);
        assert_eq!(c["aud"], *aud, "{args:?}");
        assert_eq!(c["scp"], *scp, "{args:?}");
        assert_eq!(
            ms.entra.count("grant.success:refresh_token"),
            i as u64 + 1,
            "one refresh for {args:?}"
        );
        got.push(token);
    }
    let before = entra_requests(&ms.entra);
    for ((args, _, _), token) in asks.iter().zip(&got) {
        assert_eq!(&ms.token(args), token, "{args:?}: the stored token");
    }
    // The sign-in's own API asked by its .default, without the OpenID Connect scopes.
    assert_eq!(ms.token(&["--scope", "api://v2-api/.default"]), own);
    assert_eq!(
        entra_requests(&ms.entra),
        before,
        "tokens held are printed with no request"
    );
    let status = stdout(&ms.run(&["status", "-p", "ms"]));
    assert!(
        status.contains("scopes https://management.azure.com/user_impersonation: valid"),
        "{status}"
    );
}

#[test]
fn entra_a_scope_never_consented_names_it_and_the_sign_in_to_run() {
    needs!(Part::Node);
    let ms = Ms::new();
    let out = ms.run(&["token", "-p", "ms", "--scope", "api://needs-consent/read"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "never another token");
    let err = stderr(&out);
    assert!(
        err.contains("error: the token request for scopes api://needs-consent/read"),
        "{err}"
    );
    assert!(err.contains("AADSTS65001"), "{err}");
    assert!(
        err.contains(
            "hint: the sign-in does not include it (never consented, or not granted to it); \
             sign in with it: oidctl login -p ms --scope openid --scope profile --scope \
             api://needs-consent/read"
        ),
        "{err}"
    );
    // Microsoft's refresh tokens outlive a refusal: other APIs still come.
    assert_eq!(claims(&ms.token(&["--resource", ARM]))["aud"], ARM);
}

#[test]
fn entra_one_resource_per_request_is_checked_before_asking() {
    needs!(Part::Node);
    let ms = Ms::new();
    let before = entra_requests(&ms.entra);
    for args in [
        &["--scope", "User.Read", "--scope", "api://v2-api/read"][..],
        &[
            "--resource",
            ARM,
            "--resource",
            "https://graph.microsoft.com",
        ][..],
    ] {
        let out = ms.run(&[&["token", "-p", "ms"], args].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
        assert!(
            stderr(&out).contains("Microsoft issues a token for one resource at a time"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(entra_requests(&ms.entra), before);
}

#[test]
fn entra_userinfo_with_a_graph_scope_sends_the_graph_token() {
    needs!(Part::Node);
    let ms = Ms::new();
    // The sign-in's own token is for api://v2-api, which Microsoft's userinfo refuses.
    let own = ms.run(&["userinfo", "-p", "ms", "--format", "json"]);
    assert!(!own.status.success(), "{}", stdout(&own));
    let out = ms.run(&[
        "userinfo",
        "-p",
        "ms",
        "--scope",
        "https://graph.microsoft.com/User.Read",
        "--format",
        "json",
    ]);
    ok(&out);
    let claims: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(claims["sub"].is_string(), "{claims}");
    assert_eq!(ms.entra.count("userinfo.success"), 1);
}

#[test]
fn call_renews_the_token_for_the_same_resource_after_a_401() {
    needs!(Part::Node);
    let s = Signed::new();
    let api = Server::start();
    api.sequence(
        "/things",
        vec![Route::with(401, "text/plain", "expired"), Route::json("[]")],
    );
    let held = s.token(&["--resource", B]);
    let out = s.run(&[
        "call",
        "-p",
        "w",
        "--resource",
        B,
        &format!("{}/things", api.url),
    ]);
    ok(&out);
    let sent: Vec<String> = api
        .requests("/things")
        .iter()
        .map(|r| {
            let h = r.header("authorization").unwrap();
            h.strip_prefix("Bearer ").unwrap().to_string()
        })
        .collect();
    assert_eq!(sent.len(), 2, "one retry");
    assert_eq!(sent[0], held, "first the token held for B");
    assert_ne!(sent[1], held, "then a new one");
    assert_eq!(
        claims(&sent[1])["aud"],
        B,
        "for B again, not the sign-in's own"
    );
    assert_eq!(s.refreshes(), 2);
    assert_eq!(s.token(&["--resource", B]), sent[1], "the new one is kept");
}

#[test]
fn tokens_for_other_apis_never_show_a_secret_at_any_verbosity() {
    needs!(Part::Node);
    let s = Signed::new();
    let mut stderrs = Vec::new();
    for args in [
        &["--resource", A, "-vvv"][..],
        &["--resource", A, "-vvv"][..],
        &["--resource", A, "--scope", "b:read", "-vvv"][..],
        &["--resource", "https://c.api.test", "-vvv"][..],
    ] {
        let out = s.run(&[&["token", "-p", "w"], args].concat());
        stderrs.push(stderr(&out));
    }
    let status = s.run(&["status", "-p", "w", "-vvv", "--format", "json"]);
    ok(&status);
    stderrs.push(format!("{}{}", stdout(&status), stderr(&status)));
    let secrets = s.provider.secrets();
    assert!(secrets.len() > 3, "the provider lists what crossed it");
    for text in &stderrs {
        assert!(text.contains("store: file"), "-vvv logs: {text}");
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "a secret in: {text}");
        }
    }
}
