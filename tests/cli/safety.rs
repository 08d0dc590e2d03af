//! What oidctl keeps and whom it hands it to (issue 13, "wrong or unsafe behaviour"): a stored
//! sign-in only ever goes back to the issuer and client that issued it; the store reflects what
//! was revoked; everything written is the user's alone; one unreadable profile does not hide
//! the others; `-q` means one thing.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};

use crate::support::*;

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A token set as oidctl stores it, for `issuer` and `client`, valid for an hour.
fn token_set(issuer: &str, client: &str, at: &str) -> Value {
    json!({
        "issuer": issuer, "client_id": client, "scopes": ["openid"], "token_type": "Bearer",
        "access_token": at, "expires_at": now() + 3600, "refresh_token": format!("rt-{at}"),
        "subject": "alice", "obtained_at": now(), "flow": "browser"
    })
}

/// Writes `set` into the file store of `o` under `key`.
fn save(o: &Oidctl, key: &str, set: Value) -> PathBuf {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, key.as_bytes());
    let name: String = digest.as_ref()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = o.home.join("data/oidctl/tokens");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, json!({"key": key, "set": set}).to_string()).unwrap();
    path
}

fn run(cmd: &mut assert_cmd::Command) -> Output {
    let out = cmd
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_no_panic(&out);
    out
}

#[track_caller]
fn exits(out: &Output, code: i32, what: &str) -> String {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}\nstdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
    stdout(out)
}

/// A provider with a token endpoint that answers, counting requests.
fn provider(at: &str) -> Server {
    let s = Server::start();
    s.metadata(r#""revocation_endpoint":"{0}/revoke","introspection_endpoint":"{0}/introspect","userinfo_endpoint":"{0}/userinfo""#);
    s.route(
        "/token",
        Route::json(format!(
            r#"{{"access_token":"{at}","token_type":"Bearer","expires_in":3600}}"#
        )),
    );
    s.route("/revoke", Route::json("{}"));
    s.route("/introspect", Route::json(r#"{"active":true}"#));
    s.route("/userinfo", Route::json(r#"{"sub":"alice"}"#));
    s
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let path = e.path();
            out.push(path.clone());
            if path.is_dir() {
                walk(&path, out);
            }
        }
    }
}

#[test]
fn everything_oidctl_writes_is_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let o = Oidctl::new();
    let s = provider("at-cc");
    s.route(
        "/.well-known/openid-configuration",
        Route::json(format!(
            r#"{{"issuer":"{0}","token_endpoint":"{0}/token"}}"#,
            s.url
        ))
        .header("Cache-Control", "max-age=300"),
    );
    exits(
        &run(o.cmd().args([
            "profile",
            "add",
            "svc",
            "--issuer",
            &s.url,
            "--client-id",
            "c",
            "--flow",
            "client-credentials",
            "--store",
            "file",
        ])),
        0,
        "profile add",
    );
    // A client credentials sign-in: discovery (cached), the lock, the token set.
    let out = run(o
        .cmd()
        .args(["token", "-p", "svc"])
        .env("OIDCTL_CLIENT_SECRET", "s"));
    assert_eq!(exits(&out, 0, "token").trim(), "at-cc");
    let mut written = Vec::new();
    for top in ["config", "cache", "data"] {
        let dir = o.home.join(top);
        written.push(dir.clone());
        walk(&dir, &mut written);
    }
    let locks = written
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "lock"))
        .count();
    assert_eq!(locks, 1, "{written:?}");
    assert!(
        written
            .iter()
            .any(|p| p.starts_with(o.home.join("cache")) && p.is_file()),
        "the discovery document is cached: {written:?}"
    );
    for path in &written {
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let want = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, want, "{} is {mode:o}", path.display());
    }
}
