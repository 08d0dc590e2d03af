//! Microsoft Entra ID, against a fake that behaves as Microsoft documents it
//! (tests/provider/entra.mjs): tenant issuers and templates, v1.0 and v2.0 tokens, Graph tokens,
//! scope rules, AADSTS errors, device code, certificate credentials, the localhost redirect.

use crate::support::*;

/// An oidctl home whose `--tenant` points at the fake authority, with the file store.
struct Ms {
    o: Oidctl,
    entra: Entra,
    log: std::path::PathBuf,
}

impl Ms {
    fn new(args: &[&str]) -> Self {
        let o = Oidctl::new();
        let log = o.home.join("browser.log");
        Ms {
            entra: Entra::start(args),
            o,
            log,
        }
    }

    /// `oidctl SUB --tenant TENANT --client-id CLIENT --store file ARGS`.
    fn cmd(&self, sub: &str, tenant: &str, client: &str, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = self.o.cmd();
        cmd.env("OIDCTL_AUTHORITY_HOST", &self.entra.authority)
            .arg(sub)
            .args(["--tenant", tenant, "--client-id", client, "--store", "file"])
            .args(args);
        cmd
    }

    fn run(&self, sub: &str, tenant: &str, args: &[&str]) -> std::process::Output {
        let out = self
            .cmd(sub, tenant, Entra::PUBLIC_APP, args)
            .output()
            .unwrap();
        assert_no_panic(&out);
        out
    }

    /// A browser sign-in (the fake approves at once; the scripted browser follows the redirect).
    fn login(&self, tenant: &str, args: &[&str]) -> std::process::Output {
        let mut cmd = self.cmd("login", tenant, Entra::PUBLIC_APP, args);
        with_browser(&mut cmd, "approve", &self.log);
        let out = cmd.output().unwrap();
        assert_no_panic(&out);
        out
    }

    /// `oidctl verify` of `token` with the fake's authority, and ARGS.
    fn verify(&self, token: &str, args: &[&str]) -> std::process::Output {
        let out = self
            .o
            .cmd()
            .env("OIDCTL_AUTHORITY_HOST", &self.entra.authority)
            .arg("verify")
            .args(args)
            .arg(token)
            .output()
            .unwrap();
        assert_no_panic(&out);
        out
    }
}

