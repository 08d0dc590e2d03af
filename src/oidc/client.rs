//! The client's back-channel requests (token, device authorization, introspection, revocation):
//! a form POST carrying the client's authentication, and the answer read as RFC 6749 JSON. Every
//! outcome becomes one of three things: a JSON object, the provider's error (`error`,
//! `error_description`, Microsoft's `error_codes`), or an [`Error`] for what is neither (an HTML
//! error page, a 5xx, a timeout). Nothing here prints; no message ever carries a token.

use reqwest::{StatusCode, Url};
use serde_json::{Map, Value};

use base64::Engine as _;
use reqwest::header;
use serde::{Deserialize, Serialize};

use super::assertion::Signer;
use crate::base::error::{Error, Kind, Result};
use crate::base::secret::Secret;
use crate::net::http::{Request, Transport};

/// How the client authenticates at the token, introspection and revocation endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ClientAuthMethod {
    /// client_secret_basic: the secret in an HTTP Basic Authorization header
    Basic,
    /// client_secret_post: the secret in the form body
    Post,
    /// private_key_jwt: a JWT signed with --client-assertion-key
    PrivateKeyJwt,
    /// A public client: only client_id in the form body
    None,
}

impl ClientAuthMethod {
    pub fn name(self) -> &'static str {
        match self {
            ClientAuthMethod::Basic => "basic",
            ClientAuthMethod::Post => "post",
            ClientAuthMethod::PrivateKeyJwt => "private-key-jwt",
            ClientAuthMethod::None => "none",
        }
    }
}

/// How the client proves who it is (RFC 6749 §2.3, OpenID Connect Core §9).
#[derive(Debug)]
pub enum ClientAuth {
    /// A public client: `client_id` in the form.
    None,
    /// `client_secret_basic`.
    Basic(Secret),
    /// `client_secret_post`.
    Post(Secret),
    /// `private_key_jwt`: a fresh signed assertion per request.
    PrivateKeyJwt(Signer),
}

impl ClientAuth {
    /// The registration name of the method (`token_endpoint_auth_method`).
    pub fn method(&self) -> &'static str {
        match self {
            ClientAuth::None => "none",
            ClientAuth::Basic(_) => "client_secret_basic",
            ClientAuth::Post(_) => "client_secret_post",
            ClientAuth::PrivateKeyJwt(_) => "private_key_jwt",
        }
    }
}

/// A client of one provider: the transport, who it is, and where assertions are addressed.
pub struct Caller<'a> {
    pub transport: &'a dyn Transport,
    pub client_id: &'a str,
    pub auth: &'a ClientAuth,
    /// The `aud` of private_key_jwt assertions: the token endpoint (OpenID Connect Core §9).
    pub assertion_audience: &'a str,
    /// Sent as `Origin` on token requests, for clients registered as single-page applications.
    pub origin: Option<&'a str>,
    /// The time, for the assertions' `iat` and `exp`.
    pub now: i64,
}

/// An error answer in RFC 6749 §5.2 form.
#[derive(Debug, Clone)]
pub struct ProviderError {
    pub status: StatusCode,
    pub code: String,
    pub description: Option<String>,
    /// Microsoft's numeric AADSTS codes.
    pub error_codes: Vec<i64>,
}

pub enum Reply {
    Ok(Map<String, Value>),
    Err(ProviderError),
}

