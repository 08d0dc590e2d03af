//! Help, completions, the manual and the JSON of `profile`, `login` and `logout`: what a new
//! user reads and what scripts parse. The clap definitions themselves are checked in src/cli.rs
//! (every argument described, the option groups of each command, examples that fit); here the
//! real binary, the real shells and the real provider.

use std::path::Path;

use crate::support::*;

/// Every command and subcommand, as typed.
const COMMANDS: &[&str] = &[
    "login",
    "token",
    "status",
    "logout",
    "profile",
    "profile add",
    "profile list",
    "profile show",
    "profile remove",
    "profile default",
    "discover",
    "decode",
    "verify",
    "claims",
    "encrypt",
    "userinfo",
    "introspect",
    "revoke",
    "exchange",
    "call",
    "exec",
    "completions",
    "man",
    "serve",
    "demo",
    "sign",
    "jwk",
    "jwk generate",
    "jwk public",
    "jwk convert",
    "jwk thumbprint",
    "jwk set",
];

fn help(command: &str) -> String {
    let out = oidctl()
        .args(command.split_whitespace())
        .arg("--help")
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    assert!(out.status.success(), "{command}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn piped_help_lists_what_each_command_uses_with_examples_unbroken() {
    for command in COMMANDS {
        let text = help(command);
        let examples = text
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("`oidctl {command} --help` has no examples:\n{text}"));
        assert!(examples.contains("oidctl "), "{command}: {examples}");
        // Piped, clap wraps at 100 columns: an example line that long would have been broken
        // in the middle of a command.
        for line in examples.lines() {
            assert!(
                line.chars().count() <= 100,
                "`oidctl {command} --help | cat`: {line}"
            );
        }
        assert!(!text.contains("-V, --version"), "{command} offers -V");
    }
    // `status` only reads stored sign-ins: no sign-in or client-authentication options.
    let status = help("status");
    for unused in [
        "--redirect-port",
        "--param",
        "--client-assertion-key",
        "--client-secret-file",
        "--audience",
    ] {
        assert!(!status.contains(unused), "status lists {unused}:\n{status}");
    }
    assert!(status.contains("--issuer") && status.contains("--store"));
    // A command's own arguments stay under its own headings, not "Provider options".
    let exec = help("exec");
    let cmd_at = exec.find("\n  <CMD>...").expect("CMD described");
    assert!(cmd_at < exec.find("Provider options:").unwrap(), "{exec}");
    let token = help("token");
    assert!(
        token.find("--format").unwrap() < token.find("Provider options:").unwrap(),
        "{token}"
    );
    assert!(token.contains("Output format"), "{token}");
    // Only the top level has a version.
    assert!(help("").contains("-V, --version"));
}

/// A config file with two profiles, for the completion tests.
fn two_profiles(o: &Oidctl) -> std::path::PathBuf {
    let config = o.home.join("config/oidctl/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        "default_profile = \"dev\"\n\
         [profiles.dev]\nissuer = \"https://dev.example.com\"\nclient_id = \"a\"\n\
         [profiles.work]\nissuer = \"https://work.example.com\"\nclient_id = \"b\"\n",
    )
    .unwrap();
    config
}

/// The directory of the binary under test, for the shells' PATH: the completion scripts call
/// `oidctl` back, as an installed one would be found.
fn bin_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_BIN_EXE_oidctl"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn shell(o: &Oidctl, program: &str, script: &str) -> String {
    // The clean environment of the harness's `oidctl`, for the shell that runs it.
    let mut cmd = std::process::Command::new(program);
    for (k, v) in o.cmd().get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = cmd
        .env("PATH", path)
        .args(["-c", script])
        .current_dir(&o.home)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{program}: {}\n{}",
        stderr(&out),
        stdout(&out)
    );
    stdout(&out)
}

/// The lines of `out`, sorted.
fn words(out: &str) -> Vec<String> {
    let mut w: Vec<String> = out
        .split_whitespace()
        .map(|s| s.trim_end_matches(':').to_string())
        .collect();
    w.sort();
    w.dedup();
    w
}

