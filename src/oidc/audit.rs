//! What oidctl makes of a provider's metadata: what it will use (PKCE, the grants, client
//! authentication, ID token algorithms) and the problems in the document, each with why it
//! matters. Pure: a document in, facts out; fetching is [`super::discovery`]'s, printing the
//! command's. Absent fields take their defaults from OpenID Connect Discovery 1.0 §3 and RFC 8414 §2.

use serde::Serialize;
use serde_json::{Map, Value};

use super::discovery::{Source, issuer_matches};
use crate::jwt::keys::Alg;
use crate::net::http::check_url;

pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The endpoints worth showing, as (label, metadata field).
pub const ENDPOINTS: [(&str, &str); 9] = [
    ("authorization", "authorization_endpoint"),
    ("token", "token_endpoint"),
    ("userinfo", "userinfo_endpoint"),
    ("jwks", "jwks_uri"),
    ("revocation", "revocation_endpoint"),
    ("introspection", "introspection_endpoint"),
    ("device_authorization", "device_authorization_endpoint"),
    ("end_session", "end_session_endpoint"),
    (
        "pushed_authorization_request",
        "pushed_authorization_request_endpoint",
    ),
];

/// Ordered from worst to mildest: a report lists errors first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// oidctl cannot work with this provider as it describes itself, or the document is wrong.
    Error,
    /// Something oidctl does will not work, or the document departs from its specification.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding: the metadata field it is about, and a one-line message saying what is wrong
/// and why it matters. Provider text in it is raw: sanitise it before it reaches a terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub field: String,
    pub message: String,
}

/// Token endpoint authentication as oidctl chooses it when `--client-auth` does not say: the
/// bare client_id (a public client) without credentials; with a secret, HTTP Basic unless the
/// provider lists only the form-body method; with a private key, private_key_jwt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientAuth {
    pub without_secret: &'static str,
    pub with_secret: &'static str,
    pub with_key: &'static str,
}

fn client_auth(methods: &[&str]) -> ClientAuth {
    let listed = |m: &str| methods.contains(&m);
    ClientAuth {
        without_secret: "none",
        with_secret: if !listed("client_secret_basic") && listed("client_secret_post") {
            "client_secret_post"
        } else {
            "client_secret_basic"
        },
        with_key: "private_key_jwt",
    }
}

/// What oidctl will use of this provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Uses {
    /// Sent on every authorization request, advertised or not.
    pub pkce: &'static str,
    pub pkce_advertised: bool,
    /// The grant behind `oidctl login`, when the provider offers it.
    pub login: Option<&'static str>,
    /// The grant behind `oidctl login --device`, when the provider offers it.
    pub login_device: Option<&'static str>,
    pub token_endpoint_auth: ClientAuth,
    /// The provider's token endpoint authentication methods (the default when it lists none).
    pub token_endpoint_auth_methods: Vec<String>,
    /// ID token algorithms oidctl can verify with the provider's keys, in the provider's order.
    pub id_token_algs: Vec<&'static str>,
}

pub fn uses(doc: &Map<String, Value>) -> Uses {
    let token = usable(doc, "token_endpoint");
    let code_flow = strings(doc, "response_types_supported").is_none_or(|r| has_code(&r));
    let login = (token
        && usable(doc, "authorization_endpoint")
        && code_flow
        && grants(doc).contains(&"authorization_code"))
    .then_some("authorization_code");
    let login_device =
        (token && usable(doc, "device_authorization_endpoint")).then_some(DEVICE_GRANT);
    let listed = strings(doc, "id_token_signing_alg_values_supported")
        .unwrap_or_else(|| Alg::ALL.map(Alg::name).to_vec());
    let mut id_token_algs: Vec<&'static str> = Vec::new();
    // `EdDSA` and RFC 9864's `Ed25519` are one algorithm to oidctl: listed once.
    for alg in listed.iter().filter_map(|a| verifiable(a)) {
        if !id_token_algs.contains(&alg) {
            id_token_algs.push(alg);
        }
    }
    Uses {
        pkce: "S256",
        pkce_advertised: strings(doc, "code_challenge_methods_supported")
            .is_some_and(|m| m.contains(&"S256")),
        login,
        login_device,
        token_endpoint_auth: client_auth(&auth_methods(doc)),
        token_endpoint_auth_methods: auth_methods(doc).into_iter().map(String::from).collect(),
        id_token_algs,
    }
}

