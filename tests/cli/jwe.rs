//! Encrypted tokens: `decode`/`verify --decrypt-key` and `oidctl encrypt`, against jwcrypto both
//! ways for every alg/enc pair (tests/cli/support/jwcrypto_jwe.py), against RFC 7520's published
//! examples, and against damaged tokens and wrong keys.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::*;

const ENCS: [&str; 6] = [
    "A128GCM",
    "A192GCM",
    "A256GCM",
    "A128CBC-HS256",
    "A192CBC-HS384",
    "A256CBC-HS512",
];

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli/support/jwcrypto_jwe.py")
}

/// Fresh keys and jwcrypto-made tokens in a temporary folder.
fn made_by_jwcrypto() -> (tempfile::TempDir, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("python3")
        .arg(script())
        .arg("make")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let made: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.path().join("made.json")).unwrap()).unwrap();
    (dir, made)
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// The private key file oidctl is given for a jwcrypto key: the JWK, or every other time for
/// RSA and EC, the PKCS#8 PEM.
fn private_key(dir: &Path, name: &str, i: usize) -> String {
    let asym = !(name.starts_with('k') || name.starts_with("dir"));
    if asym && i % 2 == 1 {
        path(dir, &format!("{name}.key.pem"))
    } else {
        path(dir, &format!("{name}.jwk.json"))
    }
}

fn decode_json(key: &str, token: &str) -> Value {
    let out = oidctl()
        .args(["decode", "--decrypt-key", key, "-f", "json", token])
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert!(out.status.success(), "{key}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn jwcrypto_encrypts_every_pair_and_oidctl_decrypts() {
    needs!(Part::Jwcrypto);
    let (dir, made) = made_by_jwcrypto();
    let mut pairs = std::collections::BTreeSet::new();
    for (i, m) in made.iter().enumerate() {
        let (key, alg, enc) = (
            m["key"].as_str().unwrap(),
            m["alg"].as_str().unwrap(),
            m["enc"].as_str().unwrap(),
        );
        let doc = decode_json(
            &private_key(dir.path(), key, i),
            m["token"].as_str().unwrap(),
        );
        assert_eq!(doc["encryption"]["alg"], alg, "{doc}");
        assert_eq!(doc["encryption"]["enc"], enc, "{doc}");
        let plaintext = m["plaintext"].as_str().unwrap();
        if doc["encryption"]["cty"] == "JWT" {
            // A nested JWT: the inner token's header and claims are shown.
            assert_eq!(doc["header"]["alg"], "ES256", "{doc}");
            assert_eq!(doc["payload"]["sub"], "alice", "{doc}");
            assert!(plaintext.starts_with("eyJ"));
        } else {
            let claims: Value = serde_json::from_str(plaintext).unwrap();
            assert_eq!(doc["payload"], claims, "{alg} {enc}");
            assert!(doc.get("header").is_none(), "{doc}");
        }
        pairs.insert((alg.to_string(), enc.to_string()));
    }
    // Every listed pair was tried.
    for alg in [
        "RSA-OAEP",
        "RSA-OAEP-256",
        "ECDH-ES",
        "ECDH-ES+A128KW",
        "ECDH-ES+A192KW",
        "ECDH-ES+A256KW",
        "A128KW",
        "A192KW",
        "A256KW",
    ] {
        for enc in ENCS {
            assert!(pairs.contains(&(alg.into(), enc.into())), "{alg} {enc}");
        }
    }
    for enc in ENCS {
        assert!(pairs.contains(&("dir".into(), enc.into())), "dir {enc}");
    }
}

#[test]
fn jwcrypto_nested_jwt_verifies_through_the_encryption() {
    needs!(Part::Jwcrypto);
    let (dir, made) = made_by_jwcrypto();
    let signer = path(dir.path(), "signer.pub.jwk.json");
    let nested: Vec<&Value> = made
        .iter()
        .filter(|m| m["plaintext"].as_str().unwrap().starts_with("eyJ"))
        .collect();
    assert_eq!(nested.len(), 3);
    for (i, m) in nested.iter().enumerate() {
        let key = private_key(dir.path(), m["key"].as_str().unwrap(), i);
        let token = m["token"].as_str().unwrap();
        let out = oidctl()
            .args(["verify", "--decrypt-key", &key, "--key", &signer, token])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.starts_with("valid: ES256 signature by key \"signer\""),
            "{text}"
        );
        assert!(text.contains("decrypted with"), "{text}");

        // Human decode says it was decrypted and shows the inner token.
        let out = oidctl()
            .args(["decode", "--decrypt-key", &key, token])
            .output()
            .unwrap();
        let text = stdout(&out);
        assert!(text.contains("JWE, decrypted with"), "{text}");
        assert!(text.contains("JWS, signed"), "{text}");
        assert!(text.contains("Not verified:"), "{text}");

        // The inner signature is still checked: another key does not pass.
        let out = oidctl()
            .args([
                "verify",
                "--decrypt-key",
                &key,
                "--key",
                &fixture("keys/es256.pub.pem").to_string_lossy(),
                token,
            ])
            .output()
            .unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    }
}

