//! `verify` with local keys: every algorithm and key form, the attack tokens, the claim checks.

use crate::support::*;

const ASYMMETRIC: [&str; 10] = [
    "rs256", "rs384", "rs512", "ps256", "ps384", "ps512", "es256", "es384", "es512", "eddsa",
];

fn verify_with(args: &[&str], token: &str) -> std::process::Output {
    let out = oidctl()
        .arg("verify")
        .args(args)
        .arg(token)
        .output()
        .unwrap();
    assert_no_panic(&out);
    out
}

fn key(rel: &str) -> String {
    fixture(rel).to_string_lossy().into_owned()
}

#[track_caller]
fn assert_valid(out: &std::process::Output) {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    assert!(stdout(out).starts_with("valid: "), "{}", stdout(out));
}

#[track_caller]
fn assert_invalid(out: &std::process::Output, reason: &str) {
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout: {} stderr: {}",
        stdout(out),
        stderr(out)
    );
    let err = stderr(out);
    assert!(err.starts_with("error: invalid token: "), "{err}");
    assert!(err.contains(reason), "expected {reason:?} in {err}");
    assert!(stdout(out).is_empty());
}

#[test]
fn every_algorithm_with_every_key_form() {
    for name in ASYMMETRIC {
        let token = read(&format!("tokens/{name}.jwt"));
        for form in [
            format!("keys/{name}.pub.pem"),
            format!("keys/{name}.jwk.json"),
            "keys/jwks.json".to_string(),
        ] {
            let out = verify_with(&["--key", &key(&form)], &token);
            assert_valid(&out);
            let alg = if name == "eddsa" {
                "EdDSA".to_string()
            } else {
                name.to_uppercase()
            };
            assert!(
                stdout(&out).contains(&format!("{alg} signature")),
                "{name} {form}: {}",
                stdout(&out)
            );
        }
    }
    for form in ["keys/rs256.pkcs1.pem", "keys/rs256.cert.pem"] {
        assert_valid(&verify_with(
            &["--key", &key(form)],
            &read("tokens/rs256.jwt"),
        ));
    }
    assert_valid(&verify_with(
        &["--key", &key("keys/es256.cert.pem")],
        &read("tokens/es256.jwt"),
    ));
    assert_valid(&verify_with(
        &["--key", &key("keys/eddsa.cert.pem")],
        &read("tokens/eddsa.jwt"),
    ));
    for hs in ["hs256", "hs384", "hs512"] {
        let out = verify_with(
            &["--secret-file", &key(&format!("keys/{hs}.secret"))],
            &read(&format!("tokens/{hs}.jwt")),
        );
        assert_valid(&out);
    }
}

