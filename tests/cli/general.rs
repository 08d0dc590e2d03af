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

/// The rows of a help text's "Commands:" section: each name and its description, a description
/// wrapped onto following lines joined again.
fn listed_commands(help: &str) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    let section = help.lines().skip_while(|l| *l != "Commands:").skip(1);
    for line in section.take_while(|l| !l.trim().is_empty()) {
        let text = line.trim_start();
        if line.len() - text.len() == 2 {
            let (name, description) = text.split_once(' ').unwrap_or((text, ""));
            rows.push((name.to_string(), description.trim().to_string()));
        } else {
            let (_, description) = rows.last_mut().expect("a command before its continuation");
            *description = format!("{description} {}", text).trim().to_string();
        }
    }
    rows
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `oidctl --help`, `oidctl help`, and for each command with subcommands (`profile`) its
/// `--help` and `help profile`, list every command with the description clap knows for it; each
/// command's own help opens with that description and lists the global options. A blank
/// description (as clap's `defer` gives the parent's listing) fails.
#[test]
fn help_describes_every_command() {
    use clap::CommandFactory;
    let mut cli = oidctl::cli::Cli::command();
    cli.build();
    let home = Oidctl::new();
    let help = |args: &[&str]| {
        let out = home.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let about = |command: &clap::Command| {
        let about = command
            .get_about()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            !about.trim().is_empty(),
            "{} has no about",
            command.get_name()
        );
        one_line(&about)
    };

    // (the words that name the command, the command)
    let mut commands: Vec<(Vec<&str>, &clap::Command)> = vec![(vec![], &cli)];
    let mut checked = 0;
    while let Some((path, command)) = commands.pop() {
        let subcommands: Vec<&clap::Command> = command.get_subcommands().collect();
        if !subcommands.is_empty() {
            let expected: Vec<(String, String)> = subcommands
                .iter()
                .map(|sub| (sub.get_name().to_string(), about(sub)))
                .collect();
            let long = [path.as_slice(), &["--help"]].concat();
            let via_help = [&["help"], path.as_slice()].concat();
            for args in [long, via_help] {
                let listed: Vec<(String, String)> = listed_commands(&help(&args))
                    .into_iter()
                    .map(|(name, description)| (name, one_line(&description)))
                    .collect();
                assert_eq!(listed, expected, "the commands listed by oidctl {args:?}");
            }
            for sub in subcommands.into_iter().filter(|s| s.get_name() != "help") {
                commands.push(([path.as_slice(), &[sub.get_name()]].concat(), sub));
            }
        }
        if path.is_empty() {
            continue;
        }
        let description = one_line(
            &command
                .get_long_about()
                .map(ToString::to_string)
                .unwrap_or_else(|| about(command)),
        );
        let long = [path.as_slice(), &["--help"]].concat();
        let via_help = [&["help"], path.as_slice()].concat();
        for args in [long, via_help] {
            let text = help(&args);
            let opening = text.split("\n\n").next().unwrap_or_default();
            assert_eq!(
                one_line(opening),
                description,
                "oidctl {args:?} opens with its about"
            );
            let global = text
                .split("\nGlobal options:\n")
                .nth(1)
                .unwrap_or_else(|| panic!("oidctl {args:?} has no global options: {text}"));
            for flag in ["--profile", "--config", "--color", "--verbose", "--quiet"] {
                assert!(
                    global.contains(flag),
                    "oidctl {args:?} does not list {flag}"
                );
            }
            assert!(
                !text.contains("--version"),
                "oidctl {args:?} offers --version, which only the top level takes"
            );
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} commands checked");
}

#[test]
fn version_only_at_the_top_level() {
    let out = oidctl().arg("-V").output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("oidctl "));
    for args in [["token", "-V"], ["decode", "--version"]] {
        let out = oidctl().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
    }
}
