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
    /// The ports to try, in order (`--redirect-port 8400,18400`); empty: any free one.
    pub ports: Vec<u16>,
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
    /// One server per address: two for `localhost` (127.0.0.1 and ::1), else one.
    servers: Vec<tiny_http::Server>,
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
        RedirectHost::Ipv6 => std::net::SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, port)),
        RedirectHost::Ipv4 | RedirectHost::Localhost => {
            std::net::SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, port))
        }
    };
    listen_at(addr).map_err(|e| (addr.to_string(), e.to_string()))
}

/// One loopback socket on `addr`, as a server, and the port it got.
fn listen_at(addr: std::net::SocketAddr) -> std::io::Result<(tiny_http::Server, u16)> {
    let listener = std::net::TcpListener::bind(addr)?;
    let socket = socket2::Socket::from(listener);
    // Accepted connections inherit it: a response is sent at once, not held for an ACK.
    let _ = socket.set_tcp_nodelay(true);
    let server = tiny_http::Server::from_listener(std::net::TcpListener::from(socket), None)
        .map_err(std::io::Error::other)?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(addr.port());
    Ok((server, port))
}

/// The servers for `host` on `port` (0: any free one): `localhost` gets 127.0.0.1 and ::1 on
/// one port, since browsers differ on which one the name means (::1 is left out only where
/// the system has no IPv6 loopback). `Err` names the address that could not be had.
fn listen_host(
    host: RedirectHost,
    port: u16,
) -> std::result::Result<(Vec<tiny_http::Server>, u16), (String, std::io::Error)> {
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
    let v4 = |p| SocketAddr::from((Ipv4Addr::LOCALHOST, p));
    let v6 = |p| SocketAddr::from((Ipv6Addr::LOCALHOST, p));
    let one = |addr: SocketAddr| {
        listen_at(addr)
            .map(|(s, p)| (vec![s], p))
            .map_err(|e| (addr.to_string(), e))
    };
    match host {
        RedirectHost::Ipv4 => one(v4(port)),
        RedirectHost::Ipv6 => one(v6(port)),
        RedirectHost::Localhost => {
            // With any port, the one 127.0.0.1 got may be taken on ::1: try a few.
            for _ in 0..if port == 0 { 8 } else { 1 } {
                let (first, got) = listen_at(v4(port)).map_err(|e| (v4(port).to_string(), e))?;
                match listen_at(v6(got)) {
                    Ok((second, _)) => return Ok((vec![first, second], got)),
                    Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                        if port != 0 {
                            return Err((v6(got).to_string(), e));
                        }
                    }
                    Err(e) => {
                        log::info!("no IPv6 loopback ({e}): listening on 127.0.0.1 only");
                        return Ok((vec![first], got));
                    }
                }
            }
            Err((
                v6(0).to_string(),
                std::io::Error::new(
                    std::io::ErrorKind::AddrInUse,
                    "no port free on both 127.0.0.1 and ::1",
                ),
            ))
        }
    }
}

