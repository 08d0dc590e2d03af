//! Who can sign in (the built-in users, or those of `--claims FILE`) and what the tokens say
//! about them: the claims of ID tokens, access tokens and userinfo answers, shaped by a preset
//! (`plain` OpenID Connect and RFC 9068, `entra` like Microsoft's v2.0 tokens, `keycloak` like
//! a Keycloak realm's). Pure: the caller passes the time and the token IDs.

use std::path::Path;

use base64::Engine as _;
use serde_json::{Map, Value, json};

use crate::base::error::{Error, Result};
use crate::jwt::token::B64;

/// The token shapes `oidctl serve` can imitate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Preset {
    /// OpenID Connect Core claims; access tokens as RFC 9068 JWTs (typ at+jwt)
    Plain,
    /// Microsoft Entra ID v2.0: tid, oid, scp, roles, ver, azp, pairwise sub
    Entra,
    /// Keycloak: realm issuer, typ, azp, realm_access.roles, preferred_username
    Keycloak,
}

/// The made-up tenant of `--preset entra` (not a real Microsoft tenant).
pub const DEV_TENANT: &str = "7d1e5b4a-0000-4000-8000-0000000de7e1";

impl Preset {
    pub fn name(self) -> &'static str {
        match self {
            Preset::Plain => "plain",
            Preset::Entra => "entra",
            Preset::Keycloak => "keycloak",
        }
    }

    /// The issuer's path, as the real provider's issuers look.
    pub fn issuer_path(self) -> String {
        match self {
            Preset::Plain => String::new(),
            Preset::Entra => format!("/{DEV_TENANT}/v2.0"),
            Preset::Keycloak => "/realms/dev".into(),
        }
    }
}

/// Someone who can sign in.
#[derive(Debug, Clone)]
pub struct User {
    pub name: String,
    /// The user's own claims (profile, email, roles, groups, anything else).
    pub claims: Map<String, Value>,
}

impl User {
    /// A one-line description for the banner and the sign-in page.
    pub fn label(&self) -> String {
        match self.claims.get("name").and_then(Value::as_str) {
            Some(n) => format!("{} ({n})", self.name),
            None => self.name.clone(),
        }
    }
}

/// alice and bob, with profile, email, roles and groups.
pub fn builtin_users() -> Vec<User> {
    let user = |name: &str, given: &str, roles: Value, groups: Value| User {
        name: name.into(),
        claims: match json!({
            "name": format!("{given} Example"),
            "given_name": given,
            "family_name": "Example",
            "preferred_username": name,
            "email": format!("{name}@example.com"),
            "email_verified": true,
            "roles": roles,
            "groups": groups,
        }) {
            Value::Object(m) => m,
            _ => Map::new(),
        },
    };
    vec![
        user(
            "alice",
            "Alice",
            json!(["admin"]),
            json!(["developers", "admins"]),
        ),
        user("bob", "Bob", json!(["reader"]), json!(["developers"])),
    ]
}

/// Claims that are the provider's to set; a claims file may not override them.
const RESERVED: [&str; 17] = [
    "iss",
    "aud",
    "exp",
    "iat",
    "nbf",
    "jti",
    "nonce",
    "azp",
    "auth_time",
    "sid",
    "at_hash",
    "scope",
    "scp",
    "client_id",
    "tid",
    "ver",
    "typ",
];

/// The users of a claims file: `{"users": {"NAME": {CLAIM: VALUE, …}, …}}`, in file order.
pub fn load_users(path: &Path) -> Result<Vec<User>> {
    let bytes = crate::base::fs::read_limited(path, "claims file")?;
    let shown = path.display();
    let doc: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Error::usage(format!("the claims file {shown} is not JSON")).caused_by(e))?;
    let users = doc
        .get("users")
        .and_then(Value::as_object)
        .filter(|u| !u.is_empty())
        .ok_or_else(|| {
            Error::usage(format!("the claims file {shown} has no users")).with_hint(
                r#"write {"users": {"carol": {"email": "carol@example.com", "roles": ["admin"]}}}"#,
            )
        })?;
    let mut out = Vec::new();
    for (name, claims) in users {
        if name.is_empty() || name.len() > 64 || name.chars().any(char::is_control) {
            return Err(Error::usage(format!(
                "the claims file {shown} has a user name that is empty, too long or not printable"
            )));
        }
        let Value::Object(claims) = claims else {
            return Err(Error::usage(format!(
                "in {shown}, user {name:?} must be an object of claims"
            )));
        };
        if let Some(bad) = RESERVED.iter().find(|r| claims.contains_key(**r)) {
            return Err(Error::usage(format!(
                "in {shown}, user {name:?} sets {bad}, which the provider sets itself"
            ))
            .with_hint(format!("reserved: {}", RESERVED.join(", "))));
        }
        out.push(User {
            name: name.clone(),
            claims: claims.clone(),
        });
    }
    Ok(out)
}