#[test]
fn quiet_says_it_with_the_exit_code_alone() {
    let out = verify_with(
        &["-q", "--key", &key("keys/jwks.json")],
        &read("tokens/rs256.jwt"),
    );
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let out = verify_with(
        &["-q", "--key", &key("keys/jwks.json")],
        &read("tokens/expired.jwt"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: invalid token: expired"));
}

#[test]
fn wrong_key_of_the_right_type_fails() {
    let out = verify_with(
        &["--key", &key("keys/ps256.pub.pem")],
        &read("tokens/rs256.jwt"),
    );
    assert_invalid(&out, "the RS256 signature does not verify");
    let out = verify_with(
        &["--secret-file", &key("keys/hs512.secret")],
        &read("tokens/hs256.jwt"),
    );
    assert_invalid(&out, "does not match the secret");
}

#[test]
fn rfc7515_examples_verify_as_of_their_time() {
    // A.1 to A.3 carry {"iss":"joe","exp":1300819380,...}: checked as of just before exp.
    for (vector, alg) in [("a1", "HS256"), ("a2", "RS256"), ("a3", "ES256")] {
        let jwk = key(&format!("rfc/rfc7515-{vector}.jwk.json"));
        let token = read(&format!("rfc/rfc7515-{vector}.jwt"));
        let out = verify_with(
            &[
                "--key",
                &jwk,
                "--now",
                "1300819000",
                "--expected-issuer",
                "joe",
            ],
            &token,
        );
        assert_valid(&out);
        assert!(stdout(&out).contains(&format!("{alg} signature")));
        let out = verify_with(&["--key", &jwk], &token);
        assert_invalid(&out, "expired");
        let out = verify_with(&["--key", &jwk, "--now", "2011-03-22T18:40:00Z"], &token);
        assert_valid(&out);
    }
}

#[test]
fn attack_tokens_fail() {
    let jwks = key("keys/jwks.json");
    let rs_pem = key("keys/rs256.pub.pem");
    let cases: &[(&str, &str, &str)] = &[
        (
            "none.jwt",
            &jwks,
            "\"none\" means an unsigned token and is never accepted",
        ),
        ("none-upper.jwt", &jwks, "never accepted"),
        ("none-mixed.jwt", &jwks, "never accepted"),
        ("none-with-sig.jwt", &rs_pem, "never accepted"),
        (
            "hs256-rsa-pubkey-confusion.jwt",
            &rs_pem,
            "the token says HS256, but the key is an RSA public key",
        ),
        (
            "hs256-rsa-pubkey-confusion.jwt",
            &jwks,
            "the token says HS256, but key \"rs256\" is an RSA public key",
        ),
        (
            "hs256-rsa-jwk-confusion.jwt",
            &key("keys/rs256.jwk.json"),
            "is an RSA public key",
        ),
        (
            "embedded-jwk.jwt",
            &jwks,
            "the RS256 signature does not verify with key \"rs256\"",
        ),
        ("embedded-jwk.jwt", &rs_pem, "does not verify"),
        ("jku.jwt", &jwks, "no key with kid \"attacker\""),
        ("jku.jwt", &rs_pem, "does not verify"),
        ("x5u.jwt", &jwks, "does not verify"),
        ("x5c.jwt", &jwks, "does not verify"),
        ("crit-unknown.jwt", &jwks, "crit: urn:example:unknown"),
        (
            "es256-der-sig.jwt",
            &jwks,
            "JWS needs the 64-byte R||S form (this looks DER-encoded)",
        ),
        ("es384-der-sig.jwt", &jwks, "needs the 96-byte R||S form"),
        ("es512-der-sig.jwt", &jwks, "needs the 132-byte R||S form"),
        (
            "es256-zero-sig.jwt",
            &jwks,
            "the ES256 signature does not verify",
        ),
        (
            "es384-zero-sig.jwt",
            &jwks,
            "the ES384 signature does not verify",
        ),
        (
            "es512-zero-sig.jwt",
            &jwks,
            "the ES512 signature does not verify",
        ),
        ("tampered-payload.jwt", &jwks, "does not verify"),
        ("tampered-sig.jwt", &jwks, "does not verify"),
        (
            "alg-swap-rs-ps.jwt",
            &jwks,
            "key \"rs256\" is for RS256 only; the token says PS256",
        ),
        (
            "alg-swap-rs-ps.jwt",
            &rs_pem,
            "the PS256 signature does not verify",
        ),
        (
            "wrong-kid.jwt",
            &jwks,
            "no key with kid \"no-such-kid\" (the key set has rs256, rs384",
        ),
        ("rs256-signed-by-attacker.jwt", &jwks, "does not verify"),
    ];
    for (file, key, reason) in cases {
        let out = verify_with(&["--key", key], &read(&format!("attacks/{file}")));
        assert_invalid(&out, reason);
    }
}

#[test]
fn algorithm_must_fit_the_key_even_with_a_secret() {
    // An RS256 token and an HMAC secret: refused before any HMAC is computed.
    let out = verify_with(
        &["--secret-file", &key("keys/hs256.secret")],
        &read("tokens/rs256.jwt"),
    );
    assert_invalid(&out, "the token says RS256, but the key is a shared secret");
    // An ES256 token and a P-384 key.
    let out = verify_with(
        &["--key", &key("keys/es384.pub.pem")],
        &read("tokens/es256.jwt"),
    );
    assert_invalid(&out, "is an EC P-384 public key");
}

#[test]
fn alg_allow_list() {
    let token = read("tokens/rs256.jwt");
    let jwks = key("keys/jwks.json");
    assert_valid(&verify_with(
        &["--key", &jwks, "--alg", "ES256", "--alg", "RS256"],
        &token,
    ));
    assert_invalid(
        &verify_with(&["--key", &jwks, "--alg", "ES256"], &token),
        "alg RS256 is not allowed (--alg allows ES256)",
    );
    let out = verify_with(&["--key", &jwks, "--alg", "none"], &token);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("never accepted"));
}

#[test]
fn time_claims() {
    let jwks = key("keys/jwks.json");
    assert_invalid(
        &verify_with(&["--key", &jwks], &read("tokens/expired.jwt")),
        "expired 2",
    );
    assert_invalid(
        &verify_with(&["--key", &jwks], &read("tokens/not-yet-valid.jwt")),
        "not valid yet: nbf is in 7",
    );
    for claim in ["exp", "nbf", "iat"] {
        let out = verify_with(
            &["--key", &jwks],
            &read(&format!("tokens/{claim}-string.jwt")),
        );
        assert_invalid(
            &out,
            &format!("{claim} must be a number (seconds since 1970), not a string"),
        );
    }
    // expired.jwt has exp 1000000000: inside the default 60 s leeway, outside a 0 s one.
    let expired = read("tokens/expired.jwt");
    assert_valid(&verify_with(
        &["--key", &jwks, "--now", "1000000050"],
        &expired,
    ));
    assert_invalid(
        &verify_with(
            &["--key", &jwks, "--now", "1000000050", "--leeway", "0"],
            &expired,
        ),
        "expired 50s ago",
    );
    assert_valid(&verify_with(
        &["--key", &jwks, "--now", "1000000500", "--leeway", "600"],
        &expired,
    ));
    // iat in the future, and nothing else wrong.
    let future = sign_rs256(
        r#"{"alg":"RS256","kid":"rs256"}"#,
        r#"{"iat":1000009000,"exp":1000090000}"#,
    );
    assert_invalid(
        &verify_with(&["--key", &jwks, "--now", "1000000000"], &future),
        "issued in the future: iat is in 2h 30m",
    );
}

#[test]
fn audience_checks() {
    let jwks = key("keys/jwks.json");
    let single = read("tokens/rs256.jwt");
    let array = read("tokens/aud-array.jwt");
    assert_valid(&verify_with(
        &["--key", &jwks, "--audience", "api://oidctl-tests"],
        &single,
    ));
    assert_valid(&verify_with(
        &[
            "--key",
            &jwks,
            "--audience",
            "api://nope",
            "--audience",
            "api://oidctl-tests",
        ],
        &single,
    ));
    assert_valid(&verify_with(
        &["--key", &jwks, "--audience", "api://other"],
        &array,
    ));
    assert_invalid(
        &verify_with(&["--key", &jwks, "--audience", "api://x"], &single),
        "aud api://oidctl-tests is not api://x",
    );
    assert_invalid(
        &verify_with(
            &[
                "--key",
                &jwks,
                "--audience",
                "api://x",
                "--audience",
                "api://y",
            ],
            &array,
        ),
        "aud api://other, api://oidctl-tests is not one of api://x, api://y",
    );
}

#[test]
fn expected_issuer() {
    let jwks = key("keys/jwks.json");
    let token = read("tokens/rs256.jwt");
    assert_valid(&verify_with(
        &[
            "--key",
            &jwks,
            "--expected-issuer",
            "https://issuer.example",
        ],
        &token,
    ));
    assert_invalid(
        &verify_with(
            &["--key", &jwks, "--expected-issuer", "https://evil.example"],
            &token,
        ),
        "iss https://issuer.example is not expected issuer https://evil.example",
    );
}

#[test]
fn graph_and_encrypted_tokens_say_why_they_cannot_be_verified() {
    let jwks = key("keys/jwks.json");
    assert_invalid(
        &verify_with(&["--key", &jwks], &read("tokens/graph.jwt")),
        "only Microsoft Graph can verify it",
    );
    assert_invalid(
        &verify_with(&["--key", &jwks], &read("tokens/jwe.jwt")),
        "encrypted token (JWE)",
    );
}

#[test]
fn json_output() {
    let out = verify_with(
        &["--key", &key("keys/jwks.json"), "--format", "json"],
        &read("tokens/precision.jwt"),
    );
    // precision.jwt is HS256 and the JWKS has no secret: invalid, with a JSON verdict on stdout.
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["valid"], false);
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("no key with kid \"hs256\"")
    );
    let out = verify_with(
        &["--secret-file", &key("keys/hs256.secret"), "-f", "json"],
        &read("tokens/precision.jwt"),
    );
    assert_valid_json(&out);
}

