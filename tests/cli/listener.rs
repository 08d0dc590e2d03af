//! The sign-in listener as a stranger meets it, over raw TCP: it listens on 127.0.0.1 only;
//! a pre-connect that never sends a request does not block it; a favicon, another path, a
//! foreign Host (DNS rebinding), a foreign Origin, a wrong state and a POST each get a page and
//! do not end the wait; the one real callback ends it, and the port closes.

use std::io::{BufRead as _, Read as _, Write as _};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use crate::support::*;

/// Sends one raw request and returns the status code and the whole answer.
fn request(port: u16, raw: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

/// Whether a socket listens on `port` of 127.0.0.1 only (from /proc/net/tcp{,6}).
fn listening_addresses(port: u16) -> Vec<String> {
    let mut found = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state)) = (fields.get(1), fields.get(3)) else {
                continue;
            };
            let Some((addr, p)) = local.split_once(':') else {
                continue;
            };
            if *state == "0A" && u16::from_str_radix(p, 16) == Ok(port) {
                found.push(addr.to_string());
            }
        }
    }
    found
}

#[test]
fn the_listener_answers_strangers_and_waits_for_the_one_callback() {
    let server = Server::start();
    server.route(
        "/.well-known/openid-configuration",
        Route::json(format!(
            r#"{{"issuer":"{0}","authorization_endpoint":"{0}/authorize","token_endpoint":"{0}/token","jwks_uri":"{0}/jwks"}}"#,
            server.url
        )),
    );
    server.route(
        "/token",
        Route::with(
            400,
            "application/json",
            r#"{"error":"invalid_grant","error_description":"a made-up code"}"#,
        ),
    );
    let port = closed_port();
    let o = Oidctl::new();
    let mut cmd = o.cmd();
    cmd.args([
        "login",
        "--no-browser",
        "--timeout",
        "60",
        "--store",
        "file",
    ])
    .args(["--issuer", &server.url, "--client-id", "c"])
    .args(["--redirect-port", &port.to_string()]);
    let mut child = spawnable(&cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let url = loop {
        let mut line = String::new();
        assert!(err.read_line(&mut line).unwrap() > 0, "no URL shown");
        if let Some(u) = line
            .trim()
            .strip_prefix(&format!("{}/authorize?", server.url))
        {
            break format!("{}/authorize?{u}", server.url);
        }
    };
    let url = reqwest::Url::parse(&url).unwrap();
    let state = url
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();

    // Bound to 127.0.0.1 alone (7F000001 as /proc writes it), not to every address.
    assert_eq!(listening_addresses(port), ["0100007F"]);

    // A browser's pre-connect: a connection that sends nothing, held open throughout.
    let idle = TcpStream::connect(("127.0.0.1", port)).unwrap();

    // Connection: close, so that each answer ends with the connection (a browser would keep it).
    let host = format!("Host: 127.0.0.1:{port}\r\nConnection: close");
    let callback = format!("/callback?code=made-up-code&state={state}");
    for (what, raw, status) in [
        (
            "favicon",
            format!("GET /favicon.ico HTTP/1.1\r\n{host}\r\n\r\n"),
            404,
        ),
        (
            "another path",
            format!("GET /admin?state={state} HTTP/1.1\r\n{host}\r\n\r\n"),
            404,
        ),
        (
            "DNS rebinding",
            format!(
                "GET {callback} HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"
            ),
            421,
        ),
        (
            "cross-site request",
            format!("GET {callback} HTTP/1.1\r\n{host}\r\nOrigin: https://evil.example\r\n\r\n"),
            403,
        ),
        (
            "wrong state",
            format!("GET /callback?code=x&state=not-{state} HTTP/1.1\r\n{host}\r\n\r\n"),
            400,
        ),
        (
            "no code",
            format!("GET /callback?state={state} HTTP/1.1\r\n{host}\r\n\r\n"),
            400,
        ),
        (
            "POST",
            format!("POST {callback} HTTP/1.1\r\n{host}\r\nContent-Length: 0\r\n\r\n"),
            405,
        ),
    ] {
        let (got, answer) = request(port, &raw);
        assert_eq!(got, status, "{what}: {answer}");
        assert!(answer.contains("text/html"), "{what}: a page: {answer}");
        assert!(answer.contains("<h1>"), "{what}: {answer}");
        assert!(child.try_wait().unwrap().is_none(), "{what} ended the wait");
    }

    // The one real callback ends the wait; the code is then refused by the (fake) provider.
    let (got, answer) = request(port, &format!("GET {callback} HTTP/1.1\r\n{host}\r\n\r\n"));
    assert_eq!(got, 200, "{answer}");
    assert!(answer.contains("Signed in"), "{answer}");
    let status = child.wait().unwrap();
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    assert_eq!(status.code(), Some(4), "{rest}");
    assert!(rest.contains("invalid_grant"), "{rest}");
    assert!(
        !rest.contains("made-up-code"),
        "the code never reaches stderr"
    );
    drop(idle);
    // And the port is closed.
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
    assert_eq!(server.hits("/token"), 1);
}
