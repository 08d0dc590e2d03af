//! The fault matrix: every way a provider, a JWKS host or an API can misbehave (refused,
//! unresolvable, TLS that does not verify, silence, a slow drip, a cut-off body, 10 MB, 5xx,
//! 429, HTML, truncated JSON), against each kind of request oidctl makes: discovery
//! (`discover`, `verify --issuer`), a JWKS fetch (`verify --jwks-uri`), a token POST
//! (`login --client-credentials`) and an API call (`call`). Each must end within the
//! configured timeout (OIDCTL_HTTP_TIMEOUT, here 2 s) with a clear error and the documented
//! exit code: 3 for unreachable or timed out. GETs are retried when that is safe; POSTs never.

use std::time::{Duration, Instant};

use crate::support::*;

/// OIDCTL_HTTP_TIMEOUT for these tests.
const TIMEOUT_SECS: u64 = 2;
/// What a run may take beyond the timeout: process start, retries' pauses, a busy machine;
/// and a GET that fails to connect is tried three times (a slow resolver could make each
/// attempt of the DNS case last up to the timeout).
const SLACK: Duration = Duration::from_secs(10);

/// The kinds of request oidctl makes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    Discover,
    VerifyIssuer,
    VerifyJwks,
    TokenPost,
    Call,
}

const TARGETS: [Target; 5] = [
    Target::Discover,
    Target::VerifyIssuer,
    Target::VerifyJwks,
    Target::TokenPost,
    Target::Call,
];

/// A home with a stored client credentials sign-in (for `call`), made against a good fake.
struct Bench {
    o: Oidctl,
    good: Server,
    /// Fakes that must live as long as the commands made with them.
    fakes: std::cell::RefCell<Vec<Server>>,
}

const SECRET: &str = "fault-client-secret-7f3a9c";

impl Bench {
    fn new() -> Self {
        let o = Oidctl::new();
        let good = Server::start();
        good.route(
            "/.well-known/openid-configuration",
            Route::json(format!(
                r#"{{"issuer":"{0}","token_endpoint":"{0}/token","jwks_uri":"{0}/jwks"}}"#,
                good.url
            )),
        );
        good.route(
            "/token",
            Route::json(
                r#"{"access_token":"at-fault-test-4c1d","token_type":"Bearer","expires_in":3600}"#,
            ),
        );
        let bench = Bench {
            o,
            good,
            fakes: Default::default(),
        };
        let out = bench
            .base("login")
            .args(["--client-credentials"])
            .output()
            .unwrap();
        ok(&out);
        bench
    }

    /// `oidctl SUB --issuer GOOD --client-id c --store file`, secret in the environment.
    fn base(&self, sub: &str) -> assert_cmd::Command {
        let mut cmd = self.o.cmd();
        cmd.arg(sub)
            .args([
                "--issuer",
                &self.good.url,
                "--client-id",
                "c",
                "--store",
                "file",
            ])
            .env("OIDCTL_CLIENT_SECRET", SECRET)
            .env("OIDCTL_HTTP_TIMEOUT", TIMEOUT_SECS.to_string());
        cmd
    }

    /// The command that makes `target`'s request to `url` (a server's base URL).
    fn command(&self, target: Target, url: &str) -> assert_cmd::Command {
        let token = read("tokens/rs256.jwt");
        let mut cmd = self.o.cmd();
        cmd.env("OIDCTL_HTTP_TIMEOUT", TIMEOUT_SECS.to_string())
            .env("OIDCTL_CLIENT_SECRET", SECRET);
        match target {
            Target::Discover => {
                cmd.args(["discover", "--refresh", url]);
            }
            Target::VerifyIssuer => {
                cmd.args(["verify", "--issuer", url, token.trim()]);
            }
            Target::VerifyJwks => {
                cmd.args(["verify", "--jwks-uri", &format!("{url}/jwks"), token.trim()]);
            }
            Target::TokenPost => {
                // Good metadata, whose token endpoint is the faulty server.
                let disco = Server::start();
                disco.route(
                    "/.well-known/openid-configuration",
                    Route::json(format!(
                        r#"{{"issuer":"{0}","token_endpoint":"{url}/token"}}"#,
                        disco.url
                    )),
                );
                cmd.args([
                    "login",
                    "--client-credentials",
                    "--issuer",
                    &disco.url,
                    "--client-id",
                    "c",
                    "--store",
                    "file",
                ]);
                self.fakes.borrow_mut().push(disco);
            }
            Target::Call => {
                cmd = self.base("call");
                cmd.arg(format!("{url}/me"));
            }
        }
        cmd
    }
}