fn assert_valid_json(out: &std::process::Output) {
    assert!(out.status.success(), "{}", stderr(out));
    let doc = oidctl::jwt::json::Exact::parse(&stdout(out)).unwrap();
    assert_eq!(doc.path("valid").unwrap().to_compact(), "true");
    assert_eq!(doc.path("alg").unwrap().as_str().unwrap(), "HS256");
    assert_eq!(
        doc.path("claims").unwrap().to_compact(),
        read("tokens/precision.payload.json")
    );
}

#[test]
fn key_problems_are_usage_errors_with_hints() {
    let token = read("tokens/rs256.jwt");
    let out = verify_with(&["--key", &key("keys/rs256.key.pem")], &token);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("private key"), "{}", stderr(&out));
    assert!(stderr(&out).contains("-pubout"));
    let out = verify_with(&["--key", "/nonexistent/key.pem"], &token);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot open the key file /nonexistent/key.pem"));
    let out = verify_with(&["--key", &key("tokens/rs256.jwt")], &token);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("hint: --key takes a PEM public key"),
        "{}",
        stderr(&out)
    );
    let out = oidctl().args(["verify", &token]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a key source is required");
    let out = verify_with(
        &[
            "--key",
            &key("keys/jwks.json"),
            "--secret-file",
            &key("keys/hs256.secret"),
        ],
        &token,
    );
    assert_eq!(out.status.code(), Some(2), "key sources are exclusive");
}

