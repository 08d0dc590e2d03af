//! The provider's other endpoints: discovery metadata (OpenID Connect Discovery, RFC 8414),
//! userinfo (OpenID Connect Core §5.3), introspection (RFC 7662), revocation (RFC 7009) and
//! end-session (OpenID Connect RP-Initiated Logout).

use serde_json::{Map, Value, json};

use super::Provider;
use super::authorize::redirect_allowed;
use super::claims;
use super::pages;
use super::request::{Call, Client, Reply, authenticate, bearer};
use crate::jwt::verify;

pub fn discovery(p: &Provider) -> Reply {
    let u = |path: &str| p.url(path);
    let auth_methods = json!(["client_secret_basic", "client_secret_post", "none"]);
    Reply::json(
        200,
        &json!({
            "issuer": p.issuer,
            "authorization_endpoint": u("/authorize"),
            "token_endpoint": u("/token"),
            "userinfo_endpoint": u("/userinfo"),
            "jwks_uri": u("/jwks"),
            "introspection_endpoint": u("/introspect"),
            "revocation_endpoint": u("/revoke"),
            "end_session_endpoint": u("/logout"),
            "device_authorization_endpoint": u("/device_authorization"),
            "scopes_supported": ["openid", "profile", "email", "address", "phone", "offline_access"],
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": [
                "authorization_code",
                "refresh_token",
                "client_credentials",
                super::device::GRANT_TYPE,
            ],
            "subject_types_supported": [match p.opts.preset {
                claims::Preset::Entra => "pairwise",
                _ => "public",
            }],
            "id_token_signing_alg_values_supported": [p.opts.alg.name()],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": auth_methods,
            "introspection_endpoint_auth_methods_supported": auth_methods,
            "revocation_endpoint_auth_methods_supported": auth_methods,
            "claims_supported": [
                "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "sid", "at_hash", "azp",
                "name", "given_name", "family_name", "preferred_username", "email", "email_verified",
            ],
            "authorization_response_iss_parameter_supported": true,
            "request_parameter_supported": false,
            "request_uri_parameter_supported": false,
        }),
    )
}

/// The claims of a JWT this provider signed (any lifetime; liveness is the state's to say).
fn own_token(p: &Provider, token: &str) -> Option<Map<String, Value>> {
    verify::verify_signature_only(token, &p.verifier).ok()?;
    let jws = crate::jwt::token::parse_jws(token).ok()?;
    let claims: Map<String, Value> = serde_json::from_slice(&jws.payload).ok()?;
    (claims.get("iss").and_then(Value::as_str) == Some(p.issuer.as_str())).then_some(claims)
}

fn jti(claims: &Map<String, Value>) -> &str {
    claims.get("jti").and_then(Value::as_str).unwrap_or("")
}

/// RFC 6750 §3: a 401 with the reason in `WWW-Authenticate`.
fn bearer_error(error: Option<&str>, description: &str) -> Reply {
    let challenge = match error {
        Some(e) => format!("Bearer error=\"{e}\", error_description=\"{description}\""),
        None => "Bearer".to_string(),
    };
    Reply::error(401, error.unwrap_or("invalid_request"), description)
        .header("WWW-Authenticate", challenge)
}

pub fn userinfo(p: &Provider, call: &Call) -> Reply {
    let Some(token) = bearer(call) else {
        return bearer_error(None, "send the access token as a bearer token");
    };
    let now = crate::base::clock::now();
    let Some(claims) = own_token(p, token) else {
        return bearer_error(
            Some("invalid_token"),
            "the token was not issued by this provider",
        );
    };
    let s = p.state();
    if !s.access_live(jti(&claims), now) {
        return bearer_error(
            Some("invalid_token"),
            "the token has expired or was revoked",
        );
    }
    let Some(access) = s.access.get(jti(&claims)) else {
        return bearer_error(Some("invalid_token"), "unknown token");
    };
    let Some(user) = access.user.and_then(|u| p.opts.users.get(u)) else {
        return bearer_error(
            Some("invalid_token"),
            "this token is a client's, not a user's",
        );
    };
    if !access.scopes.iter().any(|s| s == "openid") {
        return Reply::error(403, "insufficient_scope", "userinfo needs the openid scope").header(
            "WWW-Authenticate",
            "Bearer error=\"insufficient_scope\", scope=\"openid\"",
        );
    }
    Reply::json(
        200,
        &claims::userinfo(p.opts.preset, user, &access.client_id, &access.scopes),
    )
}

