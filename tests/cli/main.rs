//! Integration tests: the real `oidctl` binary, real keys and tokens made by jwcrypto, real HTTP
//! servers on 127.0.0.1. One module per subcommand; the harness is in support.rs.

mod browser;
mod call;
mod claims;
mod claims_challenge;
mod completions;
mod crash;
mod decode;
mod discover;
mod endpoints;
mod entra;
mod faults;
mod general;
mod grants;
mod help;
mod input;
mod jwe;
mod jwk;
mod keyring;
mod labels;
mod limits;
mod listener;
mod login;
mod precedence;
mod resources;
mod safety;
mod secrets;
mod serve;
mod sign;
mod stepup;
mod support;
mod verify;
mod verify_remote;
