//! The token endpoint (RFC 6749 §3.2): the authorization code grant with PKCE S256 (RFC 7636),
//! refresh with rotation, client credentials, and the device code grant (in device.rs); and how
//! a grant becomes a token answer (JWT access token, ID token, refresh token).

use serde_json::json;

use super::claims::{self, Grant, Stamp};
use super::request::{Call, Client, Reply, authenticate};
use super::state::{Access, Family, Refresh, SESSION_TTL, State, random};
use super::{Provider, device};
use crate::jwt::token::B64;
use base64::Engine as _;

pub fn handle(p: &Provider, call: &Call) -> Reply {
    let client = match authenticate(call, &p.opts.clients) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let result = match call.params.get("grant_type") {
        Ok(Some("authorization_code")) => code(p, call, &client),
        Ok(Some("refresh_token")) => refresh(p, call, &client),
        Ok(Some("client_credentials")) => client_credentials(p, call, &client),
        Ok(Some(device::GRANT_TYPE)) => device::poll(p, call, &client),
        Ok(Some(_)) => Err(Reply::error(
            400,
            "unsupported_grant_type",
            "offered: authorization_code, refresh_token, client_credentials, device_code",
        )),
        Ok(None) => Err(Reply::error(
            400,
            "invalid_request",
            "the parameter grant_type is missing",
        )),
        Err(reply) => Err(reply),
    };
    result.unwrap_or_else(|reply| reply)
}

pub fn invalid_grant(why: &str) -> Reply {
    Reply::error(400, "invalid_grant", why)
}

/// What to issue tokens for.
pub struct Issue<'a> {
    pub client: &'a Client,
    pub user: Option<usize>,
    pub scopes: &'a [String],
    pub audience: &'a [String],
    /// The sign-in session (family): its ID is the `sid`; a refresh token is issued in it.
    pub family: Option<&'a str>,
    pub auth_time: Option<i64>,
    pub nonce: Option<&'a str>,
}

/// The token answer (RFC 6749 §5.1): a JWT access token; an ID token for a user who granted
/// `openid`; a refresh token for a sign-in session.
pub fn issue(p: &Provider, s: &mut State, i: &Issue<'_>) -> Result<Reply, Reply> {
    let now = crate::base::clock::now();
    let o = &p.opts;
    let user = i.user.and_then(|u| o.users.get(u));
    let grant = Grant {
        client_id: &i.client.id,
        user,
        scopes: i.scopes,
        audience: i.audience,
        confidential: i.client.confidential,
        sid: i.family,
        auth_time: i.auth_time,
    };
    let jti = random(16).ok_or_else(Reply::server_error)?;
    let stamp = |jti| Stamp {
        issuer: &p.issuer,
        now,
        ttl: o.token_ttl,
        jti,
    };
    let (claims, typ) = claims::access_token(o.preset, &grant, &stamp(&jti));
    let sign_failed = || Reply::error(500, "server_error", "signing the token failed");
    let access_token = o.keys.sign(o.alg, typ, &claims).ok_or_else(sign_failed)?;
    let mut body = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": o.token_ttl,
        "scope": i.scopes.join(" "),
    });
    if i.scopes.iter().any(|s| s == "openid") {
        let id_jti = random(16).ok_or_else(Reply::server_error)?;
        if let Some(claims) =
            claims::id_token(o.preset, &grant, &stamp(&id_jti), i.nonce, &access_token)
        {
            body["id_token"] = o
                .keys
                .sign(o.alg, "JWT", &claims)
                .ok_or_else(sign_failed)?
                .into();
        }
    }
    if let Some(family) = i.family {
        let rt = random(32).ok_or_else(Reply::server_error)?;
        s.refresh.insert(
            rt.clone(),
            Refresh {
                family: family.to_string(),
                rotated: false,
                scopes: i.scopes.to_vec(),
            },
        );
        body["refresh_token"] = rt.into();
    }
    s.access.insert(
        jti,
        Access {
            family: i.family.map(str::to_string),
            client_id: i.client.id.clone(),
            user: i.user,
            scopes: i.scopes.to_vec(),
            exp: now.saturating_add(o.token_ttl as i64),
            revoked: false,
        },
    );
    Ok(Reply::json(200, &body))
}

/// Starts a sign-in session for `i.user` (with `i.auth_time`) and issues its first tokens.
pub fn sign_in(p: &Provider, s: &mut State, i: Issue<'_>) -> Result<(String, Reply), Reply> {
    let family = random(16).ok_or_else(Reply::server_error)?;
    s.families.insert(
        family.clone(),
        Family {
            user: i.user.unwrap_or_default(),
            client_id: i.client.id.clone(),
            audience: i.audience.to_vec(),
            auth_time: i.auth_time.unwrap_or_default(),
            expires: crate::base::clock::now() + SESSION_TTL,
            revoked: false,
        },
    );
    let reply = issue(
        p,
        s,
        &Issue {
            family: Some(&family),
            ..i
        },
    )?;
    Ok((family, reply))
}

