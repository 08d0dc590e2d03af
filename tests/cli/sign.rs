//! `oidctl sign`: tokens for every algorithm, checked by an independent JOSE implementation
//! (Python jwcrypto) and by `oidctl verify`; claims edited exactly; the development provider's
//! keys accepted by `oidctl verify --issuer` against a running `oidctl serve`; bad input refused
//! with a hint, never a panic.

use std::io::{BufRead as _, BufReader};
use std::process::Stdio;

use serde_json::{Value, json};

use crate::support::*;

/// Verifies each `(token, alg, key file, kind)` with jwcrypto (`kind`: pem, jwk or secret) and
/// returns each token's payload text; panics (the test fails) when one does not verify.
pub(crate) fn jwcrypto_verify(cases: &[(String, &str, String, &str)]) -> Vec<String> {
    const SCRIPT: &str = r#"
import json, sys
from jwcrypto import jwk, jws
from jwcrypto.common import base64url_encode
out = []
for token, alg, path, kind in json.load(sys.stdin):
    data = open(path, "rb").read()
    if kind == "secret":
        key = jwk.JWK(kty="oct", k=base64url_encode(data))
    elif kind == "pem":
        key = jwk.JWK.from_pem(data)
    else:
        key = jwk.JWK.from_json(data)
    s = jws.JWS()
    s.deserialize(token)
    s.verify(key, alg=alg)
    assert s.jose_header["alg"] == alg, s.jose_header
    out.append(s.payload.decode())
print(json.dumps(out))
"#;
    let input = serde_json::to_string(cases).unwrap();
    let mut child = std::process::Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "jwcrypto refused a token: {}",
        stderr(&out)
    );
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn sign(args: &[&str]) -> std::process::Output {
    let out = oidctl().arg("sign").args(args).output().unwrap();
    assert_no_panic(&out);
    out
}

fn signed(args: &[&str]) -> String {
    let out = sign(args);
    assert!(out.status.success(), "{}", stderr(&out));
    let token = stdout(&out).trim().to_string();
    assert_eq!(token.split('.').count(), 3, "{token}");
    token
}

fn part(token: &str, i: usize) -> Value {
    let b = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        token.split('.').nth(i).unwrap(),
    )
    .unwrap();
    serde_json::from_slice(&b).unwrap()
}

fn payload_text(token: &str) -> String {
    let b = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        token.split('.').nth(1).unwrap(),
    )
    .unwrap();
    String::from_utf8(b).unwrap()
}

fn path(rel: &str) -> String {
    fixture(rel).display().to_string()
}

/// Every algorithm: the key file oidctl signs with, and the one jwcrypto verifies with.
const ALGS: [(&str, &str, &str, &str); 13] = [
    ("RS256", "keys/rs256.key.pem", "keys/rs256.pub.pem", "pem"),
    ("RS384", "keys/rs384.key.pem", "keys/rs384.pub.pem", "pem"),
    ("RS512", "keys/rs512.key.pem", "keys/rs512.pub.pem", "pem"),
    ("PS256", "keys/ps256.key.pem", "keys/ps256.pub.pem", "pem"),
    ("PS384", "keys/ps384.key.pem", "keys/ps384.pub.pem", "pem"),
    ("PS512", "keys/ps512.key.pem", "keys/ps512.pub.pem", "pem"),
    ("ES256", "keys/es256.key.pem", "keys/es256.pub.pem", "pem"),
    ("ES384", "keys/es384.key.pem", "keys/es384.pub.pem", "pem"),
    ("ES512", "keys/es512.key.pem", "keys/es512.pub.pem", "pem"),
    ("EdDSA", "keys/eddsa.key.pem", "keys/eddsa.pub.pem", "pem"),
    ("HS256", "keys/hs256.secret", "keys/hs256.secret", "secret"),
    ("HS384", "keys/hs384.secret", "keys/hs384.secret", "secret"),
    ("HS512", "keys/hs512.secret", "keys/hs512.secret", "secret"),
];

