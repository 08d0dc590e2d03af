//! The one-shot redirect listener of a sign-in (RFC 8252 §7.3): bound to loopback only, on the
//! configured or any free port. Every request gets a page; only a GET to the expected path, from
//! a loopback `Host` and no foreign `Origin`, with the expected `state` (compared in constant
//! time) ends the wait. Anything else (another path, a favicon, a wrong state, a foreign Host or
//! Origin, a pre-connect that sends nothing) is answered or left alone, and ignored.

use std::time::{Duration, Instant};

use crate::error::{Error, Kind, Result};
use crate::settings::{Redirect, RedirectHost};

pub struct Listener {
    server: tiny_http::Server,
    pub redirect_uri: String,
    path: String,
    port: u16,
}

/// What the browser brought back.
#[derive(Debug)]
pub enum Callback {
    /// The code, and the `iss` the provider named (RFC 9207), when it did.
    Code {
        code: openidconnect::AuthorizationCode,
        iss: Option<String>,
    },
    /// The provider's `error` and `error_description` (e.g. `access_denied`).
    Denied {
        error: String,
        description: Option<String>,
    },
}

pub fn bind(redirect: &Redirect) -> Result<Listener> {
    let addr = match redirect.host {
        RedirectHost::Ipv6 => format!("[::1]:{}", redirect.port),
        RedirectHost::Ipv4 | RedirectHost::Localhost => format!("127.0.0.1:{}", redirect.port),
    };
    let server = tiny_http::Server::http(&addr).map_err(|e| {
        let err = Error::usage(format!("cannot listen on {addr} for the sign-in redirect")).caused_by(e);
        if redirect.port != 0 {
            err.with_hint("another program uses that port: pick another --redirect-port, or leave it out for any free port")
        } else {
            err
        }
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(redirect.port);
    Ok(Listener {
        redirect_uri: format!(
            "http://{}:{port}{}",
            redirect.host.uri_host(),
            redirect.path
        ),
        path: redirect.path.clone(),
        server,
        port,
    })
}

impl Listener {
    /// Waits until `deadline` for the callback carrying `state`.
    pub fn wait(&self, state: &str, deadline: Instant) -> Result<Callback> {
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::new(
                    Kind::SignInRequired,
                    "timed out waiting for the sign-in in the browser",
                )
                .with_hint("run oidctl login again (and --timeout SECONDS for more time)"));
            }
            let request = match self
                .server
                .recv_timeout((deadline - now).min(Duration::from_millis(250)))
            {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(e) => return Err(Error::failed("the redirect listener failed").caused_by(e)),
            };
            let header = |name: &'static str| {
                request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv(name))
                    .map(|h| h.value.as_str().to_string())
            };
            let verdict = judge(
                &Expected {
                    path: &self.path,
                    port: self.port,
                    state,
                },
                request.method().as_str(),
                request.url(),
                header("Host").as_deref(),
                header("Origin").as_deref(),
            );
            let _ = request.respond(page(verdict.status, verdict.title, &verdict.text));
            if let Some(outcome) = verdict.outcome {
                return Ok(outcome);
            }
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

/// What the listener waits for: the redirect's path and port, and the sign-in's `state`.
pub struct Expected<'a> {
    pub path: &'a str,
    pub port: u16,
    pub state: &'a str,
}

/// The page one request gets, and the end of the wait when it is the real callback.
#[derive(Debug)]
pub struct Verdict {
    pub status: u16,
    pub title: &'static str,
    pub text: String,
    pub outcome: Option<Callback>,
}

fn refuse(status: u16, title: &'static str, text: &str) -> Verdict {
    Verdict {
        status,
        title,
        text: text.to_string(),
        outcome: None,
    }
}

/// Judges one request to the listener; pure, so that every request a stranger can make is
/// unit-tested and fuzzed (fuzz/fuzz_targets/loopback.rs). Only a GET to the expected path,
/// from a loopback `Host`, with no foreign `Origin`, carrying the expected `state` (compared in
/// constant time) and a code or an error, ends the wait.
pub fn judge(
    expected: &Expected<'_>,
    method: &str,
    target: &str,
    host: Option<&str>,
    origin: Option<&str>,
) -> Verdict {
    if !host_allowed(host, expected.port) {
        // A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) sends
        // its own Host header.
        return refuse(
            421,
            "Wrong host",
            "This listener only answers oidctl's own redirect.",
        );
    }
    if let Some(origin) = origin
        && !origin_allowed(origin, expected.port)
    {
        // A script on another site (rebinding, or a plain cross-site request) names its
        // origin; the provider's redirect is a top-level navigation and names none.
        return refuse(
            403,
            "Wrong origin",
            "This listener only answers oidctl's own redirect, not requests from other sites.",
        );
    }
    let Some(url) = target
        .starts_with('/')
        .then(|| url::Url::parse(&format!("http://localhost{target}")).ok())
        .flatten()
    else {
        return refuse(400, "Bad request", "This is not a sign-in redirect.");
    };
    if url.path() != expected.path {
        // favicon.ico, a browser's pre-connect, a stray tab: answered, never the end.
        return refuse(
            404,
            "Not found",
            "This is oidctl's sign-in listener; this page is not part of it.",
        );
    }
    if method != "GET" {
        return refuse(
            405,
            "Method not allowed",
            "The sign-in redirect is a GET request.",
        );
    }
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let state_ok = param("state").is_some_and(|got| {
        aws_lc_rs::constant_time::verify_slices_are_equal(got.as_bytes(), expected.state.as_bytes())
            .is_ok()
    });
    if !state_ok {
        return refuse(
            400,
            "Sign-in not accepted",
            "This redirect does not belong to the sign-in oidctl is waiting for (its state does not match). oidctl keeps waiting for the right one.",
        );
    }
    if let Some(error) = param("error") {
        let description = param("error_description");
        let text = match &description {
            Some(d) => format!(
                "The provider answered {error}: {d}. You can close this tab; oidctl shows what to do next."
            ),
            None => format!(
                "The provider answered {error}. You can close this tab; oidctl shows what to do next."
            ),
        };
        return Verdict {
            status: 200,
            title: "Sign-in failed",
            text,
            outcome: Some(Callback::Denied { error, description }),
        };
    }
    match param("code") {
        Some(code) if !code.is_empty() => Verdict {
            status: 200,
            title: "Signed in",
            text: "You are signed in to oidctl. You can close this tab and return to the terminal."
                .into(),
            outcome: Some(Callback::Code {
                code: openidconnect::AuthorizationCode::new(code),
                iss: param("iss"),
            }),
        },
        _ => refuse(
            400,
            "Sign-in not accepted",
            "The redirect carries no authorization code.",
        ),
    }
}

fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return true }; // HTTP/1.0 clients may omit it
    ["127.0.0.1", "[::1]", "localhost"]
        .iter()
        .any(|h| host.eq_ignore_ascii_case(&format!("{h}:{port}")))
}

fn origin_allowed(origin: &str, port: u16) -> bool {
    ["127.0.0.1", "[::1]", "localhost"]
        .iter()
        .any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}:{port}")))
}

/// A small, self-contained HTML page: no scripts, no outside resources, not cached, not framed.
fn page(status: u16, title: &str, text: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let (title, text) = (escape(title), escape(text));
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>oidctl: {title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}}\
         h1{{font-size:1.4em}}</style></head><body><h1>{title}</h1><p>{text}</p></body></html>\n"
    );
    let mut response = tiny_http::Response::from_data(body.into_bytes()).with_status_code(status);
    for (k, v) in [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Cache-Control", "no-store"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'",
        ),
    ] {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    response
}

/// Escapes text for HTML element content (the provider's error text comes from outside).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listener() -> Listener {
        bind(&Redirect {
            host: RedirectHost::Ipv4,
            port: 0,
            path: "/callback".into(),
        })
        .unwrap()
    }

    #[test]
    fn only_the_right_state_path_host_and_origin_end_the_wait() {
        let port = 4711;
        let host = format!("127.0.0.1:{port}");
        let e = Expected {
            path: "/callback",
            port,
            state: "s1",
        };
        let get = |target: &str, host: Option<&str>, origin: Option<&str>| {
            judge(&e, "GET", target, host, origin)
        };
        let v = get("/callback?code=c&state=wrong", Some(&host), None);
        assert!(v.outcome.is_none() && v.status == 400);
        let v = get("/favicon.ico", Some(&host), None);
        assert!(v.outcome.is_none() && v.status == 404);
        let v = get("/callback?code=c&state=s1", Some("evil.example:80"), None);
        assert!(v.outcome.is_none() && v.status == 421);
        let v = get("/callback?code=c&state=s1", Some("127.0.0.1:4712"), None);
        assert!(v.outcome.is_none() && v.status == 421, "another port");
        for origin in ["https://evil.example", "null", "http://127.0.0.1:80"] {
            let v = get("/callback?code=c&state=s1", Some(&host), Some(origin));
            assert!(v.outcome.is_none() && v.status == 403, "{origin}");
        }
        let v = judge(&e, "POST", "/callback?code=c&state=s1", Some(&host), None);
        assert!(v.outcome.is_none() && v.status == 405);
        for target in [
            "callback?code=c&state=s1",
            "",
            "*",
            "//evil.example/callback?state=s1",
        ] {
            let v = get(target, Some(&host), None);
            assert!(v.outcome.is_none(), "{target}: {v:?}");
        }
        let v = get(
            "/callback?error=access_denied&error_description=no%3Cb%3E&state=s1",
            Some(&host),
            None,
        );
        assert!(
            matches!(v.outcome, Some(Callback::Denied { ref error, .. }) if error == "access_denied")
        );
        let v = get("/callback?code=&state=s1", Some(&host), None);
        assert!(v.outcome.is_none() && v.status == 400, "an empty code");
        let v = get(
            "/callback?code=c0de&state=s1",
            Some(&format!("localhost:{port}")),
            Some(&format!("http://127.0.0.1:{port}")),
        );
        assert_eq!(v.status, 200);
        assert!(matches!(v.outcome, Some(Callback::Code { code, .. }) if code.secret() == "c0de"));
        // HTTP/1.0 without a Host header.
        let v = get("/callback?code=c0de&state=s1", None, None);
        assert!(v.outcome.is_some());
    }

    #[test]
    fn escapes_provider_text() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn times_out_as_sign_in_required() {
        let l = listener();
        let err = l
            .wait("s", Instant::now() + Duration::from_millis(50))
            .unwrap_err();
        assert_eq!(err.kind, Kind::SignInRequired);
    }
}