/// Runs `cmd`, and checks the exit code, that stderr says `says`, and that it ended in time.
#[track_caller]
fn expect(mut cmd: assert_cmd::Command, what: &str, code: i32, says: &str) -> std::process::Output {
    let started = Instant::now();
    let out = cmd.timeout(Duration::from_secs(60)).output().unwrap();
    let took = started.elapsed();
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{what}: {err}");
    assert!(err.contains(says), "{what}: expected {says:?} in {err}");
    if code != 0 {
        assert!(
            err.starts_with("error: ") || err.contains("\nerror: "),
            "{what}: {err}"
        );
    }
    assert!(
        took < Duration::from_secs(TIMEOUT_SECS) + SLACK,
        "{what}: took {took:?}"
    );
    assert!(!err.contains(SECRET), "{what}: the client secret leaked");
    out
}

#[test]
fn a_server_that_never_answers_times_out() {
    let bench = Bench::new();
    let fault = FaultServer::start(Fault::Silent);
    for target in TARGETS {
        let out = expect(
            bench.command(target, &fault.url),
            &format!("{target:?} silent"),
            3,
            "timed out",
        );
        assert!(stderr(&out).contains("hint: "), "{}", stderr(&out));
    }
    // A timeout has used the whole budget: it is never retried, not even for a GET.
    assert_eq!(
        fault.connections.load(std::sync::atomic::Ordering::SeqCst),
        TARGETS.len()
    );
}

#[test]
fn a_slow_drip_ends_at_the_timeout() {
    let bench = Bench::new();
    // 100 KB at one byte per 20 ms would take over half an hour.
    let fault = FaultServer::start(Fault::Drip(20));
    for target in TARGETS {
        expect(
            bench.command(target, &fault.url),
            &format!("{target:?} drip"),
            3,
            "timed out",
        );
    }
}

#[test]
fn a_body_cut_off_midway() {
    let bench = Bench::new();
    let fault = FaultServer::start(Fault::CloseMidBody);
    for target in TARGETS {
        expect(
            bench.command(target, &fault.url),
            &format!("{target:?} cut off"),
            3,
            "broke off its answer",
        );
    }
}

#[test]
fn ten_megabyte_bodies_are_refused_or_streamed() {
    let bench = Bench::new();
    for length in [true, false] {
        let fault = FaultServer::start(Fault::Huge { length });
        for target in TARGETS {
            let what = format!("{target:?} 10 MB (Content-Length: {length})");
            if target == Target::Call {
                // An API's answer is the user's data: streamed to stdout, never held.
                let out = expect(bench.command(target, &fault.url), &what, 0, "");
                assert_eq!(out.stdout.len(), 10 * 1024 * 1024, "{what}");
            } else {
                expect(
                    bench.command(target, &fault.url),
                    &what,
                    1,
                    "sent more than 1048576 bytes; refusing to read it",
                );
            }
        }
    }
}

#[test]
fn connection_refused() {
    let bench = Bench::new();
    let url = format!("http://127.0.0.1:{}", closed_port());
    for target in TARGETS {
        expect(
            bench.command(target, &url),
            &format!("{target:?} refused"),
            3,
            "could not be reached",
        );
    }
}

#[test]
fn a_name_that_does_not_resolve() {
    // RFC 6761: .invalid never resolves, with or without a network.
    let bench = Bench::new();
    for target in TARGETS {
        expect(
            bench.command(target, "https://oidctl-fault-test.invalid"),
            &format!("{target:?} DNS"),
            3,
            "could not be reached",
        );
    }
}

