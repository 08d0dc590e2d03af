use crate::support::*;
use oidctl::jwt::json::Exact;

/// Human output with each run of spaces made one, so tests do not pin the column widths.
fn squash(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn decodes_every_algorithm_for_people() {
    for name in ["rs256", "ps384", "es512", "eddsa", "hs256"] {
        let out = oidctl()
            .args(["decode", &read(&format!("tokens/{name}.jwt"))])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let text = squash(&stdout(&out));
        assert!(
            text.contains(&format!(
                "alg {}",
                name.to_uppercase().replace("EDDSA", "EdDSA")
            )),
            "{text}"
        );
        assert!(text.contains("sub alice"), "{text}");
        assert!(
            text.contains("exp 4102444800 # expires 2100-01-01T00:00:00Z, in 7"),
            "{text}"
        );
        assert!(
            text.contains("iat 1764000000 # issued at 2025-11-24T16:00:00Z"),
            "{text}"
        );
        assert!(
            text.contains("Not verified: nothing was verified"),
            "{text}"
        );
    }
}

#[test]
fn signature_is_not_shown_whole_for_people() {
    let token = read("tokens/rs256.jwt");
    let sig = token.rsplit('.').next().unwrap();
    let out = oidctl().args(["decode", &token]).output().unwrap();
    assert!(!stdout(&out).contains(sig));
    assert!(stdout(&out).contains("Signature (RS256, 256 bytes)"));
}

#[test]
fn json_keeps_claims_exactly() {
    let out = oidctl()
        .args(["decode", "--format", "json", &read("tokens/precision.jwt")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let doc = Exact::parse(&text).expect("decode --format json prints JSON");
    // Compacting the printed payload must give back the token's payload byte for byte: big
    // integers, 1.5e300, 1E-7, 2.50, the \u00e9 escape and the key order all survive.
    assert_eq!(
        doc.path("payload").unwrap().to_compact(),
        read("tokens/precision.payload.json")
    );
    assert_eq!(doc.path("header.alg").unwrap().as_str().unwrap(), "HS256");
    let token = read("tokens/precision.jwt");
    assert_eq!(
        doc.path("signature").unwrap().as_str().unwrap(),
        token.rsplit('.').next().unwrap()
    );
    assert!(text.find("\"z\"").unwrap() < text.find("\"big\"").unwrap());
}

#[test]
fn reads_stdin_ignoring_whitespace_and_bearer() {
    let token = read("tokens/es256.jwt");
    for input in [
        format!("{token}\n"),
        format!("  Bearer {token}  \n"),
        format!("Authorization: Bearer {token}"),
    ] {
        let out = oidctl()
            .args(["decode"])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(out.status.success(), "{input:?}: {}", stderr(&out));
        assert!(squash(&stdout(&out)).contains("alg ES256"));
        let out = oidctl()
            .args(["decode", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert!(out.status.success());
    }
}

#[test]
fn not_a_jwt_is_a_clear_error() {
    for (input, says) in [
        ("hello", "not a JWT: it has 1 part(s)"),
        ("a.b", "not a JWT: it has 2 part(s)"),
        ("!!!.e30.", "the header is not valid base64url"),
        ("e30.e30.", "no \"alg\""),
        ("WzFd.e30.", "the header is not a JSON object"),
    ] {
        let out = oidctl().args(["decode", input]).output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{input}");
        let err = stderr(&out);
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains(says), "{input}: {err}");
        assert!(err.contains("hint: "), "{err}");
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn empty_stdin_is_a_usage_error() {
    let out = oidctl()
        .args(["decode"])
        .write_stdin("  \n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no token given"));
}

#[test]
fn jwe_shows_header_and_says_encrypted() {
    let out = oidctl()
        .args(["decode", &read("tokens/jwe.jwt")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = squash(&stdout(&out));
    assert!(text.contains("Header (JWE, encrypted)"), "{text}");
    assert!(text.contains("enc A256GCM"), "{text}");
    assert!(text.contains("the claims are encrypted"), "{text}");
    let out = oidctl()
        .args(["decode", "-f", "json", &read("tokens/jwe.jwt")])
        .output()
        .unwrap();
    let doc = Exact::parse(&stdout(&out)).unwrap();
    assert_eq!(doc.path("encrypted").unwrap().to_compact(), "true");
    assert_eq!(
        doc.path("header.alg").unwrap().as_str().unwrap(),
        "RSA-OAEP-256"
    );
}

#[test]
fn explains_microsoft_claims() {
    let out = oidctl()
        .args(["decode", &read("tokens/entra-v2.jwt")])
        .output()
        .unwrap();
    let text = squash(&stdout(&out));
    for expected in [
        "tid 72f988bf-86f1-41af-91ab-2d7cd011db47 # Microsoft Entra tenant ID",
        "# token version 2.0",
        "scp User.Read Files.Read # delegated permissions (scopes)",
        "roles [\"Admin\"] # app roles",
        "idtyp user # identity type: a user is present",
        "amr [\"pwd\",\"mfa\"] # authentication methods used: password, multi-factor",
        "oid 00000000-0000-0000-0000-0000000000aa # object ID",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let v1 = squash(&stdout(
        &oidctl()
            .args(["decode", &read("tokens/entra-v1.jwt")])
            .output()
            .unwrap(),
    ));
    assert!(v1.contains("# issuer: Microsoft Entra v1.0 token"), "{v1}");
    assert!(
        v1.contains("appid 11111111-1111-1111-1111-111111111111 # client (application) ID"),
        "{v1}"
    );
    assert!(v1.contains("# token version 1.0"), "{v1}");
}

#[test]
fn graph_token_says_it_cannot_be_verified() {
    let out = oidctl()
        .args(["decode", &read("tokens/graph.jwt")])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("only Microsoft Graph can verify its signature"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn escape_sequences_in_claims_are_neutralised() {
    let claims = "{\"sub\":\"alice\\u001b]0;owned\\u0007\\u001b[31m\",\"x\\u001b[2J\":1}";
    let token = format!("{}.{}.c2ln", b64(r#"{"alg":"HS256"}"#), b64(claims));
    let out = oidctl().args(["decode", &token]).output().unwrap();
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(!text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("alice\\u{1b}]0;owned"), "{text}");
}
