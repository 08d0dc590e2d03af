//! A client's connection to its provider (metadata, transport, client authentication) and the
//! grants that end at the token endpoint (authorization code, refresh, client credentials, token
//! exchange), each returning the checked [`TokenResponse`]. Storing it is the session's job.

use openidconnect::core::CoreClient;
use openidconnect::{
    AccessToken, AuthUrl, ClientId, EndpointNotSet, EndpointSet, IssuerUrl, JsonWebKeySet,
    RedirectUrl, RefreshToken,
};
use reqwest::Url;
use serde_json::{Map, Value};

use super::ClientConfig;
use super::assertion::Signer;
use super::client::ClientAuthMethod;
use super::client::{Caller, ClientAuth, Reply, seconds_field, string_field};
use super::endpoints::{self, Endpoints};
use crate::base::error::{Error, Result};
use crate::net::http::Fetcher;

/// Everything needed to talk to the provider as this client, resolved once per run.
pub struct Connection<'a> {
    pub client: &'a ClientConfig,
    pub fetcher: &'a Fetcher,
    pub endpoints: Endpoints,
    pub auth: ClientAuth,
    token_url: Url,
}

impl<'a> Connection<'a> {
    /// Discovers the provider's endpoints and resolves how the client authenticates.
    pub fn open(client: &'a ClientConfig, fetcher: &'a Fetcher) -> Result<Self> {
        let endpoints = endpoints::discover(fetcher, &client.issuer)?;
        let auth = client_auth(client, &endpoints)?;
        log::info!(
            "client {} authenticates with {}",
            client.client_id,
            auth.method()
        );
        let token_url = crate::net::http::check_url(&endpoints.token, "token_endpoint")?;
        Ok(Connection {
            client,
            fetcher,
            endpoints,
            auth,
            token_url,
        })
    }