/// The problems in `doc`, fetched for `requested` from the `source` location; errors first.
pub fn problems(doc: &Map<String, Value>, requested: &str, source: Source) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut add = |severity, field: &str, message: String| {
        found.push(Problem {
            severity,
            field: field.to_string(),
            message,
        });
    };
    let oidc = source == Source::OpenidConfiguration;
    use Severity::{Error, Info, Warning};

    match doc.get("issuer").and_then(Value::as_str) {
        None => add(Error, "issuer", "missing: OpenID Connect Discovery and RFC 8414 require it, and oidctl checks every ID token's iss against it".into()),
        Some(stated) if !issuer_matches(stated, requested) => add(Error, "issuer", format!(
            "the document names {stated}, not {requested}: oidctl would reject this provider's ID tokens, and a mismatch can mean a misconfigured or impersonated provider"
        )),
        Some(_) => {}
    }

    for (field, value) in doc {
        if (field.ends_with("_endpoint") || field == "jwks_uri")
            && let Some(message) = url_problem(value)
        {
            add(Error, field, message);
        }
    }
    for (field, severity, message) in [
        (
            "token_endpoint",
            Error,
            "missing: oidctl gets every token there, so it can neither sign in nor refresh",
        ),
        (
            "authorization_endpoint",
            Warning,
            "missing: no browser sign-in (`oidctl login`); only grants without a browser can work",
        ),
        (
            "revocation_endpoint",
            Warning,
            "missing: `oidctl logout` cannot revoke the refresh token, which stays valid at the provider until it expires (RFC 7009)",
        ),
        (
            "device_authorization_endpoint",
            Info,
            "missing: no `oidctl login --device` (RFC 8628) for machines without a browser",
        ),
    ] {
        if absent(doc, field) {
            add(severity, field, message.into());
        }
    }
    if absent(doc, "jwks_uri") {
        if oidc {
            add(Error, "jwks_uri", "missing: OpenID Connect Discovery requires it, and without the provider's keys oidctl cannot verify an ID token, so `oidctl login` fails".into());
        } else {
            add(Warning, "jwks_uri", "missing (optional in RFC 8414): without the provider's keys oidctl cannot verify an ID token, so `oidctl login` fails".into());
        }
    }

    let field = "code_challenge_methods_supported";
    match strings(doc, field) {
        None => add(Warning, field, "not advertised: oidctl sends PKCE S256 anyway, but cannot tell whether the provider enforces it; without PKCE an intercepted authorization code can be redeemed (RFC 7636)".into()),
        Some(m) if !m.contains(&"S256") => add(Error, field, format!(
            "lists {} but not S256: oidctl always sends S256, which this provider may refuse or ignore, leaving an intercepted code redeemable",
            listing(&m)
        )),
        Some(_) => {}
    }

    let field = "response_types_supported";
    match strings(doc, field) {
        None => add(
            Warning,
            field,
            "missing: OpenID Connect Discovery and RFC 8414 require it; oidctl assumes `code`"
                .into(),
        ),
        Some(r) if !has_code(&r) => add(
            Warning,
            field,
            format!(
                "lists {} but not `code`: no authorization code flow, so no browser sign-in (`oidctl login`)",
                listing(&r)
            ),
        ),
        Some(_) => {}
    }

    let field = "grant_types_supported";
    if let Some(g) = strings(doc, field) {
        let missing = |grant: &str| !g.contains(&grant);
        if missing("authorization_code") {
            add(
                Warning,
                field,
                format!(
                    "lists {} but not authorization_code: no browser sign-in (`oidctl login`)",
                    listing(&g)
                ),
            );
        }
        if missing("refresh_token") {
            add(Warning, field, "does not list refresh_token: `oidctl token` cannot renew tokens, so every expiry needs a new sign-in".into());
        }
        if missing(DEVICE_GRANT) && !absent(doc, "device_authorization_endpoint") {
            add(
                Warning,
                field,
                format!(
                    "does not list {DEVICE_GRANT} although a device_authorization_endpoint is published: `oidctl login --device` may be refused"
                ),
            );
        }
    }

    let field = "id_token_signing_alg_values_supported";
    match strings(doc, field) {
        None if oidc => add(Warning, field, "missing: OpenID Connect Discovery requires it; oidctl accepts any algorithm it can verify with the provider's keys".into()),
        None => {}
        Some(algs) => {
            let none = algs.iter().any(|a| a.eq_ignore_ascii_case("none"));
            if none && algs.len() == 1 {
                add(Error, field, "lists only `none`: this provider's ID tokens are unsigned, and oidctl refuses unsigned ID tokens".into());
            } else {
                if none {
                    add(Warning, field, "lists `none`: unsigned ID tokens are possible; oidctl never accepts one".into());
                }
                if !algs.iter().any(|a| verifiable(a).is_some()) {
                    add(Error, field, format!(
                        "oidctl can verify none of {} with the provider's keys (it verifies RS, PS and ES 256/384/512 and EdDSA; HS ID tokens are keyed with the client secret)",
                        listing(&algs)
                    ));
                } else if oidc && !algs.contains(&"RS256") {
                    add(Warning, field, "does not list RS256, which OpenID Connect Discovery requires every provider to support".into());
                }
            }
        }
    }

    let methods = auth_methods(doc);
    const SPOKEN: [&str; 3] = [
        "client_secret_basic",
        "client_secret_post",
        "private_key_jwt",
    ];
    if !absent(doc, "token_endpoint") && !methods.iter().any(|m| SPOKEN.contains(m)) {
        add(
            Warning,
            "token_endpoint_auth_methods_supported",
            format!(
                "lists {} but none of client_secret_basic, client_secret_post and private_key_jwt, which oidctl speaks, so a confidential client may be refused (public clients are not affected)",
                listing(&methods)
            ),
        );
    }

    let field = "scopes_supported";
    if let Some(s) = strings(doc, field)
        && !s.contains(&"openid")
    {
        add(
            Warning,
            field,
            "does not list openid: oidctl asks for it to get an ID token".into(),
        );
    }

    found.sort_by_key(|p| p.severity);
    found
}

