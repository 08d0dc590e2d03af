//! `oidctl jwk`: RFC 7638's thumbprint example, PEM ⇄ JWK round trips byte for byte, keys it
//! generates signing tokens that `oidctl verify` and jwcrypto accept, JWKS, private keys kept
//! off terminals and out of world-readable files, and bad input refused with a hint.

use serde_json::Value;

use crate::sign::jwcrypto_verify;
use crate::support::*;

fn jwk(o: &Oidctl, args: &[&str]) -> std::process::Output {
    let out = o.cmd().arg("jwk").args(args).output().unwrap();
    assert_no_panic(&out);
    out
}

fn ok(o: &Oidctl, args: &[&str]) -> String {
    let out = jwk(o, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn path(rel: &str) -> String {
    fixture(rel).display().to_string()
}

#[test]
fn thumbprint_matches_rfc_7638() {
    let o = Oidctl::new();
    // RFC 7638 §3.1's example key, with members beyond the required ones.
    let key = o.home.join("rfc7638.json");
    std::fs::write(
        &key,
        r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#,
    )
    .unwrap();
    assert_eq!(
        ok(&o, &["thumbprint", &key.display().to_string()]),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n"
    );
    // The same key as PEM, public or private, has the same thumbprint.
    for name in ["rs256", "es256", "eddsa"] {
        let a = ok(&o, &["thumbprint", &path(&format!("keys/{name}.pub.pem"))]);
        let b = ok(&o, &["thumbprint", &path(&format!("keys/{name}.key.pem"))]);
        let c = ok(&o, &["thumbprint", &path(&format!("keys/{name}.jwk.json"))]);
        assert_eq!(a, b, "{name}");
        assert_eq!(a, c, "{name}");
    }
}

#[test]
fn convert_round_trips_public_keys_byte_for_byte() {
    let o = Oidctl::new();
    for name in [
        "rs256", "rs384", "rs512", "ps256", "es256", "es384", "es512", "eddsa",
    ] {
        let pem_path = path(&format!("keys/{name}.pub.pem"));
        let jwk_text = ok(&o, &["convert", &pem_path]);
        let jwk: Value = serde_json::from_str(&jwk_text).unwrap();
        assert!(jwk.get("d").is_none(), "{name}");
        // The members jwcrypto wrote for the same key.
        let fixture: Value = serde_json::from_str(&read(&format!("keys/{name}.jwk.json"))).unwrap();
        for member in ["kty", "n", "e", "crv", "x", "y"] {
            assert_eq!(jwk.get(member), fixture.get(member), "{name} {member}");
        }
        let jwk_file = o.home.join(format!("{name}.json"));
        std::fs::write(&jwk_file, &jwk_text).unwrap();
        let back = ok(&o, &["convert", &jwk_file.display().to_string()]);
        assert_eq!(back, read(&format!("keys/{name}.pub.pem")), "{name}");
        let public = ok(&o, &["public", &pem_path]);
        assert_eq!(public, read(&format!("keys/{name}.pub.pem")), "{name}");
    }
    // PKCS#1 "RSA PUBLIC KEY" gives the same key as SPKI.
    assert_eq!(
        ok(
            &o,
            &["convert", &path("keys/rs256.pkcs1.pem"), "--to", "pem"]
        ),
        read("keys/rs256.pub.pem")
    );
    // A certificate gives its key, with the certificate's SHA-256 thumbprint.
    let cert: Value =
        serde_json::from_str(&ok(&o, &["convert", &path("keys/es256.cert.pem")])).unwrap();
    let der = pem::parse(read("keys/es256.cert.pem")).unwrap();
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, der.contents());
    assert_eq!(cert["x5t#S256"], b64(digest.as_ref()));
    let es256: Value = serde_json::from_str(&read("keys/es256.jwk.json")).unwrap();
    assert_eq!(cert["x"], es256["x"]);
}

#[test]
fn private_keys_round_trip_and_jwcrypto_reads_them() {
    needs!(Part::Jwcrypto);
    let o = Oidctl::new();
    let mut cases = Vec::new();
    for (name, alg) in [("rs256", "RS256"), ("es512", "ES512"), ("eddsa", "EdDSA")] {
        let private = ok(&o, &["convert", &path(&format!("keys/{name}.key.pem"))]);
        let jwk: Value = serde_json::from_str(&private).unwrap();
        assert!(jwk.get("d").is_some(), "{name}");
        let file = o.home.join(format!("{name}.private.json"));
        std::fs::write(&file, &private).unwrap();
        let pem = ok(&o, &["convert", &file.display().to_string()]);
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
        // oidctl signs with the converted key; jwcrypto verifies with the original public key.
        let out = o
            .cmd()
            .args(["sign", "--key", &file.display().to_string(), "--sub", "a"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        cases.push((
            stdout(&out).trim().to_string(),
            alg,
            path(&format!("keys/{name}.pub.pem")),
            "pem",
        ));
        // jwcrypto reads oidctl's private JWK too: verify with it (its public half).
        cases.push((
            cases.last().unwrap().0.clone(),
            alg,
            file.display().to_string(),
            "jwk",
        ));
    }
    jwcrypto_verify(&cases);
}

#[test]
fn generated_keys_sign_tokens_that_verify() {
    let o = Oidctl::new();
    let mut set_args = vec!["set".to_string()];
    let mut tokens = Vec::new();
    let kinds: [(&str, &[&str], &str); 6] = [
        ("rsa", &[], "RS256"),
        ("rsa", &["--bits", "3072", "--format", "pem"], "RS256"),
        (
            "ec",
            &["--alg", "ES256", "--use", "sig", "--kid", "my-ec"],
            "ES256",
        ),
        ("p-384", &[], "ES384"),
        ("p-521", &["--format", "pem"], "ES512"),
        ("ed25519", &[], "EdDSA"),
    ];
    for (i, (kind, extra, alg)) in kinds.iter().enumerate() {
        // A key file named *.pem gets PEM unless --format says otherwise.
        let key = o.home.join(format!(
            "key{i}{}",
            if *kind == "p-384" { ".pem" } else { "" }
        ));
        let key_s = key.display().to_string();
        let out = jwk(
            &o,
            &[&["generate", kind, "--out", &key_s][..], extra].concat(),
        );
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{kind}");
        }
        let text = std::fs::read_to_string(&key).unwrap();
        if extra.contains(&"pem") || *kind == "p-384" {
            assert!(text.starts_with("-----BEGIN PRIVATE KEY-----"), "{text}");
        } else {
            let v: Value = serde_json::from_str(&text).unwrap();
            assert!(v.get("d").is_some());
            if extra.contains(&"my-ec") {
                assert_eq!(v["kid"], "my-ec");
                assert_eq!(v["use"], "sig");
                assert_eq!(v["alg"], "ES256");
            }
        }
        let public = o.home.join(format!("key{i}.pub.json"));
        std::fs::write(&public, ok(&o, &["public", &key_s, "--format", "jwk"])).unwrap();
        let token = stdout(
            &o.cmd()
                .args(["sign", "--key", &key_s, "--sub", "alice", "--exp", "+5m"])
                .output()
                .unwrap(),
        )
        .trim()
        .to_string();
        let out = o
            .cmd()
            .args(["verify", "--key", &public.display().to_string(), &token])
            .output()
            .unwrap();
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("valid: {alg}")),
            "{}",
            stdout(&out)
        );
        set_args.push(key_s);
        tokens.push(token);
    }
    // One JWKS of every public part, each with a kid, verifies every token by its kid.
    let args: Vec<&str> = set_args.iter().map(String::as_str).collect();
    let jwks_text = ok(&o, &args);
    let jwks: Value = serde_json::from_str(&jwks_text).unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), kinds.len());
    assert!(
        keys.iter()
            .all(|k| k["kid"].is_string() && k.get("d").is_none())
    );
    assert_eq!(keys[2]["kid"], "my-ec");
    let file = o.home.join("jwks.json");
    std::fs::write(&file, &jwks_text).unwrap();
    for token in tokens {
        let out = o
            .cmd()
            .args(["verify", "--key", &file.display().to_string(), &token])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

#[test]
fn a_private_key_is_not_printed_on_a_terminal() {
    // util-linux `script` gives the command a terminal for its stdout.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let o = Oidctl::new();
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec"])
        .arg(format!(
            "{} jwk generate ec",
            assert_cmd::cargo::cargo_bin("oidctl").display()
        ))
        .arg("/dev/null")
        .env("HOME", &o.home)
        .env("NO_COLOR", "1");
    let out = cmd.output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("error: a private key is not printed on a terminal"),
        "{text}"
    );
    assert!(
        text.contains("hint: write it to a file with --out FILE"),
        "{text}"
    );
    assert!(!text.contains("\"d\""), "{text}");
}

