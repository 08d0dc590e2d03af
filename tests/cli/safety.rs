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

fn add_profile(o: &Oidctl, name: &str, issuer: &str, client: &str, store: &str) -> Output {
    run(o.cmd().args([
        "profile",
        "add",
        name,
        "--issuer",
        issuer,
        "--client-id",
        client,
        "--store",
        store,
    ]))
}

#[test]
fn a_stored_sign_in_only_goes_back_to_its_issuer_and_client() {
    let o = Oidctl::new();
    let (a, b) = (provider("at-from-a"), provider("at-from-b"));
    exits(&add_profile(&o, "dev", &a.url, "c", "file"), 0, "add dev");
    let stored = save(&o, "profile:dev", token_set(&a.url, "c", "at-dev"));

    // Replacing the profile says so and ends the old sign-in.
    let out = add_profile(&o, "dev", &b.url, "other", "file");
    exits(&out, 0, "replace dev");
    let err = stderr(&out);
    assert!(err.contains("Replaced profile \"dev\""), "{err}");
    assert!(err.contains(&format!("Its sign-in at {}", a.url)), "{err}");
    assert!(!stored.exists(), "the old set is deleted");
    let status = exits(&run(o.cmd().args(["status", "-p", "dev"])), 0, "status");
    assert!(status.contains("not signed in"), "{status}");
    assert!(!status.contains(&a.url), "{status}");

    // A set left by another issuer (the config edited by hand): never sent to B, by any command.
    save(&o, "profile:dev", token_set(&a.url, "c", "at-dev"));
    let api = Server::start();
    api.route("/", Route::json("{}"));
    let commands: Vec<Vec<&str>> = vec![
        vec!["token", "-p", "dev", "--min-valid", "100000"],
        vec!["token", "-p", "dev"],
        vec!["userinfo", "-p", "dev"],
        vec!["introspect", "-p", "dev"],
        vec!["revoke", "-p", "dev"],
        vec!["exchange", "-p", "dev", "--audience", "x"],
        vec!["call", "-p", "dev", &api.url],
        vec!["exec", "-p", "dev", "--", "true"],
    ];
    for args in &commands {
        let out = run(o.cmd().args(args));
        exits(&out, 4, &format!("{args:?}"));
        assert!(
            stderr(&out).contains(&format!("was issued by {} to client c", a.url)),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("at-dev"), "{}", stderr(&out));
    }
    // (Discovery may reach B; no token does.)
    for path in ["/token", "/revoke", "/introspect", "/userinfo"] {
        assert_eq!(b.hits(path), 0, "a token reached B's {path}");
    }
    assert_eq!(api.total_hits(), 0);
    // status shows whose set it is, not a valid sign-in at B.
    let status = exits(&run(o.cmd().args(["status", "-p", "dev"])), 0, "status");
    assert!(status.contains("belongs to another issuer"), "{status}");
    assert!(!status.contains("valid"), "{status}");
    let json: Value = serde_json::from_str(&exits(
        &run(o.cmd().args(["status", "--format", "json"])),
        0,
        "status json",
    ))
    .unwrap();
    assert_eq!(json[0]["signed_in"], false, "{json}");
    assert!(
        json[0]["error"].as_str().unwrap().contains(&a.url),
        "{json}"
    );
    // logout deletes it without revoking it at B.
    let out = run(o.cmd().args(["logout", "-p", "dev"]));
    exits(&out, 0, "logout");
    assert!(stderr(&out).contains("not revoked"), "{}", stderr(&out));
    assert_eq!(b.hits("/revoke"), 0);
    assert!(!stored.exists());
}

