//! No secret leaks: the scenarios of the suite (a browser sign-in, token, refresh with
//! rotation, status, userinfo, introspect, exchange, call with a 401 retry, exec, revoke,
//! logout, client credentials with a secret (Basic and post) and with private_key_jwt, and the
//! failure paths: invalid_grant, invalid_client, a provider gone) run at -vvv against the real
//! provider, and every captured stdout and stderr, and the provider's request log, is searched
//! for every secret there was: each code, PKCE verifier, access, ID and refresh token, client
//! secret and client assertion, as the provider saw them (tests/provider /__test/secrets), as
//! the file store held them after each step, and as the browser carried them (its log). The
//! only place a secret may appear is the stdout of a command asked to print exactly that token.
// The figures RELIABILITY.md quotes go to stderr (cargo test -- --nocapture shows them).
#![allow(clippy::print_stderr)]

use std::collections::BTreeSet;

use crate::support::*;

const CONFIDENTIAL: &str = "oidctl-confidential";
const CONFIDENTIAL_SECRET: &str = "oidctl-confidential-secret";

/// One command's output, and the one token its stdout may be (`token`, `exchange`).
struct Captured {
    what: String,
    out: std::process::Output,
    prints_a_token: bool,
}

struct Scenario {
    env: Env,
    captured: Vec<Captured>,
    /// Secrets seen in the file store after each step.
    stored: BTreeSet<String>,
}

impl Scenario {
    fn new(env: Env) -> Self {
        Scenario {
            env,
            captured: Vec::new(),
            stored: BTreeSet::new(),
        }
    }

    /// Runs `cmd` at -vvv, keeps its output, snapshots the store; returns the exit code.
    fn run(&mut self, what: &str, mut cmd: assert_cmd::Command, prints_a_token: bool) -> i32 {
        cmd.arg("-vvv");
        let out = cmd.output().unwrap();
        assert_no_panic(&out);
        let code = out.status.code().unwrap_or(-1);
        self.captured.push(Captured {
            what: what.to_string(),
            out,
            prints_a_token,
        });
        self.snapshot();
        code
    }

    fn oidctl(&mut self, what: &str, sub: &str, args: &[&str], prints_a_token: bool) -> i32 {
        let cmd = self.env.cmd(sub, args);
        self.run(what, cmd, prints_a_token)
    }

    /// Every token in every file of the file store, now.
    fn snapshot(&mut self) {
        let dir = self.env.o.home.join("data/oidctl/tokens");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            for field in ["access_token", "refresh_token", "id_token"] {
                if let Some(s) = doc["set"][field].as_str() {
                    self.stored.insert(s.to_string());
                }
            }
        }
    }

    fn last(&self) -> &std::process::Output {
        &self.captured.last().unwrap().out
    }
}

/// The authorization codes the browser carried back to oidctl.
fn codes_in_browser_log(path: &std::path::Path) -> Vec<String> {
    let mut codes = Vec::new();
    for event in browser_log(path) {
        let Some(obj) = event.as_object() else {
            continue;
        };
        for value in obj.values() {
            if let Some(url) = value.as_str().and_then(|s| reqwest::Url::parse(s).ok()) {
                codes.extend(
                    url.query_pairs()
                        .filter(|(k, _)| k == "code")
                        .map(|(_, v)| v.into_owned()),
                );
            }
        }
    }
    codes
}

/// Fails with every place any of `secrets` shows.
fn assert_nothing_leaked(
    captured: &[Captured],
    logs: &[(String, String)],
    secrets: &BTreeSet<String>,
) {
    let mut leaks = Vec::new();
    for c in captured {
        let out = stdout(&c.out);
        let err = stderr(&c.out);
        let allowed = c.prints_a_token.then(|| out.trim().to_string());
        for secret in secrets {
            if err.contains(secret.as_str()) {
                leaks.push(format!("{}: stderr holds {}…", c.what, &secret[..8]));
            }
            if out.contains(secret.as_str()) && allowed.as_deref() != Some(secret.as_str()) {
                leaks.push(format!("{}: stdout holds {}…", c.what, &secret[..8]));
            }
        }
    }
    for (name, text) in logs {
        for secret in secrets {
            if text.contains(secret.as_str()) {
                leaks.push(format!("{name} holds {}…", &secret[..8]));
            }
        }
    }
    assert!(leaks.is_empty(), "secrets leaked:\n{}", leaks.join("\n"));
}

