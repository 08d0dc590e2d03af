//! HTTP as values: a request goes out through a [`Transport`] and its whole answer comes back
//! (status, headers, a body of at most [`MAX_BODY_BYTES`]). [`Reqwest`] is the transport of
//! the binary: one client with timeouts, a user agent, redirects off and an extra CA when
//! given, built only when a request is really needed (the proxy variables, HTTPS_PROXY and
//! NO_PROXY, are honoured by reqwest). Unit tests hand the protocol code an in-memory
//! transport ([`memory`]) instead.
//!
//! On top, [`Fetcher`] reads the documents oidctl fetches (discovery, JWKS) through a disk cache
//! that keeps each for its HTTP cache lifetime, so repeated runs cost no round trip, and tries
//! an idempotent GET again after a connection error or an overloaded server.

use std::io::Read as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::{Deserialize, Serialize};

use crate::base::clock::{self, Clock};
use crate::base::error::{Error, Result};

/// Responses larger than this are refused: no discovery document or JWKS comes close.
pub const MAX_BODY_BYTES: u64 = 1 << 20;
/// How long a document without cache headers is kept.
pub const DEFAULT_MAX_AGE: u64 = 3_600;
/// The longest oidctl keeps a document, whatever the server says: keys rotate.
pub const MAX_MAX_AGE: u64 = 86_400;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The whole of one request, from connecting to the last byte of the body, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts at an idempotent GET (discovery, JWKS) that met a connection error, 429, 502, 503
/// or 504; token endpoint POSTs are never repeated (a code or a rotating refresh token is
/// single-use).
const GET_ATTEMPTS: usize = 3;
/// The pause before the second and third attempt.
const BACKOFF: [Duration; 2] = [Duration::from_millis(250), Duration::from_millis(1_000)];
/// The longest `Retry-After` honoured; a server asking for more gets no retry (the error says
/// when to try again).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// Accepts https URLs, and http ones only for loopback hosts (a local development provider).
pub fn check_url(text: &str, what: &str) -> Result<Url> {
    let url = Url::parse(text).map_err(|e| {
        Error::usage(format!("{what} {text:?} is not a URL: {e}"))
            .with_hint("give a full URL such as https://login.example.com")
    })?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(
            Error::usage(format!("{what} {url} uses plain http")).with_hint(
                "only loopback hosts (127.0.0.1, [::1], localhost) may use http; use https",
            ),
        ),
        other => Err(Error::usage(format!(
            "{what} {url} has scheme {other:?}; expected https"
        ))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// One request, as a value: method, URL, headers and body.
pub type Request = http::Request<Vec<u8>>;
/// One whole answer: status, headers and the body, read to its end.
pub type Response = http::Response<Vec<u8>>;

/// Carries requests to servers. Implementations read the whole body, refusing one larger than
/// [`MAX_BODY_BYTES`].
pub trait Transport: Send + Sync {
    fn send(&self, request: Request) -> std::result::Result<Response, SendError>;
}

/// Why a request got no answer.
#[derive(Debug)]
pub struct SendError {
    pub error: Error,
    /// Nothing reached the server (the connection failed, not a timeout): a request that is
    /// safe to repeat may be sent again.
    pub before_sending: bool,
}

impl From<SendError> for Error {
    fn from(e: SendError) -> Error {
        e.error
    }
}

impl From<Error> for SendError {
    fn from(error: Error) -> SendError {
        SendError {
            error,
            before_sending: false,
        }
    }
}

/// How the HTTP client is set up; resolved by the settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// The longest one request may take, from connecting to the last byte of the answer.
    pub timeout: Duration,
    /// An extra trusted CA certificate file (PEM).
    pub ca_file: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: DEFAULT_TIMEOUT,
            ca_file: None,
        }
    }
}

/// The transport of the binary: reqwest's blocking client, built on first use, so that a run
/// that needs no request builds none.
pub struct Reqwest {
    options: Options,
    client: OnceLock<reqwest::blocking::Client>,
}

impl Reqwest {
    pub fn new(options: Options) -> Self {
        Reqwest {
            options,
            client: OnceLock::new(),
        }
    }

    pub fn timeout(&self) -> Duration {
        self.options.timeout
    }

    /// The client itself, for a caller that streams an answer (`oidctl call`).
    ///
    /// Timeouts, a user agent, no redirects (a token endpoint must not bounce a code or secret
    /// elsewhere), the proxy variables, and the extra CA when given. The client's own timeout
    /// bounds the wait for the headers and each read of the body; every request also carries
    /// the timeout as its total deadline (reqwest's per-request timeout spans the body too), so
    /// a slow drip ends on time.
    pub fn client(&self) -> Result<&reqwest::blocking::Client> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let client = build_client(&self.options)?;
        Ok(self.client.get_or_init(|| client))
    }
}