impl Caller<'_> {
    /// POSTs `form` (plus the client's authentication) to `url`.
    pub fn post(&self, url: &Url, form: Vec<(&'static str, String)>) -> Result<Reply> {
        let response = self.transport.send(self.request(url, form)?)?;
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        interpret(
            url,
            response.status(),
            retry_after.as_deref(),
            response.body(),
        )
    }

    /// The form POST to `url`, with the client's authentication; no I/O.
    pub fn request(&self, url: &Url, mut form: Vec<(&'static str, String)>) -> Result<Request> {
        let mut request = http::Request::post(url.as_str())
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        match self.auth {
            ClientAuth::None => form.push(("client_id", self.client_id.to_string())),
            ClientAuth::Basic(secret) => {
                let pair = format!(
                    "{}:{}",
                    form_encode(self.client_id),
                    form_encode(secret.secret())
                );
                request = request.header(
                    header::AUTHORIZATION,
                    format!(
                        "Basic {}",
                        base64::engine::general_purpose::STANDARD.encode(pair)
                    ),
                );
            }
            ClientAuth::Post(secret) => {
                form.push(("client_id", self.client_id.to_string()));
                form.push(("client_secret", secret.secret().to_string()));
            }
            ClientAuth::PrivateKeyJwt(signer) => {
                form.push(("client_id", self.client_id.to_string()));
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
                ));
                form.push((
                    "client_assertion",
                    signer.assertion(self.client_id, self.assertion_audience, self.now)?,
                ));
            }
        }
        if let Some(origin) = self.origin {
            request = request.header(header::ORIGIN, origin);
        }
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
            .finish();
        request
            .body(body.into_bytes())
            .map_err(|e| Error::usage(format!("cannot send a request to {url}")).caused_by(e))
    }
}

/// RFC 6749 §2.3.1: client credentials in Basic auth are form-urlencoded first.
fn form_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// What an answer means; pure, so every shape a provider sends can be unit-tested.
pub fn interpret(
    url: &Url,
    status: StatusCode,
    retry_after: Option<&str>,
    body: &[u8],
) -> Result<Reply> {
    let json: Option<Map<String, Value>> = serde_json::from_slice(body).ok();
    if status.is_success() {
        if body.iter().all(u8::is_ascii_whitespace) {
            // Revocation answers 200 with an empty body.
            return Ok(Reply::Ok(Map::new()));
        }
        return json.map(Reply::Ok).ok_or_else(|| {
            Error::failed(format!(
                "{url} answered HTTP {status} with something that is not a JSON object"
            ))
            .caused_by(describe_body(body))
            .with_hint("check the issuer URL: this does not look like an OAuth endpoint")
        });
    }
    if let Some(obj) = &json
        && let Some(code) = obj.get("error").and_then(Value::as_str)
    {
        return Ok(Reply::Err(ProviderError {
            status,
            code: code.to_string(),
            description: obj
                .get("error_description")
                .and_then(Value::as_str)
                .map(str::to_string),
            error_codes: obj
                .get("error_codes")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default(),
        }));
    }
    let err = match status.as_u16() {
        429 => Error::unreachable(format!("{url} answered HTTP {status}: too many requests"))
            .with_hint(match retry_after {
                Some(s) => format!("the provider asks to wait (Retry-After: {s}); try again then"),
                None => "wait a moment and try again".to_string(),
            }),
        502..=504 => Error::unreachable(format!(
            "{url} answered HTTP {status}: the provider is unavailable"
        ))
        .with_hint("try again later; check the provider's status page"),
        _ => Error::failed(format!("{url} answered HTTP {status}"))
            .with_hint("check the issuer URL and the client's registration"),
    };
    Err(err.caused_by(describe_body(body)))
}

/// A safe description of a body that is not the JSON expected: its kind and, for text, how it
/// begins (an HTML page's title), never more than a line. Never called on a successful token
/// answer, which would carry secrets.
fn describe_body(body: &[u8]) -> String {
    if body.is_empty() {
        return "the body was empty".into();
    }
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        let lower = trimmed.to_ascii_lowercase();
        let title = lower.find("<title>").and_then(|start| {
            let rest = &trimmed[start + 7..];
            rest.find('<').map(|end| rest[..end].trim().to_string())
        });
        return match title {
            Some(t) if !t.is_empty() => format!("an HTML page: {}", clip(&t)),
            _ => "an HTML page".into(),
        };
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return "JSON without an error code".into();
    }
    format!("it began: {}", clip(trimmed.lines().next().unwrap_or("")))
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(120).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

