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

use crate::error::{Error, Result};
use crate::output::Printer;

/// Responses larger than this are refused: no discovery document or JWKS comes close.
pub const MAX_BODY_BYTES: u64 = 1 << 20;
/// How long a document without cache headers is kept.
pub const DEFAULT_MAX_AGE: u64 = 3_600;
/// The longest oidctl keeps a document, whatever the server says: keys rotate.
pub const MAX_MAX_AGE: u64 = 86_400;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const TIMEOUT: Duration = Duration::from_secs(30);

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
pub fn build_client(ca_file: Option<&Path>) -> Result<reqwest::blocking::Client> {
    let mut builder = reqwest::blocking::Client::builder()
        .user_agent(concat!("oidctl/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none());
    if let Some(path) = ca_file {
        let pem = crate::input::file(path, "CA file")?;
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
        let now = crate::jwt::time::now();
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

    /// The body and how long to keep it; `None` for a 404.
    fn fetch(&self, url: &Url) -> Result<Option<(String, u64)>> {
        self.printer.log(1, &format!("GET {url}"));
        let response = self
            .client()?
            .get(url.clone())
            .send()
            .map_err(|e| network_error(url, &e))?;
        let status = response.status();
        self.printer.log(1, &format!("{status} from {url}"));
        let max_age = max_age(response.headers().get(reqwest::header::CACHE_CONTROL));
        let mut body = Vec::new();
        response
            .take(MAX_BODY_BYTES + 1)
            .read_to_end(&mut body)
            .map_err(|e| network_error_io(url, &e))?;
        if body.len() as u64 > MAX_BODY_BYTES {
            return Err(Error::failed(format!(
                "{url} sent more than {} bytes; refusing to read it",
                MAX_BODY_BYTES
            )));
        }
        if status.is_redirection() {
            return Err(
                Error::failed(format!("{url} answered {status}, a redirect")).with_hint(
                    "give the final URL; oidctl does not follow redirects for key material",
                ),
            );
        }
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !status.is_success() {
            return Err(Error::failed(format!("{url} answered HTTP {status}")));
        }
        let text = String::from_utf8(body)
            .map_err(|_| Error::failed(format!("{url} did not answer with UTF-8 text")))?;
        Ok(Some((text, max_age)))
    }
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

fn network_error_io(url: &Url, e: &std::io::Error) -> Error {
    Error::unreachable(format!("reading the answer from {url} failed")).with_sources(e)
}

/// The `error` and `error_description` of a `Bearer` challenge in a WWW-Authenticate header
/// (RFC 6750 §3), parsed by `http-auth`.
pub fn bearer_error(header: &str) -> Option<(String, Option<String>)> {
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
    Some((param("error")?, param("error_description")))
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
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn write_entry(path: &Path, entry: &CacheEntry) -> std::io::Result<()> {
    crate::fsutil::write_atomic(path, &serde_json::to_vec(entry)?, 0o644)
}

/// Where cached documents live: `$OIDCTL_CACHE_DIR`, else the platform cache directory.
pub fn default_cache_dir() -> Option<PathBuf> {
    crate::dirs::cache()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
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
        assert_eq!(
            bearer_error(
                r#"Bearer realm="api", error="invalid_token", error_description="the \"token\" expired""#
            ),
            Some(("invalid_token".into(), Some("the \"token\" expired".into())))
        );
        assert_eq!(
            bearer_error(r#"Basic realm="x", Bearer error="insufficient_scope""#),
            Some(("insufficient_scope".into(), None))
        );
        assert_eq!(bearer_error(r#"Bearer realm="api""#), None);
        assert_eq!(bearer_error("not a challenge ,,, ="), None);
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