#[test]
fn the_store_forgets_what_was_revoked() {
    let o = Oidctl::new();
    let a = provider("at-renewed");
    exits(&add_profile(&o, "dev", &a.url, "c", "file"), 0, "add dev");

    // The access token: marked revoked, shown so, renewed on the next use.
    save(&o, "profile:dev", token_set(&a.url, "c", "at-dev"));
    exits(
        &run(o.cmd().args(["revoke", "-p", "dev", "--access-token"])),
        0,
        "revoke --access-token",
    );
    let status = exits(&run(o.cmd().args(["status", "-p", "dev"])), 0, "status");
    assert!(status.contains("access    revoked"), "{status}");
    assert!(!status.contains("1970"), "{status}");
    let json: Value = serde_json::from_str(&exits(
        &run(o.cmd().args(["status", "-p", "dev", "--format", "json"])),
        0,
        "status json",
    ))
    .unwrap();
    assert_eq!(json[0]["access_token_valid"], false, "{json}");
    assert_eq!(json[0]["access_token_revoked"], true, "{json}");
    let token = exits(&run(o.cmd().args(["token", "-p", "dev"])), 0, "token");
    assert_eq!(token.trim(), "at-renewed");
    assert_eq!(a.hits("/token"), 1);

    // The refresh token: the sign-in is over, nothing stored is handed out.
    save(&o, "profile:dev", token_set(&a.url, "c", "at-dev"));
    let out = run(o.cmd().args(["revoke", "-p", "dev"]));
    exits(&out, 0, "revoke");
    assert!(
        stderr(&out).contains("deleted the stored tokens"),
        "{}",
        stderr(&out)
    );
    let status = exits(&run(o.cmd().args(["status", "-p", "dev"])), 0, "status");
    assert!(status.contains("not signed in"), "{status}");
    exits(
        &run(o.cmd().args(["token", "-p", "dev"])),
        4,
        "token after revoke",
    );
    let api = Server::start();
    api.route("/", Route::json("{}"));
    exits(
        &run(o.cmd().args(["call", "-p", "dev", &api.url])),
        4,
        "call",
    );
    assert_eq!(api.total_hits(), 0);
    assert_eq!(a.hits("/token"), 1, "no refresh with a revoked token");

    // A stored token revoked by value counts the same.
    save(&o, "profile:dev", token_set(&a.url, "c", "at-dev"));
    exits(
        &run(o.cmd().args(["revoke", "-p", "dev", "at-dev"])),
        0,
        "revoke AT",
    );
    let status = exits(&run(o.cmd().args(["status", "-p", "dev"])), 0, "status");
    assert!(status.contains("access    revoked"), "{status}");
    exits(
        &run(o.cmd().args(["revoke", "-p", "dev", "rt-at-dev"])),
        0,
        "revoke RT",
    );
    let status = exits(&run(o.cmd().args(["status", "-p", "dev"])), 0, "status");
    assert!(status.contains("not signed in"), "{status}");
}

#[test]
fn status_lists_every_profile_when_one_store_fails() {
    let o = Oidctl::new();
    let a = provider("at");
    exits(&add_profile(&o, "home", &a.url, "c", "file"), 0, "add home");
    // No Secret Service in the test environment: the keyring store fails (exit 5).
    exits(
        &add_profile(&o, "work", &a.url, "c", "keyring"),
        0,
        "add work",
    );
    exits(&add_profile(&o, "zed", &a.url, "c", "file"), 0, "add zed");
    save(&o, "profile:home", token_set(&a.url, "c", "at-home"));
    let out = run(o.cmd().arg("status"));
    let text = exits(&out, 5, "status");
    assert!(
        text.contains("home") && text.contains("subject   alice"),
        "{text}"
    );
    assert!(
        text.contains("zed") && text.contains("not signed in"),
        "{text}"
    );
    let work = &text[text.find("work").unwrap()..text.find("zed").unwrap()];
    assert!(work.contains("error") && work.contains("keyring"), "{work}");
    assert!(stderr(&out).starts_with("error:"), "{}", stderr(&out));

    let out = run(o.cmd().args(["status", "--format", "json"]));
    let json: Value = serde_json::from_str(&exits(&out, 5, "status json")).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{json}");
    assert_eq!(rows[0]["signed_in"], true);
    assert!(rows[0].get("error").is_none(), "{json}");
    assert!(rows[1]["error"].is_string(), "{json}");
    assert_eq!(rows[2]["signed_in"], false);
}