fn build_client(options: &Options) -> Result<reqwest::blocking::Client> {
    let total = options.timeout;
    let mut builder = reqwest::blocking::Client::builder()
        .user_agent(concat!("oidctl/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(CONNECT_TIMEOUT.min(total))
        .timeout(total)
        .redirect(reqwest::redirect::Policy::none());
    if let Some(path) = &options.ca_file {
        let pem = crate::base::fs::read_limited(path, "CA file")?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            Error::usage(format!(
                "the CA file {} holds no usable PEM certificate",
                path.display()
            ))
            .with_sources(&e)
        })?;
        if certs.is_empty() {
            return Err(Error::usage(format!(
                "the CA file {} holds no PEM certificate",
                path.display()
            )));
        }
        builder = builder.tls_certs_merge(certs);
    }
    builder
        .build()
        .map_err(|e| Error::failed("could not set up the HTTP client").with_sources(&e))
}

impl Transport for Reqwest {
    fn send(&self, request: Request) -> std::result::Result<Response, SendError> {
        let (parts, body) = request.into_parts();
        let url = Url::parse(&parts.uri.to_string())
            .map_err(|e| Error::usage(format!("{} is not a URL", parts.uri)).caused_by(e))?;
        let response = self
            .client()?
            .request(parts.method, url.clone())
            .headers(parts.headers)
            .body(body)
            .timeout(self.options.timeout)
            .send()
            .map_err(|e| SendError {
                error: network_error(&url, &e),
                before_sending: e.is_connect() && !e.is_timeout(),
            })?;
        let mut answer = http::Response::builder().status(response.status());
        if let Some(headers) = answer.headers_mut() {
            *headers = response.headers().clone();
        }
        if let Some(len) = response.content_length()
            && len > MAX_BODY_BYTES
        {
            return Err(too_large(&url).into());
        }
        let body = read_body(&url, response)?;
        Ok(answer
            .body(body)
            .map_err(|e| Error::failed("could not read the answer").caused_by(e))?)
    }
}

/// Fetches documents through the disk cache.
pub struct Fetcher {
    transport: Box<dyn Transport>,
    cache_dir: Option<PathBuf>,
    clock: Clock,
}

#[derive(Serialize, Deserialize)]
struct CacheEntry {
    url: String,
    expires: i64,
    body: String,
}

impl Fetcher {
    /// Documents fetched through `transport`, cached under `cache_dir` (none: not cached).
    pub fn new(transport: Box<dyn Transport>, cache_dir: Option<PathBuf>) -> Self {
        Fetcher {
            transport,
            cache_dir,
            clock: clock::now,
        }
    }

    /// Reads the time from `clock` (tests).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The time, by this fetcher's clock.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// The transport, for the requests that are not documents (token, userinfo, …).
    pub fn transport(&self) -> &dyn Transport {
        self.transport.as_ref()
    }

    /// The JSON document at `url`: from the cache while it is fresh (unless `refresh`), else
    /// from the network, then cached.
    pub fn get(&self, url: &Url, refresh: bool) -> Result<String> {
        self.get_unless_404(url, refresh)?
            .ok_or_else(|| Error::failed(format!("{url} answered HTTP 404 Not Found")))
    }

    /// As [`Self::get`], but a 404 is `None`: discovery then tries the next well-known path.
    pub fn get_unless_404(&self, url: &Url, refresh: bool) -> Result<Option<String>> {
        let path = self.cache_path(url);
        let now = (self.clock)();
        if !refresh
            && let Some(path) = &path
            && let Some(entry) = read_entry(path)
            && entry.url == url.as_str()
            && entry.expires > now
        {
            log::info!("cache hit for {url} (fresh for {}s)", entry.expires - now);
            return Ok(Some(entry.body));
        }
        let Some((body, max_age)) = self.fetch(url)? else {
            return Ok(None);
        };
        if let Some(path) = &path
            && max_age > 0
        {
            let entry = CacheEntry {
                url: url.to_string(),
                expires: now + max_age as i64,
                body: body.clone(),
            };
            if let Err(e) = write_entry(path, &entry) {
                log::info!("could not cache {url}: {e}");
            }
        }
        Ok(Some(body))
    }

