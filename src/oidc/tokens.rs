//! Token endpoint requests through `openidconnect`: the authorization code exchange (with the
//! PKCE verifier) and the refresh. Responses become a [`TokenSet`]; provider errors become
//! messages with the provider's own `error` and `error_description`.

use openidconnect::core::{CoreClient, CoreTokenResponse};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, EndpointNotSet, EndpointSet, IssuerUrl,
    JsonWebKeySet, OAuth2TokenResponse, PkceCodeVerifier, RedirectUrl, RefreshToken,
    RequestTokenError, TokenResponse, TokenUrl,
};

use super::endpoints::Endpoints;
use crate::error::{Error, Kind, Result};
use crate::settings::Provider;
use crate::store::TokenSet;

pub type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
    EndpointNotSet,
>;

/// The client for `provider` at `endpoints`; the authorization endpoint may be absent (a refresh
/// needs only the token endpoint), in which case a placeholder that is never used stands in.
pub fn client(
    provider: &Provider,
    endpoints: &Endpoints,
    redirect_uri: Option<&str>,
) -> Result<Client> {
    let bad = |what: &str, e: &dyn std::fmt::Display| Error::failed(format!("invalid {what}: {e}"));
    let issuer = IssuerUrl::new(provider.issuer.clone()).map_err(|e| bad("issuer URL", &e))?;
    let auth = endpoints
        .authorization
        .clone()
        .unwrap_or_else(|| endpoints.token.clone());
    let mut client = CoreClient::new(
        ClientId::new(provider.client_id.clone()),
        issuer,
        JsonWebKeySet::default(),
    )
    .set_auth_uri(openidconnect::AuthUrl::new(auth).map_err(|e| bad("authorization_endpoint", &e))?)
    .set_token_uri(TokenUrl::new(endpoints.token.clone()).map_err(|e| bad("token_endpoint", &e))?);
    if let Some(secret) = &provider.client_secret {
        client = client.set_client_secret(ClientSecret::new(secret.secret().to_string()));
    }
    if let Some(uri) = redirect_uri {
        client = client.set_redirect_uri(
            RedirectUrl::new(uri.to_string()).map_err(|e| bad("redirect URI", &e))?,
        );
    }
    Ok(client)
}

pub fn exchange_code(
    client: &Client,
    http: &reqwest::blocking::Client,
    provider: &Provider,
    code: AuthorizationCode,
    verifier: PkceCodeVerifier,
) -> Result<CoreTokenResponse> {
    let call = |r| crate::http::oauth_call(http, r);
    let mut request = client.exchange_code(code).set_pkce_verifier(verifier);
    for r in &provider.resource {
        request = request.add_extra_param("resource", r.clone());
    }
    request
        .request(&call)
        .map_err(|e| token_error(e, "the authorization code exchange"))
}

pub fn refresh(
    client: &Client,
    http: &reqwest::blocking::Client,
    provider: &Provider,
    refresh_token: &RefreshToken,
) -> Result<CoreTokenResponse> {
    let call = |r| crate::http::oauth_call(http, r);
    let mut request = client.exchange_refresh_token(refresh_token);
    for r in &provider.resource {
        request = request.add_extra_param("resource", r.clone());
    }
    request
        .request(&call)
        .map_err(|e| token_error(e, "the refresh"))
}

/// The stored form of a response. A refresh that returns no new refresh token keeps the old one;
/// one that returns no ID token keeps the old one too.
pub fn token_set(
    response: &CoreTokenResponse,
    provider: &Provider,
    now: i64,
    previous: Option<&TokenSet>,
    id_facts: Option<&super::id_token::IdTokenFacts>,
) -> TokenSet {
    let scopes = match response.scopes() {
        Some(s) => s.iter().map(|s| s.to_string()).collect(),
        None => previous
            .map(|p| p.scopes.clone())
            .unwrap_or_else(|| provider.scopes.clone()),
    };
    let id_token = response
        .id_token()
        .map(|t| crate::secret::Secret::new(t.to_string()));
    TokenSet {
        issuer: provider.issuer.clone(),
        client_id: provider.client_id.clone(),
        scopes,
        token_type: "Bearer".into(),
        access_token: response.access_token().clone(),
        expires_at: response.expires_in().map(|d| now + d.as_secs() as i64),
        refresh_token: response
            .refresh_token()
            .cloned()
            .or_else(|| previous.and_then(|p| p.refresh_token.clone())),
        id_token: id_token
            .clone()
            .or_else(|| previous.and_then(|p| p.id_token.clone())),
        subject: id_facts
            .map(|f| f.subject.clone())
            .or_else(|| previous.and_then(|p| p.subject.clone())),
        id_token_expires_at: match (id_facts, &id_token) {
            (Some(f), _) => Some(f.expires_at),
            (None, None) => previous.and_then(|p| p.id_token_expires_at),
            (None, Some(_)) => None,
        },
        obtained_at: now,
    }
}

