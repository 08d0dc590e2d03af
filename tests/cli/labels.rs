//! Labels that tell the truth (issue 13): what `decode`, `status`, `verify`, `profile` and the
//! config errors call things matches what they are, run as whole processes.

use std::time::Duration;

use crate::support::*;

/// Human output with each run of spaces made one, so tests do not pin the column widths.
fn squash(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode(token: &str) -> String {
    let out = oidctl().args(["decode", token]).output().unwrap();
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    squash(&stdout(&out))
}

#[test]
fn decode_calls_an_unsigned_token_unsigned() {
    for alg in ["none", "None", "NONE"] {
        let header = b64(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
        let text = decode(&format!("{header}.{}.", b64(r#"{"sub":"alice"}"#)));
        assert!(text.contains("Header (JWS, unsigned: alg none)"), "{text}");
        assert!(text.contains("# none: no signature"), "{text}");
        assert!(
            text.contains("Signature (none: not signed, 0 bytes)"),
            "{text}"
        );
        assert!(
            text.contains("Unsigned: this token says alg none"),
            "{text}"
        );
        assert!(!text.contains("JWS, signed"), "{text}");
        assert!(!text.contains("signature algorithm"), "{text}");
    }
    // A signed one still says signed.
    assert!(decode(&read("tokens/rs256.jwt")).contains("Header (JWS, signed)"));
}

#[test]
fn decode_labels_a_jwe_header_as_encryption() {
    // tokens/jwe.jwt: RSA-OAEP-256 / A256GCM to the key "enc-rsa" (made by make_fixtures.py).
    let text = decode(&read("tokens/jwe.jwt"));
    assert!(text.contains("Header (JWE, encrypted)"), "{text}");
    assert!(
        text.contains("alg RSA-OAEP-256 # key management algorithm"),
        "{text}"
    );
    assert!(
        text.contains("enc A256GCM # content encryption algorithm"),
        "{text}"
    );
    assert!(
        text.contains("# which of the recipient's keys it is encrypted to"),
        "{text}"
    );
    assert!(!text.contains("signature algorithm"), "{text}");
    assert!(!text.contains("issuer's keys signed it"), "{text}");
}

#[test]
fn decode_calls_a_time_claim_that_is_no_number_invalid() {
    for claim in ["exp", "nbf", "iat"] {
        // tokens/{claim}-string.jwt: the claim as a string of digits (make_fixtures.py).
        let text = decode(&read(&format!("tokens/{claim}-string.jwt")));
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{claim} ")))
            .unwrap_or_else(|| panic!("no {claim} in {text}"));
        assert!(
            line.contains(&format!(
                "# invalid: {claim} must be a number of seconds since 1970 (NumericDate), not a string"
            )),
            "{line}"
        );
        assert!(line.contains("oidctl verify refuses the token"), "{line}");
    }
    // And a past exp reads in the past tense.
    let text = decode(&read("tokens/expired.jwt"));
    assert!(
        text.contains("exp 1000000000 # expired 2001-09-09T01:46:40Z, "),
        "{text}"
    );
}

/// `groups` (and its kin: roles, scp, _claim_names) get Microsoft's meaning only on Microsoft's
/// tokens: by issuer host, or by `tid`.
#[test]
fn microsoft_meanings_only_on_microsoft_tokens() {
    let claims = |iss: &str, extra: &str| {
        format!(
            r#"{{"iss":"{iss}","sub":"alice","groups":["developers"],"roles":["admin"],"scp":"read"{extra}}}"#
        )
    };
    let header = r#"{"alg":"RS256","kid":"rs256","typ":"JWT"}"#;
    let generic = decode(&sign_rs256(header, &claims("https://idp.example", "")));
    assert!(
        generic.contains(
            r#"groups ["developers"] # groups the user belongs to, as the issuer names them"#
        ),
        "{generic}"
    );
    assert!(
        !generic.contains("object IDs") && !generic.contains("app roles"),
        "{generic}"
    );
    assert!(!generic.contains("delegated"), "{generic}");
    for (iss, extra) in [
        ("https://login.microsoftonline.com/t/v2.0", ""),
        ("https://sts.windows.net/t/", ""),
        ("http://127.0.0.1:9/t/v2.0", r#","tid":"t""#),
    ] {
        let text = decode(&sign_rs256(header, &claims(iss, extra)));
        assert!(
            text.contains("# group object IDs the user belongs to; past Microsoft's limit the token carries the overage claim (_claim_names) instead"),
            "{iss}: {text}"
        );
        assert!(text.contains("# app roles"), "{iss}: {text}");
        assert!(text.contains("# delegated permissions"), "{iss}: {text}");
    }
}

/// The development provider's plain tokens are no Microsoft tokens: `oidctl demo` showed its
/// ID token's `groups` with Microsoft's wording; the entra preset keeps it.
#[test]
fn demo_tokens_get_the_meaning_of_their_preset() {
    let o = Oidctl::new();
    let out = o
        .cmd()
        .args(["demo", "--no-browser"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = squash(&stdout(&out));
    assert!(
        text.contains("# groups the user belongs to, as the issuer names them"),
        "{text}"
    );
    assert!(!text.contains("object IDs"), "{text}");
    let out = o
        .cmd()
        .args(["demo", "--no-browser", "--preset", "entra"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = squash(&stdout(&out));
    assert!(text.contains("# Microsoft Entra tenant ID"), "{text}");
}

/// After a real sign-in whose tokens live 2 s, `status` says "valid, expires in …", and once
/// they are past, "expired …s ago" for the access token and the ID token alike.
#[test]
fn status_says_expired_once_the_tokens_are_past() {
    needs!(Part::Node);
    let env = Env::new(&["--access-token-ttl", "2", "--id-token-ttl", "2"]);
    ok(&env.login("approve", &[]));
    let status = |format: &[&str]| {
        let out = env.cmd("status", format).output().unwrap();
        assert_no_panic(&out);
        ok(&out);
        stdout(&out)
    };
    let fresh = squash(&status(&[]));
    assert!(fresh.contains("access valid, expires in "), "{fresh}");
    std::thread::sleep(Duration::from_millis(3200));
    let text = squash(&status(&[]));
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key} line in {text}"))
            .to_string()
    };
    for key in ["access ", "id token "] {
        let l = line(key);
        assert!(l.contains(" expired ") && l.contains("s ago ("), "{l}");
        assert!(!l.contains("expires"), "{l}");
    }
    let json: serde_json::Value = serde_json::from_str(&status(&["--format", "json"])).unwrap();
    assert_eq!(json[0]["access_token_valid"], false, "{json}");
}

fn with_config(o: &Oidctl, text: &str) -> std::path::PathBuf {
    let path = o.home.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn profile_list_aligns_its_columns() {
    let o = Oidctl::new();
    let config = with_config(
        &o,
        "default_profile = \"a\"\n\
         [profiles.a]\nissuer = \"https://a.example\"\nclient_id = \"c\"\n\
         [profiles.a-much-longer-name]\nissuer = \"https://b.example\"\nclient_id = \"c\"\n\
         [profiles.mid]\ntenant = \"contoso\"\nclient_id = \"c\"\n",
    );
    let out = o
        .cmd()
        .args(["profile", "list", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        stdout(&out),
        "* a                   https://a.example\n  \
         a-much-longer-name  https://b.example\n  \
         mid                 https://login.microsoftonline.com/contoso/v2.0\n"
    );
}

/// A profile NAME given as an argument (show, remove, default) is named as such, with the same
/// error and hint for all three; only -p/--profile says "(from --profile)".
#[test]
fn a_missing_profile_argument_is_not_called_a_flag() {
    let o = Oidctl::new();
    let config = with_config(
        &o,
        "[profiles.a]\nissuer = \"https://a.example\"\nclient_id = \"c\"\n",
    );
    for args in [
        &["profile", "show", "nope"][..],
        &["profile", "remove", "nope"],
        &["profile", "default", "nope"],
    ] {
        let out = o
            .cmd()
            .args(args)
            .arg("--config")
            .arg(&config)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!(
                "error: no profile \"nope\" in {}\n",
                config.display()
            )),
            "{args:?}: {err}"
        );
        assert!(!err.contains("(from"), "{args:?}: {err}");
        assert!(
            err.contains("hint: see the profiles there with `oidctl profile list`"),
            "{err}"
        );
    }
    let out = o
        .cmd()
        .args(["profile", "show", "-p", "nope", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("(from --profile)"),
        "{}",
        stderr(&out)
    );
}

/// `profile add` refuses the scopes `login` would refuse for a Microsoft issuer, with the same
/// reason, and saves nothing; what login accepts is saved.
#[test]
fn profile_add_applies_the_scope_rules_login_applies() {
    let o = Oidctl::new();
    let config = o.home.join("config.toml");
    let run = |args: &[&str]| {
        let out = o
            .cmd()
            .args(args)
            .arg("--config")
            .arg(&config)
            .args(["--store", "file"])
            .output()
            .unwrap();
        assert_no_panic(&out);
        out
    };
    for (provider, extra, says) in [
        (
            &["--tenant", "contoso"][..],
            &["--scope", "api://a/.default api://b/.default"][..],
            "the scopes span 2 resources",
        ),
        (
            &["--issuer", "https://login.microsoftonline.com/contoso/v2.0"],
            &[
                "--scope",
                "api://a/read",
                "--scope",
                "https://graph.microsoft.com/User.Read",
            ],
            "the scopes span 2 resources",
        ),
        (
            &["--tenant", "contoso"],
            &["--scope", "api://a/.default api://a/read"],
            ".default cannot be combined",
        ),
        (
            &["--tenant", "contoso"],
            &["--client-credentials"],
            "client credentials grant needs --scope RESOURCE/.default",
        ),
    ] {
        let common = [provider, &["--client-id", "c"], extra].concat();
        let add_flags: Vec<&str> = common
            .iter()
            .map(|a| {
                if *a == "--client-credentials" {
                    "--flow=client-credentials"
                } else {
                    a
                }
            })
            .collect();
        let added = run(&[&["profile", "add", "e"][..], &add_flags].concat());
        assert_eq!(
            added.status.code(),
            Some(2),
            "{add_flags:?}: {}",
            stderr(&added)
        );
        let add_err = stderr(&added);
        assert!(
            add_err.starts_with("error: profile \"e\" not saved: ") && add_err.contains(says),
            "{add_err}"
        );
        assert!(!config.exists(), "nothing saved: {add_flags:?}");
        // login refuses the same, for the same reason, before any network.
        let quiet_browser: &[&str] = if common.contains(&"--client-credentials") {
            &[]
        } else {
            &["--no-browser"]
        };
        let login = run(&[&["login"][..], quiet_browser, &common].concat());
        assert_eq!(login.status.code(), Some(2), "{}", stderr(&login));
        assert!(stderr(&login).contains(says), "{}", stderr(&login));
    }
    // The other values login refuses before any network are refused when saved too.
    for (flag, value, says) in [
        (
            "--redirect-path",
            "cb",
            "--redirect-path \"cb\" must start with /",
        ),
        (
            "--origin",
            "https://app.example/x",
            "an origin is scheme://host[:port], with no path",
        ),
        (
            "--redirect-host",
            "0.0.0.0",
            "expected 127.0.0.1, [::1] or localhost",
        ),
    ] {
        let common = [
            "--issuer",
            "https://idp.example",
            "--client-id",
            "c",
            flag,
            value,
        ];
        let added = run(&[&["profile", "add", "e"][..], &common].concat());
        assert_eq!(added.status.code(), Some(2), "{flag}: {}", stderr(&added));
        assert!(stderr(&added).contains(says), "{}", stderr(&added));
        assert!(!config.exists(), "nothing saved: {flag}");
        let login = run(&[&["login", "--no-browser"][..], &common].concat());
        assert_eq!(login.status.code(), Some(2), "{}", stderr(&login));
        assert!(stderr(&login).contains(says), "{}", stderr(&login));
    }
    let ok_add = run(&[
        "profile",
        "add",
        "e",
        "--tenant",
        "contoso",
        "--client-id",
        "c",
        "--scope",
        "api://a/read api://a/write",
    ]);
    ok(&ok_add);
    // Not Microsoft: no such rule, as login has none.
    let ok_add = run(&[
        "profile",
        "add",
        "g",
        "--issuer",
        "https://idp.example",
        "--client-id",
        "c",
        "--scope",
        "api://a/.default api://b/.default",
    ]);
    ok(&ok_add);
}

/// Every command that reads the config names the file, the line and the column of an error,
/// and shows that line; so does `profile add`, which edits it.
#[test]
fn a_config_error_names_file_line_and_column() {
    let o = Oidctl::new();
    for (text, line, column, shown) in [
        (
            "default_profile = \"a\"\n[profiles.a]\nissuer = \"https://a.example\"\nclient_id = 5\n",
            4,
            13,
            "client_id = 5",
        ),
        (
            "[profiles.a]\nissuer = \"https://a.example\"\n  scope = [\"openid\"]\n",
            3,
            3,
            "  scope = [\"openid\"]",
        ),
        ("[profiles.a\n", 1, 12, "[profiles.a"),
    ] {
        let config = with_config(&o, text);
        for args in [
            &["token"][..],
            &["status"],
            &["profile", "list"],
            &["profile", "show", "a"],
            &[
                "profile",
                "add",
                "b",
                "--issuer",
                "https://b.example",
                "--client-id",
                "c",
            ],
        ] {
            let out = o
                .cmd()
                .args(args)
                .arg("--config")
                .arg(&config)
                .output()
                .unwrap();
            assert_no_panic(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr(&out);
            assert!(
                err.starts_with(&format!(
                    "error: invalid config file {}, line {line}, column {column}\n",
                    config.display()
                )),
                "{args:?}: {err}"
            );
            assert!(
                err.contains(&format!("caused by: line {line}: {shown}\n")),
                "{err}"
            );
            assert!(err.contains("hint: "), "{err}");
        }
    }
}

/// A profile value refused only once it is used (a redirect host that is not loopback, a
/// redirect path without its slash, an origin with a path) is a config error too: it names the
/// file, line and column and the key, not the flag the same check serves.
#[test]
fn a_refused_profile_value_names_file_line_and_column() {
    let o = Oidctl::new();
    for (line, shown, says) in [
        (
            "redirect_host = \"0.0.0.0\"",
            17,
            "[profiles.a] redirect_host \"0.0.0.0\": expected 127.0.0.1, [::1] or localhost",
        ),
        (
            "redirect_path = \"cb\"",
            17,
            "[profiles.a] redirect_path \"cb\" must start with /",
        ),
        (
            "origin = \"https://app.example/path\"",
            10,
            "[profiles.a] origin \"https://app.example/path\": an origin is scheme://host[:port]",
        ),
    ] {
        let config = with_config(
            &o,
            &format!(
                "default_profile = \"a\"\n[profiles.a]\nissuer = \"https://a.example\"\nclient_id = \"c\"\n{line}\n"
            ),
        );
        let out = o
            .cmd()
            .args(["login", "--no-browser", "--store", "file", "--config"])
            .arg(&config)
            .output()
            .unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{line}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!(
                "error: invalid config file {}, line 5, column {shown}\n",
                config.display()
            )),
            "{err}"
        );
        assert!(err.contains(says), "{err}");
        assert!(
            err.contains(&format!("caused by: line 5: {line}\n")),
            "{err}"
        );
        assert!(!err.contains("error: --"), "{err}");
    }
    // Given as a flag, the same value is the flag's error.
    let config = with_config(
        &o,
        "[profiles.a]\nissuer = \"https://a.example\"\nclient_id = \"c\"\n",
    );
    let out = o
        .cmd()
        .args(["login", "-p", "a", "--no-browser", "--store", "file"])
        .args(["--redirect-host", "0.0.0.0", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(
        stderr(&out).starts_with("error: --redirect-host \"0.0.0.0\""),
        "{}",
        stderr(&out)
    );
}

/// A login still waiting for the user at --timeout exits 4 (sign-in required), as the exit
/// code table in README and `oidctl --help` say; 3 is for an unreachable provider.
#[test]
fn a_login_that_times_out_exits_4_as_documented() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let started = std::time::Instant::now();
    let out = env
        .cmd("login", &["--no-browser", "--timeout", "1"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: timed out waiting for the sign-in"),
        "{err}"
    );
    assert!(err.contains("hint: "), "{err}");
    assert!(started.elapsed() < Duration::from_secs(30));
    // token --login waits the same way and ends the same way.
    let out = env
        .cmd("token", &["--login", "--timeout", "1"])
        .env("BROWSER", "true")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    // What the documents say.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let row = readme
        .lines()
        .find(|l| l.starts_with("| 4 |"))
        .expect("exit code 4 in README");
    assert!(row.contains("`login --timeout`"), "{row}");
    let row3 = readme.lines().find(|l| l.starts_with("| 3 |")).unwrap();
    assert!(!row3.contains("--timeout"), "{row3}");
    let help = stdout(&oidctl().args(["login", "--help"]).output().unwrap());
    assert!(
        squash(&help).contains("after this many seconds; then exit 4"),
        "{help}"
    );
    let top = stdout(&oidctl().arg("--help").output().unwrap());
    assert!(
        squash(&top).contains("4 sign-in required (also a login not finished by --timeout)"),
        "{top}"
    );
}
