//! HTTP plumbing of the provider: a request read into a [`Call`] (method, path under the issuer,
//! parameters from the query or a size-limited form body), answers as [`Reply`] (JSON with RFC
//! 6749 §5.2 errors, HTML pages, redirects), and client authentication (RFC 6749 §2.3:
//! client_secret_basic, client_secret_post, or a public client's bare client_id).

use std::io::Read as _;

use base64::Engine as _;
use serde_json::{Value, json};

use crate::base::secret::Secret;

/// Request bodies larger than this are refused (a token request is a few hundred bytes).
pub const MAX_BODY: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Options,
    Other,
}

/// One request, read and parsed.
pub struct Call {
    pub method: Method,
    /// The path as requested.
    pub path: String,
    /// Query parameters, then (for a form POST) the body's.
    pub params: Params,
    pub authorization: Option<String>,
    pub host: Option<String>,
}

impl Call {
    /// Reads `request` (the body at most [`MAX_BODY`] bytes); an unreadable request is a reply.
    pub fn read(request: &mut tiny_http::Request) -> Result<Call, Reply> {
        let method = match request.method() {
            tiny_http::Method::Get | tiny_http::Method::Head => Method::Get,
            tiny_http::Method::Post => Method::Post,
            tiny_http::Method::Options => Method::Options,
            _ => Method::Other,
        };
        let header = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
        };
        let authorization = header("Authorization");
        let host = header("Host");
        let content_type = header("Content-Type");
        let url = url::Url::parse(&format!("http://localhost{}", request.url())).map_err(|_| {
            Reply::error(400, "invalid_request", "the request target is not a path")
        })?;
        let mut pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if method == Method::Post {
            if request.body_length().is_some_and(|n| n > MAX_BODY) {
                return Err(Reply::error(
                    413,
                    "invalid_request",
                    "the request body is too large",
                ));
            }
            let mut body = Vec::new();
            request
                .as_reader()
                .take(MAX_BODY as u64 + 1)
                .read_to_end(&mut body)
                .map_err(|_| {
                    Reply::error(400, "invalid_request", "the request body could not be read")
                })?;
            if body.len() > MAX_BODY {
                return Err(Reply::error(
                    413,
                    "invalid_request",
                    "the request body is too large",
                ));
            }
            let form = content_type.as_deref().is_some_and(|t| {
                t.split(';').next().is_some_and(|m| {
                    m.trim()
                        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
                })
            });
            if !body.is_empty() {
                if !form {
                    return Err(Reply::error(
                        400,
                        "invalid_request",
                        "the body must be application/x-www-form-urlencoded",
                    ));
                }
                pairs.extend(
                    url::form_urlencoded::parse(&body)
                        .map(|(k, v)| (k.into_owned(), v.into_owned())),
                );
            }
        }
        Ok(Call {
            method,
            path: url.path().to_string(),
            params: Params(pairs),
            authorization,
            host,
        })
    }
}

/// Request parameters. RFC 6749 §3.1: none may appear twice (except the repeatable `resource`
/// and `audience`).
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// The one value of `name`; an empty value counts as absent (RFC 6749 §3.1).
    pub fn get(&self, name: &str) -> Result<Option<&str>, Reply> {
        let mut found = self
            .0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str());
        match (found.next(), found.next()) {
            (Some(_), Some(_)) => Err(Reply::error(
                400,
                "invalid_request",
                &format!("the parameter {name} appears more than once"),
            )),
            (Some(""), None) | (None, _) => Ok(None),
            (Some(v), None) => Ok(Some(v)),
        }
    }

    /// `get`, or an `invalid_request` naming the missing parameter.
    pub fn require(&self, name: &str) -> Result<&str, Reply> {
        self.get(name)?.ok_or_else(|| {
            Reply::error(
                400,
                "invalid_request",
                &format!("the parameter {name} is missing"),
            )
        })
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// `scope`, split on spaces.
    pub fn scopes(&self) -> Result<Vec<String>, Reply> {
        Ok(self
            .get("scope")?
            .map(|s| {
                let mut out: Vec<String> = Vec::new();
                for s in s.split(' ').filter(|s| !s.is_empty()) {
                    if !out.iter().any(|o| o == s) {
                        out.push(s.to_string());
                    }
                }
                out
            })
            .unwrap_or_default())
    }

    /// `audience` and `resource` values together.
    pub fn audience(&self) -> Vec<String> {
        let mut out = self.all("audience");
        out.extend(self.all("resource"));
        out
    }
}

