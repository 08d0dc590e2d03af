//! The userinfo endpoint (OpenID Connect Core §5.3): a GET with the access token as a bearer.
//! A 401 is returned to the caller, which may renew the token and ask once more.

use reqwest::Url;
use serde_json::{Map, Value};

use crate::base::error::{Error, Result};
use crate::net::http::{Transport, bearer_error};
use reqwest::header;

pub enum Answer {
    /// The claims, and whether they came as a signed JWT (shown, not verified).
    Claims(Map<String, Value>, bool),
    /// The endpoint refused the token; the challenge's error, when it gave one.
    Unauthorized(Option<String>),
}

pub fn get(transport: &dyn Transport, url: &Url, access_token: &str) -> Result<Answer> {
    let request = http::Request::get(url.as_str())
        .header(header::AUTHORIZATION, format!("Bearer {access_token}"))
        .header(header::ACCEPT, "application/json, application/jwt")
        .body(Vec::new())
        .map_err(|e| Error::usage(format!("cannot send a request to {url}")).caused_by(e))?;
    let response = transport.send(request)?;
    let status = response.status();
    let challenge = bearer_error(response.headers());
    let is_jwt = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/jwt"));
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Ok(Answer::Unauthorized(challenge));
    }
    let body = response.into_body();
    if !status.is_success() {
        let mut err = Error::failed(format!("the userinfo endpoint answered HTTP {status}"));
        if let Some(challenge) = challenge {
            err = err.caused_by(challenge);
        }
        if status == reqwest::StatusCode::FORBIDDEN {
            err = err.with_hint(
                "the access token may lack a scope userinfo needs (openid, profile, email)",
            );
        }
        return Err(err);
    }
    let not_claims = || {
        Error::failed(format!(
            "the userinfo answer from {url} is not a JSON object of claims"
        ))
    };
    if is_jwt {
        let text = std::str::from_utf8(&body).map_err(|_| not_claims())?;
        let jws =
            crate::jwt::token::parse_jws(text.trim()).map_err(|e| not_claims().caused_by(e))?;
        let claims = serde_json::from_slice(&jws.payload).map_err(|_| not_claims())?;
        return Ok(Answer::Claims(claims, true));
    }
    let claims = serde_json::from_slice(&body).map_err(|_| not_claims())?;
    Ok(Answer::Claims(claims, false))
}
