//! `oidctl call [METHOD] URL`: an HTTP request with the profile's fresh access token as a bearer,
//! retried once with a renewed token after a 401. The body streams to stdout; the status and
//! headers go to stderr with -v; exit 0 only for a 2xx answer.

use std::io::Read as _;

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::base::error::{Error, Kind, Result};
use crate::cli::{CallArgs, GlobalArgs};
use crate::net::http::{bearer_error, claims_challenge, network_error};
use crate::output::Printer;
use crate::session::{self, Need};
use crate::settings::{self, Context};

/// A body from a file or stdin larger than this is refused: `call` holds it for the retry.
const MAX_BODY: u64 = 64 << 20;

pub fn run(global: &GlobalArgs, args: &CallArgs, printer: &Printer) -> Result<()> {
    let (method, url) = target(args.method.as_deref(), &args.target, args.data.is_some())?;
    // A bearer token over plain http to another machine is readable on the way.
    let url = crate::net::http::check_url(&url, "URL")?;
    let body = args.data.as_deref().map(read_body).transpose()?;
    let headers = headers(&args.headers, body.as_deref())?;

    let ctx = Context::load(global)?;
    let (provider, target) = settings::access(&args.provider(), &ctx)?;
    let mut set = session::fresh(&provider, &Need::access_for(target.clone()), printer)?;
    let transport = crate::net::http::Reqwest::new(provider.http.clone());
    let http = transport.client()?;
    let deadline = transport.timeout();
    let send = |token: &str| {
        log::info!("{method} {url}");
        let mut request = http
            .request(method.clone(), url.clone())
            .headers(headers.clone())
            .bearer_auth(token)
            .timeout(deadline);
        if let Some(b) = &body {
            request = request.body(b.clone());
        }
        request.send().map_err(|e| network_error(&url, &e))
    };
    let mut response = send(set.access_token.secret())?;
    let mut challenged = None;
    if response.status() == reqwest::StatusCode::UNAUTHORIZED {
        if let Some(encoded) = claims_challenge(response.headers()) {
            // A claims challenge (Continuous Access Evaluation, Conditional Access step-up):
            // the token lacks claims the API names; a token carrying them, then one retry.
            let claims = crate::oidc::claims::from_challenge(&encoded)?;
            if target.is_some() {
                // The claims refresh renews the sign-in's own token; one for another API with
                // the claims is had by signing in with them.
                return Err(Error::new(
                    Kind::SignInRequired,
                    "the API asks for claims the token for it lacks (insufficient_claims)",
                )
                .with_hint(session::claims_sign_in_hint(&provider, &claims)));
            }
            log::info!(
                "401 insufficient_claims: asking for a token with the claims {} and trying once more",
                crate::oidc::claims::to_param(&claims)
            );
            set = session::renew_with_claims(&provider, &claims, None, printer)?;
            response = send(set.access_token.secret())?;
            challenged = Some(claims);
        } else {
            log::info!("401 Unauthorized: renewing the token and trying once more");
            set = session::renew_rejected(&provider, set, target.as_ref(), printer)?;
            response = send(set.access_token.secret())?;
        }
    }
    let status = response.status();
    log::info!("{:?} {status}", response.version());
    for (name, value) in response.headers() {
        // A session cookie is a credential too.
        let shown = if name == reqwest::header::SET_COOKIE {
            "<redacted>"
        } else {
            value.to_str().unwrap_or("<binary>")
        };
        log::info!("{name}: {shown}");
    }
    let challenge = bearer_error(response.headers());
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    printer.out_stream(&mut response).map_err(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::new(Kind::PipeClosed, "stdout closed")
        } else {
            crate::net::http::network_error_io(&url, &e)
        }
    })?;
    if status.is_success() {
        return Ok(());
    }
    let mut err = Error::failed(format!("{url} answered HTTP {status}"));
    if let Some(challenge) = challenge {
        err = err.caused_by(challenge);
    }
    if let Some(claims) = challenged.filter(|_| status == reqwest::StatusCode::UNAUTHORIZED) {
        // The refresh was answered without the claims (a provider that ignores the parameter
        // on a refresh): only a sign-in that asks for them helps.
        err.kind = Kind::SignInRequired;
        return Err(err
            .caused_by("the token renewed with the claims the API asked for was refused too")
            .with_hint(session::claims_sign_in_hint(&provider, &claims)));
    }
    Err(match (status.as_u16(), location) {
        (401, _) => err.with_hint("the API refused even a renewed token: check the audience and scopes it expects (oidctl decode --access-token -p PROFILE)"),
        (403, _) => err.with_hint("the token is valid but lacks a permission this request needs"),
        (300..=399, Some(loc)) => err.with_hint(format!("oidctl does not follow redirects; it points to {loc}")),
        _ => err,
    })
}