/// An answer, built up and turned into a tiny_http response at the end.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(status: u16, value: &Value) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type", "application/json".into()),
                ("Cache-Control", "no-store".into()),
                ("Pragma", "no-cache".into()),
                // Single-page applications in development call these endpoints from a browser.
                ("Access-Control-Allow-Origin", "*".into()),
            ],
            body: value.to_string().into_bytes(),
        }
    }

    /// An error in RFC 6749 §5.2 form.
    pub fn error(status: u16, code: &str, description: &str) -> Reply {
        Reply::json(
            status,
            &json!({ "error": code, "error_description": description }),
        )
    }

    pub fn server_error() -> Reply {
        Reply::error(500, "server_error", "the system random generator failed")
    }

    pub fn html(status: u16, html: String) -> Reply {
        Reply {
            status,
            headers: crate::net::html::HEADERS
                .iter()
                .map(|(k, v)| (*k, v.to_string()))
                .collect(),
            body: html.into_bytes(),
        }
    }

    pub fn redirect(location: &str) -> Reply {
        Reply {
            status: 302,
            headers: vec![
                ("Location", location.to_string()),
                ("Cache-Control", "no-store".into()),
            ],
            body: Vec::new(),
        }
    }

    pub fn no_content() -> Reply {
        Reply {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    pub fn into_response(self) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
        let mut response = tiny_http::Response::from_data(self.body).with_status_code(self.status);
        for (k, v) in self.headers {
            if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                response.add_header(h);
            }
        }
        response
    }
}

/// A client as it authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub id: String,
    /// It proved a secret (registered with `--client ID:SECRET`).
    pub confidential: bool,
}

/// A client ID oidctl serve accepts: 1 to 256 visible ASCII characters.
pub fn valid_client_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 256 && id.bytes().all(|b| b.is_ascii_graphic())
}

/// Who is calling: a registered client with its secret (Basic or in the form), or any other
/// client ID as a public client. A registered client must prove its secret.
pub fn authenticate(call: &Call, registered: &[(String, Secret)]) -> Result<Client, Reply> {
    let form_id = call.params.get("client_id")?;
    let form_secret = call.params.get("client_secret")?;
    let basic = match call.authorization.as_deref() {
        Some(h) => match strip_scheme(h, "basic ") {
            Some(creds) => Some(basic(creds)?),
            None => None,
        },
        None => None,
    };
    let invalid = |why: &str| Reply::error(401, "invalid_client", why);
    let (id, secret) = match (basic, form_id, form_secret) {
        (Some(_), _, Some(_)) => {
            return Err(Reply::error(
                400,
                "invalid_request",
                "the client used more than one authentication method",
            ));
        }
        (Some((id, secret)), form_id, None) => {
            if form_id.is_some_and(|f| f != id) {
                return Err(invalid("client_id differs from the Basic credentials"));
            }
            (id, Some(secret))
        }
        (None, Some(id), secret) => (id.to_string(), secret.map(str::to_string)),
        (None, None, _) => {
            return Err(invalid(
                "no client authentication: send client_id (public clients) or the client's credentials",
            ));
        }
    };
    if !valid_client_id(&id) {
        return Err(invalid(
            "the client_id is not 1 to 256 visible ASCII characters",
        ));
    }
    match registered.iter().find(|(rid, _)| *rid == id) {
        Some((_, expected)) => {
            let given = secret.ok_or_else(|| {
                invalid("this client is confidential: authenticate with its secret")
            })?;
            if aws_lc_rs::constant_time::verify_slices_are_equal(
                given.as_bytes(),
                expected.secret().as_bytes(),
            )
            .is_err()
            {
                return Err(invalid("wrong client secret").header("WWW-Authenticate", "Basic"));
            }
            Ok(Client {
                id,
                confidential: true,
            })
        }
        None if secret.is_some() => Err(invalid(
            "unknown confidential client: register it with oidctl serve --client ID:SECRET",
        )),
        None => Ok(Client {
            id,
            confidential: false,
        }),
    }
}