#[test]
fn every_algorithm_verifies_with_jwcrypto_and_oidctl() {
    needs!(Part::Jwcrypto);
    let mut cases = Vec::new();
    for (alg, key, public, kind) in ALGS {
        let flag = if kind == "secret" {
            "--secret-file"
        } else {
            "--key"
        };
        let claims = [
            "--sub",
            "alice",
            "--claim",
            "big=123456789012345678901234567890",
            "--exp",
            "+10m",
        ];
        let token = signed(&[&[flag, &path(key), "--alg", alg][..], &claims].concat());
        assert_eq!(part(&token, 0)["alg"], alg);
        // The same key without --alg: the algorithm follows from the key.
        let inferred = signed(&[&[flag, &path(key)][..], &claims].concat());
        let expected = match alg {
            a if a.starts_with("RS") || a.starts_with("PS") => "RS256",
            a if a.starts_with("HS") => "HS256",
            a => a,
        };
        assert_eq!(part(&inferred, 0)["alg"], expected);
        let verify_flag = if kind == "secret" {
            "--secret-file"
        } else {
            "--key"
        };
        let out = oidctl()
            .args(["verify", verify_flag, &path(public), &token])
            .output()
            .unwrap();
        assert!(out.status.success(), "{alg}: {}", stderr(&out));
        cases.push((token, alg, path(public), kind));
        cases.push((inferred, expected, path(public), kind));
    }
    for payload in jwcrypto_verify(&cases) {
        assert!(
            payload.contains(r#""big":123456789012345678901234567890"#),
            "{payload}"
        );
        assert!(payload.contains(r#""sub":"alice""#), "{payload}");
    }
}

#[test]
fn a_private_jwk_signs_with_its_kid_and_the_kid_defaults_to_the_thumbprint() {
    let o = Oidctl::new();
    let jwk = o.home.join("es256.jwk");
    let out = o
        .cmd()
        .args(["jwk", "convert", &path("keys/es256.key.pem"), "--out"])
        .arg(&jwk)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let thumbprint = stdout(
        &oidctl()
            .args(["jwk", "thumbprint", &path("keys/es256.pub.pem")])
            .output()
            .unwrap(),
    )
    .trim()
    .to_string();
    let pem_token = signed(&["--key", &path("keys/es256.key.pem")]);
    let jwk_token = signed(&["--key", &jwk.display().to_string()]);
    assert_eq!(part(&pem_token, 0)["kid"], thumbprint.as_str());
    assert_eq!(part(&jwk_token, 0)["kid"], thumbprint.as_str());
    assert_eq!(part(&jwk_token, 0)["alg"], "ES256");
    let chosen = signed(&[
        "--key",
        &path("keys/es256.key.pem"),
        "--kid",
        "k1",
        "--typ",
        "at+jwt",
        "--header",
        "x5t=abc",
        "--header",
        "n=[1,2]",
    ]);
    assert_eq!(
        part(&chosen, 0),
        json!({"alg":"ES256","typ":"at+jwt","kid":"k1","x5t":"abc","n":[1,2]})
    );
    let secret = signed(&["--secret-file", &path("keys/hs256.secret")]);
    assert_eq!(part(&secret, 0), json!({"alg":"HS256","typ":"JWT"}));
}

#[test]
fn claims_flags_shortcuts_and_times() {
    let key = path("keys/rs256.key.pem");
    let token = signed(&[
        "--key",
        &key,
        "--exp",
        "+30m",
        "--nbf",
        "now",
        "--iss",
        "https://issuer.example",
        "--sub",
        "alice",
        "--aud",
        "api://a",
        "--jti",
        "j1",
        "--claim",
        "n=42",
        "--claim",
        "s=x=y",
        "--claim",
        r#"q="42""#,
        "--claim",
        "ok=true",
    ]);
    let claims = part(&token, 1);
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        1800
    );
    assert_eq!(claims["nbf"], claims["iat"]);
    assert_eq!(claims["iss"], "https://issuer.example");
    assert_eq!(claims["aud"], "api://a");
    assert_eq!(claims["jti"], "j1");
    assert_eq!(claims["n"], 42);
    assert_eq!(claims["s"], "x=y");
    assert_eq!(claims["q"], "42");
    assert_eq!(claims["ok"], true);
    let two = part(&signed(&["--key", &key, "--aud", "a", "--aud", "b"]), 1);
    assert_eq!(two["aud"], json!(["a", "b"]));
    let fixed = part(
        &signed(&[
            "--key",
            &key,
            "--iat",
            "2011-03-22T18:43:00Z",
            "--exp",
            "1300819380",
        ]),
        1,
    );
    assert_eq!(fixed, json!({"iat": 1300819380, "exp": 1300819380}));
    assert_eq!(part(&signed(&["--key", &key, "--no-iat"]), 1), json!({}));
    // --claims as JSON, from a file and from stdin; a claim there wins over the default iat.
    let text = r#"{"sub":"bob","iat":5,"big":123456789012345678901234567890}"#;
    assert_eq!(
        payload_text(&signed(&["--key", &key, "--claims", text])),
        text
    );
    let o = Oidctl::new();
    let file = o.home.join("claims.json");
    std::fs::write(&file, text).unwrap();
    assert_eq!(
        payload_text(&signed(&[
            "--key",
            &key,
            "--claims",
            &format!("@{}", file.display())
        ])),
        text
    );
    let out = oidctl()
        .args(["sign", "--key", &key, "--claims", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(payload_text(stdout(&out).trim()), text);
}

#[test]
fn from_keeps_every_other_claim_exactly() {
    let original_claims = r#"{"z":1,"big":123456789012345678901234567890,"f":2.50,"small":1E-7,"uni":"\u00e9 ünï","nested":{"b":[1,{"k":"v"}],"a":null},"sub":"alice","exp":1000}"#;
    let original = sign_rs256(r#"{"alg":"RS256","kid":"old"}"#, original_claims);
    let token = signed(&[
        "--key",
        &path("keys/es256.key.pem"),
        "--from",
        &original,
        "--claim",
        "sub=bob",
        "--exp",
        "1900000000",
        "--claim",
        "added=1",
    ]);
    assert_eq!(
        payload_text(&token),
        original_claims
            .replace(r#""sub":"alice""#, r#""sub":"bob""#)
            .replace(r#""exp":1000}"#, r#""exp":1900000000,"added":1}"#)
    );
    // With nothing to change, the claims are the same bytes; `-` reads the token from stdin.
    let out = oidctl()
        .args(["sign", "--key", &path("keys/es256.key.pem"), "--from", "-"])
        .write_stdin(format!("Bearer {original}\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(payload_text(stdout(&out).trim()), original_claims);
}

/// `oidctl serve --port 0 --keys FILE`, stopped when dropped; its issuer.
struct Serve(std::process::Child, String);

impl Serve {
    fn start(o: &Oidctl, keys: &std::path::Path, alg: &str) -> Serve {
        let mut cmd = o.cmd();
        cmd.args(["serve", "--port", "0", "--alg", alg, "--keys"])
            .arg(keys);
        let mut child = spawnable(&cmd)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let err = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut issuer = String::new();
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Some(i) = line.strip_prefix("  issuer") {
                    issuer = i.trim().to_string();
                }
                if line.starts_with("State is kept in memory") {
                    let _ = tx.send(issuer.clone());
                }
            }
        });
        let issuer = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("oidctl serve did not start");
        Serve(child, issuer)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_keys_sign_tokens_that_verify_against_a_running_serve() {
    let o = Oidctl::new();
    let keys = o.home.join("dev-keys.pem");
    let missing = sign(&["--serve-keys", &keys.display().to_string()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("hint: `oidctl serve --keys FILE`"));
    for alg in ["RS256", "ES256"] {
        let serve = Serve::start(&o, &keys, alg);
        let token = signed(&[
            "--serve-keys",
            &keys.display().to_string(),
            "--alg",
            alg,
            "--iss",
            &serve.1,
            "--sub",
            "alice",
            "--aud",
            "my-api",
            "--exp",
            "+5m",
        ]);
        let out = o
            .cmd()
            .args([
                "verify",
                "--issuer",
                &serve.1,
                "--audience",
                "my-api",
                &token,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{alg}: {}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("valid: {alg}")),
            "{}",
            stdout(&out)
        );
    }
    let out = sign(&[
        "--serve-keys",
        &keys.display().to_string(),
        "--alg",
        "PS256",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("hint: use --alg RS256"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_input_is_refused_with_a_hint() {
    let o = Oidctl::new();
    let garbage = o.home.join("garbage");
    std::fs::write(&garbage, "not a key").unwrap();
    let empty = o.home.join("empty");
    std::fs::write(&empty, "").unwrap();
    let rsa = path("keys/rs256.key.pem");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--key".into(), path("keys/rs256.pub.pem")],
            "signing needs the private key",
        ),
        (
            vec!["--key".into(), path("keys/es256.jwk.json")],
            "signing needs the private key",
        ),
        (
            vec!["--key".into(), path("keys/rs256.cert.pem")],
            "signing needs the private key",
        ),
        (
            vec!["--key".into(), rsa.clone(), "--alg".into(), "ES256".into()],
            "ES256 cannot be signed with an RSA private key",
        ),
        (
            vec![
                "--key".into(),
                path("keys/es256.key.pem"),
                "--alg".into(),
                "ES384".into(),
            ],
            "cannot be signed with an EC P-256",
        ),
        (
            vec![
                "--secret-file".into(),
                path("keys/hs256.secret"),
                "--alg".into(),
                "RS256".into(),
            ],
            "cannot be signed with a shared secret",
        ),
        (
            vec!["--key".into(), rsa.clone(), "--alg".into(), "none".into()],
            "never accepted",
        ),
        (
            vec![
                "--key".into(),
                rsa.clone(),
                "--claims".into(),
                "{bad".into(),
            ],
            "not valid JSON",
        ),
        (
            vec!["--key".into(), rsa.clone(), "--claims".into(), "[1]".into()],
            "must be a JSON object",
        ),
        (
            vec![
                "--key".into(),
                rsa.clone(),
                "--claims".into(),
                "@/nonexistent/claims.json".into(),
            ],
            "cannot open the claims file",
        ),
        (
            vec![
                "--key".into(),
                rsa.clone(),
                "--claim".into(),
                "novalue".into(),
            ],
            "is not KEY=VALUE",
        ),
        (
            vec!["--key".into(), rsa.clone(), "--exp".into(), "+soon".into()],
            "durations look like",
        ),
        (
            vec![
                "--key".into(),
                rsa.clone(),
                "--exp".into(),
                "tomorrow".into(),
            ],
            "relative times look like",
        ),
        (
            vec![
                "--key".into(),
                rsa.clone(),
                "--from".into(),
                "not.a.token".into(),
            ],
            "--from",
        ),
        (
            vec![
                "--key".into(),
                rsa.clone(),
                "--header".into(),
                "alg=none".into(),
            ],
            "cannot set alg",
        ),
        (
            vec!["--key".into(), "/nonexistent/key.pem".into()],
            "cannot open the key file",
        ),
        (
            vec!["--key".into(), garbage.display().to_string()],
            "cannot use",
        ),
        (
            vec!["--secret-file".into(), empty.display().to_string()],
            "is empty",
        ),
    ];
    for (args, message) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = sign(&args);
        let err = stderr(&out);
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "{args:?}: exit {:?}: {err}",
            out.status.code()
        );
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(err.contains("hint: "), "{args:?}: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn no_secret_reaches_stderr() {
    let secret = read("keys/hs256.secret");
    let out = oidctl()
        .args([
            "-vv",
            "sign",
            "--secret-file",
            &path("keys/hs256.secret"),
            "--sub",
            "x",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let token = stdout(&out);
    let err = stderr(&out);
    assert!(!err.contains(token.trim()), "{err}");
    assert!(!err.contains(secret.trim()), "{err}");
    let key = read("keys/rs256.key.pem");
    let body: String = key.lines().nth(1).unwrap().to_string();
    let out = oidctl()
        .args([
            "-vv",
            "sign",
            "--key",
            &path("keys/rs256.key.pem"),
            "--alg",
            "ES256",
        ])
        .output()
        .unwrap();
    assert!(!stderr(&out).contains(&body));
}

#[test]
fn pkcs1_and_sec1_private_keys_sign() {
    needs!(Part::Openssl);
    let o = Oidctl::new();
    for (name, tag) in [("rs256", "RSA PRIVATE KEY"), ("es256", "EC PRIVATE KEY")] {
        let out = std::process::Command::new("openssl")
            .args([
                "pkey",
                "-traditional",
                "-in",
                &path(&format!("keys/{name}.key.pem")),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).starts_with(&format!("-----BEGIN {tag}-----")));
        let key = o.home.join(format!("{name}.traditional.pem"));
        std::fs::write(&key, &out.stdout).unwrap();
        let token = signed(&["--key", &key.display().to_string(), "--sub", "a"]);
        let out = oidctl()
            .args([
                "verify",
                "--key",
                &path(&format!("keys/{name}.pub.pem")),
                &token,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
}

#[test]
fn a_jwk_s_use_and_alg_bind_the_signature() {
    let o = Oidctl::new();
    let enc = o.home.join("enc.json");
    let ps384 = o.home.join("ps384.json");
    for (file, args) in [
        (&enc, ["generate", "ec", "--use", "enc"]),
        (&ps384, ["generate", "rsa", "--alg", "PS384"]),
    ] {
        let out = o
            .cmd()
            .arg("jwk")
            .args(args)
            .arg("--out")
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = sign(&["--key", &enc.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is for use \"enc\", not signing"),
        "{}",
        stderr(&out)
    );
    let token = signed(&["--key", &ps384.display().to_string()]);
    assert_eq!(part(&token, 0)["alg"], "PS384");
    let out = sign(&["--key", &ps384.display().to_string(), "--alg", "RS256"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("hint: leave out --alg to sign with PS384"),
        "{}",
        stderr(&out)
    );
}