const HEADER: &str = r#"{"alg":"RS256","typ":"JWT","kid":"rs256"}"#;

fn signed(iss: &str, aud: &str, exp: u64) -> String {
    sign_rs256(
        HEADER,
        &format!(r#"{{"iss":"{iss}","aud":"{aud}","sub":"alice","iat":1764000000,"exp":{exp}}}"#),
    )
}

#[test]
fn verify_says_what_it_did_not_check_and_uses_the_profile() {
    let server = Server::start();
    let issuer = format!("{}/a", server.url);
    server.provider("/a", &issuer, &read("keys/jwks.json"));
    let o = Oidctl::new();
    let at = signed(&issuer, "api://x", 4102444800);

    // No --audience: valid, and said so on stderr (not with -q); a JSON field either way.
    let out = run(o.cmd().args(["verify", "--issuer", &issuer, &at]));
    assert!(exits(&out, 0, "verify").contains("valid:"));
    assert!(
        stderr(&out).contains("aud was not checked"),
        "{}",
        stderr(&out)
    );
    let out = run(o.cmd().args(["verify", "-q", "--issuer", &issuer, &at]));
    exits(&out, 0, "verify -q");
    assert_eq!(stderr(&out), "");
    let out = run(o
        .cmd()
        .args(["verify", "--issuer", &issuer, "--format", "json", &at]));
    let v: Value = serde_json::from_str(&exits(&out, 0, "json")).unwrap();
    assert_eq!(v["audience_checked"], false, "{v}");
    let out = run(o.cmd().args([
        "verify",
        "--issuer",
        &issuer,
        "--audience",
        "api://x",
        "--format",
        "json",
        &at,
    ]));
    let v: Value = serde_json::from_str(&exits(&out, 0, "json")).unwrap();
    assert_eq!(v["audience_checked"], true, "{v}");
    assert!(!stderr(&out).contains("aud was not checked"));
    // --batch: the same field on each line, the same note once.
    let out = run(o
        .cmd()
        .args(["verify", "--issuer", &issuer, "--batch"])
        .write_stdin(format!("{at}\n{at}\n")));
    let lines = exits(&out, 0, "batch");
    for line in lines.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["audience_checked"], false, "{v}");
    }
    assert_eq!(
        stderr(&out).matches("aud is not checked").count(),
        1,
        "{}",
        stderr(&out)
    );

    // Another issuer's token, signed by a key this issuer does not have: the mismatch is named.
    let foreign = sign_rs256(
        r#"{"alg":"RS256","typ":"JWT","kid":"elsewhere"}"#,
        r#"{"iss":"https://other.example","aud":"api://x","exp":4102444800}"#,
    );
    let out = run(o.cmd().args(["verify", "--issuer", &issuer, &foreign]));
    exits(&out, 1, "foreign");
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "iss https://other.example is not expected issuer {issuer}"
        )),
        "{err}"
    );
    assert!(!err.contains("no key with kid"), "{err}");

    // -p: the profile's issuer gives the keys; its client is the stored ID token's audience.
    exits(
        &add_profile(&o, "dev", &issuer, "my-cli", "file"),
        0,
        "add dev",
    );
    let mut set = token_set(&issuer, "my-cli", "at-dev");
    set["id_token"] = json!(signed(&issuer, "my-cli", 4102444800));
    save(&o, "profile:dev", set.clone());
    let out = run(o.cmd().args(["verify", "-p", "dev"]));
    exits(&out, 0, "verify -p dev");
    assert!(
        !stderr(&out).contains("aud was not checked"),
        "{}",
        stderr(&out)
    );
    set["id_token"] = json!(signed(&issuer, "someone-else", 4102444800));
    save(&o, "profile:dev", set);
    let out = run(o.cmd().args(["verify", "-p", "dev"]));
    exits(&out, 1, "verify -p dev, another client's ID token");
    assert!(
        stderr(&out).contains("aud someone-else is not"),
        "{}",
        stderr(&out)
    );
    // A token given with -p: the profile's issuer; its audience is not assumed.
    let out = run(o.cmd().args(["verify", "-p", "dev", &at]));
    exits(&out, 0, "verify -p dev TOKEN");
    assert!(stderr(&out).contains("aud was not checked"));
}

