//! The things every command shares: help, version, usage errors, exit codes, colour.

use crate::support::*;

#[test]
fn help_has_examples_and_exit_codes() {
    let out = oidctl().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    let commands = [
        "login",
        "token",
        "status",
        "logout",
        "profile",
        "discover",
        "decode",
        "verify",
        "claims",
        "userinfo",
        "introspect",
        "revoke",
        "exchange",
        "call",
        "exec",
        "completions",
        "serve",
        "demo",
    ];
    for word in commands.iter().chain(&["Examples:", "Exit codes:"]) {
        assert!(text.contains(word), "{word} missing from --help");
    }
    for cmd in commands {
        let out = oidctl().args([cmd, "--help"]).output().unwrap();
        assert!(
            stdout(&out).contains("Examples:"),
            "{cmd} --help has no examples"
        );
    }
}

#[test]
fn version() {
    let out = oidctl().arg("--version").output().unwrap();
    assert_eq!(
        stdout(&out).trim(),
        format!("oidctl {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = oidctl().arg("no-such-command").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = oidctl()
        .args(["decode", "--format", "yaml", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = oidctl()
        .args(["verify", "--key", "k", "--now", "someday", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn colour_only_when_asked() {
    let token = read("tokens/rs256.jwt");
    let plain = oidctl().args(["decode", &token]).output().unwrap();
    assert!(
        !stdout(&plain).contains('\u{1b}'),
        "NO_COLOR and a pipe: no colour"
    );
    let forced = oidctl()
        .args(["--color", "always", "decode", &token])
        .output()
        .unwrap();
    assert!(stdout(&forced).contains("\u{1b}["));
    let forced_env = oidctl()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["decode", &token])
        .output()
        .unwrap();
    assert!(stdout(&forced_env).contains("\u{1b}["));
    let err = oidctl()
        .args(["--color", "always", "decode", "x"])
        .output()
        .unwrap();
    assert!(
        stderr(&err).contains("\u{1b}["),
        "errors are coloured too when forced"
    );
}

#[test]
fn closed_stdout_is_not_an_error() {
    use std::io::Read as _;
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("oidctl");
    let mut child = Command::new(bin)
        .args(["completions", "zsh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn the_profile_says_where_it_came_from() {
    // The error names the source of the profile: the flag when one is given (before or after
    // the command's name), the environment only when it alone names it, even with both equal.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let cases: [(&[&str], Option<&str>, &str); 4] = [
        (&["token"], Some("nope"), "(from $OIDCTL_PROFILE)"),
        (&["token", "-p", "nope"], Some("nope"), "(from --profile)"),
        (&["-p", "nope", "token"], Some("other"), "(from --profile)"),
        (&["token", "-p", "nope"], None, "(from --profile)"),
    ];
    for (args, env, source) in cases {
        let mut cmd = oidctl();
        cmd.arg("--config").arg(&config).args(args);
        if let Some(env) = env {
            cmd.env("OIDCTL_PROFILE", env);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("no profile \"nope\" {source}")),
            "{args:?} with OIDCTL_PROFILE={env:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_profile_from_the_environment_does_not_make_decode_read_the_store() {
    // `echo $T | oidctl decode` with OIDCTL_PROFILE set decodes stdin; `-p NAME` asks for the
    // stored token instead, and says the profile does not exist.
    let token = read("tokens/rs256.jwt");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let out = oidctl()
        .env("OIDCTL_PROFILE", "nope")
        .arg("--config")
        .arg(&config)
        .args(["decode", "--format", "json"])
        .write_stdin(token)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"alice\""));
    let out = oidctl()
        .env("OIDCTL_PROFILE", "nope")
        .arg("--config")
        .arg(&config)
        .args(["decode", "-p", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no profile \"nope\" (from --profile)"));
}
