//! Nothing lost: `oidctl token` refreshes killed with SIGKILL at random moments. After every
//! kill the stored set must still be complete and readable (the file is replaced atomically,
//! the keyring entry written whole), the lock must have died with its holder, and a refresh
//! token must be lost only in the one window oidctl cannot close: after the provider rotated
//! it and before the answer was stored (the save is the first thing done with an answer).
// The figures RELIABILITY.md quotes go to stderr (cargo test -- --nocapture shows them).
#![allow(clippy::print_stderr)]

use std::time::{Duration, Instant};

use crate::support::*;

/// A small xorshift generator: the delays vary from run to run, and the seed is printed so a
/// failure can be replayed (OIDCTL_TEST_SEED).
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        let seed = std::env::var("OIDCTL_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("kill -9 test seed: {seed} (OIDCTL_TEST_SEED={seed} replays it)");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// What one kill interrupted.
#[derive(Debug, Default)]
struct Tally {
    runs: usize,
    /// Killed before the provider issued anything.
    before_the_provider: usize,
    /// Killed after the provider rotated the refresh token, before it was stored: the
    /// rotation was lost (the next refresh meets invalid_grant; a new sign-in is needed).
    in_the_window: usize,
    /// Finished or killed after the new set was stored.
    stored: usize,
    /// Sets found unreadable after a kill: must stay 0.
    unreadable: usize,
}

fn kill_loop(
    env: &Env,
    store: &str,
    keyring: Option<&KeyringSession>,
    runs: usize,
    max_delay_ms: u64,
) -> Tally {
    let cmd = |sub: &str, args: &[&str]| {
        let mut c = env.o.cmd();
        c.arg(sub)
            .args(["--issuer", &env.provider.issuer, "--client-id", CLIENT])
            .args(["--store", store])
            .args(args);
        if let Some(k) = keyring {
            k.apply(&mut c);
        }
        c
    };
    let login = || {
        let mut c = cmd("login", &[]);
        with_browser(&mut c, "approve", &env.log);
        ok(&c.output().unwrap());
    };
    let refresh_token = || {
        let out = cmd("token", &["--refresh-token"]).output().unwrap();
        ok(&out);
        stdout(&out)
    };
    login();
    let mut rng = Rng::new();
    let mut tally = Tally::default();
    for _ in 0..runs {
        tally.runs += 1;
        let before_rt = refresh_token();
        let before = env.provider.count("grant.success:refresh_token");
        let mut child = spawnable(&cmd("token", &["--min-valid", "999999"]))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill anywhere from the process start to after its save.
        std::thread::sleep(Duration::from_millis(rng.below(max_delay_ms)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // A request already on its way when the process died still reaches the provider.
        std::thread::sleep(Duration::from_millis(150));
        let rotated = env.provider.count("grant.success:refresh_token") > before;

        // The set is readable, whole, and the lock is free (this would wait 120 s otherwise).
        let started = Instant::now();
        let status = cmd("status", &["--format", "json"]).output().unwrap();
        assert_no_panic(&status);
        let readable = status.status.success()
            && serde_json::from_slice::<serde_json::Value>(&status.stdout)
                .is_ok_and(|doc| doc[0]["subject"] == "alice" && doc[0]["refresh_token"] == true);
        let token = cmd("token", &["--min-valid", "0"]).output().unwrap();
        if !readable || !token.status.success() {
            tally.unreadable += 1;
            eprintln!(
                "unreadable after a kill: {}{}",
                stderr(&status),
                stderr(&token)
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "a lock outlived its holder"
        );
        let after_rt = refresh_token();
        match (rotated, after_rt != before_rt) {
            (false, false) => tally.before_the_provider += 1,
            (true, true) => tally.stored += 1,
            (true, false) => {
                tally.in_the_window += 1;
                // The provider rotated; the store kept the previous set, whose refresh token
                // is now spent: the next refresh says sign in again (exit 4), never worse.
                let out = cmd("token", &["--min-valid", "999999"]).output().unwrap();
                assert_no_panic(&out);
                assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
                login();
            }
            (false, true) => panic!("the stored refresh token changed without a refresh"),
        }
    }
    tally
}

#[test]
fn kill_9_during_refreshes_with_the_file_store() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let tally = kill_loop(&env, "file", None, 40, 160);
    eprintln!("kill -9, file store: {tally:?}");
    assert_eq!(tally.unreadable, 0, "{tally:?}");
    // No half-written temporary file outlives the next save, which clears them. (The last
    // kill may have fallen between writing and renaming a save's temporary file, with no save
    // after it in the loop: one refresh, a save, comes first.)
    let out = env
        .o
        .cmd()
        .args([
            "token",
            "--issuer",
            &env.provider.issuer,
            "--client-id",
            CLIENT,
        ])
        .args(["--store", "file", "--min-valid", "999999"])
        .output()
        .unwrap();
    ok(&out);
    let dir = env.o.home.join("data/oidctl/tokens");
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn kill_9_during_refreshes_with_the_keyring() {
    needs!(Part::Node, Part::SecretService);
    let env = Env::new(&[]);
    let keyring = KeyringSession::start();
    let tally = kill_loop(&env, "keyring", Some(&keyring), 20, 400);
    eprintln!("kill -9, keyring: {tally:?}");
    assert_eq!(tally.unreadable, 0, "{tally:?}");
}

/// A stored browser sign-in for `issuer` (client `c`, default scopes) written straight into the
/// file store of `o`, as oidctl writes it.
fn store_sign_in(o: &Oidctl, issuer: &str, refresh_token: &str) {
    let (key, path) = token_file(o, issuer);
    let doc = serde_json::json!({
        "key": key,
        "set": {
            "issuer": issuer, "client_id": "c", "scopes": ["openid"], "token_type": "Bearer",
            "access_token": "at-old-0000000000", "expires_at": 1, "refresh_token": refresh_token,
            "id_token": null, "subject": "alice", "id_token_expires_at": null,
            "obtained_at": 0, "flow": "browser"
        }
    });
    std::fs::write(path, doc.to_string()).unwrap();
}

#[test]
fn a_rotated_refresh_token_is_kept_even_when_the_id_token_cannot_be_checked() {
    let o = Oidctl::new();
    let server = Server::start();
    server.route(
        "/.well-known/openid-configuration",
        Route::json(format!(
            r#"{{"issuer":"{0}","token_endpoint":"{0}/token","jwks_uri":"{0}/jwks"}}"#,
            server.url
        )),
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let id_token = sign_rs256(
        r#"{"alg":"RS256","kid":"rs256"}"#,
        &format!(
            r#"{{"iss":"{}","aud":"c","sub":"alice","iat":{now},"exp":{}}}"#,
            server.url,
            now + 600
        ),
    );
    server.route(
        "/token",
        Route::json(format!(
            r#"{{"access_token":"at-new-1111111111","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-rotated-2222222222","id_token":"{id_token}"}}"#
        )),
    );
    // The provider answers the refresh, but its keys cannot be fetched right then.
    server.route("/jwks", Route::with(503, "text/plain", ""));
    store_sign_in(&o, &server.url, "rt-first-3333333333");
    let token = |args: &[&str]| {
        let out = o
            .cmd()
            .args([
                "token",
                "--issuer",
                &server.url,
                "--client-id",
                "c",
                "--store",
                "file",
            ])
            .args(args)
            .env("OIDCTL_HTTP_TIMEOUT", "2")
            .output()
            .unwrap();
        assert_no_panic(&out);
        out
    };
    let out = token(&["--min-valid", "60"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // The rotation was stored before the ID token was checked.
    let rt = token(&["--refresh-token"]);
    assert_eq!(stdout(&rt).trim(), "rt-rotated-2222222222");
    // Once the keys are back, the next refresh uses the rotated token and stores the new set.
    server.route("/jwks", Route::json(read("keys/jwks.json")));
    let out = token(&["--min-valid", "60"]);
    ok(&out);
    assert_eq!(stdout(&out).trim(), "at-new-1111111111");
    let sent = server.requests("/token");
    assert_eq!(sent.len(), 2);
    assert!(
        sent[0].body.contains("refresh_token=rt-first-3333333333"),
        "{}",
        sent[0].body
    );
    assert!(
        sent[1].body.contains("refresh_token=rt-rotated-2222222222"),
        "{}",
        sent[1].body
    );
}
