//! The authorization endpoint (RFC 6749 §4.1, OpenID Connect Core §3.1.2): the request is
//! checked, then the sign-in page is shown (or, with `--auto-approve`, skipped) and the browser
//! is sent back with a single-use code. A request with an unknown or unsafe redirect URI gets an
//! error page, never a redirect (§4.1.2.1); other errors go back to the client in the redirect.

use super::Provider;
use super::pages;
use super::request::{Call, Params, Reply, valid_client_id};
use super::state::{AuthRequest, CODE_TTL, Code, PENDING_TTL, random};

pub fn start(p: &Provider, call: &Call) -> Reply {
    let request = match validate(p, &call.params) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let prompt = call.params.get("prompt").ok().flatten().unwrap_or("");
    if let Some(user) = p.opts.auto_approve {
        return issue_code(p, request, user);
    }
    if prompt.split(' ').any(|v| v == "none") {
        // No browser session is kept: without automatic approval, someone must pick a user.
        return back_with_error(
            p,
            &request,
            "login_required",
            "a user must sign in on the sign-in page",
        );
    }
    let selected = request
        .login_hint
        .as_deref()
        .and_then(|h| p.opts.users.iter().position(|u| u.name == h))
        .unwrap_or(0);
    let Some(id) = random(24) else {
        return Reply::server_error();
    };
    {
        let mut s = p.state();
        if s.full() {
            return back_with_error(
                p,
                &request,
                "temporarily_unavailable",
                "too many sign-ins in progress",
            );
        }
        s.pending.insert(
            id.clone(),
            (request.clone(), crate::base::clock::now() + PENDING_TTL),
        );
    }
    let action = format!("{}/authorize/decision", p.prefix);
    pages::sign_in(&action, &id, &request, &p.opts.users, selected)
}

/// The sign-in page's answer.
pub fn decide(p: &Provider, call: &Call) -> Reply {
    let refused = |text: &str| pages::message(400, "Sign-in not possible", text);
    let id = call.params.get("request").ok().flatten().unwrap_or("");
    let Some((request, _)) = p.state().pending.remove(id) else {
        return refused(
            "This sign-in request has expired or was already answered. Start the sign-in again from the application.",
        );
    };
    match call.params.get("decision").ok().flatten() {
        Some("approve") => {}
        Some("deny") => {
            return back_with_error(p, &request, "access_denied", "the user denied the sign-in");
        }
        _ => return refused("The form was not answered with Sign in or Deny."),
    }
    let name = call.params.get("user").ok().flatten().unwrap_or("");
    match p.opts.users.iter().position(|u| u.name == name) {
        Some(user) => issue_code(p, request, user),
        None => refused("No such user."),
    }
}

fn issue_code(p: &Provider, request: AuthRequest, user: usize) -> Reply {
    let Some(code) = random(32) else {
        return Reply::server_error();
    };
    let now = crate::base::clock::now();
    let mut s = p.state();
    if s.full() {
        drop(s);
        return back_with_error(
            p,
            &request,
            "temporarily_unavailable",
            "too many codes outstanding",
        );
    }
    let location = redirect(
        p,
        &request.redirect_uri,
        &[("code", &code)],
        request.state.as_deref(),
    );
    s.codes.insert(
        code,
        Code {
            request,
            user,
            auth_time: now,
            expires: now + CODE_TTL,
        },
    );
    Reply::redirect(&location)
}

fn back_with_error(p: &Provider, request: &AuthRequest, error: &str, description: &str) -> Reply {
    Reply::redirect(&redirect(
        p,
        &request.redirect_uri,
        &[("error", error), ("error_description", description)],
        request.state.as_deref(),
    ))
}

/// `uri` with the answer's parameters, `state`, and `iss` (RFC 9207) added to its query.
fn redirect(p: &Provider, uri: &str, pairs: &[(&str, &str)], state: Option<&str>) -> String {
    match url::Url::parse(uri) {
        Ok(mut url) => {
            {
                let mut q = url.query_pairs_mut();
                for (k, v) in pairs {
                    q.append_pair(k, v);
                }
                if let Some(s) = state {
                    q.append_pair("state", s);
                }
                q.append_pair("iss", &p.issuer);
            }
            url.to_string()
        }
        // Checked before any redirect; never reached.
        Err(_) => uri.to_string(),
    }
}