#[test]
fn profile_names_complete_in_bash() {
    let o = Oidctl::new();
    two_profiles(&o);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/oidctl.bash");
    // As bash calls a completion function on TAB: the words so far and the one being typed.
    let complete = |line: &[&str]| {
        let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
        let current = line.len() - 1;
        shell(
            &o,
            "bash",
            &format!(
                "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={current}\nCOMP_TYPE=9\n\
                 _clap_complete_oidctl oidctl '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
                script.display(),
                words.join(" "),
                line[current],
                line[current - 1],
            ),
        )
    };
    assert_eq!(
        words(&complete(&["oidctl", "token", "-p", ""])),
        ["dev", "work"]
    );
    assert_eq!(
        words(&complete(&["oidctl", "status", "--profile", "w"])),
        ["work"]
    );
    assert_eq!(words(&complete(&["oidctl", "-p", "d"])), ["dev"]);
    // A NAME: the profiles (and, as for any empty word, the options).
    for sub in ["show", "remove", "default"] {
        let offered = words(&complete(&["oidctl", "profile", sub, ""]));
        let values: Vec<&String> = offered.iter().filter(|w| !w.starts_with('-')).collect();
        assert_eq!(values, ["dev", "work"], "profile {sub}");
        assert_eq!(
            words(&complete(&["oidctl", "profile", sub, "wo"])),
            ["work"],
            "profile {sub}"
        );
    }
    // Commands and options still complete, from the same definitions.
    assert!(complete(&["oidctl", "deco"]).contains("decode"));
    assert!(complete(&["oidctl", "token", "--min"]).contains("--min-valid"));
    // A config file that cannot be read offers no names, and no error on the screen.
    std::fs::write(o.home.join("config/oidctl/config.toml"), "not toml [").unwrap();
    assert_eq!(complete(&["oidctl", "token", "-p", ""]).trim(), "");
}

#[test]
fn profile_names_complete_in_zsh_and_fish() {
    needs!(Part::Shells);
    let o = Oidctl::new();
    two_profiles(&o);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    // fish: `complete -C` asks the registered completions for a command line.
    let fish = shell(
        &o,
        "fish",
        &format!(
            "source '{}'; complete -C 'oidctl token -p '; complete -C 'oidctl profile show w'",
            dir.join("oidctl.fish").display()
        ),
    );
    let names: Vec<&str> = fish
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(names, ["dev", "work", "work"], "{fish}");
    // zsh: the script's completer function, with the words zsh would hand it, and
    // `_describe` (which would offer the candidates) printing them instead.
    let zsh = shell(
        &o,
        "zsh",
        &format!(
            "compdef() {{ :; }}\n\
             _describe() {{ local name=${{@[-1]}}; local -a c; c=(\"${{(@P)name}}\"); \
             print -l -- \"${{c[@]%%:*}}\"; }}\n\
             source '{}'\nwords=(oidctl token -p '')\nCURRENT=4\n_clap_dynamic_completer_oidctl",
            dir.join("_oidctl").display()
        ),
    );
    assert_eq!(words(&zsh), ["dev", "work"], "{zsh}");
}

#[test]
fn completion_answers_read_only_the_config_file() {
    let o = Oidctl::new();
    two_profiles(&o);
    // The completion engine's own call, as the scripts make it; a keyring or network call would
    // fail here (no D-Bus, no provider), and the answer would not be the names.
    let out = o
        .cmd()
        .env("OIDCTL_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .env("_CLAP_IFS", "\n")
        .args(["--", "oidctl", "token", "-p", ""])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(words(&stdout(&out)), ["dev", "work"]);
    assert_eq!(stderr(&out), "");
}

#[test]
fn manual_pages_for_every_command_render() {
    let o = Oidctl::new();
    let dir = o.home.join("man/man1");
    let out = o.cmd().args(["man", "--out"]).arg(&dir).output().unwrap();
    ok(&out);
    assert!(stderr(&out).contains("manual pages"), "{}", stderr(&out));
    let mut pages = vec!["oidctl.1".to_string()];
    pages.extend(
        COMMANDS
            .iter()
            .map(|c| format!("oidctl-{}.1", c.replace(' ', "-"))),
    );
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, pages.len(), "one page per command and no other");
    let groff = std::process::Command::new("groff")
        .arg("--version")
        .output()
        .is_ok();
    for page in &pages {
        let path = dir.join(page);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{page}: {e}"));
        for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION"] {
            assert!(text.contains(section), "{page} lacks {section}");
        }
        if groff {
            // -k: UTF-8 input, as man reads it; -ww: every warning; -z: check only. A page that
            // does not render says so on stderr.
            let out = std::process::Command::new("groff")
                .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success() && out.stderr.is_empty(),
                "{page}: {}",
                stderr(&out)
            );
        }
    }
    // The token page carries the command's options and examples, as its --help does.
    let token = std::fs::read_to_string(dir.join("oidctl-token.1")).unwrap();
    assert!(
        token.contains("min\\-valid")
            && token.contains(".SH \"NOTES AND EXAMPLES\"\n")
            && token.contains("Examples:"),
        "{token}"
    );
    // One page to stdout, for `man -l -`.
    let one = o.cmd().args(["man", "profile", "add"]).output().unwrap();
    ok(&one);
    assert!(
        stdout(&one).contains(".TH oidctl-profile-add 1"),
        "{}",
        stdout(&one)
    );
    let none = o.cmd().args(["man", "nope"]).output().unwrap();
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("hint:"), "{}", stderr(&none));
}

