//! The protocol side: talking to an OpenID Connect provider. No printing beyond logs, no clap.

pub mod discovery;
