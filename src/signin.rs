//! The interactive sign-in, shared by `login` and `token --login`: discovery, the loopback
//! listener, the authorization request (PKCE S256, state, nonce), the browser, the wait, the code
//! exchange and the ID token checks. Returns the token set; storing it is the caller's job.

use std::time::{Duration, Instant};

use openidconnect::core::CoreResponseType;
use openidconnect::{
    AuthenticationFlow, CsrfToken, Nonce, PkceCodeChallenge, Scope, TokenResponse,
};

use crate::error::{Error, Kind, Result};
use crate::http::Fetcher;
use crate::loopback::{self, Callback};
use crate::oidc::{endpoints, id_token, tokens};
use crate::output::{Printer, Style};
use crate::settings::Provider;
use crate::store::TokenSet;

pub struct Options {
    pub no_browser: bool,
    pub timeout: Duration,
    pub prompt: Option<String>,
    pub login_hint: Option<String>,
}

pub fn run(
    provider: &Provider,
    fetcher: &Fetcher<'_>,
    opts: &Options,
    printer: &Printer,
) -> Result<TokenSet> {
    // One sign-in per token set at a time: a second one would open a second browser tab.
    let _signing_in = crate::store::lock::try_acquire(&format!("login:{}", provider.store_key))?
        .ok_or_else(|| {
            Error::failed("a sign-in for this profile is already in progress in another oidctl")
                .with_hint("finish it in the browser, or stop that oidctl first")
        })?;
    let endpoints = endpoints::discover(fetcher, &provider.issuer)?;
    if endpoints.authorization.is_none() {
        return Err(
            Error::failed(format!("{} has no authorization_endpoint", provider.issuer))
                .with_hint("this provider cannot sign users in through a browser"),
        );
    }
    if !endpoints.pkce_methods.is_empty() && !endpoints.pkce_methods.iter().any(|m| m == "S256") {
        printer.warn("the provider does not list PKCE S256 in code_challenge_methods_supported; sending it anyway");
    }
    let listener = loopback::bind(&provider.redirect)?;
    printer.log(
        1,
        &format!("listening for the redirect on {}", listener.redirect_uri),
    );
    let client = tokens::client(provider, &endpoints, Some(&listener.redirect_uri))?;

    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    // openidconnect adds `openid` itself.
    for scope in provider.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let extra = provider
        .audience
        .iter()
        .map(|a| ("audience", a))
        .chain(provider.resource.iter().map(|r| ("resource", r)))
        .chain(opts.prompt.iter().map(|p| ("prompt", p)))
        .chain(opts.login_hint.iter().map(|h| ("login_hint", h)));
    for (k, v) in extra {
        request = request.add_extra_param(k, v.clone());
    }
    for (k, v) in &provider.params {
        request = request.add_extra_param(k.clone(), v.clone());
    }
    let (url, state, nonce) = request.url();

    let opened = if opts.no_browser {
        false
    } else {
        match crate::browser::open(url.as_str()) {
            Ok(()) => true,
            Err(why) => {
                printer.warn(&why);
                false
            }
        }
    };
    if opened {
        printer.info(&format!(
            "Opened your browser to sign in. If it did not open, visit:\n  {}",
            printer.paint_err(url.as_str(), Style::Key)
        ));
    } else {
        printer.notice(&format!(
            "Open this URL in a browser on this machine to sign in:\n  {url}"
        ));
    }
    let deadline = Instant::now() + opts.timeout;
    let callback = {
        let _progress = printer
            .progress("Waiting for the sign-in to finish in the browser (Ctrl-C to cancel)…");
        listener.wait(state.secret(), deadline)?
    };
    let code = match callback {
        Callback::Code { code, iss } => {
            // RFC 9207: a provider that names itself in the response must be the one asked;
            // otherwise the code may come from another provider (a mix-up attack).
            if let Some(iss) = iss
                && !crate::oidc::discovery::issuer_matches(&endpoints.issuer, &iss)
            {
                return Err(Error::failed(format!(
                    "the authorization response names issuer {iss}, not {}",
                    endpoints.issuer
                ))
                .with_hint("nothing was exchanged; this can mean a misconfigured provider or a mix-up attack"));
            }
            code
        }
        Callback::Denied { error, description } => {
            let mut err = Error::new(
                if error == "access_denied" {
                    Kind::SignInRequired
                } else {
                    Kind::Failed
                },
                format!("the provider refused the sign-in: {error}"),
            );
            if let Some(d) = description {
                err = err.caused_by(d);
            }
            return Err(if error == "access_denied" {
                err.with_hint(
                    "the sign-in was declined or cancelled; run oidctl login again to retry",
                )
            } else {
                err
            });
        }
    };

    let http = fetcher.client()?;
    let response = tokens::exchange_code(&client, http, provider, code, verifier)?;
    let raw_id = response.id_token().map(|t| t.to_string()).ok_or_else(|| {
        Error::failed("the provider returned no ID token")
            .with_hint("the openid scope must be granted")
    })?;
    let now = crate::jwt::time::now();
    let facts = id_token::validate(
        &raw_id,
        fetcher,
        &endpoints.issuer,
        endpoints.jwks_uri.as_deref(),
        &provider.client_id,
        Some(nonce.secret()),
        now,
    )?;
    Ok(tokens::token_set(
        &response,
        provider,
        now,
        None,
        Some(&facts),
    ))
}

/// Renews `previous` with its refresh token, checking any new ID token.
pub fn refresh(
    provider: &Provider,
    fetcher: &Fetcher<'_>,
    previous: &TokenSet,
) -> Result<TokenSet> {
    let rt = previous.refresh_token.as_ref().ok_or_else(|| {
        Error::new(
            Kind::SignInRequired,
            "the stored sign-in has no refresh token",
        )
        .with_hint(sign_in_hint(provider))
    })?;
    let endpoints = endpoints::discover(fetcher, &provider.issuer)?;
    let client = tokens::client(provider, &endpoints, None)?;
    let response = tokens::refresh(&client, fetcher.client()?, provider, rt)?;
    let now = crate::jwt::time::now();
    let facts = match response.id_token() {
        Some(t) => Some(id_token::validate(
            &t.to_string(),
            fetcher,
            &endpoints.issuer,
            endpoints.jwks_uri.as_deref(),
            &provider.client_id,
            None,
            now,
        )?),
        None => None,
    };
    Ok(tokens::token_set(
        &response,
        provider,
        now,
        Some(previous),
        facts.as_ref(),
    ))
}

pub fn sign_in_hint(provider: &Provider) -> String {
    match crate::store::profile_of(&provider.store_key) {
        Some(name) => format!("sign in: oidctl login -p {name}"),
        None => format!(
            "sign in: oidctl login --issuer {} --client-id {}",
            provider.issuer, provider.client_id
        ),
    }
}