#[test]
fn oidctl_encrypts_every_pair_and_jwcrypto_decrypts() {
    needs!(Part::Jwcrypto);
    let (dir, _) = made_by_jwcrypto();
    let d = dir.path();
    let mut jobs = Vec::new();
    let mut pairs: Vec<(&str, &str)> = vec![
        ("rsa.pub.pem", "RSA-OAEP"),
        ("rsa.pub.jwk.json", "RSA-OAEP-256"),
        ("p256.pub.jwk.json", "ECDH-ES"),
        ("p256.pub.pem", "ECDH-ES+A128KW"),
        ("p384.pub.pem", "ECDH-ES+A192KW"),
        ("p521.pub.jwk.json", "ECDH-ES+A256KW"),
        ("k16.jwk.json", "A128KW"),
        ("k24.jwk.json", "A192KW"),
        ("k32.jwk.json", "A256KW"),
    ];
    pairs.push(("p384.pub.jwk.json", "ECDH-ES"));
    let payload = r#"{"sub":"alice","n":12345678901234567890}"#;
    for (key, alg) in &pairs {
        for enc in ENCS {
            let out = oidctl()
                .args([
                    "encrypt",
                    "--key",
                    &path(d, key),
                    "--alg",
                    alg,
                    "--enc",
                    enc,
                ])
                .write_stdin(format!("{payload}\n"))
                .output()
                .unwrap();
            assert!(out.status.success(), "{key} {alg} {enc}: {}", stderr(&out));
            let private = format!("{}.jwk.json", key.split('.').next().unwrap());
            jobs.push(json!({"key": path(d, &private), "token": stdout(&out).trim(), "alg": alg, "enc": enc}));
        }
    }
    for (size, enc) in [
        (16, "A128GCM"),
        (24, "A192GCM"),
        (32, "A128CBC-HS256"),
        (48, "A192CBC-HS384"),
        (64, "A256CBC-HS512"),
    ] {
        let key = path(d, &format!("dir{size}.jwk.json"));
        let out = oidctl()
            .args([
                "encrypt", "--key", &key, "--alg", "dir", "--enc", enc, payload,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "dir {enc}: {}", stderr(&out));
        jobs.push(json!({"key": key, "token": stdout(&out).trim(), "alg": "dir", "enc": enc}));
    }
    let file = d.join("jobs.json");
    std::fs::write(&file, serde_json::to_vec(&jobs).unwrap()).unwrap();
    let out = std::process::Command::new("python3")
        .arg(script())
        .arg("open")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), jobs.len());
    for (job, result) in jobs.iter().zip(&results) {
        assert_eq!(result["plaintext"], payload, "{job} -> {result}");
        assert_eq!(result["header"]["alg"], job["alg"]);
        assert_eq!(result["header"]["enc"], job["enc"]);
    }
}

