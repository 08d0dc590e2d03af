//! Where each OIDCTL_* setting ranks (src/settings.rs, CLI.md "Options every command takes"):
//! one test per variable, each running every command that reads it, and telling by what the
//! command did (which store, config file, profile, CA, secret or key it used; its exit code,
//! stdout and `-v` log) that the flag beat the variable and the variable beat the profile, the
//! config file and the default. No test here has a keyring: the keyring store fails with exit
//! 5, which is how using the file store shows.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

use crate::support::*;

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// An unexpired RS256 ID token (fixture key rs256) for `sub`.
fn id_token(iss: &str, aud: &str, sub: &str) -> String {
    let now = now();
    sign_rs256(
        r#"{"alg":"RS256","kid":"rs256","typ":"JWT"}"#,
        &format!(
            r#"{{"iss":"{iss}","aud":"{aud}","sub":"{sub}","iat":{now},"exp":{}}}"#,
            now + 3600
        ),
    )
}

/// A token set as oidctl stores it: access token `at`, valid for an hour, subject `sub` with an
/// ID token for it, and a refresh token.
fn token_set(issuer: &str, client: &str, at: &str, sub: &str) -> Value {
    json!({
        "issuer": issuer, "client_id": client, "scopes": ["openid"], "token_type": "Bearer",
        "access_token": at, "expires_at": now() + 3600, "refresh_token": format!("rt-{at}"),
        "id_token": id_token(issuer, client, sub), "subject": sub,
        "id_token_expires_at": now() + 3600, "obtained_at": now(), "flow": "browser"
    })
}

/// Where the file store of `o` keeps the set stored under `key` (named by a digest of the key,
/// as oidctl names it).
fn store_path(o: &Oidctl, key: &str) -> PathBuf {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, key.as_bytes());
    let name: String = digest.as_ref()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    o.home
        .join("data/oidctl/tokens")
        .join(format!("{name}.json"))
}

/// Writes `set` into the file store of `o` under `key`; returns the file.
fn save(o: &Oidctl, key: &str, set: Value) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let path = store_path(o, key);
    let dir = path.parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::write(&path, json!({"key": key, "set": set}).to_string()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    path
}

/// Stores a set for profile `name` at `issuer` (client `c`): access token `at-NAME`, subject
/// `NAME-user`.
fn save_profile(o: &Oidctl, name: &str, issuer: &str) -> PathBuf {
    save(
        o,
        &format!("profile:{name}"),
        token_set(issuer, "c", &format!("at-{name}"), &format!("{name}-user")),
    )
}

/// The default config file of `o`: $XDG_CONFIG_HOME/oidctl/config.toml.
fn default_config(o: &Oidctl) -> PathBuf {
    o.home.join("config/oidctl/config.toml")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A path as a TOML string.
fn toml_path(path: &Path) -> String {
    format!("{:?}", path.to_str().unwrap())
}

fn run(mut cmd: assert_cmd::Command) -> Output {
    let out = cmd.timeout(Duration::from_secs(120)).output().unwrap();
    assert_no_panic(&out);
    out
}

/// Checks the exit code; returns stdout.
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

/// stderr says `text`.
#[track_caller]
fn says(out: &Output, text: &str, what: &str) {
    assert!(
        stderr(out).contains(text),
        "{what}: {text:?} missing from stderr:\n{}",
        stderr(out)
    );
}

/// Exit 5 because the keyring store was used (there is no keyring in these tests).
#[track_caller]
fn used_the_keyring(out: &Output, what: &str) {
    exits(out, 5, what);
    says(out, "the OS keyring is not available", what);
}

/// Sets `name` to `value`, or leaves it unset.
fn env_opt(cmd: &mut assert_cmd::Command, name: &str, value: Option<&str>) {
    if let Some(v) = value {
        cmd.env(name, v);
    }
}

fn json_of(out: &Output, what: &str) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", stdout(out)))
}

