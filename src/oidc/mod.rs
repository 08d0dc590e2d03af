//! The protocol side: talking to an OpenID Connect provider. No printing beyond logs, no clap.

pub mod assertion;
pub mod audit;
pub mod client;
pub mod device;
pub mod discovery;
pub mod endpoints;
pub mod entra;
pub mod id_token;
pub mod introspect;
pub mod tokens;
pub mod userinfo;

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
