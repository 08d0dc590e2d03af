//! The protocol side: talking to an OpenID Connect provider. Each exchange is a request built
//! from values and an answer read by a pure function ([`client::interpret`], [`discovery::parse`],
//! [`tokens::TokenResponse::from_json`], …); the requests go out through the
//! [`crate::net::http::Transport`] the caller hands in, so unit tests use an in-memory one.
//! It knows the client only as a [`ClientConfig`] (not the settings' profile), returns token
//! answers (the session turns them into stored sets), never prints (it logs through `log`), and
//! takes the time from the caller.
//!
//! openidconnect and oauth2 are the design's protocol crates: openidconnect builds the
//! authorization URL (PKCE, state, nonce) and holds the token newtypes. oidctl departs from them
//! where they fall short, each said in its module: the token endpoint's grants are posted here
//! (one client authentication for every endpoint, RFC 8693 exchange, Microsoft's error codes),
//! revocation too (openidconnect refuses http, which a loopback provider uses), ID tokens are
//! verified by [`crate::jwt`] (ES512 and EdDSA, which openidconnect lacks), and discovery
//! accepts Microsoft's `{tenantid}` issuer template (openidconnect-rs#216).

pub mod assertion;
pub mod audit;
pub mod claims;
pub mod client;
pub mod device;
pub mod discovery;
pub mod endpoints;
pub mod entra;
pub mod id_token;
pub mod introspect;
pub mod target;
pub mod tokens;
pub mod userinfo;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// How a token set is obtained, and so how it is renewed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Flow {
    /// Authorization code + PKCE through the browser and a loopback listener
    #[default]
    Browser,
    /// Device authorization grant (RFC 8628): a code to enter on another device
    Device,
    /// Client credentials: a confidential client acting for itself, no user
    ClientCredentials,
}

impl Flow {
    pub fn name(self) -> &'static str {
        match self {
            Flow::Browser => "browser",
            Flow::Device => "device",
            Flow::ClientCredentials => "client-credentials",
        }
    }
}

/// The client as the protocol sees it: who it is, at which provider, and what it asks for.
/// The settings build it from flags, environment and profile.
#[derive(Debug, Clone, Default)]
pub struct ClientConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<crate::base::secret::Secret>,
    /// `None`: chosen from what was given and the provider's metadata.
    pub client_auth: Option<client::ClientAuthMethod>,
    pub client_assertion_key: Option<std::path::PathBuf>,
    pub client_assertion_alg: Option<String>,
    pub client_assertion_kid: Option<String>,
    /// Sent as `Origin` on token requests, for clients registered as single-page applications.
    pub origin: Option<String>,
    pub scopes: Vec<String>,
    /// Whether the scopes were asked for (flag or profile) rather than the default set, which
    /// suits a user's sign-in but not a client credentials grant.
    pub scopes_given: bool,
    pub audience: Vec<String>,
    pub resource: Vec<String>,
    /// Extra authorization parameters.
    pub params: Vec<(String, String)>,
    /// The OpenID Connect `claims` request (`--claims`, merged with the profile's
    /// `client_capabilities`), sent on authorization, device and refresh requests.
    pub claims: Option<claims::ClaimsRequest>,
}

impl ClientConfig {
    /// Whether the provider is Microsoft Entra ID, whose departures [`entra`] knows.
    pub fn is_entra(&self) -> bool {
        entra::is_entra(&self.issuer)
    }
}
