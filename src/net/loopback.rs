//! The one-shot redirect listener of a sign-in (RFC 8252 §7.3): bound to loopback only, on the
//! configured or any free port. Every request gets a page; only a GET to the expected path, from
//! a loopback `Host` and no foreign `Origin`, with the expected `state` (compared in constant
//! time) ends the wait. Anything else (another path, a favicon, a wrong state, a foreign Host or
//! Origin, a pre-connect that sends nothing) is answered or left alone, and ignored.

use std::time::{Duration, Instant};

use crate::base::error::{Error, Kind, Result};
use crate::net::html::page;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub host: RedirectHost,
    pub port: u16,
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectHost {
    Ipv4,
    Ipv6,
    Localhost,
}

impl RedirectHost {
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "127.0.0.1" => Ok(RedirectHost::Ipv4),
            "[::1]" | "::1" => Ok(RedirectHost::Ipv6),
            "localhost" => Ok(RedirectHost::Localhost),
            other => Err(Error::usage(format!(
                "--redirect-host {other:?}: expected 127.0.0.1, [::1] or localhost"
            ))
            .with_hint("the redirect listener binds loopback only")),
        }
    }

    /// How the host is written in the redirect URI.
    pub fn uri_host(self) -> &'static str {
        match self {
            RedirectHost::Ipv4 => "127.0.0.1",
            RedirectHost::Ipv6 => "[::1]",
            RedirectHost::Localhost => "localhost",
        }
    }
}

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

/// A server on the loopback address for `host` (`localhost` binds 127.0.0.1) and `port` (0:
/// any free one), and the port it got; `Err` names the address and why it could not be had.
pub fn listen(host: RedirectHost, port: u16) -> Result<(tiny_http::Server, u16), (String, String)> {
    let addr = match host {
        RedirectHost::Ipv6 => format!("[::1]:{port}"),
        RedirectHost::Ipv4 | RedirectHost::Localhost => format!("127.0.0.1:{port}"),
    };
    let listener = std::net::TcpListener::bind(&addr).map_err(|e| (addr.clone(), e.to_string()))?;
    let socket = socket2::Socket::from(listener);
    // Accepted connections inherit it: a response is sent at once, not held for an ACK.
    let _ = socket.set_tcp_nodelay(true);
    let server = tiny_http::Server::from_listener(std::net::TcpListener::from(socket), None)
        .map_err(|e| (addr, e.to_string()))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(port);
    Ok((server, port))
}

pub fn bind(redirect: &Redirect) -> Result<Listener> {
    let (server, port) = listen(redirect.host, redirect.port).map_err(|(addr, e)| {
        let err = Error::usage(format!("cannot listen on {addr} for the sign-in redirect")).caused_by(e);
        if redirect.port != 0 {
            err.with_hint("another program uses that port: pick another --redirect-port, or leave it out for any free port")
        } else {
            err
        }
    })?;
    Ok(Listener {
        // A bare "/" is left out: `http://localhost:PORT`, as Microsoft's registrations say it.
        redirect_uri: format!(
            "http://{}:{port}{}",
            redirect.host.uri_host(),
            if redirect.path == "/" {
                ""
            } else {
                redirect.path.as_str()
            }
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
    fn times_out_as_sign_in_required() {
        let l = listener();
        let err = l
            .wait("s", Instant::now() + Duration::from_millis(50))
            .unwrap_err();
        assert_eq!(err.kind, Kind::SignInRequired);
    }
}
