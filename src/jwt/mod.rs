//! Everything about JSON Web Tokens that needs no I/O: splitting and decoding, exact JSON,
//! keys, signature and claim verification, claim notes and times for people.

pub mod annotate;
pub mod json;
pub mod jwe;
pub mod jwk;
pub mod keyfile;
pub mod keys;
pub mod mint;
pub mod sign;
pub mod time;
pub mod token;
pub mod verify;