/// Answers from a server that speaks HTTP but not what was asked, for every request kind.
#[test]
fn error_statuses_html_and_truncated_json() {
    let bench = Bench::new();
    let html = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>down</body></html>";
    // (answer, [discover, verify --issuer, verify --jwks-uri, token POST, call] as
    // (exit code, what stderr says)), and how many requests a GET may make.
    type Expect = (i32, &'static str);
    let cases: Vec<(&str, Route, [Expect; 5])> = vec![
        (
            "500",
            Route::with(500, "text/html", html),
            [
                (1, "answered HTTP 500"),
                (1, "answered HTTP 500"),
                (1, "answered HTTP 500"),
                (1, "an HTML page: Service Unavailable"),
                (1, "answered HTTP 500"),
            ],
        ),
        (
            "502",
            Route::with(502, "text/html", html),
            [
                (3, "answered HTTP 502"),
                (3, "answered HTTP 502"),
                (3, "answered HTTP 502"),
                (3, "the provider is unavailable"),
                (1, "answered HTTP 502"),
            ],
        ),
        (
            "503",
            Route::with(503, "text/plain", ""),
            [
                (3, "answered HTTP 503"),
                (3, "answered HTTP 503"),
                (3, "answered HTTP 503"),
                (3, "the provider is unavailable"),
                (1, "answered HTTP 503"),
            ],
        ),
        (
            "504",
            Route::with(504, "text/plain", "gateway timeout"),
            [
                (3, "answered HTTP 504"),
                (3, "answered HTTP 504"),
                (3, "answered HTTP 504"),
                (3, "the provider is unavailable"),
                (1, "answered HTTP 504"),
            ],
        ),
        (
            "429",
            Route::with(429, "text/plain", "slow down").header("Retry-After", "1"),
            [
                (3, "Retry-After"),
                (3, "Retry-After"),
                (3, "Retry-After"),
                (3, "Retry-After: 1"),
                (1, "answered HTTP 429"),
            ],
        ),
        (
            "HTML",
            Route::with(200, "text/html", html),
            [
                (1, "the server answered with HTML, not JSON"),
                (1, "the server answered with HTML, not JSON"),
                (1, "is not usable"),
                (1, "not a JSON object"),
                (0, ""),
            ],
        ),
        (
            "truncated JSON",
            Route::json(r#"{"issuer":"https://op.example","keys":[{"kty":"RSA","#),
            [
                (1, "is not a JSON object"),
                (1, "is not a JSON object"),
                (1, "is not usable"),
                (1, "not a JSON object"),
                (0, ""),
            ],
        ),
    ];
    for (name, route, expects) in cases {
        for (target, (code, says)) in TARGETS.into_iter().zip(expects) {
            let server = Server::start();
            for path in [
                "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server",
                "/jwks",
                "/token",
                "/me",
            ] {
                server.route(path, route.clone());
            }
            let what = format!("{target:?} {name}");
            let out = expect(bench.command(target, &server.url), &what, code, says);
            let requests = server.total_hits();
            let retried = matches!(name, "502" | "503" | "504" | "429");
            let expected = match target {
                // A GET that may succeed later is tried three times in all.
                Target::Discover | Target::VerifyIssuer | Target::VerifyJwks if retried => 3,
                _ => 1,
            };
            assert_eq!(requests, expected, "{what}: {}", stderr(&out));
        }
    }
}

/// The discovery document of `server`, for sequences.
fn document(server: &Server) -> Route {
    Route::json(format!(
        r#"{{"issuer":"{0}","token_endpoint":"{0}/token","jwks_uri":"{0}/jwks"}}"#,
        server.url
    ))
}

#[test]
fn gets_are_retried_with_backoff_and_retry_after() {
    let bench = Bench::new();
    let path = "/.well-known/openid-configuration";
    let discover = |server: &Server| bench.command(Target::Discover, &server.url);

    // Two 503s, then the document: a success after three requests.
    let server = Server::start();
    server.sequence(
        path,
        vec![
            Route::with(503, "text/plain", ""),
            Route::with(502, "text/plain", ""),
            document(&server),
        ],
    );
    expect(discover(&server), "503, 502, 200", 0, "");
    assert_eq!(server.hits(path), 3);

    // Never better: three requests, then exit 3.
    let server = Server::start();
    server.route(path, Route::with(503, "text/plain", ""));
    expect(discover(&server), "503 for ever", 3, "answered HTTP 503");
    assert_eq!(server.hits(path), 3);

    // Retry-After: 1 is honoured.
    let server = Server::start();
    server.sequence(
        path,
        vec![
            Route::with(429, "text/plain", "").header("Retry-After", "1"),
            document(&server),
        ],
    );
    let started = Instant::now();
    expect(discover(&server), "429 then 200", 0, "");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(server.hits(path), 2);

    // A Retry-After beyond the cap is not waited for: the error says when to come back.
    let server = Server::start();
    server.route(
        path,
        Route::with(429, "text/plain", "").header("Retry-After", "120"),
    );
    let out = expect(discover(&server), "429 for two minutes", 3, "Retry-After");
    assert!(stderr(&out).contains("wait 120 s"), "{}", stderr(&out));
    assert_eq!(server.hits(path), 1);

    // 500 is the server's bug, not a passing state: no retry.
    let server = Server::start();
    server.route(path, Route::with(500, "text/plain", "bug"));
    expect(discover(&server), "500", 1, "answered HTTP 500");
    assert_eq!(server.hits(path), 1);

    // -v says what it does.
    let server = Server::start();
    server.sequence(
        path,
        vec![Route::with(503, "text/plain", ""), document(&server)],
    );
    let mut cmd = discover(&server);
    cmd.arg("-v");
    let out = expect(
        cmd,
        "503 then 200, -v",
        0,
        "trying again in 250 ms (attempt 2 of 3)",
    );
    assert_eq!(server.hits(path), 2, "{}", stderr(&out));
}

#[test]
fn token_requests_are_never_repeated() {
    let bench = Bench::new();
    for first in [
        Route::with(503, "text/plain", ""),
        Route::with(429, "text/plain", "").header("Retry-After", "1"),
        Route::with(502, "text/html", "<html></html>"),
    ] {
        let server = Server::start();
        server.sequence(
            "/token",
            vec![
                first,
                Route::json(r#"{"access_token":"at","expires_in":60}"#),
            ],
        );
        expect(
            bench.command(Target::TokenPost, &server.url),
            "token POST",
            3,
            "",
        );
        assert_eq!(server.hits("/token"), 1, "a token request is sent once");
    }
}

#[test]
fn tls_that_does_not_verify() {
    needs!(Part::Node, Part::Openssl);
    // A provider whose certificate comes from a CA nobody trusts.
    let certs = test_ca(None);
    let cert = certs.path().join("server.pem");
    let key = certs.path().join("server.key");
    let provider = Provider::start(&[
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        key.to_str().unwrap(),
    ]);
    let bench = Bench::new();
    for target in [Target::Discover, Target::VerifyIssuer, Target::VerifyJwks] {
        let out = expect(
            bench.command(target, &provider.issuer),
            &format!("{target:?} unknown CA"),
            3,
            "could not be reached",
        );
        assert!(
            stderr(&out).to_lowercase().contains("certificate"),
            "{}",
            stderr(&out)
        );
    }
    // Trusted, it works.
    let mut cmd = bench.command(Target::Discover, &provider.issuer);
    cmd.arg("--ca-file").arg(certs.path().join("ca.pem"));
    expect(cmd, "trusted CA", 0, "");

    // A trusted CA, but a certificate for another host name.
    let wrong = test_ca(Some("DNS:wrong.example"));
    let provider = Provider::start(&[
        "--tls-cert",
        wrong.path().join("server.pem").to_str().unwrap(),
        "--tls-key",
        wrong.path().join("server.key").to_str().unwrap(),
    ]);
    let mut cmd = bench.command(Target::Discover, &provider.issuer);
    cmd.arg("--ca-file").arg(wrong.path().join("ca.pem"));
    let out = expect(cmd, "wrong host", 3, "could not be reached");
    assert!(
        stderr(&out).to_lowercase().contains("certificate"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_timeout_setting_is_a_usage_error() {
    let bench = Bench::new();
    let mut cmd = bench.command(Target::Discover, "https://op.example");
    cmd.env("OIDCTL_HTTP_TIMEOUT", "soon");
    expect(cmd, "OIDCTL_HTTP_TIMEOUT=soon", 2, "OIDCTL_HTTP_TIMEOUT");
}
