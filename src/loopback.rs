//! The one-shot redirect listener of a sign-in (RFC 8252 §7.3): bound to loopback only, on the
//! configured or any free port. Every request gets a page; only a GET to the expected path, from
//! a loopback `Host`, with the expected `state` (compared in constant time) ends the wait.
//! Anything else (another path, a favicon, a wrong state, a foreign Host) is answered and ignored.

use std::time::{Duration, Instant};

use crate::error::{Error, Kind, Result};
use crate::html::page;
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
            let (page, outcome) = self.handle(
                request.method(),
                request.url(),
                host_of(&request).as_deref(),
                state,
            );
            let _ = request.respond(page);
            if let Some(outcome) = outcome {
                return Ok(outcome);
            }
        }
    }

    fn handle(
        &self,
        method: &tiny_http::Method,
        target: &str,
        host: Option<&str>,
        state: &str,
    ) -> (
        tiny_http::Response<std::io::Cursor<Vec<u8>>>,
        Option<Callback>,
    ) {
        if !self.host_allowed(host) {
            // A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) would
            // send its own Host header.
            return (
                page(
                    421,
                    "Wrong host",
                    "This listener only answers oidctl's own redirect.",
                ),
                None,
            );
        }
        let Ok(url) = url::Url::parse(&format!("http://localhost{target}")) else {
            return (
                page(400, "Bad request", "This is not a sign-in redirect."),
                None,
            );
        };
        if url.path() != self.path {
            // favicon.ico, a browser's pre-connect, a stray tab: answered, never the end.
            return (
                page(
                    404,
                    "Not found",
                    "This is oidctl's sign-in listener; this page is not part of it.",
                ),
                None,
            );
        }
        if *method != tiny_http::Method::Get {
            return (
                page(
                    405,
                    "Method not allowed",
                    "The sign-in redirect is a GET request.",
                ),
                None,
            );
        }
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        let state_ok = param("state").is_some_and(|got| {
            aws_lc_rs::constant_time::verify_slices_are_equal(got.as_bytes(), state.as_bytes())
                .is_ok()
        });
        if !state_ok {
            return (
                page(
                    400,
                    "Sign-in not accepted",
                    "This redirect does not belong to the sign-in oidctl is waiting for (its state does not match). oidctl keeps waiting for the right one.",
                ),
                None,
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
            return (
                page(200, "Sign-in failed", &text),
                Some(Callback::Denied { error, description }),
            );
        }
        match param("code") {
            Some(code) if !code.is_empty() => (
                page(
                    200,
                    "Signed in",
                    "You are signed in to oidctl. You can close this tab and return to the terminal.",
                ),
                Some(Callback::Code {
                    code: openidconnect::AuthorizationCode::new(code),
                    iss: param("iss"),
                }),
            ),
            _ => (
                page(
                    400,
                    "Sign-in not accepted",
                    "The redirect carries no authorization code.",
                ),
                None,
            ),
        }
    }

    fn host_allowed(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return true }; // HTTP/1.0 clients may omit it
        ["127.0.0.1", "[::1]", "localhost"]
            .iter()
            .any(|h| host.eq_ignore_ascii_case(&format!("{h}:{}", self.port)))
    }
}

fn host_of(request: &tiny_http::Request) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string())
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
    fn only_the_right_state_path_and_host_end_the_wait() {
        let l = listener();
        let host = format!("127.0.0.1:{}", l.port);
        let get = tiny_http::Method::Get;
        let (r, o) = l.handle(&get, "/callback?code=c&state=wrong", Some(&host), "s1");
        assert!(o.is_none());
        assert_eq!(r.status_code().0, 400);
        let (r, o) = l.handle(&get, "/favicon.ico", Some(&host), "s1");
        assert!(o.is_none() && r.status_code().0 == 404);
        let (r, o) = l.handle(
            &get,
            "/callback?code=c&state=s1",
            Some("evil.example:80"),
            "s1",
        );
        assert!(o.is_none() && r.status_code().0 == 421);
        let (r, o) = l.handle(
            &tiny_http::Method::Post,
            "/callback?code=c&state=s1",
            Some(&host),
            "s1",
        );
        assert!(o.is_none() && r.status_code().0 == 405);
        let (_, o) = l.handle(
            &get,
            "/callback?error=access_denied&error_description=no%3Cb%3E&state=s1",
            Some(&host),
            "s1",
        );
        assert!(matches!(o, Some(Callback::Denied { ref error, .. }) if error == "access_denied"));
        let (r, o) = l.handle(
            &get,
            "/callback?code=c0de&state=s1",
            Some(&format!("localhost:{}", l.port)),
            "s1",
        );
        assert_eq!(r.status_code().0, 200);
        assert!(matches!(o, Some(Callback::Code { code, .. }) if code.secret() == "c0de"));
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