/// The `profile` and `store` of each row of `status --format json`.
fn status_rows(out: &Output, what: &str) -> Vec<(String, String, bool)> {
    exits(out, 0, what);
    json_of(out, what)
        .as_array()
        .unwrap_or_else(|| panic!("{what}: not an array"))
        .iter()
        .map(|r| {
            (
                r["profile"].as_str().unwrap_or_default().to_string(),
                r["store"].as_str().unwrap_or_default().to_string(),
                r["signed_in"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

fn rows(list: &[(&str, &str, bool)]) -> Vec<(String, String, bool)> {
    list.iter()
        .map(|(p, s, i)| (p.to_string(), s.to_string(), *i))
        .collect()
}

/// The `sub` of `decode --format json`'s payload.
#[track_caller]
fn decoded_sub(out: &Output, what: &str) -> String {
    exits(out, 0, what);
    json_of(out, what)["payload"]["sub"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Arguments, OIDCTL_STORE, the access token printed (else exit 5), and the `-v` line.
type StoreCase<'a> = (&'a [&'a str], Option<&'a str>, Option<&'a str>, &'a str);

#[test]
fn oidctl_store_ranks_after_the_flag_and_before_the_profile_and_the_config() {
    let o = Oidctl::new();
    // The profiles' issuer, for logout (which tries to revoke; this one has no endpoint for it).
    let server = Server::start();
    server.metadata("");
    let iss = &server.url;
    let profiles = format!(
        r#"
[profiles.plain]
issuer = "{iss}"
client_id = "c"

[profiles.keyring]
issuer = "{iss}"
client_id = "c"
store = "keyring"

[profiles.filed]
issuer = "{iss}"
client_id = "c"
store = "file"
"#
    );
    let config = default_config(&o);
    // Without a store at the top level; with `store = "file"` there.
    let plain_config = || write(&config, &profiles);
    let file_config = || write(&config, &format!("store = \"file\"\n{profiles}"));
    let names = ["plain", "keyring", "filed"];
    let save_all = || {
        names
            .iter()
            .map(|n| save_profile(&o, n, iss))
            .collect::<Vec<_>>()
    };
    let files = save_all();
    let cmd = |args: &[&str], store: Option<&str>| {
        let mut cmd = o.cmd();
        cmd.args(args);
        env_opt(&mut cmd, "OIDCTL_STORE", store);
        run(cmd)
    };

    // token: the set saved in the file store, or exit 5 from the keyring; -v says why.
    plain_config();
    let cases: [StoreCase; 7] = [
        (
            &["-p", "plain"],
            None,
            None,
            "store: keyring (from the default)",
        ),
        (
            &["-p", "plain"],
            Some("file"),
            Some("at-plain"),
            "store: file (from $OIDCTL_STORE)",
        ),
        (
            &["-p", "plain", "--store", "file"],
            Some("keyring"),
            Some("at-plain"),
            "store: file (from --store)",
        ),
        (
            &["-p", "plain", "--store", "keyring"],
            Some("file"),
            None,
            "store: keyring (from --store)",
        ),
        (
            &["-p", "keyring"],
            Some("file"),
            Some("at-keyring"),
            "store: file (from $OIDCTL_STORE)",
        ),
        (
            &["-p", "filed"],
            None,
            Some("at-filed"),
            "store: file (from profile \"filed\")",
        ),
        (
            &["-p", "filed"],
            Some("keyring"),
            None,
            "store: keyring (from $OIDCTL_STORE)",
        ),
    ];
    let check_token = |args: &[&str], store: Option<&str>, at: Option<&str>, log: &str| {
        let what = format!("token {args:?} with OIDCTL_STORE={store:?}");
        let out = cmd(&[&["token", "-v"], args].concat(), store);
        match at {
            Some(at) => assert_eq!(exits(&out, 0, &what).trim(), at, "{what}"),
            None => used_the_keyring(&out, &what),
        }
        says(&out, log, &what);
    };
    for (args, store, at, log) in cases {
        check_token(args, store, at, log);
    }
    // The config file's top-level store ranks below the variable and the profile.
    file_config();
    check_token(
        &["-p", "plain"],
        None,
        Some("at-plain"),
        "store: file (from the config file)",
    );
    check_token(
        &["-p", "keyring"],
        None,
        None,
        "store: keyring (from profile \"keyring\")",
    );
    check_token(
        &["-p", "plain"],
        Some("keyring"),
        None,
        "store: keyring (from $OIDCTL_STORE)",
    );

    // status, every profile: each row's store is the variable's, over the profile's.
    plain_config();
    let all = ["status", "--format", "json"];
    used_the_keyring(&cmd(&all, None), "status, no OIDCTL_STORE");
    let every_file = rows(&[
        ("filed", "file", true),
        ("keyring", "file", true),
        ("plain", "file", true),
    ]);
    assert_eq!(
        status_rows(&cmd(&all, Some("file")), "status, OIDCTL_STORE=file"),
        every_file
    );
    assert_eq!(
        status_rows(
            &cmd(&[&all[..], &["--store", "file"]].concat(), Some("keyring")),
            "status --store file, OIDCTL_STORE=keyring"
        ),
        every_file
    );
    used_the_keyring(&cmd(&all, Some("keyring")), "status, OIDCTL_STORE=keyring");
    // status -p: the one profile.
    let one = |name: &str, extra: &[&str], store: Option<&str>| {
        let args = [&["status", "-p", name, "--format", "json"], extra].concat();
        cmd(&args, store)
    };
    assert_eq!(
        status_rows(
            &one("keyring", &[], Some("file")),
            "status -p keyring, env file"
        ),
        rows(&[("keyring", "file", true)])
    );
    assert_eq!(
        status_rows(&one("filed", &[], None), "status -p filed"),
        rows(&[("filed", "file", true)])
    );
    used_the_keyring(
        &one("filed", &[], Some("keyring")),
        "status -p filed, env keyring",
    );
    used_the_keyring(
        &one("plain", &["--store", "keyring"], Some("file")),
        "status -p plain --store keyring, env file",
    );
    // Without the keyring profile, every row resolves by itself: the config's and the profile's.
    write(
        &config,
        &format!(
            "store = \"file\"\n[profiles.plain]\nissuer = \"{iss}\"\nclient_id = \"c\"\n\n[profiles.filed]\nissuer = \"{iss}\"\nclient_id = \"c\"\nstore = \"file\"\n"
        ),
    );
    let out = cmd(&["status", "-v", "--format", "json"], None);
    assert_eq!(
        status_rows(&out, "status, config store"),
        rows(&[("filed", "file", true), ("plain", "file", true)])
    );
    says(&out, "store: file (from the config file)", "status -v");
    says(&out, "store: file (from profile \"filed\")", "status -v");
    used_the_keyring(
        &cmd(&["status", "--format", "json"], Some("keyring")),
        "status, config store, env keyring",
    );

    // decode -p: the stored ID token, from the store the settings name (decode has no --store).
    let decode =
        |name: &str, store: Option<&str>| cmd(&["decode", "-p", name, "--format", "json"], store);
    assert_eq!(
        decoded_sub(&decode("plain", None), "decode -p plain, config store"),
        "plain-user"
    );
    plain_config();
    used_the_keyring(&decode("plain", None), "decode -p plain");
    assert_eq!(
        decoded_sub(&decode("plain", Some("file")), "decode -p plain, env file"),
        "plain-user"
    );
    assert_eq!(
        decoded_sub(
            &decode("keyring", Some("file")),
            "decode -p keyring, env file"
        ),
        "keyring-user"
    );
    assert_eq!(
        decoded_sub(&decode("filed", None), "decode -p filed"),
        "filed-user"
    );
    used_the_keyring(
        &decode("filed", Some("keyring")),
        "decode -p filed, env keyring",
    );

    // An invalid value: exit 2 naming the variable, before anything is touched.
    for args in [
        &["token", "-p", "plain"][..],
        &["status"],
        &["status", "-p", "plain"],
        &["decode", "-p", "plain"],
        &["logout", "-p", "plain"],
    ] {
        let what = format!("{args:?} with OIDCTL_STORE=nope");
        let out = cmd(args, Some("nope"));
        exits(&out, 2, &what);
        says(&out, "OIDCTL_STORE", &what);
    }
    assert!(files.iter().all(|f| f.exists()), "no set was deleted");

    // logout: deletes the set from the store the settings name.
    let logout = |name: &str, extra: &[&str], store: Option<&str>| {
        cmd(&[&["logout", "-p", name], extra].concat(), store)
    };
    used_the_keyring(&logout("plain", &[], None), "logout -p plain");
    used_the_keyring(
        &logout("plain", &["--store", "keyring"], Some("file")),
        "logout -p plain --store keyring, env file",
    );
    assert!(files[0].exists(), "the file store was not touched");
    exits(
        &logout("plain", &[], Some("file")),
        0,
        "logout -p plain, env file",
    );
    assert!(
        !files[0].exists(),
        "logout deleted the set from the file store"
    );
    let out = cmd(&["token", "-p", "plain"], Some("file"));
    exits(&out, 4, "token after logout");
    exits(
        &logout("keyring", &[], Some("file")),
        0,
        "logout -p keyring, env file",
    );
    assert!(
        !files[1].exists(),
        "the variable beat the profile's keyring"
    );
    used_the_keyring(
        &logout("filed", &[], Some("keyring")),
        "logout -p filed, env keyring",
    );
    assert!(files[2].exists());
    exits(
        &logout("filed", &["--store", "file"], Some("keyring")),
        0,
        "logout -p filed --store file, env keyring",
    );
    assert!(!files[2].exists(), "the flag beat the variable");

    // profile remove: deletes the profile's set from the store the settings name.
    let files = save_all();
    let remove = |name: &str, store: Option<&str>| {
        let out = cmd(&["profile", "remove", name], store);
        exits(
            &out,
            0,
            &format!("profile remove {name}, OIDCTL_STORE={store:?}"),
        );
        out
    };
    let out = remove("plain", None);
    says(
        &out,
        "its stored tokens could not be deleted",
        "profile remove plain",
    );
    assert!(
        files[0].exists(),
        "the keyring was asked, not the file store"
    );
    remove("keyring", Some("file"));
    assert!(
        !files[1].exists(),
        "the variable beat the profile's keyring"
    );
    remove("filed", None);
    assert!(!files[2].exists(), "the profile's own file store");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(!text.contains("[profiles."), "{text}");

    // profile add writes only what was given as flags: never the variable's store.
    let fresh = Oidctl::new();
    let add = |name: &str, extra: &[&str]| {
        let mut cmd = fresh.cmd();
        cmd.args(["profile", "add", name, "--issuer", iss, "--client-id", "c"])
            .args(extra)
            .env("OIDCTL_STORE", "file");
        exits(&run(cmd), 0, &format!("profile add {name}"));
        std::fs::read_to_string(default_config(&fresh)).unwrap()
    };
    let text = add("one", &[]);
    assert!(text.contains("[profiles.one]"), "{text}");
    assert!(!text.contains("store"), "OIDCTL_STORE was written:\n{text}");
    let text = add("two", &["--store", "keyring"]);
    assert_eq!(text.matches("store").count(), 1, "{text}");
    let written: toml::Value = toml::from_str(&text).unwrap();
    assert_eq!(
        written["profiles"]["two"]["store"].as_str(),
        Some("keyring")
    );

    // profile remove with an invalid value: exit 2 like every other command, and neither the
    // profile nor its set is gone (it cannot know where the set is).
    plain_config();
    let files = save_all();
    let out = cmd(&["profile", "remove", "plain"], Some("nope"));
    let what = "profile remove plain with OIDCTL_STORE=nope";
    exits(&out, 2, what);
    says(&out, "OIDCTL_STORE", what);
    assert!(files[0].exists(), "{what}: the set is kept");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("[profiles.plain]"),
        "{what}: the profile is kept:\n{text}"
    );
}

#[test]
fn oidctl_config_ranks_after_the_flag_and_before_the_default_path() {
    let o = Oidctl::new();
    let iss = "http://127.0.0.1:9";
    let config = |name: &str| {
        format!(
            "store = \"file\"\ndefault_profile = \"{name}\"\n\n[profiles.{name}]\nissuer = \"{iss}\"\nclient_id = \"c\"\n"
        )
    };
    let default = default_config(&o);
    let env_file = o.home.join("elsewhere/env.toml");
    let flag_file = o.home.join("elsewhere/flag.toml");
    write(&default, &config("home"));
    write(&env_file, &config("fromenv"));
    write(&flag_file, &config("fromflag"));
    for name in ["home", "fromenv", "fromflag"] {
        save_profile(&o, name, iss);
    }
    // The three ways: neither, the variable, the variable and the flag.
    let ways: [(Option<&Path>, bool, &str); 3] = [
        (None, false, "home"),
        (Some(&env_file), false, "fromenv"),
        (Some(&env_file), true, "fromflag"),
    ];
    let cmd = |args: &[&str], env: Option<&Path>, flag: bool| {
        let mut cmd = o.cmd();
        cmd.args(args);
        if let Some(env) = env {
            cmd.env("OIDCTL_CONFIG", env);
        }
        if flag {
            cmd.arg("--config").arg(&flag_file);
        }
        run(cmd)
    };
    for (env, flag, name) in ways {
        let what = format!("OIDCTL_CONFIG={env:?}, --config: {flag}");
        // profile list: that file's profiles only.
        let listed = exits(&cmd(&["profile", "list"], env, flag), 0, &what);
        let names: Vec<&str> = listed
            .lines()
            .filter_map(|l| l.split_whitespace().find(|w| *w != "*"))
            .collect();
        assert_eq!(names, [name], "profile list, {what}:\n{listed}");
        // status: that file's profiles, in that file's store.
        assert_eq!(
            status_rows(&cmd(&["status", "--format", "json"], env, flag), &what),
            rows(&[(name, "file", true)]),
            "status, {what}"
        );
        // token: that file's default profile.
        let at = exits(&cmd(&["token"], env, flag), 0, &what);
        assert_eq!(at.trim(), format!("at-{name}"), "token, {what}");
        // decode -p: that file's profile, and no other file's.
        let out = cmd(&["decode", "-p", name, "--format", "json"], env, flag);
        assert_eq!(decoded_sub(&out, &what), format!("{name}-user"));
        for other in ["home", "fromenv", "fromflag"]
            .iter()
            .filter(|n| **n != name)
        {
            let out = cmd(&["decode", "-p", other], env, flag);
            exits(&out, 2, &format!("decode -p {other}, {what}"));
            says(
                &out,
                &format!("no profile \"{other}\" (from --profile)"),
                &what,
            );
        }
    }
    // The errors name the file that was read.
    let out = cmd(&["decode", "-p", "nope"], Some(&env_file), false);
    exits(&out, 2, "decode -p nope");
    says(
        &out,
        &env_file.display().to_string(),
        "decode -p nope, OIDCTL_CONFIG",
    );
    let out = cmd(&["decode", "-p", "nope"], Some(&env_file), true);
    says(
        &out,
        &flag_file.display().to_string(),
        "decode -p nope, --config",
    );

    // profile add: into the variable's file; into the flag's when both are given.
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let out = cmd(
        &[
            "profile",
            "add",
            "added",
            "--issuer",
            iss,
            "--client-id",
            "c",
        ],
        Some(&env_file),
        false,
    );
    exits(&out, 0, "profile add with OIDCTL_CONFIG");
    says(
        &out,
        &env_file.display().to_string(),
        "profile add with OIDCTL_CONFIG",
    );
    assert!(
        read(&env_file).contains("[profiles.added]"),
        "{}",
        read(&env_file)
    );
    for untouched in [&default, &flag_file] {
        assert!(
            !read(untouched).contains("added"),
            "{}",
            untouched.display()
        );
    }
    let out = cmd(
        &[
            "profile",
            "add",
            "added2",
            "--issuer",
            iss,
            "--client-id",
            "c",
        ],
        Some(&env_file),
        true,
    );
    exits(&out, 0, "profile add with OIDCTL_CONFIG and --config");
    assert!(
        read(&flag_file).contains("[profiles.added2]"),
        "{}",
        read(&flag_file)
    );
    assert!(!read(&env_file).contains("added2"));
    assert!(!read(&default).contains("added"));
    // Without either, the default path.
    let out = cmd(
        &[
            "profile",
            "add",
            "added3",
            "--issuer",
            iss,
            "--client-id",
            "c",
        ],
        None,
        false,
    );
    exits(&out, 0, "profile add");
    assert!(read(&default).contains("[profiles.added3]"));
    assert!(!read(&env_file).contains("added3") && !read(&flag_file).contains("added3"));
}

#[test]
fn oidctl_profile_ranks_after_the_flag_and_before_the_default_profile() {
    let o = Oidctl::new();
    let iss = "http://127.0.0.1:9";
    let mut text = "store = \"file\"\ndefault_profile = \"dflt\"\n".to_string();
    for name in ["dflt", "fromenv", "fromflag"] {
        text.push_str(&format!(
            "\n[profiles.{name}]\nissuer = \"{iss}\"\nclient_id = \"c\"\nscopes = [\"openid\", \"{name}\"]\n"
        ));
        save_profile(&o, name, iss);
    }
    write(&default_config(&o), &text);
    let cmd = |args: &[&str], env: Option<&str>| {
        let mut cmd = o.cmd();
        cmd.args(args);
        env_opt(&mut cmd, "OIDCTL_PROFILE", env);
        cmd
    };
    let out = |args: &[&str], env: Option<&str>| run(cmd(args, env));

    // token: -p, else the variable, else the default profile.
    for (args, env, at) in [
        (&["token"][..], None, "at-dflt"),
        (&["token"], Some("fromenv"), "at-fromenv"),
        (&["token", "-p", "fromflag"], Some("fromenv"), "at-fromflag"),
        (&["-p", "fromflag", "token"], Some("fromenv"), "at-fromflag"),
    ] {
        let what = format!("{args:?} with OIDCTL_PROFILE={env:?}");
        assert_eq!(exits(&out(args, env), 0, &what).trim(), at, "{what}");
    }
    // status: every profile, else the one named.
    let status = ["status", "--format", "json"];
    assert_eq!(
        status_rows(&out(&status, None), "status"),
        rows(&[
            ("dflt", "file", true),
            ("fromenv", "file", true),
            ("fromflag", "file", true)
        ])
    );
    assert_eq!(
        status_rows(&out(&status, Some("fromenv")), "status, env"),
        rows(&[("fromenv", "file", true)])
    );
    assert_eq!(
        status_rows(
            &out(
                &[&status[..], &["-p", "fromflag"]].concat(),
                Some("fromenv")
            ),
            "status -p, env"
        ),
        rows(&[("fromflag", "file", true)])
    );
    // profile show: the same order (and a name given to it first).
    for (args, env, shown) in [
        (&["profile", "show"][..], None, "dflt"),
        (&["profile", "show"], Some("fromenv"), "fromenv"),
        (
            &["profile", "show", "-p", "fromflag"],
            Some("fromenv"),
            "fromflag",
        ),
        (&["profile", "show", "dflt"], Some("fromenv"), "dflt"),
    ] {
        let what = format!("{args:?} with OIDCTL_PROFILE={env:?}");
        let text = exits(&out(args, env), 0, &what);
        assert!(
            text.starts_with(&format!("[profiles.{shown}]\n"))
                && text.contains(&format!("\"{shown}\"")),
            "{what}:\n{text}"
        );
    }

    // decode, claims, verify: a profile from the variable does not make them read the store;
    // -p does.
    let piped = id_token(iss, "c", "stdin-user");
    let stdin = |args: &[&str], env: Option<&str>| {
        let mut c = cmd(args, env);
        c.write_stdin(piped.clone());
        run(c)
    };
    let what = "decode, OIDCTL_PROFILE=fromenv, token on stdin";
    assert_eq!(
        decoded_sub(
            &stdin(&["decode", "--format", "json"], Some("fromenv")),
            what
        ),
        "stdin-user"
    );
    let mut empty = cmd(&["decode"], Some("fromenv"));
    empty.write_stdin("");
    let out_empty = run(empty);
    exits(&out_empty, 2, "decode, OIDCTL_PROFILE=fromenv, empty stdin");
    says(
        &out_empty,
        "stdin was empty",
        "decode reads stdin, not the store",
    );
    assert_eq!(
        decoded_sub(
            &out(
                &["decode", "-p", "fromenv", "--format", "json"],
                Some("dflt")
            ),
            "decode -p"
        ),
        "fromenv-user"
    );
    let claim = exits(
        &stdin(&["claims", "-", "sub"], Some("fromenv")),
        0,
        "claims, env",
    );
    assert_eq!(claim, "stdin-user\n");
    let claim = exits(
        &out(&["claims", "-p", "fromenv", "sub"], None),
        0,
        "claims -p",
    );
    assert_eq!(claim, "fromenv-user\n");
    let key = fixture("keys/rs256.pub.pem");
    let key = key.to_str().unwrap();
    let verified = |o: &Output, what: &str| {
        exits(o, 0, what);
        json_of(o, what)["claims"]["sub"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let verify = ["verify", "--key", key, "--format", "json"];
    assert_eq!(
        verified(&stdin(&verify, Some("fromenv")), "verify, env"),
        "stdin-user"
    );
    assert_eq!(
        verified(
            &out(&[&verify[..], &["-p", "fromenv"]].concat(), None),
            "verify -p"
        ),
        "fromenv-user"
    );

    // An unknown profile says where its name came from.
    for args in [&["token"][..], &["status"], &["profile", "show"]] {
        let what = format!("{args:?} with OIDCTL_PROFILE=nope");
        let res = out(args, Some("nope"));
        exits(&res, 2, &what);
        says(&res, "no profile \"nope\" (from $OIDCTL_PROFILE)", &what);
        let res = out(&[&["-p", "nope"], args].concat(), Some("fromenv"));
        exits(&res, 2, &what);
        says(&res, "no profile \"nope\" (from --profile)", &what);
    }
    // ... and decode, which does not read it, decodes stdin.
    let what = "decode with OIDCTL_PROFILE=nope";
    assert_eq!(
        decoded_sub(&stdin(&["decode", "--format", "json"], Some("nope")), what),
        "stdin-user"
    );
}

static CACHES: AtomicUsize = AtomicUsize::new(0);

/// A command with an empty document cache: a discovery document fetched over TLS earlier
/// must not make a later run skip the handshake under test.
fn uncached(o: &Oidctl, args: &[&str], ca_env: Option<&Path>) -> assert_cmd::Command {
    let mut cmd = o.cmd();
    cmd.args(args).env(
        "XDG_CACHE_HOME",
        o.home
            .join(format!("cache-{}", CACHES.fetch_add(1, Ordering::SeqCst))),
    );
    if let Some(ca) = ca_env {
        cmd.env("OIDCTL_CA_FILE", ca);
    }
    cmd
}

#[test]
fn oidctl_ca_file_ranks_after_the_flag_and_before_the_profile() {
    needs!(Part::Node, Part::Openssl);
    // A provider over TLS whose certificate only `good` signs; `wrong` is another test CA.
    let good = test_ca(None);
    let wrong = test_ca(None);
    let good_ca = good.path().join("ca.pem");
    let wrong_ca = wrong.path().join("ca.pem");
    let (g, w) = (good_ca.to_str().unwrap(), wrong_ca.to_str().unwrap());
    let env = Env::new(&[
        "--tls-cert",
        good.path().join("server.pem").to_str().unwrap(),
        "--tls-key",
        good.path().join("server.key").to_str().unwrap(),
    ]);
    let iss = env.provider.issuer.clone();
    assert!(iss.starts_with("https://"), "{iss}");
    let o = &env.o;
    let config = default_config(o);
    let profile = |name: &str, ca: &Path| {
        format!(
            "[profiles.{name}]\nissuer = \"{iss}\"\nclient_id = \"oidctl-confidential\"\nscopes = [\"api:read\"]\nstore = \"file\"\nca_file = {}\n\n",
            toml_path(ca)
        )
    };
    write(
        &config,
        &(profile("trusting", &good_ca) + &profile("distrusting", &wrong_ca)),
    );
    let secret = o.home.join("client.secret");
    std::fs::write(&secret, "oidctl-confidential-secret\n").unwrap();
    let secret = secret.to_str().unwrap();

    /// Runs `cmd`: 0, or 3 because the certificate did not verify.
    #[track_caller]
    fn expect(cmd: assert_cmd::Command, code: i32, what: &str) -> Output {
        let out = run(cmd);
        exits(&out, code, what);
        if code == 3 {
            says(&out, "could not be reached", what);
            assert!(
                stderr(&out).to_lowercase().contains("certificate"),
                "{what}: {}",
                stderr(&out)
            );
        }
        out
    }
    // (extra arguments, OIDCTL_CA_FILE, exit code): an ad-hoc issuer, then the profiles.
    let adhoc: [(&[&str], Option<&Path>, i32); 4] = [
        (&[], None, 3),
        (&[], Some(&good_ca), 0),
        (&["--ca-file", w], Some(&good_ca), 3),
        (&["--ca-file", g], Some(&wrong_ca), 0),
    ];
    let profiles: [(&[&str], Option<&Path>, i32); 5] = [
        (&["-p", "trusting"], None, 0),
        (&["-p", "trusting"], Some(&wrong_ca), 3),
        (&["-p", "distrusting"], Some(&good_ca), 0),
        (&["-p", "distrusting"], None, 3),
        (&["-p", "distrusting", "--ca-file", g], Some(&wrong_ca), 0),
    ];

    // discover.
    for (extra, ca, code) in adhoc {
        let what = format!("discover {extra:?}, OIDCTL_CA_FILE={ca:?}");
        expect(
            uncached(o, &[&["discover", "--refresh", &iss], extra].concat(), ca),
            code,
            &what,
        );
    }
    for (extra, ca, code) in profiles {
        let what = format!("discover {extra:?}, OIDCTL_CA_FILE={ca:?}");
        expect(
            uncached(o, &[&["discover", "--refresh"], extra].concat(), ca),
            code,
            &what,
        );
    }
    // -v names the source.
    for (args, ca, source) in [
        (
            vec!["discover", "-v", &iss],
            Some(&good_ca),
            "(from $OIDCTL_CA_FILE)",
        ),
        (
            vec!["discover", "-v", &iss, "--ca-file", g],
            Some(&wrong_ca),
            "(from --ca-file)",
        ),
        (
            vec!["discover", "-v", "-p", "trusting"],
            None,
            "(from profile \"trusting\")",
        ),
    ] {
        let out = expect(
            uncached(o, &args, ca.map(PathBuf::as_path)),
            0,
            "discover -v",
        );
        says(&out, &format!("CA file {g} {source}"), &format!("{args:?}"));
    }

    // login --client-credentials.
    let successes = |event: &str| env.provider.count(event);
    let before = successes("grant.success:client_credentials");
    let mut expected = before;
    let cc = [
        "login",
        "--client-credentials",
        "--client-secret-file",
        secret,
    ];
    for (extra, ca, code) in adhoc {
        let what = format!("login --client-credentials {extra:?}, OIDCTL_CA_FILE={ca:?}");
        let args = [
            &cc[..],
            &[
                "--issuer",
                &iss,
                "--client-id",
                "oidctl-confidential",
                "--scope",
                "api:read",
                "--store",
                "file",
            ],
            extra,
        ]
        .concat();
        expect(uncached(o, &args, ca), code, &what);
        expected += u64::from(code == 0);
    }
    for (extra, ca, code) in profiles {
        let what = format!("login --client-credentials {extra:?}, OIDCTL_CA_FILE={ca:?}");
        expect(uncached(o, &[&cc[..], extra].concat(), ca), code, &what);
        expected += u64::from(code == 0);
    }
    assert_eq!(
        successes("grant.success:client_credentials"),
        expected,
        "a token request reached the provider only where its CA was trusted"
    );

    // token, renewing: the profiles' client credentials sets (the grant runs again)...
    for (extra, ca, code) in profiles {
        let what = format!("token --min-valid 999999 {extra:?}, OIDCTL_CA_FILE={ca:?}");
        let args = [
            &[
                "token",
                "--min-valid",
                "999999",
                "--client-secret-file",
                secret,
            ],
            extra,
        ]
        .concat();
        expect(uncached(o, &args, ca), code, &what);
    }
    // ... and a browser sign-in's refresh token.
    let mut login = env.cmd("login", &["--ca-file", g]);
    with_browser(&mut login, "approve", &env.log);
    login.env("TEST_BROWSER_CA", &good_ca);
    ok(&run(login));
    let refreshes = successes("grant.success:refresh_token");
    for (extra, ca, code) in adhoc {
        let what = format!("token (refresh) {extra:?}, OIDCTL_CA_FILE={ca:?}");
        let args = [
            &[
                "token",
                "--min-valid",
                "999999",
                "--issuer",
                &iss,
                "--client-id",
                CLIENT,
                "--store",
                "file",
            ][..],
            extra,
        ]
        .concat();
        expect(uncached(o, &args, ca), code, &what);
    }
    assert_eq!(successes("grant.success:refresh_token"), refreshes + 2);

    // verify --issuer: the variable only (verify has no --ca-file).
    let id = run(env.cmd("token", &["--id-token"]));
    let id = exits(&id, 0, "token --id-token").trim().to_string();
    for (ca, code) in [(None, 3), (Some(&good_ca), 0), (Some(&wrong_ca), 3)] {
        let what = format!("verify --issuer, OIDCTL_CA_FILE={ca:?}");
        let args = ["verify", "--issuer", &iss, "--audience", CLIENT, &id];
        expect(uncached(o, &args, ca.map(PathBuf::as_path)), code, &what);
    }

    // profile add: the variable is not written into the profile; the flag is.
    let add = |name: &str, extra: &[&str]| {
        let args = [
            &["profile", "add", name, "--issuer", &iss, "--client-id", "c"][..],
            extra,
        ]
        .concat();
        exits(
            &run(uncached(o, &args, Some(&good_ca))),
            0,
            &format!("profile add {name}"),
        );
        let text = std::fs::read_to_string(&config).unwrap();
        let doc: toml::Value = toml::from_str(&text).unwrap();
        doc["profiles"][name].clone()
    };
    let added = add("env-only", &[]);
    assert!(
        added.get("ca_file").is_none(),
        "OIDCTL_CA_FILE was written: {added}"
    );
    let added = add("flag", &["--ca-file", w]);
    assert_eq!(added["ca_file"].as_str(), Some(w));
}

/// A fake provider whose token and introspection endpoints record what they are sent.
fn recording_provider() -> Server {
    let server = Server::start();
    server.metadata(r#""introspection_endpoint":"{0}/introspect""#);
    server.route(
        "/token",
        Route::json(r#"{"access_token":"at-precedence","token_type":"Bearer","expires_in":3600}"#),
    );
    server.route("/introspect", Route::json(r#"{"active":true}"#));
    server
}

/// The `user:password` of a request's Basic authorization, if it has one.
fn basic(seen: &Seen) -> Option<String> {
    let value = seen.header("Authorization")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(value.strip_prefix("Basic ")?)
        .ok()?;
    String::from_utf8(decoded).ok()
}

fn form(seen: &Seen) -> Vec<(String, String)> {
    url::form_urlencoded::parse(seen.body.as_bytes())
        .into_owned()
        .collect()
}

#[test]
fn oidctl_client_secret_ranks_after_the_secret_file() {
    let server = recording_provider();
    let o = Oidctl::new();
    let file = o.home.join("client.secret");
    std::fs::write(&file, "secret-from-the-file\n").unwrap();
    let file = file.to_str().unwrap();
    let base = [
        "--issuer",
        &server.url,
        "--client-id",
        "c",
        "--store",
        "file",
    ];
    // (--client-secret-file, OIDCTL_CLIENT_SECRET, the secret sent).
    let cases: [(bool, Option<&str>, Option<&str>); 4] = [
        (
            false,
            Some("secret-from-the-env"),
            Some("c:secret-from-the-env"),
        ),
        (
            true,
            Some("secret-from-the-env"),
            Some("c:secret-from-the-file"),
        ),
        (true, None, Some("c:secret-from-the-file")),
        (false, None, None),
    ];
    for (sub, path) in [
        (&["login", "--client-credentials"][..], "/token"),
        (&["introspect", "opaque-token-to-check"], "/introspect"),
    ] {
        for (with_file, env, sent) in cases {
            let what =
                format!("{sub:?}, --client-secret-file: {with_file}, OIDCTL_CLIENT_SECRET={env:?}");
            let mut cmd = o.cmd();
            cmd.args(sub).args(base);
            if with_file {
                cmd.args(["--client-secret-file", file]);
            }
            env_opt(&mut cmd, "OIDCTL_CLIENT_SECRET", env);
            let before = server.requests(path).len();
            let out = run(cmd);
            let seen = server.requests(path);
            match (sent, path) {
                (None, "/token") => {
                    // No secret at all: a public client cannot use client credentials.
                    exits(&out, 2, &what);
                    says(&out, "needs a confidential client", &what);
                    assert_eq!(seen.len(), before, "{what}: nothing sent");
                }
                (None, _) => {
                    // A public client introspects with its client_id alone.
                    exits(&out, 0, &what);
                    let last = seen.last().unwrap();
                    assert_eq!(basic(last), None, "{what}");
                    assert!(!last.body.contains("secret"), "{what}: {}", last.body);
                }
                (Some(sent), _) => {
                    exits(&out, 0, &what);
                    assert_eq!(seen.len(), before + 1, "{what}");
                    assert_eq!(basic(seen.last().unwrap()).as_deref(), Some(sent), "{what}");
                }
            }
            assert!(
                !stderr(&out).contains("secret-from"),
                "{what}: the secret leaked"
            );
        }
    }
}

#[test]
fn oidctl_client_assertion_key_ranks_after_the_flag() {
    let server = recording_provider();
    let o = Oidctl::new();
    let rs = fixture("keys/rs256.key.pem");
    let es = fixture("keys/es256.key.pem");
    let login = |flag: Option<&Path>, env: Option<&Path>| {
        let mut cmd = o.cmd();
        cmd.args(["login", "--client-credentials", "-v"]).args([
            "--issuer",
            &server.url,
            "--client-id",
            "c",
            "--store",
            "file",
        ]);
        if let Some(flag) = flag {
            cmd.arg("--client-assertion-key").arg(flag);
        }
        if let Some(env) = env {
            cmd.env("OIDCTL_CLIENT_ASSERTION_KEY", env);
        }
        let out = run(cmd);
        let seen = server.requests("/token");
        (out, seen.last().cloned())
    };
    // Does `assertion` verify with the public key `pem`?
    let verifies = |assertion: &str, pem: &str| {
        let mut cmd = o.cmd();
        cmd.args(["verify", "--key"])
            .arg(fixture(pem))
            .arg(assertion);
        let out = run(cmd);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        out.status.success()
    };
    for (flag, env, key, public, other, alg, source) in [
        (
            None,
            Some(&rs),
            &rs,
            "keys/rs256.pub.pem",
            "keys/es256.pub.pem",
            "RS256",
            "(from $OIDCTL_CLIENT_ASSERTION_KEY)",
        ),
        (
            Some(&es),
            Some(&rs),
            &es,
            "keys/es256.pub.pem",
            "keys/rs256.pub.pem",
            "ES256",
            "(from --client-assertion-key)",
        ),
    ] {
        let what = format!(
            "login --client-credentials, flag {flag:?}, OIDCTL_CLIENT_ASSERTION_KEY={env:?}"
        );
        let (out, seen) = login(flag.map(PathBuf::as_path), env.map(PathBuf::as_path));
        exits(&out, 0, &what);
        says(
            &out,
            &format!("client assertion key {} {source}", key.display()),
            &what,
        );
        let seen = seen.expect("a token request");
        assert_eq!(
            seen.header("Authorization"),
            None,
            "{what}: private_key_jwt, not Basic"
        );
        let form = form(&seen);
        let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        assert_eq!(
            get("client_assertion_type").as_deref(),
            Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            "{what}: {form:?}"
        );
        let assertion = get("client_assertion").unwrap_or_else(|| panic!("{what}: {form:?}"));
        let header: Value = serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(assertion.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(header["alg"], alg, "{what}");
        assert!(
            verifies(&assertion, public),
            "{what}: signed with {}",
            key.display()
        );
        assert!(
            !verifies(&assertion, other),
            "{what}: not with the other key"
        );
        assert!(
            !stderr(&out).contains(&assertion),
            "{what}: the assertion leaked"
        );
    }
    // Neither: no secret, no key, no client credentials.
    let (out, _) = login(None, None);
    exits(&out, 2, "login --client-credentials without a key");
    assert_eq!(server.requests("/token").len(), 2);

    // profile add with the variable set: fine, and nothing of it is written.
    let mut cmd = o.cmd();
    cmd.args([
        "profile",
        "add",
        "svc",
        "--issuer",
        &server.url,
        "--client-id",
        "c",
    ])
    .env("OIDCTL_CLIENT_ASSERTION_KEY", &rs);
    exits(&run(cmd), 0, "profile add with OIDCTL_CLIENT_ASSERTION_KEY");
    let text = std::fs::read_to_string(default_config(&o)).unwrap();
    assert!(text.contains("[profiles.svc]"), "{text}");
    assert!(
        !text.contains("assertion") && !text.contains("rs256.key"),
        "OIDCTL_CLIENT_ASSERTION_KEY was written:\n{text}"
    );
    // (The flag is refused: a profile never holds the path to a key.)
    let mut cmd = o.cmd();
    cmd.args([
        "profile",
        "add",
        "svc2",
        "--issuer",
        &server.url,
        "--client-id",
        "c",
    ])
    .arg("--client-assertion-key")
    .arg(&rs);
    exits(&run(cmd), 2, "profile add --client-assertion-key");
}

/// An expired ad-hoc sign-in (client `c`, default scopes) for `issuer` with a refresh token:
/// `token` must renew it.
fn store_expired(o: &Oidctl, issuer: &str) {
    let (key, path) = token_file(o, issuer);
    let mut set = token_set(issuer, "c", "at-expired", "alice");
    set["expires_at"] = json!(1);
    std::fs::write(path, json!({"key": key, "set": set}).to_string()).unwrap();
}

#[test]
fn oidctl_http_timeout_bounds_every_request() {
    let o = Oidctl::new();
    let silent = FaultServer::start(Fault::Silent);
    // The default, 30 s: measured on a thread while the rest runs.
    let default_run = {
        let mut cmd = o.cmd();
        cmd.args(["discover", "--refresh", &silent.url]);
        std::thread::spawn(move || {
            let started = Instant::now();
            let out = run(cmd);
            (out, started.elapsed())
        })
    };

    let good = Server::start();
    good.metadata(r#""jwks_uri":"{0}/jwks""#);
    good.route("/jwks", Route::json(read("keys/jwks.json")));
    good.route(
        "/token",
        Route::json(r#"{"access_token":"at-new","token_type":"Bearer","expires_in":3600}"#),
    );
    let token = read("tokens/rs256.jwt");
    let token = token.trim();
    store_expired(&o, &good.url);
    store_expired(&o, &silent.url);
    // Every command that makes a request, against `url`.
    let network = |url: &str| -> Vec<(String, assert_cmd::Command)> {
        let adhoc = ["--issuer", url, "--client-id", "c", "--store", "file"];
        let mut cmds = Vec::new();
        let mut add = |what: &str, args: Vec<&str>| {
            let mut cmd = o.cmd();
            cmd.args(args)
                .env("OIDCTL_CLIENT_SECRET", "precedence-secret");
            cmds.push((what.to_string(), cmd));
        };
        add("discover", vec!["discover", "--refresh", url]);
        add("verify --issuer", vec!["verify", "--issuer", url, token]);
        add("token (refresh)", [&["token"][..], &adhoc].concat());
        add(
            "login --client-credentials",
            [&["login", "--client-credentials"][..], &adhoc].concat(),
        );
        cmds
    };

    // Not a positive number of seconds: exit 2 naming the variable, before any request.
    for value in ["soon", "0", "-1"] {
        let mut cmds = network(&good.url);
        let mut browser = o.cmd();
        browser
            .args(["login", "--no-browser", "--timeout", "5"])
            .args(["--issuer", &good.url, "--client-id", "c", "--store", "file"]);
        cmds.push(("login (browser)".into(), browser));
        for (what, mut cmd) in cmds {
            let what = format!("{what} with OIDCTL_HTTP_TIMEOUT={value}");
            cmd.env("OIDCTL_HTTP_TIMEOUT", value);
            let out = run(cmd);
            exits(&out, 2, &what);
            says(&out, "OIDCTL_HTTP_TIMEOUT", &what);
        }
        // decode makes no request: unaffected.
        let mut cmd = o.cmd();
        cmd.args(["decode", token])
            .env("OIDCTL_HTTP_TIMEOUT", value);
        exits(
            &run(cmd),
            0,
            &format!("decode with OIDCTL_HTTP_TIMEOUT={value}"),
        );
    }
    assert_eq!(good.total_hits(), 0, "no request was made");
    // The same commands work with a good value.
    for (what, mut cmd) in network(&good.url) {
        cmd.env("OIDCTL_HTTP_TIMEOUT", "5");
        let out = run(cmd);
        exits(&out, if what == "verify --issuer" { 1 } else { 0 }, &what);
    }

    // A small value against a server that never answers: exit 3 within a few seconds.
    for value in ["1", "0.5"] {
        for (what, mut cmd) in network(&silent.url) {
            let what = format!("{what} with OIDCTL_HTTP_TIMEOUT={value}");
            cmd.env("OIDCTL_HTTP_TIMEOUT", value);
            let started = Instant::now();
            let out = run(cmd);
            let took = started.elapsed();
            exits(&out, 3, &what);
            says(&out, "timed out", &what);
            assert!(took < Duration::from_secs(8), "{what}: took {took:?}");
        }
    }

    let (out, took) = default_run.join().unwrap();
    exits(&out, 3, "discover without OIDCTL_HTTP_TIMEOUT");
    says(&out, "timed out", "discover without OIDCTL_HTTP_TIMEOUT");
    assert!(
        took >= Duration::from_secs(29) && took < Duration::from_secs(50),
        "the default timeout is 30 s: took {took:?}"
    );
}