#[test]
fn no_secret_reaches_any_output_at_vvv() {
    needs!(Part::Node);
    let keys = fixture("keys");
    let env = Env::new(&["--log-requests", "--client-keys", keys.to_str().unwrap()]);
    let api = Api::start(&env.provider.issuer, &["--fail-first", "1"]);
    let mut s = Scenario::new(env);

    // Sign in through the browser, then every command that uses the set.
    let mut login = s.env.cmd("login", &[]);
    with_browser(&mut login, "approve", &s.env.log);
    assert_eq!(s.run("login", login, false), 0, "{}", stderr(s.last()));
    browser_event(&s.env.log, "callback");
    assert_eq!(s.oidctl("token", "token", &[], true), 0);
    assert_eq!(
        s.oidctl("token --id-token", "token", &["--id-token"], true),
        0
    );
    assert_eq!(
        s.oidctl("token --refresh-token", "token", &["--refresh-token"], true),
        0
    );
    for _ in 0..2 {
        // A refresh, with the refresh token rotated.
        assert_eq!(
            s.oidctl("token (refresh)", "token", &["--min-valid", "999999"], true),
            0
        );
    }
    assert_eq!(s.oidctl("status", "status", &[], false), 0);
    assert_eq!(
        s.oidctl("status json", "status", &["--format", "json"], false),
        0
    );
    assert_eq!(
        s.oidctl("userinfo", "userinfo", &["--format", "json"], false),
        0
    );
    assert_eq!(s.oidctl("introspect", "introspect", &[], false), 0);
    assert_eq!(
        s.oidctl(
            "introspect refresh",
            "introspect",
            &["--refresh-token"],
            false
        ),
        0
    );
    assert_eq!(
        s.oidctl(
            "exchange",
            "exchange",
            &[
                "--audience",
                "https://api.example.test",
                "--scope",
                "openid"
            ],
            true
        ),
        0
    );
    let me = format!("{}/me", api.url);
    // The API refuses the first token: renewed once, sent again.
    assert_eq!(s.oidctl("call (401, renew)", "call", &[&me], false), 0);
    assert_eq!(s.oidctl("call -d", "call", &[&me, "-d", "a=1"], false), 0);
    assert_eq!(
        s.oidctl(
            "exec",
            "exec",
            &["--", "sh", "-c", r#"test -n "$OIDCTL_ACCESS_TOKEN""#],
            false
        ),
        0
    );

    // invalid_grant: the refresh token revoked at the provider while the store keeps it.
    let store = s.env.o.home.join("data/oidctl/tokens");
    let saved: Vec<_> = std::fs::read_dir(&store)
        .unwrap()
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    assert_eq!(s.oidctl("revoke", "revoke", &[], false), 0);
    for (path, bytes) in &saved {
        std::fs::write(path, bytes).unwrap();
    }
    assert_eq!(
        s.oidctl(
            "token (invalid_grant)",
            "token",
            &["--min-valid", "999999"],
            true
        ),
        4
    );
    assert!(
        stderr(s.last()).contains("invalid_grant"),
        "{}",
        stderr(s.last())
    );

    // A new sign-in; revoke the access token; log out.
    let mut login = s.env.cmd("login", &[]);
    with_browser(&mut login, "approve", &s.env.log);
    assert_eq!(s.run("login again", login, false), 0);
    assert_eq!(
        s.oidctl(
            "revoke --access-token",
            "revoke",
            &["--access-token"],
            false
        ),
        0
    );
    // oidc-provider revokes the whole grant with its access token: a refresh is refused.
    let code = s.oidctl("token (after revoke)", "token", &[], true);
    assert!(code == 0 || code == 4, "{}", stderr(s.last()));
    assert_eq!(s.oidctl("logout", "logout", &[], false), 0);

    // Client credentials: a secret in a file (Basic), in the environment (post), a wrong one.
    let secret_file = s.env.o.home.join("client.secret");
    std::fs::write(&secret_file, format!("{CONFIDENTIAL_SECRET}\n")).unwrap();
    let issuer = s.env.provider.issuer.clone();
    let confidential = |s: &Scenario, sub: &str, extra: &[&str]| {
        let mut cmd = s.env.o.cmd();
        cmd.arg(sub)
            .args([
                "--issuer",
                &issuer,
                "--client-id",
                CONFIDENTIAL,
                "--store",
                "file",
            ])
            .args(["--scope", "api:read"])
            .args(extra);
        cmd
    };
    let mut cmd = confidential(
        &s,
        "login",
        &["--client-credentials", "--client-secret-file"],
    );
    cmd.arg(&secret_file);
    assert_eq!(s.run("client credentials (basic)", cmd, false), 0);
    let mut cmd = confidential(
        &s,
        "token",
        &["--min-valid", "999999", "--client-auth", "post"],
    );
    cmd.env("OIDCTL_CLIENT_SECRET", CONFIDENTIAL_SECRET);
    assert_eq!(s.run("client credentials renewal (post)", cmd, true), 0);
    let mut cmd = confidential(&s, "introspect", &[]);
    cmd.env("OIDCTL_CLIENT_SECRET", CONFIDENTIAL_SECRET);
    assert_eq!(s.run("introspect as a confidential client", cmd, false), 0);
    let mut cmd = confidential(&s, "login", &["--client-credentials"]);
    cmd.env("OIDCTL_CLIENT_SECRET", "not-the-secret-but-still-secret");
    assert_eq!(s.run("client credentials (invalid_client)", cmd, false), 1);
    assert!(stderr(s.last()).contains("invalid_client"));

    // private_key_jwt: the assertion is a secret too (a bearer credential for five minutes).
    let mut cmd = s.env.o.cmd();
    cmd.args(["login", "--client-credentials", "--issuer", &issuer])
        .args([
            "--client-id",
            "oidctl-jwt",
            "--scope",
            "api:read",
            "--store",
            "file",
        ])
        .arg("--client-assertion-key")
        .arg(fixture("keys/rs256.key.pem"));
    assert_eq!(s.run("private_key_jwt", cmd, false), 0);

    // The provider gone: the refresh fails with exit 3, still without a secret.
    let mut login = s.env.cmd("login", &[]);
    with_browser(&mut login, "approve", &s.env.log);
    assert_eq!(s.run("login before the outage", login, false), 0);
    let mut secrets: BTreeSet<String> = s.env.provider.secrets().into_iter().collect();
    let provider_log = std::fs::read_to_string(&s.env.provider.log).unwrap();
    let down = std::mem::replace(&mut s.env.provider, Provider::start(&[]));
    drop(down);
    let mut cmd = s.env.o.cmd();
    cmd.args([
        "token",
        "--issuer",
        &issuer,
        "--client-id",
        CLIENT,
        "--store",
        "file",
    ])
    .args(["--min-valid", "999999"]);
    assert_eq!(s.run("token (provider down)", cmd, true), 3);

    // Every secret there was.
    secrets.extend(s.stored.iter().cloned());
    secrets.extend(codes_in_browser_log(&s.env.log));
    secrets.insert(CONFIDENTIAL_SECRET.into());
    secrets.insert("not-the-secret-but-still-secret".into());
    let key = read("keys/rs256.key.pem");
    secrets.extend(
        key.lines()
            .filter(|l| !l.starts_with("-----"))
            .map(str::to_string),
    );
    secrets.retain(|s| s.len() >= 16);
    // The provider saw codes, verifiers, three kinds of token, secrets and an assertion.
    assert!(secrets.len() >= 30, "{} secrets", secrets.len());
    assert!(
        secrets.iter().any(|s| s.len() == 43 && !s.contains('.')),
        "a PKCE verifier or code is among them"
    );
    // The search would find them: every token a command was asked to print is among them.
    for c in s
        .captured
        .iter()
        .filter(|c| c.prints_a_token && c.out.status.success())
    {
        let printed = stdout(&c.out).trim().to_string();
        assert!(secrets.contains(&printed), "{}: an unknown token", c.what);
    }
    let logs = vec![("the provider's request log".to_string(), provider_log)];
    assert_nothing_leaked(&s.captured, &logs, &secrets);
    eprintln!(
        "secret-leak test: {} commands at -vvv, {} secrets searched for",
        s.captured.len(),
        secrets.len()
    );
}
