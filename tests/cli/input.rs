//! Token input, the same forms for every command that reads a token (src/commands/input.rs):
//! the token itself, `-` or stdin, a file name or `@FILE`; anything else is named back with a
//! hint. Tokens come from tests/fixtures (made by make_fixtures.py).

use crate::support::*;

fn run(o: &Oidctl, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut cmd = o.cmd();
    cmd.current_dir(&o.home).args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.output().unwrap();
    assert_no_panic(&out);
    out
}

fn key(rel: &str) -> String {
    fixture(rel).to_string_lossy().into_owned()
}

#[test]
fn a_file_name_or_at_file_is_read_by_every_token_reader() {
    let o = Oidctl::new();
    let token = read("tokens/rs256.jwt");
    // A file as people save one: a trailing newline, even `Bearer `.
    std::fs::write(
        o.home.join("token.jwt"),
        format!("Bearer {}\n", token.trim()),
    )
    .unwrap();
    for form in ["token.jwt", "@token.jwt", "./token.jwt"] {
        let out = run(&o, &["decode", form], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "decode {form}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).contains("alice"), "{}", stdout(&out));

        let pem = key("keys/rs256.pub.pem");
        let out = run(&o, &["verify", "--key", &pem, form], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "verify {form}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).starts_with("valid: "), "{}", stdout(&out));

        let out = run(&o, &["claims", form, "sub"], None);
        assert_eq!(stdout(&out), "alice\n", "claims {form}: {}", stderr(&out));

        let out = run(
            &o,
            &["sign", "--from", form, "--key", &key("keys/rs256.key.pem")],
            None,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "sign --from {form}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).starts_with("eyJ"), "{}", stdout(&out));
    }
    // encrypt's payload, a claims file, in the same forms.
    std::fs::write(o.home.join("claims.json"), "{\"sub\": \"bob\"}\n").unwrap();
    let out = run(
        &o,
        &["encrypt", "--key", &key("keys/jwe.jwk.json"), "claims.json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let jwe = stdout(&out);
    let out = run(
        &o,
        &[
            "decode",
            "--decrypt-key",
            &key("keys/jwe.key.pem"),
            "--format",
            "json",
            jwe.trim(),
        ],
        None,
    );
    assert!(stdout(&out).contains("\"bob\""), "{}", stderr(&out));
}

#[test]
fn a_name_that_is_neither_token_nor_file_is_named_with_a_hint() {
    let o = Oidctl::new();
    for cmd in [
        &["decode", "token.jwt"][..],
        &["verify", "--key", &key("keys/rs256.pub.pem"), "token.jwt"],
        &["claims", "tokens/id.txt", "sub"],
        &[
            "sign",
            "--from",
            "token.jwt",
            "--secret-file",
            &key("keys/hs256.secret"),
        ],
    ] {
        let out = run(&o, cmd, None);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("is neither a token nor a file that exists"),
            "{cmd:?}: {err}"
        );
        assert!(err.contains("hint: pass the token itself"), "{err}");
    }
    let out = run(&o, &["decode", "@nowhere.jwt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read nowhere.jwt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn two_tokens_are_refused_naming_verify_batch() {
    let o = Oidctl::new();
    let two = format!(
        "{}\n{}\n",
        read("tokens/rs256.jwt").trim(),
        read("tokens/es256.jwt").trim()
    );
    std::fs::write(o.home.join("two.txt"), &two).unwrap();
    let pem = key("keys/rs256.pub.pem");
    for (cmd, name) in [
        (&["decode"][..], "decode"),
        (&["decode", "-"], "decode"),
        (&["verify", "--key", &pem], "verify"),
        (&["claims", "-", "sub"], "claims"),
        (&["claims", "sub"], "claims"),
    ] {
        let out = run(&o, cmd, Some(&two));
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "never a garbled decode");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("error: stdin holds 2 tokens; {name} takes one")),
            "{err}"
        );
        assert!(err.contains("verify --batch"), "{err}");
    }
    let out = run(&o, &["decode", "two.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: the file two.txt holds 2 tokens; decode takes one"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn claims_takes_a_claim_name_for_what_it_is() {
    let o = Oidctl::new();
    let token = read("tokens/rs256.jwt");
    // `oidctl claims sub < token.jwt`: the name is a claim, the token is on stdin.
    let out = run(&o, &["claims", "sub"], Some(&token));
    assert_eq!(stdout(&out), "alice\n", "{}", stderr(&out));
    let out = run(&o, &["claims", "sub", "scp"], Some(&token));
    assert_eq!(stdout(&out), "alice\nread write\n", "{}", stderr(&out));
    // A dotted path is a claim name too, not a token or a file.
    let out = run(
        &o,
        &["claims", "address.country"],
        Some(&read("tokens/precision.jwt")),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error: no claim address.country in the token"),
        "{}",
        stderr(&out)
    );
    // The token first still works as before.
    let out = run(&o, &["claims", &token, "sub"], None);
    assert_eq!(stdout(&out), "alice\n", "{}", stderr(&out));
}

/// Every option that takes a file (each PathBuf flag in src/cli.rs, and `-d @FILE`,
/// `--claims @FILE`): a URL there is named as a URL, before anything is fetched or created.
#[test]
fn a_url_where_a_file_is_expected_is_named_for_every_file_flag() {
    let o = Oidctl::new();
    let u = "https://keys.example.com/jwks";
    let jws = read("tokens/rs256.jwt");
    let jwe = read("tokens/jwe.jwt");
    let hs = key("keys/hs256.secret");
    let claims_at = format!("@{u}");
    let body_at = format!("@{u}");
    let issuer = "http://127.0.0.1:9";
    let call_url = format!("{issuer}/x");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["verify", "--secret-file", u, jws.trim()],
            "secret file",
        ),
        (
            vec!["decode", "--decrypt-key", u, jwe.trim()],
            "decryption key file",
        ),
        (
            vec![
                "verify",
                "--decrypt-key",
                u,
                "--secret-file",
                &hs,
                jwe.trim(),
            ],
            "decryption key file",
        ),
        (vec!["encrypt", "--key", u, "x"], "key file"),
        (vec!["sign", "--key", u, "--claim", "sub=a"], "key file"),
        (vec!["sign", "--secret-file", u], "secret file"),
        (
            vec!["sign", "--serve-keys", u],
            "development provider's key file",
        ),
        (
            vec!["sign", "--secret-file", &hs, "--claims", &claims_at],
            "claims file",
        ),
        (vec!["jwk", "public", u], "key file"),
        (vec!["jwk", "convert", u], "key file"),
        (vec!["jwk", "thumbprint", u], "key file"),
        (vec!["jwk", "set", u], "key file"),
        (vec!["jwk", "generate", "ec", "--out", u], "output file"),
        (vec!["serve", "--port", "0", "--keys", u], "key file"),
        (vec!["serve", "--port", "0", "--claims", u], "claims file"),
        (vec!["profile", "list", "--config", u], "config file"),
        (
            vec![
                "profile",
                "add",
                "x",
                "--issuer",
                issuer,
                "--client-id",
                "c",
                "--config",
                u,
            ],
            "config file",
        ),
        (vec!["discover", "--ca-file", u, issuer], "CA file"),
        (
            vec![
                "token",
                "--issuer",
                issuer,
                "--client-id",
                "c",
                "--ca-file",
                u,
            ],
            "CA file (from --ca-file)",
        ),
        (
            vec![
                "token",
                "--issuer",
                issuer,
                "--client-id",
                "c",
                "--client-secret-file",
                u,
            ],
            "client secret file",
        ),
        (
            vec![
                "login",
                "--client-credentials",
                "--issuer",
                issuer,
                "--client-id",
                "c",
                "--client-assertion-key",
                u,
            ],
            "client assertion key",
        ),
        (
            vec![
                "call",
                &call_url,
                "-d",
                &body_at,
                "--issuer",
                issuer,
                "--client-id",
                "c",
            ],
            "body file",
        ),
    ];
    for (args, what) in &cases {
        let out = run(&o, args, None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("error: the {what}"))
                && err.contains(&format!("{u} is a URL, where a file is expected")),
            "{args:?}: {err}"
        );
        assert!(err.contains("hint: download it first"), "{args:?}: {err}");
    }
    // verify --key with a URL: what was meant is --jwks-uri.
    let out = run(&o, &["verify", "--key", u, jws.trim()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("hint: for keys at a URL use --jwks-uri {u}")),
        "{}",
        stderr(&out)
    );
    assert!(
        !o.home.join("https:").exists(),
        "nothing created under a URL's name"
    );
}

fn profile_add(o: &Oidctl, name: &str) {
    let out = run(
        o,
        &[
            "profile",
            "add",
            name,
            "--issuer",
            "http://127.0.0.1:9",
            "--client-id",
            "c",
            "--store",
            "file",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A bare word where a command takes no positional is taken for what it most often is, a
/// profile name: the error shows the command with `-p NAME` and says whether it exists.
#[test]
fn a_profile_name_without_p_gets_the_command_it_meant() {
    let o = Oidctl::new();
    profile_add(&o, "dev");
    for cmd in ["login", "token", "status", "logout", "userinfo"] {
        let out = run(&o, &[cmd, "dev", "-v"], None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert!(
            err.starts_with("error: unexpected argument 'dev'"),
            "{cmd}: {err}"
        );
        assert!(
            err.contains(&format!(
                "hint: a profile is named with -p: did you mean `oidctl {cmd} -p dev -v`? (profile 'dev' exists)"
            )),
            "{cmd}: {err}"
        );
    }
    // exec takes CMD: `exec dev -- CMD` gets the same hint, before any token is fetched.
    let out = run(&o, &["exec", "dev", "--", "env"], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `oidctl exec -p dev -- env`?"),
        "{}",
        stderr(&out)
    );
    // discover takes an ISSUER: a profile's name there gets the same hint.
    let out = run(&o, &["discover", "dev"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `oidctl discover -p dev`?"),
        "{}",
        stderr(&out)
    );
    let out = run(&o, &["token", "prod"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`oidctl token -p prod`"), "{err}");
    assert!(err.contains("has no profile 'prod'"), "{err}");
    // A mistyped option is still clap's own error.
    let out = run(&o, &["token", "--nope"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unexpected argument '--nope' found"),
        "{}",
        stderr(&out)
    );
}

/// A default_profile that names no profile (the default was removed, or mistyped in the
/// config) is named by every command that needs a profile, with the ways out.
#[test]
fn a_missing_default_profile_is_named() {
    let o = Oidctl::new();
    profile_add(&o, "dev");
    profile_add(&o, "other");
    let out = run(&o, &["profile", "remove", "dev"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "warning: \"dev\" was the default profile; choose another: oidctl profile default NAME"
        ),
        "{}",
        stderr(&out)
    );
    let check = |o: &Oidctl, name: &str| {
        for cmd in [
            &["token"][..],
            &["login", "--no-browser"],
            &["userinfo"],
            &["logout"],
            &["call", "https://api.example.com/me"],
            &["exec", "--", "true"],
            &["profile", "show"],
        ] {
            let out = run(o, cmd, None);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{cmd:?}: {err}");
            assert!(
                err.starts_with(&format!(
                    "error: the default profile \"{name}\" is not in the config"
                )),
                "{cmd:?}: {err}"
            );
            assert!(
                err.contains(
                    "hint: make another the default: oidctl profile default NAME (profiles: other)"
                ),
                "{cmd:?}: {err}"
            );
            assert!(
                err.contains(&format!("oidctl profile add {name} --issuer URL")),
                "{cmd:?}: {err}"
            );
        }
    };
    check(&o, "dev");
    // `status` and ad-hoc sign-ins are not stopped by it.
    let out = run(&o, &["status"], None);
    assert!(stdout(&out).contains("other"), "{}", stderr(&out));
    // The same for a default mistyped in the config file.
    let config = o.home.join("config/oidctl/config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("default_profile = \"dev\"", "default_profile = \"othre\""),
    )
    .unwrap();
    check(&o, "othre");
    // A new profile becomes the default in place of the missing one.
    profile_add(&o, "third");
    let out = run(&o, &["profile", "show"], None);
    assert!(
        stdout(&out).starts_with("[profiles.third]"),
        "{}",
        stderr(&out)
    );
}

/// introspect, revoke and exchange take a token from a file (or @FILE) too, and refuse two,
/// at the real provider.
#[test]
fn opaque_tokens_from_files_at_the_real_provider() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let at = stdout(&env.token(&[])).trim().to_string();
    let home = &env.o.home;
    std::fs::write(home.join("at.txt"), format!("{at}\n")).unwrap();
    let run_in = |sub: &str, args: &[&str], stdin: Option<&str>| {
        let mut cmd = env.cmd(sub, args);
        cmd.current_dir(home);
        if let Some(s) = stdin {
            cmd.write_stdin(s);
        }
        let out = cmd.output().unwrap();
        assert_no_panic(&out);
        assert!(
            !stderr(&out).contains(&at),
            "the token never reaches stderr"
        );
        out
    };
    ok(&run_in("introspect", &["at.txt"], None));
    let out = run_in(
        "exchange",
        &[
            "--subject-token",
            "@at.txt",
            "--audience",
            "https://api.example.test",
        ],
        None,
    );
    ok(&out);
    let out = run_in("introspect", &["-"], Some(&format!("{at}\n{at}\n")));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error: stdin holds 2 tokens; introspect takes one"),
        "{}",
        stderr(&out)
    );
    ok(&run_in("revoke", &["at.txt"], None));
    let out = run_in("introspect", &["@at.txt"], None);
    assert_eq!(out.status.code(), Some(1), "revoked: {}", stderr(&out));
}