/// The listener on the first free port of `redirect.ports` (any free port when there are
/// none); when none is free, the error names each port and how to choose another.
pub fn bind(redirect: &Redirect) -> Result<Listener> {
    let wanted = if redirect.ports.is_empty() {
        vec![0]
    } else {
        redirect.ports.clone()
    };
    let mut refused = Vec::new();
    for &want in &wanted {
        match listen_host(redirect.host, want) {
            Ok((servers, port)) => {
                if !refused.is_empty() {
                    log::info!("redirect port {port}: the ones before it are in use");
                }
                return Ok(listener(redirect, servers, port));
            }
            Err((addr, e)) => {
                log::info!("cannot listen on {addr}: {e}");
                refused.push((addr, want, e));
            }
        }
    }
    let in_use = refused
        .iter()
        .all(|(_, _, e)| e.kind() == std::io::ErrorKind::AddrInUse);
    let (message, cause) = match refused.as_slice() {
        [(addr, port, e)] if *port != 0 => (
            format!("cannot listen on {addr} for the sign-in redirect: port {port} is not free"),
            e.to_string(),
        ),
        [(addr, _, e)] => (
            format!("cannot listen on {addr} for the sign-in redirect"),
            e.to_string(),
        ),
        all => (
            format!(
                "none of the redirect ports {} is free",
                all.iter()
                    .map(|(_, p, _)| p.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            all.iter()
                .map(|(a, _, e)| format!("{a}: {e}"))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    };
    let err = Error::usage(message).caused_by(cause);
    Err(if redirect.ports.is_empty() {
        err
    } else if in_use {
        err.with_hint(
            "another program uses it: choose another with --redirect-port N (or a list such as \
             --redirect-port 8400,18400, tried in order; or redirect_port in the profile), or \
             leave it out for any free port",
        )
    } else {
        err.with_hint("choose another with --redirect-port N, or leave it out for any free port")
    })
}

fn listener(redirect: &Redirect, servers: Vec<tiny_http::Server>, port: u16) -> Listener {
    Listener {
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
        servers,
        port,
    }
}

impl Listener {
    /// Waits until `deadline` for the callback carrying `state`.
    pub fn wait(&self, state: &str, deadline: Instant) -> Result<Callback> {
        self.wait_or(state, deadline, || None)
    }

    /// [`Listener::wait`], and `elsewhere` asked about four times a second for an outcome
    /// that came another way (a pasted address): whichever comes first ends the wait.
    pub fn wait_or(
        &self,
        state: &str,
        deadline: Instant,
        mut elsewhere: impl FnMut() -> Option<Result<Callback>>,
    ) -> Result<Callback> {
        let mut turn = 0usize;
        loop {
            if let Some(outcome) = elsewhere() {
                return outcome;
            }
            turn += 1;
            let server = &self.servers[turn % self.servers.len()];
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::new(
                    Kind::SignInRequired,
                    "timed out waiting for the sign-in in the browser",
                )
                .with_hint("run oidctl login again (and --timeout SECONDS for more time)"));
            }
            let slice = Duration::from_millis(250 / self.servers.len() as u64);
            let request = match server.recv_timeout((deadline - now).min(slice)) {
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
            "No authorization code",
            "The redirect carries no authorization code.",
        ),
    }
}

/// Judges an address pasted into the terminal (`http://127.0.0.1:PORT/callback?code=…&state=…`,
/// or only its query) exactly as [`judge`] judges the browser's request for it: the same path,
/// port and constant-time `state` check. `Err` says, for the terminal, why it is not accepted.
pub fn judge_pasted(
    expected: &Expected<'_>,
    pasted: &str,
) -> std::result::Result<Callback, String> {
    let text = pasted
        .trim()
        .trim_matches(|c| matches!(c, '"' | '\'' | '<' | '>'));
    let not_it = || {
        format!(
            "that is not the address the browser ended on: paste the whole \
             http://127.0.0.1:{}{}?code=…&state=… from its address bar",
            expected.port, expected.path
        )
    };
    let (target, host) = if text.starts_with("http://") || text.starts_with("https://") {
        let url = url::Url::parse(text).map_err(|_| not_it())?;
        let host = match (url.host_str(), url.port_or_known_default()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            _ => return Err(not_it()),
        };
        let target = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        (target, Some(host))
    } else {
        let query = text.strip_prefix('?').unwrap_or(text);
        (format!("{}?{query}", expected.path), None)
    };
    let keys: Vec<String> =
        url::form_urlencoded::parse(target.split_once('?').map_or("", |(_, q)| q).as_bytes())
            .map(|(k, _)| k.into_owned())
            .collect();
    if !keys.iter().any(|k| k == "state") || !keys.iter().any(|k| k == "code" || k == "error") {
        return Err(not_it());
    }
    let verdict = judge(expected, "GET", &target, host.as_deref(), None);
    match (verdict.outcome, verdict.title) {
        (Some(outcome), _) => Ok(outcome),
        (None, "Wrong host") => Err(format!(
            "that address is for another listener: this sign-in waits on port {}",
            expected.port
        )),
        (None, "Not found") => Err(format!(
            "that address has the path {}, not this sign-in's {}",
            target.split('?').next().unwrap_or(""),
            expected.path
        )),
        (None, "Sign-in not accepted") => Err(
            "that address belongs to another sign-in: its state does not match this one's \
             (paste the address of the sign-in started from the URL above)"
                .into(),
        ),
        (None, "No authorization code") => Err("that address carries no authorization code".into()),
        (None, _) => Err(not_it()),
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
            ports: vec![],
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
    fn a_pasted_address_is_judged_as_the_request_would_be() {
        let e = Expected {
            path: "/callback",
            port: 4711,
            state: "s1",
        };
        let code = |r: std::result::Result<Callback, String>| match r {
            Ok(Callback::Code { code, .. }) => code.secret().clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            code(judge_pasted(
                &e,
                " http://127.0.0.1:4711/callback?code=c1&state=s1\n"
            )),
            "c1"
        );
        assert_eq!(
            code(judge_pasted(
                &e,
                "http://localhost:4711/callback?state=s1&code=c2"
            )),
            "c2"
        );
        assert_eq!(code(judge_pasted(&e, "?code=c3&state=s1")), "c3");
        assert_eq!(code(judge_pasted(&e, "code=c4&state=s1&iss=x")), "c4");
        assert!(matches!(
            judge_pasted(&e, "http://127.0.0.1:4711/callback?error=access_denied&state=s1"),
            Ok(Callback::Denied { error, .. }) if error == "access_denied"
        ));
        let err = judge_pasted(&e, "http://127.0.0.1:4711/callback?code=c&state=s2").unwrap_err();
        assert!(err.contains("state does not match"), "{err}");
        let err = judge_pasted(&e, "http://127.0.0.1:9/callback?code=c&state=s1").unwrap_err();
        assert!(err.contains("port 4711"), "{err}");
        let err = judge_pasted(&e, "http://127.0.0.1:4711/other?code=c&state=s1").unwrap_err();
        assert!(err.contains("/other"), "{err}");
        for garbage in [
            "",
            "hello",
            "http://",
            "%%%",
            "state=s1",
            "https://[::1",
            "\u{1b}[31m",
        ] {
            let err = judge_pasted(&e, garbage).unwrap_err();
            assert!(
                err.contains("not the address the browser ended on"),
                "{garbage:?}: {err}"
            );
        }
    }

    #[test]
    fn a_list_of_ports_falls_through_to_a_free_one() {
        let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let taken = busy.local_addr().unwrap().port();
        let free = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let mut r = Redirect {
            host: RedirectHost::Ipv4,
            ports: vec![taken, free],
            path: "/callback".into(),
        };
        assert_eq!(bind(&r).unwrap().port(), free);
        r.ports = vec![taken];
        let err = bind(&r).err().unwrap();
        assert!(
            err.message.contains(&format!("port {taken} is not free")),
            "{}",
            err.message
        );
    }

    #[test]
    fn localhost_answers_on_both_families() {
        use std::io::Write as _;
        for addr in ["127.0.0.1", "[::1]"] {
            let l = bind(&Redirect {
                host: RedirectHost::Localhost,
                ports: vec![],
                path: "/callback".into(),
            })
            .unwrap();
            if l.servers.len() < 2 {
                return; // no IPv6 loopback on this machine
            }
            let port = l.port();
            let target = format!("{addr}:{port}");
            let client = std::thread::spawn(move || {
                let mut c = std::net::TcpStream::connect(&target).unwrap();
                write!(
                    c,
                    "GET /callback?code=c-{port}&state=s HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut answer = String::new();
                let _ = std::io::Read::read_to_string(&mut c, &mut answer);
                answer
            });
            let got = l
                .wait("s", Instant::now() + Duration::from_secs(10))
                .unwrap();
            assert!(
                matches!(got, Callback::Code { ref code, .. } if code.secret() == &format!("c-{port}")),
                "{addr}"
            );
            drop(l);
            assert!(client.join().unwrap().starts_with("HTTP/1.1 200"), "{addr}");
        }
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