/// A field that is missing or null (the two mean the same in metadata).
fn absent(doc: &Map<String, Value>, field: &str) -> bool {
    matches!(doc.get(field), None | Some(Value::Null))
}

/// A field oidctl can call: a URL it accepts (https, or http on loopback).
fn usable(doc: &Map<String, Value>, field: &str) -> bool {
    doc.get(field)
        .and_then(Value::as_str)
        .is_some_and(|u| check_url(u, field).is_ok())
}

/// Why an endpoint's value is unusable, if it is.
fn url_problem(value: &Value) -> Option<String> {
    let text = match value {
        Value::Null => return None,
        Value::String(text) => text,
        other => return Some(format!("is not a URL but {other}: oidctl cannot use it")),
    };
    if check_url(text, "").is_ok() {
        return None;
    }
    Some(match reqwest::Url::parse(text) {
        Err(e) => format!("{text:?} is not a URL ({e}): oidctl cannot use it"),
        Ok(url) if url.scheme() == "http" => format!(
            "{url} is plain http on a non-loopback host: codes and tokens would cross the network unencrypted, so oidctl refuses it"
        ),
        Ok(url) => format!(
            "{url} has scheme {:?}: oidctl talks to providers over https only",
            url.scheme()
        ),
    })
}

/// The strings of a list field; `None` when the field is absent, an empty list when it is no list.
fn strings<'d>(doc: &'d Map<String, Value>, field: &str) -> Option<Vec<&'d str>> {
    match doc.get(field)? {
        Value::Null => None,
        Value::Array(items) => Some(items.iter().filter_map(Value::as_str).collect()),
        _ => Some(Vec::new()),
    }
}

