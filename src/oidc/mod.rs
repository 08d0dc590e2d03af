//! The protocol side: talking to an OpenID Connect provider. No printing beyond logs, no clap.

pub mod audit;
pub mod discovery;
pub mod endpoints;
pub mod id_token;
pub mod revoke;
pub mod tokens;