    fn cache_path(&self, url: &Url) -> Option<PathBuf> {
        let dir = self.cache_dir.as_ref()?;
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, url.as_str().as_bytes());
        let name: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        Some(dir.join("http").join(format!("{name}.json")))
    }

    /// The body and how long to keep it; `None` for a 404. A GET is safe to repeat: a
    /// connection error, 429, 502, 503 or 504 is tried again (at most [`GET_ATTEMPTS`] in all,
    /// after a short pause or the server's `Retry-After` when that is at most
    /// [`MAX_RETRY_AFTER`]). A timeout is not: it has already cost the whole budget.
    fn fetch(&self, url: &Url) -> Result<Option<(String, u64)>> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.fetch_once(url) {
                Err(Failure::Retryable(err, retry_after)) if attempt < GET_ATTEMPTS => {
                    let pause = match retry_after {
                        Some(wait) if wait > MAX_RETRY_AFTER => return Err(err),
                        Some(wait) => wait,
                        None => BACKOFF[attempt - 1],
                    };
                    log::info!(
                        "{}; trying again in {} ms (attempt {} of {GET_ATTEMPTS})",
                        err.message,
                        pause.as_millis(),
                        attempt + 1
                    );
                    std::thread::sleep(pause);
                }
                Err(Failure::Retryable(err, _) | Failure::Final(err)) => return Err(err),
                Ok(answer) => return Ok(answer),
            }
        }
    }

    fn fetch_once(&self, url: &Url) -> Result<Option<(String, u64)>, Failure> {
        log::info!("GET {url}");
        let request = http::Request::get(url.as_str())
            .header(header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|e| Error::usage(format!("{url} is not a URL")).caused_by(e))?;
        let response = self.transport.send(request).map_err(|e| {
            if e.before_sending {
                Failure::Retryable(e.error, None)
            } else {
                Failure::Final(e.error)
            }
        })?;
        let status = response.status();
        log::info!("{status} from {url}");
        let max_age = max_age(response.headers().get(header::CACHE_CONTROL));
        let retry_after = retry_after(response.headers().get(header::RETRY_AFTER));
        if status.is_redirection() {
            return Err(Failure::Final(
                Error::failed(format!("{url} answered {status}, a redirect")).with_hint(
                    "give the final URL; oidctl does not follow redirects for key material",
                ),
            ));
        }
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if matches!(status.as_u16(), 429 | 502..=504) {
            let err = Error::unreachable(format!("{url} answered HTTP {status}"));
            let err = match &retry_after {
                Some(wait) => err.with_hint(format!(
                    "the server asks to wait {} s (Retry-After); try again then",
                    wait.as_secs()
                )),
                None => err.with_hint("the server is unavailable or overloaded; try again later"),
            };
            return Err(Failure::Retryable(err, retry_after));
        }
        if !status.is_success() {
            return Err(Failure::Final(Error::failed(format!(
                "{url} answered HTTP {status}"
            ))));
        }
        let text = String::from_utf8(response.into_body()).map_err(|_| {
            Failure::Final(Error::failed(format!(
                "{url} did not answer with UTF-8 text"
            )))
        })?;
        Ok(Some((text, max_age)))
    }
}

/// Why one attempt failed, and whether trying again is worth it (with the server's wait).
enum Failure {
    Retryable(Error, Option<Duration>),
    Final(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Final(e)
    }
}

fn too_large(url: &Url) -> Error {
    Error::failed(format!(
        "{url} sent more than {MAX_BODY_BYTES} bytes; refusing to read it"
    ))
    .with_hint("no discovery document, JWKS or token answer is that large: check the URL")
}

/// Reads a response body of at most [`MAX_BODY_BYTES`]: a larger one is refused after reading
/// one byte more, whatever its Content-Length says; one that stalls or drips past the request's
/// deadline fails as timed out (exit 3), never hangs.
pub fn read_body(url: &Url, response: reqwest::blocking::Response) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    response
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| network_error_io(url, &e))?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err(too_large(url));
    }
    Ok(body)
}

/// `Retry-After` in seconds (the HTTP-date form is not worth a date parser here: treated as
/// absent, so the usual backoff applies).
fn retry_after(header: Option<&HeaderValue>) -> Option<Duration> {
    let secs: u64 = header?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(secs))
}

pub fn network_error(url: &Url, e: &reqwest::Error) -> Error {
    let what = if e.is_timeout() {
        "timed out"
    } else {
        "could not be reached"
    };
    Error::unreachable(format!("{url} {what}"))
        .with_sources(e)
        .with_hint("check the URL, your network and any HTTPS_PROXY setting")
}

