//! The keyring store against a real Secret Service (gnome-keyring on a private D-Bus session,
//! started per test by `KeyringSession`).

use crate::support::*;

#[test]
fn sign_in_keeps_tokens_in_the_keyring() {
    needs!(Part::Node, Part::SecretService);
    let session = KeyringSession::start();
    let provider = Provider::start(&[]);
    let o = Oidctl::new();
    let log = o.home.join("browser.log");
    let cmd = |sub: &str| {
        let mut c = o.cmd();
        c.arg(sub)
            .args(["--issuer", &provider.issuer, "--client-id", "oidctl-test"]);
        session.apply(&mut c);
        c
    };
    let mut login = cmd("login");
    with_browser(&mut login, "approve", &log);
    let out = login.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("tokens kept in the OS keyring"),
        "{}",
        stderr(&out)
    );
    // Nothing was written to the file store.
    assert!(!o.home.join("data/oidctl/tokens").exists());

    let token = cmd("token").output().unwrap();
    assert!(token.status.success(), "{}", stderr(&token));
    let at = stdout(&token).trim().to_string();
    // The secret is in the keyring, under service "oidctl".
    let found = std::process::Command::new("secret-tool")
        .args(["search", "--all", "service", "oidctl"])
        .env("DBUS_SESSION_BUS_ADDRESS", &session.address)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&found.stdout).contains(&at)
            || String::from_utf8_lossy(&found.stderr).contains(&at)
    );

    let out = cmd("logout").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(cmd("token").output().unwrap().status.code(), Some(4));
}

#[test]
fn no_keyring_is_exit_5_with_a_hint() {
    let o = Oidctl::new();
    let out = o
        .cmd()
        .args([
            "token",
            "--issuer",
            "http://127.0.0.1:9",
            "--client-id",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: the OS keyring is not available"),
        "{err}"
    );
    assert!(err.contains("--store file"), "{err}");
}

/// Runs the body in a child process of this test binary that sees the private Secret
/// Service: the keyring crate reads DBUS_SESSION_BUS_ADDRESS once per process.
fn in_keyring_process(test: &str, body: impl FnOnce()) {
    if std::env::var_os("OIDCTL_TEST_KEYRING_CHILD").is_some() {
        body();
        return;
    }
    let session = KeyringSession::start();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads", "1"])
        .env("OIDCTL_TEST_KEYRING_CHILD", "1")
        .env("DBUS_SESSION_BUS_ADDRESS", &session.address)
        .output()
        .unwrap();
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1 passed"), "the child ran the test: {text}");
}

fn set_of(access_token_len: usize) -> oidctl::store::TokenSet {
    oidctl::store::TokenSet {
        issuer: "https://login.microsoftonline.com/tid/v2.0".into(),
        client_id: "cli".into(),
        scopes: vec!["openid".into()],
        token_type: "Bearer".into(),
        access_token: openidconnect::AccessToken::new("a".repeat(access_token_len)),
        expires_at: Some(4_102_444_800),
        refresh_token: Some(openidconnect::RefreshToken::new(
            "r".repeat(access_token_len / 8),
        )),
        id_token: Some(oidctl::base::secret::Secret::new(
            "i".repeat(access_token_len / 2),
        )),
        subject: Some("ünïcødé".into()),
        id_token_expires_at: None,
        obtained_at: 0,
        flow: oidctl::oidc::Flow::Browser,
        access_revoked: false,
        target: Default::default(),
        extra: Vec::new(),
    }
}

fn entries(address: Option<String>) -> usize {
    let out = std::process::Command::new("secret-tool")
        .args(["search", "--all", "service", "oidctl"])
        .env("DBUS_SESSION_BUS_ADDRESS", address.unwrap_or_default())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr)
        .matches("attribute.service = oidctl")
        .count()
        + String::from_utf8_lossy(&out.stdout)
            .matches("attribute.service = oidctl")
            .count()
}

#[test]
fn large_token_sets_are_split_and_read_back_whole() {
    needs!(Part::SecretService);
    in_keyring_process(
        "keyring::large_token_sets_are_split_and_read_back_whole",
        || {
            use oidctl::store::{KeyringStore, TokenStore};
            let address = std::env::var("DBUS_SESSION_BUS_ADDRESS").ok();
            // 1,000 characters per entry, as on Windows; a Microsoft-sized set of ~22 KB.
            let store = KeyringStore::with_chunk_size(1_000);
            let big = set_of(12_000);
            store.save("profile:big", &big).unwrap();
            let parts = entries(address.clone());
            assert!(parts > 20, "split across {parts} entries");
            let back = store.load("profile:big").unwrap().unwrap();
            assert_eq!(back.access_token.secret(), big.access_token.secret());
            assert_eq!(
                back.id_token.unwrap().secret(),
                big.id_token.as_ref().unwrap().secret()
            );
            assert_eq!(back.subject.as_deref(), Some("ünïcødé"));

            // Replaced by a small set: the old parts go away.
            store.save("profile:big", &set_of(10)).unwrap();
            assert_eq!(entries(address.clone()), 1, "{}", dump(address.clone()));
            assert_eq!(
                store
                    .load("profile:big")
                    .unwrap()
                    .unwrap()
                    .access_token
                    .secret(),
                "a".repeat(10).as_str()
            );

            // Big again, then deleted: nothing is left.
            store.save("profile:big", &big).unwrap();
            assert!(store.delete("profile:big").unwrap());
            assert_eq!(entries(address), 0);
            assert!(store.load("profile:big").unwrap().is_none());
        },
    );
}

fn dump(address: Option<String>) -> String {
    let out = std::process::Command::new("secret-tool")
        .args(["search", "--all", "service", "oidctl"])
        .env("DBUS_SESSION_BUS_ADDRESS", address.unwrap_or_default())
        .output()
        .unwrap();
    format!("{}{}", stdout(&out), stderr(&out))
        .lines()
        .filter(|l| !l.starts_with("secret"))
        .collect::<Vec<_>>()
        .join("\n")
}