/// What a token is about: a user's sign-in, or a client acting as itself.
pub struct Grant<'a> {
    pub client_id: &'a str,
    /// `None` for the client credentials grant.
    pub user: Option<&'a User>,
    pub scopes: &'a [String],
    /// `audience` and `resource` parameters.
    pub audience: &'a [String],
    /// Whether the client authenticated (Entra's `azpacr`).
    pub confidential: bool,
    pub sid: Option<&'a str>,
    pub auth_time: Option<i64>,
}

/// Times and IDs of one token.
pub struct Stamp<'a> {
    pub issuer: &'a str,
    pub now: i64,
    pub ttl: u64,
    pub jti: &'a str,
}

/// OpenID Connect Core §5.4: the standard claims each scope releases. Other claims (roles,
/// groups, anything a claims file adds) are always released.
const SCOPED: [(&str, &[&str]); 4] = [
    (
        "profile",
        &[
            "name",
            "family_name",
            "given_name",
            "middle_name",
            "nickname",
            "preferred_username",
            "profile",
            "picture",
            "website",
            "gender",
            "birthdate",
            "zoneinfo",
            "locale",
            "updated_at",
        ],
    ),
    ("email", &["email", "email_verified"]),
    ("address", &["address"]),
    ("phone", &["phone_number", "phone_number_verified"]),
];

fn released(name: &str, scopes: &[String]) -> bool {
    match SCOPED.iter().find(|(_, claims)| claims.contains(&name)) {
        Some((scope, _)) => scopes.iter().any(|s| s == scope),
        None => true,
    }
}

