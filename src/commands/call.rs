//! `oidctl call [METHOD] URL`: an HTTP request with the profile's fresh access token as a bearer,
//! retried once with a renewed token after a 401. The body streams to stdout; the status and
//! headers go to stderr with -v; exit 0 only for a 2xx answer.

use std::io::Read as _;

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::base::error::{Error, Kind, Result};
use crate::cli::{CallArgs, GlobalArgs};
use crate::net::http::{bearer_error, network_error};
use crate::output::Printer;
use crate::session::{self, Need};
use crate::settings::{self, Context};

/// A body from a file or stdin larger than this is refused: `call` holds it for the retry.
const MAX_BODY: u64 = 64 << 20;

pub fn run(global: &GlobalArgs, args: &CallArgs, printer: &Printer) -> Result<()> {
    let (method, url) = match args.target.as_slice() {
        [url] => (
            if args.data.is_some() {
                Method::POST
            } else {
                Method::GET
            },
            url,
        ),
        [method, url] => (
            Method::from_bytes(method.to_ascii_uppercase().as_bytes())
                .map_err(|_| Error::usage(format!("{method:?} is not an HTTP method")))?,
            url,
        ),
        _ => return Err(Error::usage("expected [METHOD] URL")),
    };
    // A bearer token over plain http to another machine is readable on the way.
    let url = crate::net::http::check_url(url, "URL")?;
    let body = args.data.as_deref().map(read_body).transpose()?;
    let headers = headers(&args.headers, body.as_deref())?;

    let ctx = Context::load(global)?;
    let (provider, target) = settings::access(&args.provider, &ctx)?;
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
    if response.status() == reqwest::StatusCode::UNAUTHORIZED {
        log::info!("401 Unauthorized: renewing the token and trying once more");
        set = session::renew_rejected(&provider, set, target.as_ref(), printer)?;
        response = send(set.access_token.secret())?;
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
    Err(match (status.as_u16(), location) {
        (401, _) => err.with_hint("the API refused even a renewed token: check the audience and scopes it expects (oidctl decode --access-token -p PROFILE)"),
        (403, _) => err.with_hint("the token is valid but lacks a permission this request needs"),
        (300..=399, Some(loc)) => err.with_hint(format!("oidctl does not follow redirects; it points to {loc}")),
        _ => err,
    })
}

/// `-d BODY`, `-d @FILE` or `-d @-` (stdin).
fn read_body(data: &str) -> Result<Vec<u8>> {
    let Some(source) = data.strip_prefix('@') else {
        return Ok(data.as_bytes().to_vec());
    };
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