#[test]
fn batch_reports_each_line_in_order() {
    let good = read("tokens/rs256.jwt");
    let mut input = String::new();
    // More lines than one parallel chunk, so chunking and ordering are both exercised.
    for i in 0..5000 {
        match i % 5 {
            0 => input.push_str(&read("tokens/expired.jwt")),
            1 => input.push_str("garbage"),
            2 => input.push_str("   "),
            _ => input.push_str(&good),
        }
        input.push('\n');
    }
    let out = oidctl()
        .args(["verify", "--batch", "--key", &key("keys/jwks.json")])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    // No --audience: the note that aud goes unchecked, once, then the count.
    assert_eq!(
        stderr(&out).trim(),
        "note: aud is not checked, so tokens for any audience pass; name yours with --audience\n\
         error: 2000 of 4000 token(s) are invalid"
    );
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4000, "blank lines give no result");
    let mut expected_line = 1;
    for v in &lines {
        if expected_line % 5 == 3 {
            expected_line += 1;
        }
        assert_eq!(v["line"], expected_line);
        match expected_line % 5 {
            1 => {
                assert_eq!(v["valid"], false);
                assert!(v["error"].as_str().unwrap().starts_with("expired"));
                assert_eq!(v["claims"]["sub"], "alice");
            }
            2 => {
                assert_eq!(v["valid"], false);
                assert!(v["error"].as_str().unwrap().contains("not a JWT"));
                assert!(v["claims"].is_null());
            }
            _ => {
                assert_eq!(v["valid"], true);
                assert!(v["error"].is_null());
                assert_eq!(v["claims"]["sub"], "alice");
                assert_eq!(v["alg"], "RS256");
            }
        }
        expected_line += 1;
    }
}

#[test]
fn batch_all_valid_exits_zero() {
    let input: String = ASYMMETRIC
        .iter()
        .map(|n| read(&format!("tokens/{n}.jwt")) + "\n")
        .collect();
    let out = oidctl()
        .args(["verify", "--batch", "--key", &key("keys/jwks.json")])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 10);
}