/// The user's claims the scopes release (not `sub`, which is the provider's).
fn user_claims(user: &User, scopes: &[String]) -> Map<String, Value> {
    user.claims
        .iter()
        .filter(|(k, _)| *k != "sub" && *k != "oid" && released(k, scopes))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// A stable GUID-shaped ID derived from `seed` (Entra's `oid`).
fn guid(seed: &str) -> String {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, seed.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&d.as_ref()[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The subject: a claims file's `sub`, else the user name; Entra's is pairwise per client.
pub fn subject(preset: Preset, user: &User, client_id: &str) -> String {
    if let Some(sub) = user.claims.get("sub").and_then(Value::as_str) {
        return sub.to_string();
    }
    match preset {
        Preset::Entra => {
            let d = aws_lc_rs::digest::digest(
                &aws_lc_rs::digest::SHA256,
                format!("{}\n{client_id}", user.name).as_bytes(),
            );
            B64.encode(d.as_ref())
        }
        Preset::Plain | Preset::Keycloak => user.name.clone(),
    }
}

fn oid(user: &User) -> String {
    user.claims
        .get("oid")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| guid(&format!("oidctl serve user {}", user.name)))
}

/// The OpenID Connect scopes, which name no API.
const OIDC_SCOPES: [&str; 6] = [
    "openid",
    "profile",
    "email",
    "address",
    "phone",
    "offline_access",
];

/// Entra's audience and `scp`: `api://my-api/read` is permission `read` of API `api://my-api`.
fn entra_api(g: &Grant<'_>) -> (Option<String>, Vec<String>) {
    let mut api = None;
    let mut scp = Vec::new();
    for s in g
        .scopes
        .iter()
        .filter(|s| !OIDC_SCOPES.contains(&s.as_str()))
    {
        match s.rsplit_once('/') {
            Some((resource, name)) if !resource.is_empty() => {
                api.get_or_insert_with(|| resource.to_string());
                if name != ".default" {
                    scp.push(name.to_string());
                }
            }
            _ => scp.push(s.clone()),
        }
    }
    (api, scp)
}

fn audience_value(list: &[String]) -> Value {
    match list {
        [one] => one.as_str().into(),
        many => many.into(),
    }
}

fn put(map: &mut Map<String, Value>, key: &str, value: impl Into<Value>) {
    map.insert(key.to_string(), value.into());
}

/// The access token's claims (and its `typ` header).
pub fn access_token(preset: Preset, g: &Grant<'_>, t: &Stamp<'_>) -> (Value, &'static str) {
    let mut c = Map::new();
    let scope = g.scopes.join(" ");
    let sub = g.user.map(|u| subject(preset, u, g.client_id));
    put(&mut c, "iss", t.issuer);
    match preset {
        Preset::Plain => {
            let aud = if g.audience.is_empty() {
                g.client_id.into()
            } else {
                audience_value(g.audience)
            };
            put(
                &mut c,
                "sub",
                sub.unwrap_or_else(|| g.client_id.to_string()),
            );
            put(&mut c, "aud", aud);
            put(&mut c, "client_id", g.client_id);
            put(&mut c, "scope", scope);
        }
        Preset::Keycloak => {
            let aud = if g.audience.is_empty() {
                "account".into()
            } else {
                audience_value(g.audience)
            };
            put(&mut c, "aud", aud);
            put(
                &mut c,
                "sub",
                sub.unwrap_or_else(|| guid(&format!("service-account {}", g.client_id))),
            );
            put(&mut c, "typ", "Bearer");
            put(&mut c, "azp", g.client_id);
            put(&mut c, "scope", scope);
        }
        Preset::Entra => {
            let (api, scp) = entra_api(g);
            let aud = match (g.audience.first(), api) {
                (Some(a), _) => a.clone(),
                (None, Some(api)) => api,
                (None, None) => g.client_id.to_string(),
            };
            put(&mut c, "aud", aud);
            put(&mut c, "azp", g.client_id);
            put(&mut c, "azpacr", if g.confidential { "1" } else { "0" });
            match g.user {
                Some(u) => {
                    put(&mut c, "oid", oid(u));
                    if let Some(sub) = sub {
                        put(&mut c, "sub", sub);
                    }
                    if !scp.is_empty() {
                        put(&mut c, "scp", scp.join(" "));
                    }
                }
                None => {
                    let app = guid(&format!("oidctl serve app {}", g.client_id));
                    put(&mut c, "oid", app.clone());
                    put(&mut c, "sub", app);
                    put(&mut c, "idtyp", "app");
                }
            }
            put(&mut c, "tid", DEV_TENANT);
            put(&mut c, "uti", t.jti);
            put(&mut c, "ver", "2.0");
        }
    }
    stamp(&mut c, t);
    if let Some(sid) = g.sid {
        put(&mut c, "sid", sid);
    }
    if let (Some(at), Some(_)) = (g.auth_time, g.user) {
        put(&mut c, "auth_time", at);
    }
    if let Some(u) = g.user {
        add_user(&mut c, preset, u, g.scopes);
    }
    let typ = match preset {
        Preset::Plain => "at+jwt",
        Preset::Entra | Preset::Keycloak => "JWT",
    };
    (Value::Object(c), typ)
}

fn stamp(c: &mut Map<String, Value>, t: &Stamp<'_>) {
    put(c, "iat", t.now);
    put(c, "nbf", t.now);
    put(c, "exp", t.now.saturating_add(t.ttl as i64));
    put(c, "jti", t.jti);
}

/// The user's released claims; Keycloak keeps roles under `realm_access`.
fn add_user(c: &mut Map<String, Value>, preset: Preset, user: &User, scopes: &[String]) {
    for (k, v) in user_claims(user, scopes) {
        if preset == Preset::Keycloak && k == "roles" {
            c.insert("realm_access".into(), json!({ "roles": v }));
        } else {
            c.entry(k).or_insert(v);
        }
    }
}

/// The ID token's claims (OpenID Connect Core §2, §3.1.3.6).
pub fn id_token(
    preset: Preset,
    g: &Grant<'_>,
    t: &Stamp<'_>,
    nonce: Option<&str>,
    access_token: &str,
) -> Option<Value> {
    let user = g.user?;
    let mut c = Map::new();
    put(&mut c, "iss", t.issuer);
    put(&mut c, "sub", subject(preset, user, g.client_id));
    put(&mut c, "aud", g.client_id);
    put(&mut c, "azp", g.client_id);
    stamp(&mut c, t);
    if let Some(at) = g.auth_time {
        put(&mut c, "auth_time", at);
    }
    if let Some(n) = nonce {
        put(&mut c, "nonce", n);
    }
    if let Some(sid) = g.sid {
        put(&mut c, "sid", sid);
    }
    // §3.1.3.6: the left half of the SHA-256 of the access token.
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, access_token.as_bytes());
    put(&mut c, "at_hash", B64.encode(&d.as_ref()[..16]));
    match preset {
        Preset::Entra => {
            put(&mut c, "oid", oid(user));
            put(&mut c, "tid", DEV_TENANT);
            put(&mut c, "ver", "2.0");
        }
        Preset::Keycloak => put(&mut c, "typ", "ID"),
        Preset::Plain => {}
    }
    add_user(&mut c, preset, user, g.scopes);
    Some(Value::Object(c))
}

/// The userinfo answer: `sub` and the claims the scopes release.
pub fn userinfo(preset: Preset, user: &User, client_id: &str, scopes: &[String]) -> Value {
    let mut c = Map::new();
    put(&mut c, "sub", subject(preset, user, client_id));
    add_user(&mut c, preset, user, scopes);
    Value::Object(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant<'a>(user: Option<&'a User>, scopes: &'a [String]) -> Grant<'a> {
        Grant {
            client_id: "app",
            user,
            scopes,
            audience: &[],
            confidential: false,
            sid: Some("s1"),
            auth_time: Some(5),
        }
    }

    const STAMP: Stamp<'static> = Stamp {
        issuer: "http://127.0.0.1:1",
        now: 100,
        ttl: 300,
        jti: "j1",
    };

    #[test]
    fn scopes_release_standard_claims_only_when_asked() {
        let alice = &builtin_users()[0];
        let scopes = vec!["openid".to_string()];
        let c = id_token(
            Preset::Plain,
            &grant(Some(alice), &scopes),
            &STAMP,
            Some("n"),
            "at",
        )
        .unwrap();
        assert_eq!(c["sub"], "alice");
        assert_eq!(c["nonce"], "n");
        assert_eq!(c["exp"], 400);
        assert!(c.get("email").is_none(), "{c}");
        assert_eq!(
            c["roles"],
            json!(["admin"]),
            "roles are not a standard claim"
        );
        let scopes = vec!["openid".to_string(), "email".into()];
        let c = userinfo(Preset::Plain, alice, "app", &scopes);
        assert_eq!(c["email"], "alice@example.com");
        assert!(c.get("name").is_none());
    }

    #[test]
    fn entra_shapes_like_microsoft_v2() {
        let alice = &builtin_users()[0];
        let scopes = vec![
            "openid".to_string(),
            "api://my-api/Files.Read".into(),
            "offline_access".into(),
        ];
        let (c, typ) = access_token(Preset::Entra, &grant(Some(alice), &scopes), &STAMP);
        assert_eq!(typ, "JWT");
        assert_eq!(c["aud"], "api://my-api");
        assert_eq!(c["scp"], "Files.Read");
        assert_eq!(c["tid"], DEV_TENANT);
        assert_eq!(c["ver"], "2.0");
        assert_eq!(c["azpacr"], "0");
        assert!(crate::jwt::verify::is_tenant_id(DEV_TENANT));
        assert!(crate::jwt::verify::is_tenant_id(c["oid"].as_str().unwrap()));
        assert_eq!(
            c["sub"].as_str().unwrap().len(),
            43,
            "pairwise, like Entra's"
        );
        let app = access_token(Preset::Entra, &grant(None, &[]), &STAMP).0;
        assert_eq!(app["idtyp"], "app");
        assert_eq!(app["sub"], app["oid"]);
    }

    #[test]
    fn keycloak_keeps_roles_in_realm_access() {
        let bob = &builtin_users()[1];
        let scopes = vec!["openid".to_string()];
        let (c, _) = access_token(Preset::Keycloak, &grant(Some(bob), &scopes), &STAMP);
        assert_eq!(c["realm_access"]["roles"], json!(["reader"]));
        assert_eq!(c["typ"], "Bearer");
        assert_eq!(c["aud"], "account");
    }

    #[test]
    fn claims_files_may_not_set_protocol_claims() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, r#"{"users":{"carol":{"email":"c@x","iss":"evil"}}}"#).unwrap();
        let e = load_users(&path).unwrap_err();
        assert!(e.message.contains("sets iss"), "{}", e.message);
        std::fs::write(&path, r#"{"users":{"carol":{"email":"c@x","sub":"c-1"}}}"#).unwrap();
        let users = load_users(&path).unwrap();
        assert_eq!(subject(Preset::Plain, &users[0], "app"), "c-1");
    }
}
