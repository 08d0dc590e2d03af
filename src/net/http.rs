//! HTTP for documents oidctl reads (discovery, JWKS): one client with timeouts, a user agent,
//! redirects off and a size limit, built only when a request is really needed; and a disk cache
//! that keeps each document for its HTTP cache lifetime, so repeated runs cost no round trip.
//! The proxy variables (HTTPS_PROXY, NO_PROXY, …) are honoured by reqwest.

use std::io::Read as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use reqwest::Url;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::output::Printer;

/// Responses larger than this are refused: no discovery document or JWKS comes close.
pub const MAX_BODY_BYTES: u64 = 1 << 20;
/// How long a document without cache headers is kept.
pub const DEFAULT_MAX_AGE: u64 = 3_600;
/// The longest oidctl keeps a document, whatever the server says: keys rotate.
pub const MAX_MAX_AGE: u64 = 86_400;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The whole of one request, from connecting to the last byte of the body.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts at an idempotent GET (discovery, JWKS) that met a connection error, 429, 502, 503
/// or 504; token endpoint POSTs are never repeated (a code or a rotating refresh token is
/// single-use).
const GET_ATTEMPTS: usize = 3;
/// The pause before the second and third attempt.
const BACKOFF: [Duration; 2] = [Duration::from_millis(250), Duration::from_millis(1_000)];
/// The longest `Retry-After` honoured; a server asking for more gets no retry (the error says
/// when to try again).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// The total time one request may take: `OIDCTL_HTTP_TIMEOUT` seconds, else 30 s. A request
/// that has not finished by then (a server that never answers, or drips its answer a byte at a
/// time) fails as timed out, exit 3.
pub fn timeout() -> Result<Duration> {
    match std::env::var(crate::env::HTTP_TIMEOUT) {
        Err(_) => Ok(TIMEOUT),
        Ok(v) if v.trim().is_empty() => Ok(TIMEOUT),
        Ok(v) => match v.trim().parse::<f64>() {
            Ok(secs) if secs > 0.0 && secs <= 86_400.0 => Ok(Duration::from_secs_f64(secs)),
            _ => Err(Error::usage(format!(
                "{}={v:?} is not a number of seconds",
                crate::env::HTTP_TIMEOUT
            ))
            .with_hint("give a positive number of seconds, such as 30")),
        },
    }
}

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

/// The one HTTP client: timeouts, user agent, no redirects (a token endpoint must not bounce a
/// code or secret elsewhere), the proxy variables, and an extra trusted CA when given.
///
/// The client's own timeout bounds the wait for the headers and each read of the body; every
/// request also carries [`timeout`] as its total deadline (reqwest's per-request timeout spans
/// the body too), so a slow drip ends on time.
pub fn build_client(ca_file: Option<&Path>) -> Result<reqwest::blocking::Client> {
    let total = timeout()?;
    let mut builder = reqwest::blocking::Client::builder()
        .user_agent(concat!("oidctl/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(CONNECT_TIMEOUT.min(total))
        .timeout(total)
        .redirect(reqwest::redirect::Policy::none());
    if let Some(path) = ca_file {
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

/// Fetches documents through the disk cache.
pub struct Fetcher<'p> {
    client: OnceLock<reqwest::blocking::Client>,
    cache_dir: Option<PathBuf>,
    ca_file: Option<PathBuf>,
    printer: &'p Printer,
}

#[derive(Serialize, Deserialize)]
struct CacheEntry {
    url: String,
    expires: i64,
    body: String,
}

impl<'p> Fetcher<'p> {
    pub fn new(cache_dir: Option<PathBuf>, printer: &'p Printer) -> Self {
        Fetcher {
            client: OnceLock::new(),
            cache_dir,
            ca_file: None,
            printer,
        }
    }

    /// Trusts an extra CA for these requests.
    pub fn with_ca_file(mut self, ca_file: Option<PathBuf>) -> Self {
        self.ca_file = ca_file;
        self
    }

    pub fn printer(&self) -> &'p Printer {
        self.printer
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
        let now = crate::base::clock::now();
        if !refresh
            && let Some(path) = &path
            && let Some(entry) = read_entry(path)
            && entry.url == url.as_str()
            && entry.expires > now
        {
            self.printer.log(
                1,
                &format!("cache hit for {url} (fresh for {}s)", entry.expires - now),
            );
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
                self.printer.log(1, &format!("could not cache {url}: {e}"));
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

    /// The HTTP client, built on first use: a run that needs no request builds none.
    pub fn client(&self) -> Result<&reqwest::blocking::Client> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let client = build_client(self.ca_file.as_deref())?;
        Ok(self.client.get_or_init(|| client))
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
                    self.printer.log(
                        1,
                        &format!(
                            "{}; trying again in {} ms (attempt {} of {GET_ATTEMPTS})",
                            err.message,
                            pause.as_millis(),
                            attempt + 1
                        ),
                    );
                    std::thread::sleep(pause);
                }
                Err(Failure::Retryable(err, _) | Failure::Final(err)) => return Err(err),
                Ok(answer) => return Ok(answer),
            }
        }
    }

    fn fetch_once(&self, url: &Url) -> Result<Option<(String, u64)>, Failure> {
        self.printer.log(1, &format!("GET {url}"));
        let response = self
            .client()?
            .get(url.clone())
            .timeout(timeout()?)
            .send()
            .map_err(|e| {
                let err = network_error(url, &e);
                if e.is_connect() && !e.is_timeout() {
                    Failure::Retryable(err, None)
                } else {
                    Failure::Final(err)
                }
            })?;
        let status = response.status();
        self.printer.log(1, &format!("{status} from {url}"));
        let max_age = max_age(response.headers().get(reqwest::header::CACHE_CONTROL));
        let retry_after = retry_after(response.headers().get(reqwest::header::RETRY_AFTER));
        if let Some(len) = response.content_length()
            && len > MAX_BODY_BYTES
        {
            return Err(Failure::Final(too_large(url)));
        }
        let body = read_body(url, response)?;
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
        let text = String::from_utf8(body).map_err(|_| {
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
fn retry_after(header: Option<&reqwest::header::HeaderValue>) -> Option<Duration> {
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
pub fn bearer_error(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let header = headers
        .get(reqwest::header::WWW_AUTHENTICATE)?
        .to_str()
        .ok()?;
    let challenges = http_auth::parse_challenges(header).ok()?;
    let bearer = challenges
        .iter()
        .find(|c| c.scheme.eq_ignore_ascii_case("bearer"))?;
    let param = |name: &str| {
        bearer
            .params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_unescaped())
    };
    let code = param("error")?;
    Some(match param("error_description") {
        Some(d) => format!("{code}: {d}"),
        None => code,
    })
}

/// Seconds to keep a response: Cache-Control max-age (capped), none for no-store/no-cache, and
/// the default when the server says nothing.
pub fn max_age(header: Option<&reqwest::header::HeaderValue>) -> u64 {
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
    crate::base::fs::write_atomic(path, &serde_json::to_vec(entry)?, 0o644)
}

/// Where cached documents live: `$OIDCTL_CACHE_DIR`, else the platform cache directory.
pub fn default_cache_dir() -> Option<PathBuf> {
    crate::base::dirs::cache()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::error::Kind;
    use reqwest::header::HeaderValue;

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
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert(
                reqwest::header::WWW_AUTHENTICATE,
                HeaderValue::from_static(value),
            );
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
        assert_eq!(bearer_error(&reqwest::header::HeaderMap::new()), None);
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