#[test]
fn encrypt_picks_alg_and_enc_by_key_and_marks_nested_jwts() {
    needs!(Part::Jwcrypto);
    let (dir, _) = made_by_jwcrypto();
    let d = dir.path();
    let jwt = read("tokens/rs256.jwt");
    for (key, payload, alg, enc, cty) in [
        ("rsa.pub.pem", "{}", "RSA-OAEP-256", "A256GCM", None),
        ("p256.pub.jwk.json", "{}", "ECDH-ES+A256KW", "A256GCM", None),
        ("k16.jwk.json", "{}", "A128KW", "A256GCM", None),
        (
            "k32.jwk.json",
            jwt.as_str(),
            "A256KW",
            "A256GCM",
            Some("JWT"),
        ),
        ("dir64.jwk.json", "{}", "dir", "A256CBC-HS512", None),
    ] {
        let out = oidctl()
            .args(["encrypt", "--key", &path(d, key), payload])
            .output()
            .unwrap();
        assert!(out.status.success(), "{key}: {}", stderr(&out));
        let token = stdout(&out);
        let header: Value = serde_json::from_slice(
            &base64::Engine::decode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                token.split('.').next().unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(header["alg"], alg, "{key}");
        assert_eq!(header["enc"], enc, "{key}");
        assert_eq!(header["cty"].as_str(), cty, "{key}");
    }
}

/// RFC 7520 §5: the published JWE examples oidctl offers the algorithms of, with the RFC's keys
/// (tests/fixtures/rfc/README section "rfc7520-5.*").
#[test]
fn rfc7520_jwe_examples_decrypt() {
    let quote = read("rfc/rfc7520-5.plaintext.txt");
    for name in [
        "rfc7520-5.2",
        "rfc7520-5.4",
        "rfc7520-5.5",
        "rfc7520-5.6",
        "rfc7520-5.8",
    ] {
        let key = fixture(&format!("rfc/{name}.jwk.json"));
        let out = oidctl()
            .args([
                "decode",
                "--decrypt-key",
                &key.to_string_lossy(),
                "-f",
                "json",
                &read(&format!("rfc/{name}.jwe")),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["payload"].as_str(), Some(quote.as_str()), "{name}");
    }
    // §5.9 is §5.8 with compressed content: refused, saying why.
    fails(
        &[
            "decode",
            "--decrypt-key",
            &fixture("rfc/rfc7520-5.8.jwk.json").to_string_lossy(),
            &read("rfc/rfc7520-5.9.jwe"),
        ],
        1,
        "does not decompress",
    );
}

fn fails(args: &[&str], code: i32, says: &str) {
    let out = oidctl().args(args).output().unwrap();
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("\nhint: "), "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
    // Nothing of the plaintext reaches stderr or stdout.
    assert!(
        !err.contains("alice") && !stdout(&out).contains("alice"),
        "{err}"
    );
}

#[test]
fn bad_tokens_and_wrong_keys_fail_with_hints() {
    let token = read("tokens/jwe.jwt");
    let key = fixture("keys/jwe.key.pem");
    let key = key.to_string_lossy();
    let dir = tempfile::tempdir().unwrap();
    let oct = |name: &str, bytes: usize| {
        let p = dir.path().join(name);
        let k = b64(vec![7u8; bytes]);
        std::fs::write(&p, format!(r#"{{"kty":"oct","k":"{k}"}}"#)).unwrap();
        p.to_string_lossy().into_owned()
    };
    let parts: Vec<&str> = token.split('.').collect();
    let with = |i: usize, part: &str| {
        let mut p = parts.clone();
        p[i] = part;
        p.join(".")
    };
    let d = |t: &str| -> Vec<String> {
        ["decode", "--decrypt-key", &key, t]
            .map(str::to_string)
            .to_vec()
    };
    let run = |args: Vec<String>, code, says| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        fails(&refs, code, says);
    };
    // Damaged or cut short.
    run(
        d(&token[..token.len() - 30]),
        1,
        "not a JWT: it has 4 part(s)",
    );
    let cut = &parts[3][..parts[3].len() - 10];
    run(d(&with(3, cut)), 1, "cannot decrypt the token");
    run(d(&with(3, "AAAA")), 1, "authentication tag does not match");
    run(d(&with(4, "AAAA")), 1, "cannot decrypt");
    run(d(&with(2, "")), 1, "cannot decrypt");
    run(d(&with(1, "AAAA")), 1, "cannot decrypt");
    run(d(&with(1, "!!!")), 1, "not valid base64url");
    run(d("e30.AAAA.AAAA.AAAA.AAAA"), 1, "no \"alg\"");
    run(d("a.b.c.d.e"), 1, "not valid base64url");
    // Compression is refused, saying so.
    let zip = format!(
        "{}.{}",
        b64(r#"{"alg":"RSA-OAEP-256","enc":"A256GCM","zip":"DEF"}"#),
        parts[1..].join(".")
    );
    run(d(&zip), 1, "does not decompress");
    // The wrong key, the public key, a key of the wrong type, a file that is no key.
    let rs = fixture("keys/rs256.key.pem");
    let rs = rs.to_string_lossy();
    let public = fixture("keys/jwe.jwk.json");
    let public = public.to_string_lossy();
    for (k, code, says) in [
        (&*rs, 1, "does not decrypt the content key"),
        (&*public, 1, "needs the private key"),
        (
            &oct("k16", 16),
            1,
            "RSA-OAEP-256, but the key is a 128-bit symmetric key",
        ),
        ("Cargo.toml", 2, "cannot use Cargo.toml as a decryption key"),
    ] {
        let k = if k == "Cargo.toml" {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("Cargo.toml")
                .to_string_lossy()
                .into_owned()
        } else {
            k.to_string()
        };
        let says = says.replace("Cargo.toml", &k);
        fails(&["decode", "--decrypt-key", &k, &token], code, &says);
        fails(
            &["verify", "--decrypt-key", &k, "--key", &public, &token],
            code,
            &says,
        );
    }
    // A JWE whose payload is claims, not a JWS: nothing to verify.
    fails(
        &["verify", "--decrypt-key", &key, "--key", &public, &token],
        1,
        "not signed",
    );
    // encrypt refuses a key that does not fit the alg.
    fails(
        &["encrypt", "--key", &public, "--alg", "A128KW", "{}"],
        2,
        "alg A128KW, but key \"jwe\" is an RSA public key",
    );
    fails(
        &["encrypt", "--key", &oct("k20", 20), "{}"],
        2,
        "alg dir, but the key is a 160-bit symmetric key",
    );
}

#[test]
fn verify_of_a_jwe_without_a_key_points_to_decrypt_key() {
    let out = oidctl()
        .args([
            "verify",
            "--key",
            &fixture("keys/jwks.json").to_string_lossy(),
            &read("tokens/jwe.jwt"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("hint: decrypt it first"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn without_a_key_decode_still_shows_the_header() {
    let out = oidctl()
        .args(["decode", &read("tokens/jwe.jwt")])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("JWE, encrypted"));
    // With a key, the same token opens.
    let key = fixture("keys/jwe.key.pem");
    let doc = decode_json(&key.to_string_lossy(), &read("tokens/jwe.jwt"));
    assert_eq!(doc["payload"]["sub"], "alice");
    assert_eq!(doc["encryption"]["kid"], "jwe");
}