type TokenError = RequestTokenError<
    reqwest::Error,
    openidconnect::StandardErrorResponse<openidconnect::core::CoreErrorResponseType>,
>;

fn token_error(e: TokenError, what: &str) -> Error {
    match e {
        RequestTokenError::ServerResponse(resp) => {
            let code = resp.error().as_ref().to_string();
            let mut err = Error::failed(format!("{what} failed: the provider answered {code}"));
            if let Some(d) = resp.error_description() {
                err = err.caused_by(d);
            }
            match code.as_str() {
                "invalid_grant" => {
                    err.kind = Kind::SignInRequired;
                    err.with_hint(
                        "the sign-in has expired or was revoked: sign in again with oidctl login",
                    )
                }
                "invalid_client" | "unauthorized_client" => err.with_hint(
                    "check the client ID (and secret) and that the client may use this grant",
                ),
                "invalid_scope" => err.with_hint("check the requested scopes (--scope)"),
                _ => err,
            }
        }
        RequestTokenError::Request(e) => {
            let text = if e.is_timeout() {
                "timed out"
            } else {
                "could not be reached"
            };
            Error::unreachable(format!("the token endpoint {text}"))
                .with_sources(&e)
                .with_hint("check your network, the issuer URL and any HTTPS_PROXY setting")
        }
        RequestTokenError::Parse(e, body) => {
            let err = Error::failed(format!(
                "{what} failed: the provider's answer is not a token response"
            ));
            let text = String::from_utf8_lossy(&body);
            if text.trim_start().starts_with('{') {
                // JSON that does not fit may still hold tokens: name the field, never a value.
                err.caused_by(format!(
                    "unexpected JSON at {} ({:?} error)",
                    e.path(),
                    e.inner().classify()
                ))
            } else {
                let snippet: String = text.chars().take(120).collect();
                err.caused_by(format!("it is not JSON; it began: {snippet}"))
            }
        }
        RequestTokenError::Other(m) => Error::failed(format!("{what} failed: {m}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Redirect, RedirectHost};

    fn provider() -> Provider {
        Provider {
            issuer: "https://issuer.example".into(),
            issuer_source: crate::settings::Source::Default,
            client_id: "cli".into(),
            client_secret: None,
            scopes: vec!["openid".into(), "offline_access".into()],
            audience: vec![],
            resource: vec![],
            params: vec![],
            redirect: Redirect {
                host: RedirectHost::Ipv4,
                port: 0,
                path: "/callback".into(),
            },
            ca_file: None,
            store_key: "profile:p".into(),
            store: crate::config::StoreKind::File,
            store_source: crate::settings::Source::Default,
        }
    }

    #[test]
    fn a_refresh_without_a_new_refresh_token_keeps_the_old_one() {
        let previous = crate::store::sample(1);
        let response: CoreTokenResponse = serde_json::from_str(
            r#"{"access_token":"new-at","token_type":"Bearer","expires_in":3600,"scope":"openid"}"#,
        )
        .unwrap();
        let set = token_set(&response, &provider(), 1_000, Some(&previous), None);
        assert_eq!(set.access_token.secret(), "new-at");
        assert_eq!(set.expires_at, Some(4_600));
        assert_eq!(set.refresh_token.unwrap().secret(), "rt");
        assert_eq!(
            set.id_token.unwrap().secret(),
            "id",
            "the old ID token stays too"
        );
        assert_eq!(set.subject.as_deref(), Some("alice"));
        assert_eq!(set.scopes, ["openid"]);
    }

    #[test]
    fn a_rotated_refresh_token_replaces_the_old_one() {
        let previous = crate::store::sample(1);
        let response: CoreTokenResponse = serde_json::from_str(
            r#"{"access_token":"new-at","token_type":"Bearer","refresh_token":"rt2"}"#,
        )
        .unwrap();
        let set = token_set(&response, &provider(), 1_000, Some(&previous), None);
        assert_eq!(set.refresh_token.unwrap().secret(), "rt2");
        assert_eq!(set.expires_at, None, "no expires_in: no invented expiry");
        assert_eq!(
            set.scopes, previous.scopes,
            "no scope in the answer: the granted scopes stay"
        );
    }
}