#[test]
fn batch_survives_an_overlong_line() {
    let input = format!("{}\n{}\n", "a".repeat(1_100_000), read("tokens/rs256.jwt"));
    let out = oidctl()
        .args(["verify", "--batch", "--key", &key("keys/jwks.json")])
        .write_stdin(input)
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].as_str().unwrap().contains("longer than"));
    assert_eq!(lines[1]["valid"], true);
    assert_eq!(lines[1]["line"], 2);
}

/// `verify --format json` and a `verify --batch` line are one object, built by one function:
/// the same fields with the same values (the batch line adds only `line`), on success and on
/// every kind of failure, with the header's `alg`/`kid` and the claims kept on failures too.
#[test]
fn json_and_batch_give_the_same_object_for_the_same_token() {
    let jwks = key("keys/jwks.json");
    let cases = [
        ("valid", read("tokens/rs256.jwt")),
        ("expired", read("tokens/expired.jwt")),
        ("no key (HS256)", read("tokens/hs256.jwt")),
        ("exp not a number", read("tokens/exp-string.jwt")),
        ("encrypted", read("tokens/jwe.jwt")),
        ("not a JWT", "garbage".to_string()),
    ];
    for audience in [None, Some("api://oidctl-tests")] {
        let mut args = vec!["--key", jwks.as_str()];
        if let Some(a) = audience {
            args.extend(["--audience", a]);
        }
        for (what, token) in &cases {
            let single = verify_with(&[args.as_slice(), &["--format", "json"]].concat(), token);
            let batch = oidctl()
                .args(["verify", "--batch"])
                .args(&args)
                .write_stdin(format!("{token}\n"))
                .output()
                .unwrap();
            assert_no_panic(&batch);
            assert_eq!(single.status.code(), batch.status.code(), "{what}");
            let one: serde_json::Value = serde_json::from_str(&stdout(&single))
                .unwrap_or_else(|e| panic!("{what}: {e}: {}", stdout(&single)));
            let mut line: serde_json::Value = serde_json::from_str(stdout(&batch).trim()).unwrap();
            assert_eq!(line["line"], 1, "{what}");
            line.as_object_mut().unwrap().remove("line");
            assert_eq!(one, line, "{what}: --format json and --batch differ");
            let fields: Vec<&str> = one
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            assert_eq!(
                fields,
                ["valid", "audience_checked", "error", "alg", "kid", "claims"],
                "{what}"
            );
            assert_eq!(one["audience_checked"], audience.is_some(), "{what}");
        }
    }
    // On failure the token's own header and claims are there, as the README says.
    let out = verify_with(&["--key", &jwks, "-f", "json"], &read("tokens/expired.jwt"));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["alg"], "RS256");
    assert_eq!(v["kid"], "rs256");
    assert_eq!(v["claims"]["sub"], "alice");
    let out = verify_with(&["--key", &jwks, "-f", "json"], "garbage");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        v["alg"].is_null() && v["kid"].is_null() && v["claims"].is_null(),
        "{v}"
    );
}

/// A token just past its exp passes within the leeway, and says so in the past tense.
#[test]
fn a_token_accepted_within_the_leeway_reads_expired() {
    let token = read("tokens/rs256.jwt"); // exp 4102444800
    let jwks = key("keys/jwks.json");
    let out = verify_with(&["--key", &jwks, "--now", "4102444830"], &token);
    assert_valid(&out);
    assert!(
        stdout(&out).contains("expired 30s ago, accepted within the 60s --leeway"),
        "{}",
        stdout(&out)
    );
    let out = verify_with(&["--key", &jwks, "--now", "4102444799"], &token);
    assert!(stdout(&out).contains("expires in 1s"), "{}", stdout(&out));
    let out = verify_with(&["--key", &jwks, "--now", "4102444800"], &token);
    assert!(
        stdout(&out).contains("expired just now"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("expires"), "{}", stdout(&out));
}