/// Whether the provider may send a browser to `uri`: a registered one (`--redirect-uri`), or
/// any http URI on a loopback host, on any port (RFC 8252 §7.3).
pub fn redirect_allowed(p: &Provider, uri: &str) -> bool {
    if p.opts.redirect_uris.iter().any(|r| r == uri) {
        return true;
    }
    let Ok(url) = url::Url::parse(uri) else {
        return false;
    };
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    url.scheme() == "http"
        && loopback
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none()
}

fn validate(p: &Provider, params: &Params) -> Result<AuthRequest, Reply> {
    let page = |text: &str| pages::message(400, "Sign-in request refused", text);
    let client_id = match params.get("client_id") {
        Ok(Some(id)) if valid_client_id(id) => id.to_string(),
        _ => return Err(page("The request has no valid client_id.")),
    };
    let redirect_uri = match params.get("redirect_uri") {
        Ok(Some(uri)) if redirect_allowed(p, uri) => uri.to_string(),
        Ok(Some(_)) => {
            return Err(page(
                "The redirect_uri is neither a loopback URI (http://127.0.0.1:PORT/…, http://[::1]:PORT/… or http://localhost:PORT/…) nor one registered with oidctl serve --redirect-uri. The browser is not sent there.",
            ));
        }
        _ => return Err(page("The request has no (single) redirect_uri.")),
    };
    let state = params.get("state").ok().flatten().map(str::to_string);
    let partial = AuthRequest {
        client_id,
        redirect_uri,
        state,
        nonce: None,
        scopes: Vec::new(),
        audience: Vec::new(),
        code_challenge: String::new(),
        login_hint: None,
    };
    let fail = |code: &str, why: &str| back_with_error(p, &partial, code, why);
    let get = |name: &str| {
        params.get(name).map_err(|_| {
            fail(
                "invalid_request",
                &format!("the parameter {name} appears more than once"),
            )
        })
    };
    if get("request")?.is_some() {
        return Err(fail(
            "request_not_supported",
            "request objects are not supported",
        ));
    }
    if get("request_uri")?.is_some() {
        return Err(fail(
            "request_uri_not_supported",
            "request_uri is not supported",
        ));
    }
    match get("response_type")? {
        Some("code") => {}
        Some(_) => {
            return Err(fail(
                "unsupported_response_type",
                "only the authorization code flow (response_type=code) is offered",
            ));
        }
        None => {
            return Err(fail(
                "invalid_request",
                "the parameter response_type is missing",
            ));
        }
    }
    if !matches!(get("response_mode")?, None | Some("query")) {
        return Err(fail(
            "invalid_request",
            "only response_mode=query is offered",
        ));
    }
    let challenge = get("code_challenge")?.ok_or_else(|| {
        fail(
            "invalid_request",
            "PKCE is required: send code_challenge with code_challenge_method=S256",
        )
    })?;
    if get("code_challenge_method")? != Some("S256") {
        return Err(fail(
            "invalid_request",
            "code_challenge_method must be S256 (plain is refused)",
        ));
    }
    // RFC 7636 §4.2: BASE64URL of a SHA-256 digest is 43 characters.
    if challenge.len() != 43
        || !challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(fail(
            "invalid_request",
            "code_challenge is not the base64url of a SHA-256 digest",
        ));
    }
    let scopes = params.scopes().map_err(|_| {
        fail(
            "invalid_request",
            "the parameter scope appears more than once",
        )
    })?;
    Ok(AuthRequest {
        nonce: get("nonce")?.map(str::to_string),
        login_hint: get("login_hint")?.map(str::to_string),
        scopes,
        audience: params.audience(),
        code_challenge: challenge.to_string(),
        ..partial.clone()
    })
}