impl ProviderError {
    /// The error for people: the provider's code and description, and a hint for the codes of
    /// RFC 6749 §5.2, RFC 8628 §3.5, RFC 8693 and RFC 7009. `what` names the request.
    pub fn into_error(self, what: &str) -> Error {
        let (kind, hint) = match self.code.as_str() {
            "invalid_grant" => (
                Kind::SignInRequired,
                "the sign-in has expired or was revoked: sign in again with oidctl login",
            ),
            "access_denied" | "authorization_declined" => (
                Kind::SignInRequired,
                "the sign-in was declined; run oidctl login again to retry",
            ),
            "expired_token" => (
                Kind::SignInRequired,
                "the code expired before it was entered; run oidctl login --device again",
            ),
            "invalid_client" => (
                Kind::Failed,
                "check the client ID and its credentials (--client-secret-file or OIDCTL_CLIENT_SECRET, --client-assertion-key) and --client-auth",
            ),
            "unauthorized_client" => (
                Kind::Failed,
                "the client may not use this grant: check its registration at the provider",
            ),
            "unsupported_grant_type" => (
                Kind::Failed,
                "the provider does not offer this grant (or not to this client)",
            ),
            "invalid_scope" => (Kind::Failed, "check the requested scopes (--scope)"),
            "invalid_target" => (Kind::Failed, "check --audience and --resource"),
            "invalid_request" => (
                Kind::Failed,
                "the provider found the request malformed; -v shows what oidctl sent",
            ),
            "unsupported_token_type" => (
                Kind::Failed,
                "the provider cannot revoke or exchange this type of token",
            ),
            "temporarily_unavailable" => (
                Kind::Unreachable,
                "the provider is overloaded; try again later",
            ),
            _ => (Kind::Failed, ""),
        };
        let aadsts = super::entra::aadsts_code(self.description.as_deref(), &self.error_codes);
        let detail = match aadsts {
            Some(n) => format!("AADSTS{n}, HTTP {}", self.status.as_u16()),
            None => format!("HTTP {}", self.status.as_u16()),
        };
        let mut err = Error::new(
            kind,
            format!(
                "{what} failed: the provider answered {} ({detail})",
                self.code
            ),
        );
        if let Some(d) = &self.description {
            err = with_description(err, d);
        }
        match aadsts
            .and_then(super::entra::hint)
            .or((!hint.is_empty()).then_some(hint))
        {
            Some(h) => err.with_hint(h),
            None => err,
        }
    }
}

/// The provider's description as causes, one per line: Microsoft's carry a Trace ID and a
/// Correlation ID on lines of their own, which its support asks for.
pub fn with_description(mut err: Error, description: &str) -> Error {
    for line in description.lines().map(str::trim).filter(|l| !l.is_empty()) {
        err = err.caused_by(line);
    }
    err
}

/// A string field of an answer: absent is `None`; present and not a string names the field,
/// never its value.
pub fn string_field(obj: &Map<String, Value>, name: &str, what: &str) -> Result<Option<String>> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::failed(format!(
            "{what}: the provider's answer has a {name} that is not a string"
        ))),
    }
}

/// A number of seconds, as a JSON number or, as Microsoft's v1 endpoints send it, a string.
pub fn seconds_field(obj: &Map<String, Value>, name: &str, what: &str) -> Result<Option<u64>> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .map(Some)
            .ok_or_else(|| bad_number(name, what)),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| bad_number(name, what)),
        Some(_) => Err(bad_number(name, what)),
    }
}