#[test]
fn bad_input_is_refused_with_a_hint() {
    let o = Oidctl::new();
    let garbage = o.home.join("garbage");
    std::fs::write(&garbage, "{\"kty\":\"RSA\",\"n\":\"!!\"}").unwrap();
    let oct = o.home.join("oct.json");
    std::fs::write(&oct, r#"{"kty":"oct","k":"c2VjcmV0"}"#).unwrap();
    let g = garbage.display().to_string();
    let k = oct.display().to_string();
    let cases: [(&[&str], &str); 8] = [
        (
            &["thumbprint", "/nonexistent.pem"],
            "cannot open the key file",
        ),
        (&["convert", &g], "cannot read"),
        (&["public", &k], "no public part"),
        (&["set", &k], "no public part"),
        (&["convert", &k, "--to", "pem"], "no PEM form"),
        (&["generate", "rsa", "--bits", "1024"], "not an RSA size"),
        (&["generate", "ec", "--alg", "RS256"], "does not fit"),
        (
            &[
                "set",
                &path("keys/es256.pub.pem"),
                &path("keys/es256.key.pem"),
            ],
            "two keys have the kid",
        ),
    ];
    for (args, message) in cases {
        let out = jwk(&o, args);
        let err = stderr(&out);
        assert!(matches!(out.status.code(), Some(1 | 2)), "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(err.contains("hint: "), "{args:?}: {err}");
    }
}