fn claims(token: &str) -> serde_json::Value {
    let out = oidctl().args(["claims", token.trim()]).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

const V2_SCOPE: &str = "api://v2-api/read";

#[test]
fn sign_in_by_tenant_domain_through_localhost() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    let scope = format!("openid profile {V2_SCOPE}");
    let out = ms.login(&ms.entra.tenant_domain, &["--scope", &scope]);
    ok(&out);
    // The redirect was http://localhost:PORT, Microsoft's registration for public clients.
    let cb = browser_event(&ms.log, "callback");
    let url = cb["url"].as_str().unwrap_or_default().to_string();
    assert!(url.starts_with("http://localhost:"), "{cb}");
    assert!(!url.contains("/callback"), "{cb}");
    // offline_access was added: there is a refresh token.
    ok(&ms.run(
        "token",
        &ms.entra.tenant_domain,
        &["--scope", &scope, "--refresh-token"],
    ));
    let at = stdout(&ms.run("token", &ms.entra.tenant_domain, &["--scope", &scope]));
    let c = claims(&at);
    assert_eq!(c["ver"], "2.0");
    assert_eq!(c["aud"], Entra::V2_API_APP);
    // expires_in (60-90 min at random) decides the stored expiry: it matches the token's exp.
    let status = ms.run(
        "status",
        &ms.entra.tenant_domain,
        &["--scope", &scope, "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let stored = doc[0]["access_token_expires_at"]
        .as_str()
        .unwrap()
        .to_string();
    let exp = c["exp"].as_i64().unwrap();
    let stored_ts = humantime_ts(&stored);
    assert!((stored_ts - exp).abs() <= 5, "stored {stored}, exp {exp}");
    // The ID token was checked against the tenant's GUID issuer.
    let id = stdout(&ms.run(
        "token",
        &ms.entra.tenant_domain,
        &["--scope", &scope, "--id-token"],
    ));
    assert_eq!(
        claims(&id)["iss"],
        format!("{}/{}/v2.0", ms.entra.authority, ms.entra.tenant_id)
    );
}

/// Seconds since 1970 of an RFC 3339 UTC time `YYYY-MM-DDTHH:MM:SSZ`.
fn humantime_ts(text: &str) -> i64 {
    // Days from civil (Howard Hinnant's algorithm) keeps this test free of a date crate.
    let (date, time) = text.trim_end_matches('Z').split_once('T').unwrap();
    let d: Vec<i64> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let t: Vec<i64> = time.split(':').map(|p| p.parse().unwrap()).collect();
    let (y, m, day) = (if d[1] <= 2 { d[0] - 1 } else { d[0] }, d[1], d[2]);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + t[0] * 3_600 + t[1] * 60 + t[2]
}

#[test]
fn common_uses_the_tenant_template_and_refresh_rotates() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    ok(&ms.login("common", &["--scope", V2_SCOPE]));
    let rt1 = stdout(&ms.run("token", "common", &["--scope", V2_SCOPE, "--refresh-token"]));
    let renewed = ms.run(
        "token",
        "common",
        &["--scope", V2_SCOPE, "--min-valid", "999999"],
    );
    ok(&renewed);
    let rt2 = stdout(&ms.run("token", "common", &["--scope", V2_SCOPE, "--refresh-token"]));
    assert_ne!(rt1, rt2, "the newest refresh token is stored");
    assert_eq!(ms.entra.count("grant.success:refresh_token"), 1);

    // An access token for the v2 API verifies against common's template, filled with its tid.
    let at = stdout(&renewed);
    let out = ms.verify(
        &at,
        &[
            "--issuer",
            &format!("{}/common/v2.0", ms.entra.authority),
            "--audience",
            Entra::V2_API_APP,
        ],
    );
    ok(&out);
    assert!(stdout(&out).starts_with("valid: RS256"), "{}", stdout(&out));
}

#[test]
fn v1_tokens_verify_against_v1_metadata() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    ok(&ms.login(&ms.entra.tenant_id, &["--scope", "api://v1-api/read"]));
    let at = stdout(&ms.run(
        "token",
        &ms.entra.tenant_id,
        &["--scope", "api://v1-api/read"],
    ));
    let c = claims(&at);
    assert_eq!(c["ver"], "1.0");
    assert_eq!(
        c["iss"],
        format!("https://sts.windows.net/{}/", ms.entra.tenant_id)
    );
    let decoded = stdout(&oidctl().args(["decode", at.trim()]).output().unwrap());
    assert!(decoded.contains("Microsoft Entra v1.0 token"), "{decoded}");
    assert!(
        decoded.contains("chosen by the API, not the endpoint"),
        "{decoded}"
    );

    let v1 = format!("{}/{}", ms.entra.authority, ms.entra.tenant_id);
    ok(&ms.verify(&at, &["--issuer", &v1, "--audience", "api://v1-api"]));
    let out = ms.verify(&at, &["--issuer", &format!("{v1}/v2.0")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("this is a Microsoft Entra v1.0 token"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn graph_tokens_are_not_verifiable_and_say_so() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    ok(&ms.login(&ms.entra.tenant_id, &["--scope", "User.Read"]));
    let at = stdout(&ms.run("token", &ms.entra.tenant_id, &["--scope", "User.Read"]));
    let out = ms.verify(
        &at,
        &[
            "--issuer",
            &format!("{}/{}", ms.entra.authority, ms.entra.tenant_id),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("Microsoft Graph"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("invalid signature"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_keys_own_issuer_binds_its_tokens() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    // Signed by k-tenant, whose JWKS entry names this tenant's issuer, but claiming another.
    let minted = ms.entra.hook("/__test/mint", serde_json::json!({}));
    let token = minted["token"].as_str().unwrap();
    let out = ms.verify(
        token,
        &["--issuer", &format!("{}/common/v2.0", ms.entra.authority)],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the signing key's issuer"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn scope_rules_are_checked_before_any_request() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    for (args, says) in [
        (
            vec!["--scope", "api://v2-api/.default api://v2-api/read"],
            ".default cannot be combined",
        ),
        (
            vec!["--scope", "api://v2-api/read User.Read"],
            "span 2 resources",
        ),
    ] {
        let out = ms.run("login", &ms.entra.tenant_id, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    let out = ms
        .cmd(
            "login",
            &ms.entra.tenant_id,
            Entra::WEB_APP,
            &["--client-credentials", "--scope", "api://v2-api/read"],
        )
        .env("OIDCTL_CLIENT_SECRET", Entra::WEB_APP_SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--scope api://v2-api/.default"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ms.entra.count("route:authorize"), 0);
    assert_eq!(ms.entra.count("route:token"), 0);
}

#[test]
fn aadsts_errors_come_with_their_code_and_a_hint() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    // 65001: no consent, in the redirect.
    let out = ms.login(
        &ms.entra.tenant_id,
        &["--scope", "api://needs-consent/read"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("consent_required"), "{err}");
    assert!(err.contains("caused by: AADSTS65001"), "{err}");
    assert!(
        err.contains("hint: the user or an administrator has not consented"),
        "{err}"
    );

    // 53003: Conditional Access, at the token endpoint, with its Trace ID.
    let out = ms.login(
        &ms.entra.tenant_id,
        &[
            "--scope",
            V2_SCOPE,
            "--login-hint",
            "blocked@contoso.example",
        ],
    );
    let err = stderr(&out);
    assert!(err.contains("(AADSTS53003, HTTP 400)"), "{err}");
    assert!(err.contains("caused by: Trace ID: "), "{err}");
    assert!(
        err.contains("hint: Conditional Access blocked the sign-in"),
        "{err}"
    );

    // 700082: the refresh token expired: sign in again, exit 4.
    ok(&ms.login(&ms.entra.tenant_id, &["--scope", V2_SCOPE]));
    ms.entra
        .hook("/__test/expire-refresh-tokens", serde_json::json!({}));
    let out = ms.run(
        "token",
        &ms.entra.tenant_id,
        &["--scope", V2_SCOPE, "--min-valid", "999999"],
    );
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("AADSTS700082"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("hint: the refresh token has expired"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn single_page_app_registrations_need_an_origin() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    let spa = |args: &[&str]| {
        let mut cmd = ms.cmd(
            "login",
            &ms.entra.tenant_id,
            Entra::SPA_APP,
            &[&["--scope", V2_SCOPE], args].concat(),
        );
        with_browser(&mut cmd, "approve", &ms.log);
        let out = cmd.output().unwrap();
        assert_no_panic(&out);
        out
    };
    let out = spa(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("AADSTS9002327"), "{}", stderr(&out));
    assert!(stderr(&out).contains("pass --origin"), "{}", stderr(&out));
    ok(&spa(&["--origin", "http://localhost:3000"]));
    assert_eq!(ms.entra.count("token_request:origin"), 1);
    // And never an Origin for other clients: the public app's sign-in sent none.
    ok(&ms.login(&ms.entra.tenant_id, &["--scope", V2_SCOPE]));
    assert_eq!(ms.entra.count("token_request:origin"), 1);
}

#[test]
fn device_code_without_a_complete_uri() {
    needs!(Part::Node);
    let ms = Ms::new(&["--device-interval", "1"]);
    let cmd = ms.cmd(
        "login",
        &ms.entra.tenant_id,
        Entra::PUBLIC_APP,
        &["--device", "--scope", V2_SCOPE],
    );
    let login = start_device_login(&cmd, "enter the code");
    assert!(
        login.shown.contains("https://microsoft.com/devicelogin"),
        "{}",
        login.shown
    );
    assert_eq!(login.code.len(), 9, "{}", login.shown);
    let approved = ms.entra.hook(
        "/__test/device",
        serde_json::json!({"user_code": login.code, "action": "approve"}),
    );
    assert_eq!(approved["status"], "approved", "{approved}");
    ok(&login.wait());

    let login = start_device_login(&cmd, "enter the code");
    ms.entra.hook(
        "/__test/device",
        serde_json::json!({"user_code": login.code, "action": "decline"}),
    );
    let out = login.wait();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("authorization_declined"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn certificate_credentials_sign_ps256_with_the_thumbprint() {
    needs!(Part::Node);
    let ms = Ms::new(&[]);
    let both = ms.o.home.join("app.pem");
    std::fs::write(
        &both,
        read("keys/rs256.key.pem") + &read("keys/rs256.cert.pem"),
    )
    .unwrap();
    let out = ms
        .cmd(
            "login",
            &ms.entra.tenant_id,
            Entra::WEB_APP,
            &["--client-credentials", "--scope", "api://v2-api/.default"],
        )
        .arg("--client-assertion-key")
        .arg(&both)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(ms.entra.count("client_assertion_header:x5t#S256"), 1);
    assert_eq!(ms.entra.count("client_auth:token:private_key_jwt"), 1);
    let at = stdout(
        &ms.cmd(
            "token",
            &ms.entra.tenant_id,
            Entra::WEB_APP,
            &["--scope", "api://v2-api/.default"],
        )
        .arg("--client-assertion-key")
        .arg(&both)
        .output()
        .unwrap(),
    );
    let c = claims(&at);
    assert_eq!(c["idtyp"], "app");
    assert_eq!(c["roles"], serde_json::json!(["Data.Read"]));
    let decoded = stdout(&oidctl().args(["decode", at.trim()]).output().unwrap());
    assert!(decoded.contains("app-only token"), "{decoded}");
    // Microsoft documents PS256 for certificate credentials.
    assert_eq!(ms.entra.count("client_assertion_alg:PS256"), 1);
}