fn bad_number(name: &str, what: &str) -> Error {
    Error::failed(format!(
        "{what}: the provider's answer has a {name} that is not a number of seconds"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> Url {
        Url::parse("https://op.example/token").unwrap()
    }

    fn err(status: u16, body: &str) -> Error {
        match interpret(
            &url(),
            StatusCode::from_u16(status).unwrap(),
            None,
            body.as_bytes(),
        ) {
            Err(e) => e,
            Ok(_) => panic!("expected an error for {status} {body}"),
        }
    }

    fn provider_error(status: u16, body: &str) -> ProviderError {
        match interpret(
            &url(),
            StatusCode::from_u16(status).unwrap(),
            None,
            body.as_bytes(),
        ) {
            Ok(Reply::Err(e)) => e,
            _ => panic!("expected a provider error"),
        }
    }

    #[test]
    fn rfc6749_errors_keep_code_and_description() {
        let e = provider_error(
            400,
            r#"{"error":"invalid_grant","error_description":"grant request is invalid","error_codes":[70008]}"#,
        );
        assert_eq!(e.code, "invalid_grant");
        assert_eq!(e.error_codes, [70008]);
        let e = e.into_error("the refresh");
        assert_eq!(e.kind, Kind::SignInRequired);
        assert_eq!(
            e.message,
            "the refresh failed: the provider answered invalid_grant (AADSTS70008, HTTP 400)"
        );
        assert_eq!(e.causes, ["grant request is invalid"]);
        for (code, kind) in [
            ("invalid_client", Kind::Failed),
            ("invalid_request", Kind::Failed),
            ("unauthorized_client", Kind::Failed),
            ("unsupported_grant_type", Kind::Failed),
            ("invalid_scope", Kind::Failed),
            ("access_denied", Kind::SignInRequired),
            ("expired_token", Kind::SignInRequired),
            ("authorization_declined", Kind::SignInRequired),
            ("temporarily_unavailable", Kind::Unreachable),
            ("server_error", Kind::Failed),
        ] {
            let e = provider_error(400, &format!(r#"{{"error":"{code}"}}"#)).into_error("x");
            assert_eq!(e.kind, kind, "{code}");
        }
    }

    #[test]
    fn microsoft_errors_show_their_aadsts_code_and_ids() {
        let e = provider_error(
            400,
            r#"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2026-11-26 10:00:00Z","error_codes":[700082]}"#,
        )
        .into_error("the refresh");
        assert_eq!(
            e.message,
            "the refresh failed: the provider answered invalid_grant (AADSTS700082, HTTP 400)"
        );
        assert_eq!(e.causes.len(), 4);
        assert_eq!(e.causes[1], "Trace ID: t-1");
        assert!(e.hint.unwrap().contains("refresh token has expired"));
        assert_eq!(e.kind, Kind::SignInRequired);
    }

    #[test]
    fn answers_that_are_not_oauth_json() {
        let e = err(
            500,
            "<html><head><title>Internal Server Error</title></head></html>",
        );
        assert_eq!(e.kind, Kind::Failed);
        assert_eq!(e.causes, ["an HTML page: Internal Server Error"]);
        let e = err(503, "");
        assert_eq!(e.kind, Kind::Unreachable);
        assert_eq!(e.causes, ["the body was empty"]);
        let e = match interpret(
            &url(),
            StatusCode::TOO_MANY_REQUESTS,
            Some("30"),
            b"slow down",
        ) {
            Err(e) => e,
            Ok(_) => unreachable!(),
        };
        assert_eq!(e.kind, Kind::Unreachable);
        assert!(e.hint.unwrap().contains("Retry-After: 30"));
        let e = err(200, "<html>login</html>");
        assert!(e.message.contains("not a JSON object"), "{}", e.message);
        let e = err(400, r#"{"message":"nope"}"#);
        assert_eq!(e.causes, ["JSON without an error code"]);
    }

    #[test]
    fn empty_success_is_an_empty_object() {
        assert!(matches!(
            interpret(&url(), StatusCode::OK, None, b""),
            Ok(Reply::Ok(m)) if m.is_empty()
        ));
    }

    #[test]
    fn fields_are_checked_without_echoing_values() {
        let obj: Map<String, Value> = serde_json::from_str(
            r#"{"a":"s","n":3600,"ns":"3599","f":1.5,"bad":"secret-value","arr":[1]}"#,
        )
        .unwrap();
        assert_eq!(string_field(&obj, "a", "w").unwrap().as_deref(), Some("s"));
        assert_eq!(string_field(&obj, "zz", "w").unwrap(), None);
        assert!(string_field(&obj, "arr", "w").is_err());
        assert_eq!(seconds_field(&obj, "n", "w").unwrap(), Some(3600));
        assert_eq!(seconds_field(&obj, "ns", "w").unwrap(), Some(3599));
        assert_eq!(seconds_field(&obj, "f", "w").unwrap(), Some(1));
        let e = seconds_field(&obj, "bad", "w").unwrap_err();
        assert!(!e.message.contains("secret-value"), "{}", e.message);
    }
}