/// The method and URL from `[METHOD] URL` and curl's `-X/--request METHOD`: GET, or POST with a
/// body, unless one is named (once). A URL without `scheme://` gets `https://`, as curl adds
/// `http://`: a bearer token is only ever sent over https (or http to loopback, written out).
fn target(flag: Option<&str>, target: &[String], data: bool) -> Result<(Method, String)> {
    let method = |m: &str| {
        Method::from_bytes(m.to_ascii_uppercase().as_bytes()).map_err(|_| {
            Error::usage(format!("{m:?} is not an HTTP method"))
                .with_hint("oidctl call [METHOD] URL, or -X METHOD URL as with curl")
        })
    };
    let (named, url) = match (flag, target) {
        (_, [one]) if is_method_name(one) && !one.contains(['.', '/', ':']) => {
            return Err(
                Error::usage(format!("{one} is a method, and no URL follows it"))
                    .with_hint(format!("oidctl call {one} https://api.example.com/path")),
            );
        }
        (flag, [url]) => (flag.map(method).transpose()?, url),
        (None, [m, url]) => (Some(method(m)?), url),
        (Some(f), [m, _]) => {
            return Err(
                Error::usage(format!("the method is given twice: -X {f} and {m}")).with_hint(
                    "give it once: oidctl call -X METHOD URL, or oidctl call METHOD URL",
                ),
            );
        }
        _ => return Err(Error::usage("expected [METHOD] URL")),
    };
    let method = named.unwrap_or(if data { Method::POST } else { Method::GET });
    let url = if url.contains("://") {
        url.clone()
    } else {
        log::info!("{url} has no scheme: https:// assumed");
        format!("https://{url}")
    };
    Ok((method, url))
}

/// A word that reads as a method rather than a URL: the standard ones, in any case.
fn is_method_name(word: &str) -> bool {
    [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT",
    ]
    .iter()
    .any(|m| m.eq_ignore_ascii_case(word))
}

/// `-d BODY`, `-d @FILE` or `-d @-` (stdin).
fn read_body(data: &str) -> Result<Vec<u8>> {
    let Some(source) = data.strip_prefix('@') else {
        return Ok(data.as_bytes().to_vec());
    };
    crate::base::fs::not_a_url(std::path::Path::new(source), "body file")?;
    let mut buf = Vec::new();
    let read = if source == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_BODY + 1)
            .read_to_end(&mut buf)
    } else {
        std::fs::File::open(source).and_then(|f| f.take(MAX_BODY + 1).read_to_end(&mut buf))
    };
    read.map_err(|e| Error::usage(format!("cannot read the body from {source}")).caused_by(e))?;
    if buf.len() as u64 > MAX_BODY {
        return Err(Error::usage(format!(
            "the body from {source} is larger than {MAX_BODY} bytes"
        )));
    }
    Ok(buf)
}

/// `-H 'Name: value'` headers. Authorization is oidctl's to set. Without a Content-Type, a body
/// gets application/json when it is JSON, else curl's application/x-www-form-urlencoded.
fn headers(given: &[String], body: Option<&[u8]>) -> Result<HeaderMap> {
    let mut map = HeaderMap::new();
    for h in given {
        let (name, value) = h
            .split_once(':')
            .ok_or_else(|| Error::usage(format!("-H {h:?}: expected 'Name: value'")))?;
        let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| {
            Error::usage(format!("-H {h:?}: {:?} is not a header name", name.trim()))
        })?;
        if name == reqwest::header::AUTHORIZATION {
            return Err(
                Error::usage("-H Authorization: oidctl sends the bearer token itself")
                    .with_hint("use curl for requests with other credentials"),
            );
        }
        let value = HeaderValue::from_str(value.trim()).map_err(|_| {
            Error::usage(format!(
                "-H {h:?}: the value has characters a header cannot carry"
            ))
        })?;
        map.append(name, value);
    }
    if let Some(body) = body
        && !map.contains_key(reqwest::header::CONTENT_TYPE)
    {
        let json = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
        map.insert(
            reqwest::header::CONTENT_TYPE,
            HeaderValue::from_static(if json {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            }),
        );
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(flag: Option<&str>, words: &[&str], data: bool) -> Result<(Method, String)> {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        target(flag, &words, data)
    }

    #[test]
    fn method_and_url_as_curl_users_give_them() {
        let u = "https://api.example/me";
        assert_eq!(t(None, &[u], false).unwrap(), (Method::GET, u.into()));
        assert_eq!(t(None, &[u], true).unwrap(), (Method::POST, u.into()));
        assert_eq!(t(None, &["put", u], true).unwrap(), (Method::PUT, u.into()));
        assert_eq!(
            t(Some("POST"), &[u], false).unwrap(),
            (Method::POST, u.into())
        );
        assert_eq!(
            t(Some("delete"), &[u], true).unwrap(),
            (Method::DELETE, u.into())
        );
        assert!(t(Some("POST"), &["PUT", u], false).is_err());
        let e = t(None, &["GET"], false).unwrap_err();
        assert!(e.message.contains("no URL"), "{}", e.message);
        assert!(t(Some("GET"), &["post"], false).is_err());
        // No scheme: https, never plain http.
        assert_eq!(
            t(None, &["api.example.com/me"], false).unwrap().1,
            "https://api.example.com/me"
        );
        assert_eq!(
            t(None, &["localhost:8080/me"], false).unwrap().1,
            "https://localhost:8080/me"
        );
        assert_eq!(
            t(None, &["http://127.0.0.1:1/x"], false).unwrap().1,
            "http://127.0.0.1:1/x"
        );
    }

    #[test]
    fn header_parsing() {
        let h = headers(&["X-A: 1".into(), "x-a:2".into()], Some(b"{\"a\":1}")).unwrap();
        assert_eq!(h.get_all("x-a").iter().count(), 2);
        assert_eq!(h["content-type"], "application/json");
        let h = headers(&["Content-Type: text/plain".into()], Some(b"x")).unwrap();
        assert_eq!(h["content-type"], "text/plain");
        let h = headers(&[], Some(b"a=1&b=2")).unwrap();
        assert_eq!(h["content-type"], "application/x-www-form-urlencoded");
        assert!(headers(&["Authorization: Basic x".into()], None).is_err());
        assert!(headers(&["no colon".into()], None).is_err());
        assert!(headers(&["bad name: x".into()], None).is_err());
    }
}