pub fn network_error_io(url: &Url, e: &std::io::Error) -> Error {
    // reqwest reports its deadline inside the io::Error it hands to `Read`.
    let timed_out = e.kind() == std::io::ErrorKind::TimedOut
        || std::error::Error::source(e)
            .and_then(|s| s.downcast_ref::<reqwest::Error>())
            .is_some_and(reqwest::Error::is_timeout);
    let what = if timed_out {
        "timed out while sending its answer"
    } else {
        "broke off its answer"
    };
    Error::unreachable(format!("{url} {what}"))
        .with_sources(e)
        .with_hint("check the URL, your network and any HTTPS_PROXY setting")
}

/// The error of the `Bearer` challenge in an answer's WWW-Authenticate header (RFC 6750 §3),
/// parsed by `http-auth`, for people: `invalid_token: the token expired`, or the code alone.
pub fn bearer_error(headers: &HeaderMap) -> Option<String> {
    let param = |name: &str| bearer_param(headers, name);
    let code = param("error")?;
    Some(match param("error_description") {
        Some(d) => format!("{code}: {d}"),
        None => code,
    })
}

/// A parameter of the Bearer challenge in `WWW-Authenticate` (RFC 6750 §3), unescaped; parsed
/// by `http_auth`, so quoted commas and escapes are understood.
pub fn bearer_param(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .filter_map(|h| http_auth::parse_challenges(h).ok())
        .flat_map(|challenges| {
            challenges
                .into_iter()
                .filter(|c| c.scheme.eq_ignore_ascii_case("bearer"))
                .flat_map(|c| c.params.into_iter())
                .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.to_unescaped())
                .collect::<Vec<_>>()
        })
        .next()
}

/// The `claims` of an `insufficient_claims` Bearer challenge (OpenID Connect's claims
/// challenge, as Microsoft's Continuous Access Evaluation sends it), still base64.
pub fn claims_challenge(headers: &HeaderMap) -> Option<String> {
    if !bearer_param(headers, "error")?.eq_ignore_ascii_case("insufficient_claims") {
        return None;
    }
    bearer_param(headers, "claims")
}

/// Seconds to keep a response: Cache-Control max-age (capped), none for no-store/no-cache, and
/// the default when the server says nothing.
pub fn max_age(header: Option<&HeaderValue>) -> u64 {
    let Some(value) = header.and_then(|h| h.to_str().ok()) else {
        return DEFAULT_MAX_AGE;
    };
    let mut age = None;
    for directive in value.split(',').map(str::trim) {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return 0;
        }
        if let Some(n) = lower.strip_prefix("max-age=") {
            age = n.trim_matches('"').parse::<u64>().ok();
        }
    }
    age.unwrap_or(DEFAULT_MAX_AGE).min(MAX_MAX_AGE)
}

fn read_entry(path: &Path) -> Option<CacheEntry> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(2 * MAX_BODY_BYTES + 1024)
        .read_to_end(&mut bytes)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn write_entry(path: &Path, entry: &CacheEntry) -> std::io::Result<()> {
    crate::base::fs::write_atomic(path, &serde_json::to_vec(entry)?, 0o600)
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, request: Request) -> std::result::Result<Response, SendError> {
        (**self).send(request)
    }
}

/// An in-memory transport for unit tests: it answers from a script and records what was sent,
/// so that the protocol code is tested without a server.
#[cfg(test)]
pub mod memory {
    use std::collections::VecDeque;
    use std::sync::Mutex;

    use super::{Request, Response, SendError, Transport};
    use crate::base::error::Error;

    /// What was sent: method, URL, headers and body as text.
    #[derive(Debug, Clone)]
    pub struct Sent {
        pub method: String,
        pub url: String,
        pub headers: Vec<(String, String)>,
        pub body: String,
    }

    impl Sent {
        /// A form parameter of the body (the first with that name).
        pub fn form(&self, name: &str) -> Option<String> {
            url::form_urlencoded::parse(self.body.as_bytes())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        }

        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    type Answer = (u16, Vec<(String, String)>, Vec<u8>);

    /// Answers per `METHOD URL`, in order; the last answer of a route repeats. A request with
    /// no route gets a connection error, as a server that is not there.
    #[derive(Default)]
    pub struct Scripted {
        routes: Mutex<Vec<(String, VecDeque<Answer>)>>,
        sent: Mutex<Vec<Sent>>,
    }

    impl Scripted {
        pub fn new() -> Self {
            Self::default()
        }

        /// Adds an answer with a JSON body to `METHOD URL`.
        pub fn json(self, method: &str, url: &str, status: u16, body: &str) -> Self {
            self.answer(
                method,
                url,
                status,
                &[("content-type", "application/json")],
                body.as_bytes(),
            )
        }