/// grant_types_supported, or its default (OpenID Connect Discovery 1.0 §3, RFC 8414 §2).
fn grants(doc: &Map<String, Value>) -> Vec<&str> {
    strings(doc, "grant_types_supported").unwrap_or_else(|| vec!["authorization_code", "implicit"])
}

/// token_endpoint_auth_methods_supported, or its default.
fn auth_methods(doc: &Map<String, Value>) -> Vec<&str> {
    strings(doc, "token_endpoint_auth_methods_supported")
        .unwrap_or_else(|| vec!["client_secret_basic"])
}

/// Whether the plain `code` response type is among `types` (each a space-separated set).
fn has_code(types: &[&str]) -> bool {
    types
        .iter()
        .any(|t| t.split_whitespace().eq(std::iter::once("code")))
}

/// The algorithm's name when oidctl can verify an ID token signed with it using the provider's
/// JWKS: the asymmetric ones (an HS ID token is keyed with the client secret, not the JWKS).
fn verifiable(name: &str) -> Option<&'static str> {
    match name.parse::<Alg>().ok()? {
        Alg::HS256 | Alg::HS384 | Alg::HS512 => None,
        alg => Some(alg.name()),
    }
}

fn listing(items: &[&str]) -> String {
    if items.is_empty() {
        "nothing".into()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUER: &str = "https://login.example.com";

    /// Metadata with nothing to report.
    fn good() -> Map<String, Value> {
        let v = serde_json::json!({
            "issuer": ISSUER,
            "authorization_endpoint": "https://login.example.com/authorize",
            "token_endpoint": "https://login.example.com/token",
            "jwks_uri": "https://login.example.com/jwks",
            "revocation_endpoint": "https://login.example.com/revoke",
            "device_authorization_endpoint": "https://login.example.com/device",
            "response_types_supported": ["code", "code id_token"],
            "grant_types_supported": ["authorization_code", "refresh_token", DEVICE_GRANT],
            "code_challenge_methods_supported": ["S256"],
            "id_token_signing_alg_values_supported": ["RS256", "ES256", "HS256"],
            "scopes_supported": ["openid", "profile"],
        });
        v.as_object().unwrap().clone()
    }

    fn with(changes: Value) -> Map<String, Value> {
        let mut doc = good();
        for (k, v) in changes.as_object().unwrap() {
            doc.insert(k.clone(), v.clone());
        }
        doc
    }

    fn found(doc: &Map<String, Value>) -> Vec<(Severity, String)> {
        problems(doc, ISSUER, Source::OpenidConfiguration)
            .into_iter()
            .map(|p| (p.severity, p.field))
            .collect()
    }

    fn one(doc: &Map<String, Value>, severity: Severity, field: &str) -> Problem {
        let all = problems(doc, ISSUER, Source::OpenidConfiguration);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!((all[0].severity, all[0].field.as_str()), (severity, field));
        all[0].clone()
    }

    #[test]
    fn good_metadata_has_no_problems() {
        assert_eq!(found(&good()), []);
        let u = uses(&good());
        assert_eq!(u.login, Some("authorization_code"));
        assert_eq!(u.login_device, Some(DEVICE_GRANT));
        assert!(u.pkce_advertised);
        assert_eq!(u.id_token_algs, ["RS256", "ES256"]);
        assert_eq!(u.token_endpoint_auth_methods, ["client_secret_basic"]);
    }

    #[test]
    fn issuer_missing_or_mismatched() {
        let mut doc = good();
        doc.remove("issuer");
        one(&doc, Severity::Error, "issuer");
        let p = one(
            &with(serde_json::json!({"issuer": "https://impostor.example"})),
            Severity::Error,
            "issuer",
        );
        assert!(p.message.contains("https://impostor.example"), "{p:?}");
        assert!(p.message.contains(ISSUER), "{p:?}");
        // A trailing slash and Microsoft's tenant template are the same issuer.
        assert_eq!(
            found(&with(
                serde_json::json!({"issuer": "https://login.example.com/"})
            )),
            []
        );
        let template = with(serde_json::json!({
            "issuer": "https://login.microsoftonline.com/{tenantid}/v2.0"
        }));
        assert_eq!(
            problems(
                &template,
                "https://login.microsoftonline.com/common/v2.0",
                Source::OpenidConfiguration
            ),
            []
        );
    }

    #[test]
    fn endpoints_must_be_https_or_loopback() {
        let p = one(
            &with(serde_json::json!({"token_endpoint": "http://login.example.com/token"})),
            Severity::Error,
            "token_endpoint",
        );
        assert!(p.message.contains("plain http"), "{p:?}");
        assert_eq!(
            uses(&with(
                serde_json::json!({"token_endpoint": "http://login.example.com/token"})
            ))
            .login,
            None
        );
        assert_eq!(
            found(&with(
                serde_json::json!({"token_endpoint": "http://127.0.0.1:8080/token", "jwks_uri": "http://[::1]/jwks"})
            )),
            []
        );
        one(
            &with(serde_json::json!({"userinfo_endpoint": "not a url"})),
            Severity::Error,
            "userinfo_endpoint",
        );
        one(
            &with(serde_json::json!({"introspection_endpoint": 42})),
            Severity::Error,
            "introspection_endpoint",
        );
        one(
            &with(serde_json::json!({"registration_endpoint": "ftp://login.example.com/r"})),
            Severity::Error,
            "registration_endpoint",
        );
    }

    #[test]
    fn pkce_absent_or_without_s256() {
        let mut doc = good();
        doc.remove("code_challenge_methods_supported");
        let p = one(&doc, Severity::Warning, "code_challenge_methods_supported");
        assert!(p.message.starts_with("not advertised"));
        assert!(!uses(&doc).pkce_advertised);
        assert_eq!(uses(&doc).pkce, "S256");
        let p = one(
            &with(serde_json::json!({"code_challenge_methods_supported": ["plain"]})),
            Severity::Error,
            "code_challenge_methods_supported",
        );
        assert!(p.message.contains("lists plain but not S256"), "{p:?}");
    }

    #[test]
    fn missing_endpoints() {
        for (field, severity) in [
            ("token_endpoint", Severity::Error),
            ("jwks_uri", Severity::Error),
            ("authorization_endpoint", Severity::Warning),
            ("revocation_endpoint", Severity::Warning),
            ("device_authorization_endpoint", Severity::Info),
        ] {
            let mut doc = good();
            doc.remove(field);
            if field == "device_authorization_endpoint" {
                // Its grant listed without the endpoint is no problem of its own.
                doc.insert(
                    "grant_types_supported".into(),
                    serde_json::json!(["authorization_code", "refresh_token"]),
                );
            }
            one(&doc, severity, field);
        }
        let mut doc = good();
        doc.remove("authorization_endpoint");
        doc.remove("device_authorization_endpoint");
        let u = uses(&doc);
        assert_eq!((u.login, u.login_device), (None, None));
        // jwks_uri is optional in RFC 8414.
        let mut doc = good();
        doc.remove("jwks_uri");
        let p = problems(&doc, ISSUER, Source::OauthAuthorizationServer);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].severity, Severity::Warning);
        // A null field is an absent one.
        one(
            &with(serde_json::json!({"revocation_endpoint": null})),
            Severity::Warning,
            "revocation_endpoint",
        );
    }

    #[test]
    fn response_and_grant_types() {
        let doc =
            with(serde_json::json!({"response_types_supported": ["id_token", "code id_token"]}));
        one(&doc, Severity::Warning, "response_types_supported");
        assert_eq!(uses(&doc).login, None);
        let mut doc = good();
        doc.remove("response_types_supported");
        one(&doc, Severity::Warning, "response_types_supported");
        assert_eq!(uses(&doc).login, Some("authorization_code"));

        // Absent: the default authorization_code and implicit, which is fine for oidctl.
        let mut doc = good();
        doc.remove("grant_types_supported");
        assert_eq!(found(&doc), []);
        assert_eq!(uses(&doc).login, Some("authorization_code"));
        let doc = with(
            serde_json::json!({"grant_types_supported": ["client_credentials", "refresh_token", DEVICE_GRANT]}),
        );
        one(&doc, Severity::Warning, "grant_types_supported");
        assert_eq!(uses(&doc).login, None);
        one(
            &with(
                serde_json::json!({"grant_types_supported": ["authorization_code", DEVICE_GRANT]}),
            ),
            Severity::Warning,
            "grant_types_supported",
        );
        let p = one(
            &with(
                serde_json::json!({"grant_types_supported": ["authorization_code", "refresh_token"]}),
            ),
            Severity::Warning,
            "grant_types_supported",
        );
        assert!(p.message.contains(DEVICE_GRANT));
    }

    #[test]
    fn id_token_algorithms() {
        let field = "id_token_signing_alg_values_supported";
        one(
            &with(serde_json::json!({field: ["none"]})),
            Severity::Error,
            field,
        );
        let p = one(
            &with(serde_json::json!({field: ["RS256", "none"]})),
            Severity::Warning,
            field,
        );
        assert!(p.message.contains("`none`"));
        one(
            &with(serde_json::json!({field: ["HS256"]})),
            Severity::Error,
            field,
        );
        one(
            &with(serde_json::json!({field: ["ES256"]})),
            Severity::Warning,
            field,
        );
        assert_eq!(
            uses(&with(
                serde_json::json!({field: ["ES256", "Ed25519", "ES256K"]})
            ))
            .id_token_algs,
            ["ES256", "EdDSA"]
        );
        let mut doc = good();
        doc.remove(field);
        one(&doc, Severity::Warning, field);
        assert!(problems(&doc, ISSUER, Source::OauthAuthorizationServer).is_empty());
        assert_eq!(uses(&doc).id_token_algs.len(), 10);
    }

    #[test]
    fn client_authentication() {
        let field = "token_endpoint_auth_methods_supported";
        assert_eq!(
            found(&with(
                serde_json::json!({field: ["client_secret_basic", "private_key_jwt"]})
            )),
            []
        );
        let doc = with(serde_json::json!({field: ["client_secret_post", "private_key_jwt"]}));
        assert_eq!(found(&doc), []);
        assert_eq!(
            uses(&doc).token_endpoint_auth.with_secret,
            "client_secret_post"
        );
        let doc = with(serde_json::json!({field: ["tls_client_auth", "client_secret_jwt"]}));
        let p = one(&doc, Severity::Warning, field);
        assert!(
            p.message.contains("tls_client_auth, client_secret_jwt"),
            "{p:?}"
        );
        assert_eq!(
            uses(&doc).token_endpoint_auth.with_secret,
            "client_secret_basic"
        );
    }

    #[test]
    fn openid_scope() {
        one(
            &with(serde_json::json!({"scopes_supported": ["profile"]})),
            Severity::Warning,
            "scopes_supported",
        );
    }

    #[test]
    fn errors_come_first() {
        let mut doc = with(serde_json::json!({"issuer": "https://other.example"}));
        doc.remove("revocation_endpoint");
        doc.remove("device_authorization_endpoint");
        let severities: Vec<Severity> = problems(&doc, ISSUER, Source::OpenidConfiguration)
            .iter()
            .map(|p| p.severity)
            .collect();
        assert_eq!(
            severities,
            [Severity::Error, Severity::Warning, Severity::Info]
        );
    }
}
