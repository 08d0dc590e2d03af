use crate::support::*;

#[test]
fn all_claims_as_exact_json() {
    let out = oidctl()
        .args(["claims", &read("tokens/precision.jwt")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = oidctl::jwt::json::Exact::parse(&stdout(&out)).unwrap();
    assert_eq!(doc.to_compact(), read("tokens/precision.payload.json"));
}

#[test]
fn named_claims_one_per_line_strings_raw() {
    let token = read("tokens/precision.jwt");
    let out = oidctl()
        .args([
            "claims",
            &token,
            "sub",
            "big",
            "a.nested",
            "a.nested.2.k",
            "uni",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "alice\n123456789012345678901234567890\n[1,2.50,{\"k\":\"v\"}]\nv\nünïcødé 🎉 é\n"
    );
}

#[test]
fn reads_the_token_from_stdin() {
    let out = oidctl()
        .args(["claims", "-", "tid"])
        .write_stdin(read("tokens/entra-v2.jwt"))
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "72f988bf-86f1-41af-91ab-2d7cd011db47\n");
    let out = oidctl()
        .args(["claims"])
        .write_stdin(read("tokens/rs256.jwt"))
        .output()
        .unwrap();
    assert!(stdout(&out).contains("\"scp\": \"read write\""));
}

#[test]
fn missing_claim_exits_1_with_the_claims_there_are() {
    let out = oidctl()
        .args(["claims", &read("tokens/rs256.jwt"), "sub", "email"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "alice\n");
    let err = stderr(&out);
    assert!(
        err.starts_with("error: no claim email in the token"),
        "{err}"
    );
    assert!(
        err.contains("hint: the token's claims are: iss, aud, sub, iat, nbf, exp, scp"),
        "{err}"
    );
}

#[test]
fn encrypted_and_broken_tokens() {
    let out = oidctl()
        .args(["claims", &read("tokens/jwe.jwt")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("encrypted (JWE)"));
    let out = oidctl().args(["claims", "eyJnope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a JWT"));
    // A word that is no token is a claim name (tests/cli/input.rs): with nothing on stdin,
    // that is what is said.
    let out = oidctl().args(["claims", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no token given"), "{}", stderr(&out));
}