/// RFC 6749 §2.3.1: Basic credentials are form-urlencoded before the base64.
fn basic(encoded: &str) -> Result<(String, String), Reply> {
    let bad = || Reply::error(401, "invalid_client", "malformed Basic credentials");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| bad())?;
    let text = String::from_utf8(decoded).map_err(|_| bad())?;
    let (id, secret) = text.split_once(':').ok_or_else(bad)?;
    let unescape = |s: &str| -> Option<String> {
        let mut pairs = url::form_urlencoded::parse(s.as_bytes());
        match (pairs.next(), pairs.next()) {
            (Some((k, v)), None) if v.is_empty() => Some(k.into_owned()),
            (None, None) => Some(String::new()),
            _ => None,
        }
    };
    Ok((
        unescape(id).ok_or_else(bad)?,
        unescape(secret).ok_or_else(bad)?,
    ))
}

/// The bearer token of an `Authorization: Bearer …` header.
pub fn bearer(call: &Call) -> Option<&str> {
    strip_scheme(call.authorization.as_deref()?, "bearer ").map(str::trim)
}

/// The credentials after an authentication scheme (`scheme` lower-case, with its space).
fn strip_scheme<'h>(header: &'h str, scheme: &str) -> Option<&'h str> {
    let n = scheme.len();
    header
        .get(..n)
        .filter(|p| p.eq_ignore_ascii_case(scheme))
        .and_then(|_| header.get(n..))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(pairs: &[(&str, &str)], authorization: Option<&str>) -> Call {
        Call {
            method: Method::Post,
            path: "/token".into(),
            params: Params(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
            authorization: authorization.map(str::to_string),
            host: None,
        }
    }

    #[test]
    fn client_authentication() {
        let reg = vec![("svc".to_string(), Secret::new("s e:cret"))];
        let public = authenticate(&call(&[("client_id", "app")], None), &reg).unwrap();
        assert!(!public.confidential);
        // "svc:s+e%3Acret", as RFC 6749 §2.3.1 encodes it.
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("svc:s+e%3Acret")
        );
        let c = authenticate(&call(&[], Some(&basic)), &reg).unwrap();
        assert!(c.confidential);
        let post = authenticate(
            &call(&[("client_id", "svc"), ("client_secret", "s e:cret")], None),
            &reg,
        );
        assert!(post.unwrap().confidential);
        for bad in [
            call(&[("client_id", "svc")], None),
            call(&[("client_id", "svc"), ("client_secret", "nope")], None),
            call(&[], None),
            call(&[("client_id", "app"), ("client_secret", "x")], None),
        ] {
            let r = authenticate(&bad, &reg).unwrap_err();
            assert_eq!(r.status, 401);
        }
        let both = authenticate(&call(&[("client_secret", "x")], Some(&basic)), &reg).unwrap_err();
        assert_eq!(both.status, 400);
    }

    #[test]
    fn parameters_may_not_repeat() {
        let c = call(
            &[
                ("code", "a"),
                ("code", "b"),
                ("resource", "r1"),
                ("resource", "r2"),
            ],
            None,
        );
        assert_eq!(c.params.get("code").err().unwrap().status, 400);
        assert_eq!(c.params.audience(), ["r1", "r2"]);
        assert_eq!(c.params.get("state").unwrap(), None);
    }
}