/// stderr of a failure under -q: one `error:` line.
#[track_caller]
fn one_error_line(out: &Output) {
    let err = stderr(out);
    assert!(
        err.starts_with("error: ") && err.lines().count() == 1,
        "{err:?}"
    );
}

#[test]
fn quiet_means_data_and_one_error_line() {
    let o = Oidctl::new();
    let expired = sign_rs256(HEADER, r#"{"iss":"x","exp":1000}"#);
    let key = fixture("keys/rs256.pub.pem");
    let key = key.to_str().unwrap();
    // Without -q the hint is there; with it, the error line alone.
    let out = run(o.cmd().args(["verify", "--key", key, &expired]));
    exits(&out, 1, "verify expired");
    assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));
    let out = run(o.cmd().args(["verify", "-q", "--key", key, &expired]));
    exits(&out, 1, "verify -q expired");
    assert_eq!(stdout(&out), "");
    one_error_line(&out);

    let a = provider("at");
    let out = run(o.cmd().args([
        "-q",
        "token",
        "--issuer",
        &a.url,
        "--client-id",
        "c",
        "--store",
        "file",
    ]));
    exits(&out, 4, "token -q, not signed in");
    one_error_line(&out);

    // Warnings and notes go too: replacing a profile, a status with one failing store.
    exits(&add_profile(&o, "dev", &a.url, "c", "file"), 0, "add");
    save(&o, "profile:dev", token_set(&a.url, "c", "at-dev"));
    let mut cmd = o.cmd();
    cmd.args([
        "profile",
        "add",
        "dev",
        "-q",
        "--issuer",
        &a.url,
        "--client-id",
        "d",
    ]);
    let out = run(&mut cmd);
    exits(&out, 0, "profile add -q");
    assert_eq!(stderr(&out), "");
    exits(
        &add_profile(&o, "work", &a.url, "c", "keyring"),
        0,
        "add work",
    );
    let out = run(o.cmd().args(["status", "-q"]));
    assert!(exits(&out, 5, "status -q").contains("work"));
    one_error_line(&out);
}

#[test]
fn ad_hoc_sign_ins_are_found_listed_and_labelled() {
    let o = Oidctl::new();
    let a = provider("at-cc");
    exits(&add_profile(&o, "work", &a.url, "c", "file"), 0, "add work");
    let adhoc = ["--issuer", &a.url, "--client-id", "svc"];
    let out = run(o
        .cmd()
        .arg("login")
        .args(adhoc)
        .args([
            "--client-credentials",
            "--scope",
            "api:read",
            "--store",
            "file",
        ])
        .env("OIDCTL_CLIENT_SECRET", "s"));
    exits(&out, 0, "login --client-credentials");
    // Found again without --scope and without --store: no second sign-in.
    let token = exits(&run(o.cmd().arg("token").args(adhoc)), 0, "token");
    assert_eq!(token.trim(), "at-cc");
    assert_eq!(a.hits("/token"), 1);
    // Listed, and labelled as what it is, not as the default profile.
    let status = exits(&run(o.cmd().arg("status")), 0, "status");
    assert!(status.contains("(no profile) client svc"), "{status}");
    assert!(status.contains("api:read"), "{status}");
    let status = exits(&run(o.cmd().arg("status").args(adhoc)), 0, "status ad hoc");
    assert!(status.starts_with("(no profile) client svc"), "{status}");
    assert!(!status.contains("work"), "{status}");
    exits(&run(o.cmd().arg("logout").args(adhoc)), 0, "logout");
    let status = exits(&run(o.cmd().arg("status")), 0, "status");
    assert!(!status.contains("svc"), "{status}");
}