    pub fn caller(&self) -> Caller<'_> {
        Caller {
            transport: self.fetcher.transport(),
            client_id: &self.client.client_id,
            auth: &self.auth,
            assertion_audience: self.token_url.as_str(),
            origin: self.client.origin.as_deref(),
            now: self.fetcher.now(),
        }
    }

    /// POSTs to another endpoint (device authorization, introspection, revocation) as this client.
    pub fn post(&self, url: &Url, form: Vec<(&'static str, String)>) -> Result<Reply> {
        log::info!("POST {url}");
        self.caller().post(url, form)
    }

    /// A token request; `what` names it in errors ("the refresh").
    pub fn token(&self, form: Vec<(&'static str, String)>, what: &str) -> Result<TokenResponse> {
        match self.post_token(form)? {
            Reply::Ok(obj) => TokenResponse::from_json(obj, what),
            Reply::Err(e) => Err(e.into_error(what)),
        }
    }

    /// A token request whose error answers the caller reads itself (the device flow's polling).
    /// The client's resources go with it (RFC 8707), except several at the end of a user's
    /// sign-in: the authorization request named them all, and one access token for several
    /// resources is refused by most providers (oidc-provider's invalid_target); the token for
    /// each comes with `token --resource R` from the refresh token.
    pub fn post_token(&self, mut form: Vec<(&'static str, String)>) -> Result<Reply> {
        let sign_in = form.iter().any(|(k, v)| {
            *k == "grant_type" && (v == "authorization_code" || v == super::device::GRANT_TYPE)
        });
        let resources: &[String] = if sign_in && self.client.resource.len() > 1 {
            log::info!("several resources: the sign-in's access token is asked for none of them");
            &[]
        } else {
            &self.client.resource
        };
        for r in resources {
            if !form.iter().any(|(k, v)| *k == "resource" && v == r) {
                form.push(("resource", r.clone()));
            }
        }
        self.post_token_as_is(form)
    }

    /// A token request with exactly the parameters given (a token for another target names its
    /// own resources, not the sign-in's).
    fn post_token_as_is(&self, form: Vec<(&'static str, String)>) -> Result<Reply> {
        let grant = form
            .iter()
            .find(|(k, _)| *k == "grant_type")
            .map(|(_, v)| v.as_str())
            .unwrap_or("?");
        log::info!("POST {} (grant_type {grant})", self.token_url);
        self.caller().post(&self.token_url, form)
    }

    /// The openidconnect client that builds the authorization URL (PKCE, state, nonce).
    pub fn authorization_client(&self, redirect_uri: &str) -> Result<AuthorizationClient> {
        authorization_client(self.client, &self.endpoints, redirect_uri)
    }
}

/// How the client authenticates: `--client-auth` when given; else private_key_jwt with a key,
/// a secret by the first secret method the provider lists (Basic when it lists none), or none.
pub fn client_auth(provider: &ClientConfig, endpoints: &Endpoints) -> Result<ClientAuth> {
    let listed = |m: &str| endpoints.token_auth_methods.iter().any(|x| x == m);
    let method = match provider.client_auth {
        Some(m) => m,
        None if provider.client_assertion_key.is_some() => ClientAuthMethod::PrivateKeyJwt,
        None if provider.client_secret.is_some() => {
            if !listed("client_secret_basic") && listed("client_secret_post") {
                ClientAuthMethod::Post
            } else {
                ClientAuthMethod::Basic
            }
        }
        None => ClientAuthMethod::None,
    };
    let secret = || {
        provider.client_secret.clone().ok_or_else(|| {
            Error::usage(format!(
                "--client-auth {} needs the client secret",
                method.name()
            ))
            .with_hint("pass --client-secret-file PATH, or set OIDCTL_CLIENT_SECRET")
        })
    };
    Ok(match method {
        ClientAuthMethod::None => ClientAuth::None,
        ClientAuthMethod::Basic => ClientAuth::Basic(secret()?),
        ClientAuthMethod::Post => ClientAuth::Post(secret()?),
        ClientAuthMethod::PrivateKeyJwt => {
            let path = provider.client_assertion_key.as_ref().ok_or_else(|| {
                Error::usage("--client-auth private-key-jwt needs the private key").with_hint(
                    "pass --client-assertion-key FILE (PEM), or set OIDCTL_CLIENT_ASSERTION_KEY",
                )
            })?;
            // Microsoft publishes no signing algorithms and documents PS256 for certificate
            // credentials.
            let entra_algs = ["PS256".to_string()];
            let supported = if provider.is_entra() && endpoints.token_auth_signing_algs.is_empty() {
                &entra_algs[..]
            } else {
                &endpoints.token_auth_signing_algs[..]
            };
            ClientAuth::PrivateKeyJwt(Signer::load(
                path,
                provider.client_assertion_alg.as_deref(),
                provider.client_assertion_kid.clone(),
                supported,
            )?)
        }
    })
}

pub type AuthorizationClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
>;

fn authorization_client(
    provider: &ClientConfig,
    endpoints: &Endpoints,
    redirect_uri: &str,
) -> Result<AuthorizationClient> {
    let bad = |what: &str, e: &dyn std::fmt::Display| Error::failed(format!("invalid {what}: {e}"));
    let auth = endpoints.authorization.clone().ok_or_else(|| {
        Error::failed(format!("{} has no authorization_endpoint", provider.issuer)).with_hint(
            "this provider cannot sign users in through a browser; try oidctl login --device",
        )
    })?;
    Ok(CoreClient::new(
        ClientId::new(provider.client_id.clone()),
        IssuerUrl::new(provider.issuer.clone()).map_err(|e| bad("issuer URL", &e))?,
        JsonWebKeySet::default(),
    )
    .set_auth_uri(AuthUrl::new(auth).map_err(|e| bad("authorization_endpoint", &e))?)
    .set_redirect_uri(
        RedirectUrl::new(redirect_uri.to_string()).map_err(|e| bad("redirect URI", &e))?,
    ))
}

/// A successful token answer (RFC 6749 §5.1, RFC 8693 §2.2.1), checked field by field so that a
/// malformed answer is reported by field name, never by value.
pub struct TokenResponse {
    pub access_token: AccessToken,
    pub token_type: String,
    pub expires_in: Option<u64>,
    pub refresh_token: Option<RefreshToken>,
    pub id_token: Option<String>,
    pub scope: Option<String>,
    pub issued_token_type: Option<String>,
}

impl TokenResponse {
    pub fn from_json(obj: Map<String, Value>, what: &str) -> Result<Self> {
        let s = |name: &str| string_field(&obj, name, what);
        let access_token = s("access_token")?.ok_or_else(|| {
            Error::failed(format!(
                "{what} failed: the provider's answer has no access_token"
            ))
        })?;
        Ok(TokenResponse {
            access_token: AccessToken::new(access_token),
            token_type: s("token_type")?.unwrap_or_else(|| "Bearer".into()),
            expires_in: seconds_field(&obj, "expires_in", what)?,
            refresh_token: s("refresh_token")?.map(RefreshToken::new),
            id_token: s("id_token")?,
            scope: s("scope")?,
            issued_token_type: s("issued_token_type")?,
        })
    }
}

pub fn exchange_code(
    conn: &Connection<'_>,
    code: String,
    verifier: String,
    redirect_uri: &str,
) -> Result<TokenResponse> {
    conn.token(
        vec![
            ("grant_type", "authorization_code".into()),
            ("code", code),
            ("redirect_uri", redirect_uri.into()),
            ("code_verifier", verifier),
        ],
        "the authorization code exchange",
    )
}

pub fn refresh(conn: &Connection<'_>, refresh_token: &RefreshToken) -> Result<TokenResponse> {
    conn.token(refresh_form(conn, refresh_token), "the refresh")
}

fn refresh_form(
    conn: &Connection<'_>,
    refresh_token: &RefreshToken,
) -> Vec<(&'static str, String)> {
    let mut form = vec![
        ("grant_type", "refresh_token".into()),
        ("refresh_token", refresh_token.secret().clone()),
    ];
    // The claims request (a challenge's, or the client capabilities) rides on the refresh, as
    // Microsoft accepts it; a provider that does not know the parameter ignores it.
    if let Some(claims) = &conn.client.claims {
        form.push(("claims", super::claims::to_param(claims)));
    }
    form
}

/// The refresh grant for `target`'s scopes, resources and audiences alone (not the client's
/// own resources). A refusal comes back as the provider's error, for the caller to say what
/// was refused and how to sign in with it.
pub fn refresh_for(
    conn: &Connection<'_>,
    refresh_token: &RefreshToken,
    target: &super::target::Target,
) -> Result<std::result::Result<TokenResponse, super::client::ProviderError>> {
    let mut form = refresh_form(conn, refresh_token);
    form.extend(target.form());
    match conn.post_token_as_is(form)? {
        Reply::Ok(obj) => TokenResponse::from_json(obj, "the refresh").map(Ok),
        Reply::Err(e) => Ok(Err(e)),
    }
}

/// The client credentials grant (RFC 6749 §4.4), for `scopes` (none: the provider's default).
pub fn client_credentials(conn: &Connection<'_>, scopes: &[String]) -> Result<TokenResponse> {
    let provider = conn.client;
    if matches!(conn.auth, ClientAuth::None) {
        return Err(Error::usage("the client credentials grant needs a confidential client")
            .with_hint("give the client's secret (--client-secret-file or OIDCTL_CLIENT_SECRET) or key (--client-assertion-key)"));
    }
    let mut form = vec![("grant_type", "client_credentials".to_string())];
    if !scopes.is_empty() {
        form.push(("scope", scopes.join(" ")));
    }
    for a in &provider.audience {
        form.push(("audience", a.clone()));
    }
    conn.token(form, "the client credentials grant")
}

pub const TOKEN_EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";

/// An RFC 8693 token type from its URN or its short name (`access_token`, `jwt`, …).
pub fn token_type_urn(name: &str) -> Result<String> {
    const PREFIX: &str = "urn:ietf:params:oauth:token-type:";
    match name {
        "access_token" | "refresh_token" | "id_token" | "jwt" | "saml1" | "saml2" => {
            Ok(format!("{PREFIX}{name}"))
        }
        urn if urn.starts_with("urn:") => Ok(urn.to_string()),
        other => Err(Error::usage(format!(
            "token type {other:?}: expected a URN or one of access_token, refresh_token, id_token, jwt, saml1, saml2"
        ))),
    }
}

/// What to exchange, for what (RFC 8693 §2.1).
pub struct Exchange<'a> {
    pub subject_token: &'a str,
    pub subject_token_type: String,
    pub requested_token_type: Option<String>,
    pub audience: &'a [String],
    pub scope: &'a [String],
}

/// The token exchange grant; `resource` comes from the connection's provider.
pub fn exchange(conn: &Connection<'_>, x: &Exchange<'_>) -> Result<TokenResponse> {
    let mut form = vec![
        ("grant_type", TOKEN_EXCHANGE.to_string()),
        ("subject_token", x.subject_token.to_string()),
        ("subject_token_type", x.subject_token_type.clone()),
    ];
    if let Some(t) = &x.requested_token_type {
        form.push(("requested_token_type", t.clone()));
    }
    for a in x.audience {
        form.push(("audience", a.clone()));
    }
    if !x.scope.is_empty() {
        form.push(("scope", x.scope.join(" ")));
    }
    const WHAT: &str = "the token exchange";
    let response = match conn.post_token(form)? {
        Reply::Ok(obj) => TokenResponse::from_json(obj, WHAT)?,
        // Here the grant is the subject token, not a sign-in: no "sign in again".
        Reply::Err(e) if e.code == "invalid_grant" => {
            let mut err = e.into_error(WHAT);
            err.kind = crate::base::error::Kind::Failed;
            err.hint = Some("the subject token is not valid at this provider: expired, revoked, or not one it issued".into());
            return Err(err);
        }
        Reply::Err(e) => return Err(e.into_error(WHAT)),
    };
    if response.issued_token_type.is_none() {
        log::info!("the answer has no issued_token_type (RFC 8693 requires it)");
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(json: &str) -> TokenResponse {
        TokenResponse::from_json(serde_json::from_str(json).unwrap(), "test").unwrap()
    }

    #[test]
    fn answers_are_checked_by_field_name() {
        let r = answer(r#"{"access_token":"a","expires_in":"3599","token_type":"bearer"}"#);
        assert_eq!(r.expires_in, Some(3599));
        assert_eq!(r.token_type, "bearer");
        let obj = |j: &str| serde_json::from_str(j).unwrap();
        let e = TokenResponse::from_json(obj(r#"{"token_type":"Bearer"}"#), "the refresh")
            .err()
            .unwrap();
        assert_eq!(
            e.message,
            "the refresh failed: the provider's answer has no access_token"
        );
        let e = TokenResponse::from_json(
            obj(r#"{"access_token":"secret-at","refresh_token":7}"#),
            "x",
        )
        .err()
        .unwrap();
        assert!(
            e.message.contains("refresh_token that is not a string"),
            "{}",
            e.message
        );
        assert!(!e.message.contains("secret-at"));
    }
}
