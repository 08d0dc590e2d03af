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