        pub fn answer(
            self,
            method: &str,
            url: &str,
            status: u16,
            headers: &[(&str, &str)],
            body: &[u8],
        ) -> Self {
            let key = format!("{method} {url}");
            let answer = (
                status,
                headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                body.to_vec(),
            );
            {
                let mut routes = self.routes.lock().unwrap();
                match routes.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, queue)) => queue.push_back(answer),
                    None => routes.push((key, VecDeque::from([answer]))),
                }
            }
            self
        }

        /// Every request sent so far, in order.
        pub fn sent(&self) -> Vec<Sent> {
            self.sent.lock().unwrap().clone()
        }

        /// The requests sent to `METHOD URL`.
        pub fn sent_to(&self, method: &str, url: &str) -> Vec<Sent> {
            self.sent()
                .into_iter()
                .filter(|s| s.method == method && s.url == url)
                .collect()
        }
    }

    impl Transport for Scripted {
        fn send(&self, request: Request) -> Result<Response, SendError> {
            let (parts, body) = request.into_parts();
            let url = parts.uri.to_string();
            let sent = Sent {
                method: parts.method.to_string(),
                url: url.clone(),
                headers: parts
                    .headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
                    .collect(),
                body: String::from_utf8_lossy(&body).into_owned(),
            };
            let key = format!("{} {url}", sent.method);
            self.sent.lock().unwrap().push(sent);
            let mut routes = self.routes.lock().unwrap();
            let Some((_, queue)) = routes.iter_mut().find(|(k, _)| *k == key) else {
                return Err(SendError {
                    error: Error::unreachable(format!("{url} could not be reached")),
                    before_sending: true,
                });
            };
            let (status, headers, body) = if queue.len() > 1 {
                queue.pop_front().unwrap()
            } else {
                queue.front().cloned().unwrap()
            };
            let mut response = http::Response::builder().status(status);
            for (k, v) in headers {
                response = response.header(k, v);
            }
            Ok(response.body(body).unwrap())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::error::Kind;

    #[test]
    fn cache_lifetimes() {
        let h = |s: &'static str| HeaderValue::from_static(s);
        assert_eq!(max_age(None), DEFAULT_MAX_AGE);
        assert_eq!(max_age(Some(&h("public, max-age=600"))), 600);
        assert_eq!(max_age(Some(&h("max-age=99999999"))), MAX_MAX_AGE);
        assert_eq!(max_age(Some(&h("no-store"))), 0);
        assert_eq!(max_age(Some(&h("private, no-cache"))), 0);
    }

    #[test]
    fn bearer_challenges() {
        let of = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(value));
            bearer_error(&headers)
        };
        assert_eq!(
            of(
                r#"Bearer realm="api", error="invalid_token", error_description="the \"token\" expired""#
            ),
            Some("invalid_token: the \"token\" expired".into())
        );
        assert_eq!(
            of(r#"Basic realm="x", Bearer error="insufficient_scope""#),
            Some("insufficient_scope".into())
        );
        assert_eq!(of(r#"Bearer realm="api""#), None);
        assert_eq!(of("not a challenge ,,, ="), None);
        assert_eq!(bearer_error(&HeaderMap::new()), None);
    }

    #[test]
    fn claims_challenges_are_found_past_quoted_commas() {
        let of = |v: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_str(v).unwrap());
            claims_challenge(&headers)
        };
        assert_eq!(
            of(
                r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", error_description="Continuous access evaluation, step-up required, \"claims\" below", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ==""#
            ),
            Some("eyJhY2Nlc3NfdG9rZW4iOnt9fQ==".into())
        );
        assert_eq!(
            of(r#"Basic realm="a, b", Bearer claims="x", error="insufficient_claims""#),
            Some("x".into())
        );
        assert_eq!(of(r#"Bearer error="invalid_token", claims="x""#), None);
        assert_eq!(of(r#"Bearer error="insufficient_claims""#), None);
    }

    #[test]
    fn http_only_for_loopback() {
        assert!(check_url("https://login.example.com", "issuer").is_ok());
        assert!(check_url("http://127.0.0.1:8080/x", "issuer").is_ok());
        assert!(check_url("http://[::1]:8080", "issuer").is_ok());
        assert!(check_url("http://localhost:1", "issuer").is_ok());
        let err = check_url("http://login.example.com", "issuer").unwrap_err();
        assert_eq!(err.kind, Kind::Usage);
        assert!(check_url("ftp://127.0.0.1", "issuer").is_err());
        assert!(check_url("not a url", "issuer").is_err());
    }
}