/// The authenticated client and the `token` parameter of an introspection or revocation.
fn client_and_token<'c>(p: &Provider, call: &'c Call) -> Result<(Client, &'c str), Reply> {
    Ok((
        authenticate(call, &p.opts.clients)?,
        call.params.require("token")?,
    ))
}

pub fn introspect(p: &Provider, call: &Call) -> Result<Reply, Reply> {
    let (client, token) = client_and_token(p, call)?;
    Ok(Reply::json(200, &introspection(p, &client, token)))
}

/// RFC 7662 §2.2. A confidential client may ask about any token; a public one, about its own.
fn introspection(p: &Provider, client: &Client, token: &str) -> Value {
    let now = crate::base::clock::now();
    let inactive = json!({ "active": false });
    let may_see = |owner: &str| client.confidential || owner == client.id;
    let s = p.state();
    if let Some(claims) = own_token(p, token) {
        let Some(access) = s.access.get(jti(&claims)) else {
            return inactive;
        };
        if !s.access_live(jti(&claims), now) || !may_see(&access.client_id) {
            return inactive;
        }
        let mut answer = claims;
        answer.insert("active".into(), true.into());
        answer.insert("token_type".into(), "Bearer".into());
        answer.insert("client_id".into(), access.client_id.clone().into());
        answer.insert("scope".into(), access.scopes.join(" ").into());
        if let Some(u) = access.user.and_then(|u| p.opts.users.get(u)) {
            answer.insert("username".into(), u.name.clone().into());
        }
        return Value::Object(answer);
    }
    let Some(refresh) = s.refresh.get(token) else {
        return inactive;
    };
    let Some(family) = s.families.get(&refresh.family) else {
        return inactive;
    };
    if refresh.rotated || !s.family_live(&refresh.family, now) || !may_see(&family.client_id) {
        return inactive;
    }
    let Some(user) = p.opts.users.get(family.user) else {
        return inactive;
    };
    json!({
        "active": true,
        "token_type": "refresh_token",
        "client_id": family.client_id,
        "scope": refresh.scopes.join(" "),
        "sub": claims::subject(p.opts.preset, user, &family.client_id),
        "username": user.name,
        "iss": p.issuer,
        "exp": family.expires,
        "iat": family.auth_time,
    })
}

pub fn revoke(p: &Provider, call: &Call) -> Result<Reply, Reply> {
    let (client, token) = client_and_token(p, call)?;
    let jti = own_token(p, token).map(|c| jti(&c).to_string());
    let mut s = p.state();
    // RFC 7009 §2.2: revoking a refresh token ends its sign-in, access tokens included.
    let family = s
        .refresh
        .get(token)
        .map(|r| r.family.clone())
        .filter(|f| s.families.get(f).is_some_and(|f| f.client_id == client.id));
    if let Some(f) = family {
        s.revoke_family(&f);
    } else if let Some(a) = jti
        .and_then(|j| s.access.get_mut(&j))
        .filter(|a| a.client_id == client.id)
    {
        a.revoked = true;
    }
    // §2.2: the answer is 200 for an unknown or foreign token too.
    Ok(Reply::json(200, &json!({})))
}

/// RP-initiated logout: ends the sign-in named by `id_token_hint` (its refresh tokens stop
/// working), then returns to `post_logout_redirect_uri` when it is an allowed one.
pub fn logout(p: &Provider, call: &Call) -> Reply {
    let get = |name: &str| call.params.get(name).ok().flatten();
    if let Some(claims) = get("id_token_hint").and_then(|t| own_token(p, t))
        && let Some(sid) = claims.get("sid").and_then(Value::as_str)
    {
        p.state().revoke_family(sid);
    }
    match get("post_logout_redirect_uri") {
        Some(uri) if redirect_allowed(p, uri) => {
            let mut url = match url::Url::parse(uri) {
                Ok(u) => u,
                Err(_) => return pages::message(400, "Signed out", "You are signed out."),
            };
            if let Some(state) = get("state") {
                url.query_pairs_mut().append_pair("state", state);
            }
            Reply::redirect(url.as_str())
        }
        Some(_) => pages::message(
            400,
            "Signed out",
            "You are signed out. The post_logout_redirect_uri is not an allowed one, so you stay here.",
        ),
        None => pages::message(
            200,
            "Signed out",
            "You are signed out. You can close this page.",
        ),
    }
}