fn code(p: &Provider, call: &Call, client: &Client) -> Result<Reply, Reply> {
    let params = &call.params;
    let code = params.require("code")?;
    let redirect_uri = params.get("redirect_uri")?;
    let verifier = params.get("code_verifier")?;
    let mut s = p.state();
    // Single use: the code is gone from here on, whatever the outcome.
    let Some(grant) = s.codes.remove(code) else {
        if let Some((family, _)) = s.used_codes.get(code).cloned() {
            s.revoke_family(&family);
            return Err(invalid_grant(
                "the code was already used; the tokens issued for it are revoked",
            ));
        }
        return Err(invalid_grant(
            "the code is unknown or has expired (codes live 60 s)",
        ));
    };
    let request = &grant.request;
    if request.client_id != client.id {
        return Err(invalid_grant("the code was issued to another client"));
    }
    if redirect_uri != Some(request.redirect_uri.as_str()) {
        return Err(invalid_grant(
            "redirect_uri is not the one of the authorization request",
        ));
    }
    let verifier = verifier.ok_or_else(|| {
        Reply::error(
            400,
            "invalid_request",
            "code_verifier is missing (PKCE is required)",
        )
    })?;
    // RFC 7636 §4.1 and §4.6.
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
    let computed = B64.encode(digest.as_ref());
    if !well_formed
        || aws_lc_rs::constant_time::verify_slices_are_equal(
            computed.as_bytes(),
            request.code_challenge.as_bytes(),
        )
        .is_err()
    {
        return Err(invalid_grant(
            "code_verifier does not match the code_challenge (PKCE)",
        ));
    }
    let (family, reply) = sign_in(
        p,
        &mut s,
        Issue {
            client,
            user: Some(grant.user),
            scopes: &request.scopes,
            audience: &request.audience,
            family: None,
            auth_time: Some(grant.auth_time),
            nonce: request.nonce.as_deref(),
        },
    )?;
    s.used_codes
        .insert(code.to_string(), (family, grant.expires));
    Ok(reply)
}

fn refresh(p: &Provider, call: &Call, client: &Client) -> Result<Reply, Reply> {
    let rt = call.params.require("refresh_token")?;
    let asked = call.params.scopes()?;
    let now = crate::base::clock::now();
    let mut s = p.state();
    let Some(entry) = s.refresh.get(rt) else {
        return Err(invalid_grant("the refresh token is unknown or has expired"));
    };
    let (family_id, rotated, granted) = (entry.family.clone(), entry.rotated, entry.scopes.clone());
    let Some(family) = s.families.get(&family_id) else {
        return Err(invalid_grant("the refresh token's sign-in has ended"));
    };
    if family.client_id != client.id {
        return Err(invalid_grant(
            "the refresh token was issued to another client",
        ));
    }
    if rotated {
        // RFC 9700 §4.14.2: a rotated refresh token used again means two holders; end both.
        s.revoke_family(&family_id);
        return Err(invalid_grant(
            "the refresh token was already used (it rotates on each use); the sign-in is revoked",
        ));
    }
    if !s.family_live(&family_id, now) {
        return Err(invalid_grant("the sign-in was revoked or has expired"));
    }
    if let Some(extra) = asked.iter().find(|a| !granted.contains(a)) {
        return Err(Reply::error(
            400,
            "invalid_scope",
            &format!("scope {extra} was not granted to this sign-in"),
        ));
    }
    let scopes = if asked.is_empty() { granted } else { asked };
    let (user, auth_time, audience) = (family.user, family.auth_time, family.audience.clone());
    if let Some(old) = s.refresh.get_mut(rt) {
        old.rotated = true;
    }
    issue(
        p,
        &mut s,
        &Issue {
            client,
            user: Some(user),
            scopes: &scopes,
            audience: &audience,
            family: Some(&family_id),
            auth_time: Some(auth_time),
            nonce: None,
        },
    )
}

fn client_credentials(p: &Provider, call: &Call, client: &Client) -> Result<Reply, Reply> {
    if !client.confidential {
        return Err(Reply::error(
            400,
            "unauthorized_client",
            "the client credentials grant is for confidential clients: register one with oidctl serve --client ID:SECRET",
        ));
    }
    let scopes = call.params.scopes()?;
    let audience = call.params.audience();
    let mut s = p.state();
    issue(
        p,
        &mut s,
        &Issue {
            client,
            user: None,
            scopes: &scopes,
            audience: &audience,
            family: None,
            auth_time: None,
            nonce: None,
        },
    )
}