#[test]
fn profile_list_and_show_print_json() {
    let o = Oidctl::new();
    ok(&o
        .cmd()
        .args([
            "profile",
            "add",
            "dev",
            "--issuer",
            "https://dev.example.com",
        ])
        .args([
            "--client-id",
            "a",
            "--scope",
            "openid offline_access",
            "--store",
            "file",
        ])
        .output()
        .unwrap());
    ok(&o
        .cmd()
        .args([
            "profile",
            "add",
            "entra",
            "--tenant",
            "contoso.onmicrosoft.com",
        ])
        .args(["--client-id", "b", "--redirect-port", "8400,18400"])
        .output()
        .unwrap());
    let list = o
        .cmd()
        .args(["profile", "list", "--format", "json"])
        .output()
        .unwrap();
    ok(&list);
    let doc: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let names: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dev", "entra"], "{doc}");
    let dev = &doc[0];
    assert_eq!(
        dev["default"], true,
        "the first profile added is the default"
    );
    assert_eq!(dev["issuer"], "https://dev.example.com");
    assert_eq!(dev["client_id"], "a");
    assert_eq!(
        dev["scopes"],
        serde_json::json!(["openid", "offline_access"])
    );
    assert_eq!(dev["store"], "file");
    let entra = &doc[1];
    assert_eq!(entra["default"], false);
    assert_eq!(
        entra["issuer"], "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
        "a tenant's issuer is spelled out"
    );
    assert_eq!(entra["tenant"], "contoso.onmicrosoft.com");
    assert_eq!(entra["redirect_port"], serde_json::json!([8400, 18400]));
    assert_eq!(entra["store"], "keyring");
    // `profile show` prints the same object as the list has for that profile.
    let show = o
        .cmd()
        .args(["profile", "show", "entra", "-f", "json"])
        .output()
        .unwrap();
    ok(&show);
    let one: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(&one, entra);
    // No profiles: an empty array, not a sentence, on stdout.
    let empty = oidctl()
        .args(["profile", "list", "--format", "json"])
        .output()
        .unwrap();
    ok(&empty);
    assert_eq!(stdout(&empty).trim(), "[]");
}

#[test]
fn login_and_logout_print_json_of_what_was_done() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let login = env.login("approve", &["--format", "json"]);
    ok(&login);
    let doc: serde_json::Value = serde_json::from_slice(&login.stdout).unwrap();
    assert_eq!(doc["profile"], serde_json::Value::Null, "ad hoc: {doc}");
    assert_eq!(doc["issuer"], env.provider.issuer.as_str());
    assert_eq!(doc["client_id"], CLIENT);
    assert_eq!(doc["store"], "file");
    assert_eq!(doc["signed_in"], true);
    assert_eq!(doc["flow"], "browser");
    assert_eq!(doc["subject"], "alice");
    assert!(
        doc["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "openid"),
        "{doc}"
    );
    assert!(
        doc["access_token_expires_at"]
            .as_str()
            .unwrap()
            .ends_with('Z'),
        "{doc}"
    );
    assert_eq!(doc["refresh_token"], true);
    // The same shape `status --format json` gives for the sign-in.
    let status = env.cmd("status", &["--format", "json"]).output().unwrap();
    ok(&status);
    let rows: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&doc), keys(&rows[0]));
    let secrets = env.provider.secrets();
    assert!(!secrets.is_empty());

    let logout = env.cmd("logout", &["--format", "json"]).output().unwrap();
    ok(&logout);
    let done: serde_json::Value = serde_json::from_slice(&logout.stdout).unwrap();
    assert_eq!(done["issuer"], env.provider.issuer.as_str(), "{done}");
    assert_eq!(done["client_id"], CLIENT);
    assert_eq!(done["store"], "file");
    assert_eq!(done["signed_in"], true);
    assert_eq!(done["deleted"], true);
    assert_eq!(done["revoked"], serde_json::json!(["refresh_token"]));
    assert!(done.get("not_revoked").is_none(), "{done}");
    // Nothing left to do: said so, in the same shape.
    let again = env.cmd("logout", &["--format", "json"]).output().unwrap();
    ok(&again);
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["signed_in"], false);
    assert_eq!(again["deleted"], false);
    assert_eq!(again["revoked"], serde_json::json!([]));
    for out in [&login, &logout] {
        let all = format!("{}{}", stdout(out), stderr(out));
        for secret in &secrets {
            assert!(!all.contains(secret.as_str()), "a token was printed");
        }
    }
}
