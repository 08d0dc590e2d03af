//! The command line, as clap types only. Values are validated into domain types by the commands'
//! `resolve` steps; nothing here does I/O.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::ColorChoice;

const ABOUT: &str = "OpenID Connect client and JWT inspector for the terminal";

const AFTER_HELP: &str = "\
Examples:
  oidctl decode eyJhbGciOi…                 show a token's header and claims (not verified)
  pbpaste | oidctl decode                   the token can come from stdin, with or without 'Bearer '
  oidctl verify --issuer https://login.example.com --audience api://my-api \"$TOKEN\"
  email=$(oidctl claims \"$TOKEN\" email)     one claim, raw, for scripts

Exit codes: 0 ok, 1 failed or invalid, 2 usage, 3 unreachable, 4 sign-in required, 5 no secure storage.";

#[derive(Debug, Parser)]
#[command(name = "oidctl", version, about = ABOUT, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Log what oidctl does on stderr (repeat for more); secrets are never logged
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print only data and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Decode(DecodeArgs),
    Verify(VerifyArgs),
    Claims(ClaimsArgs),
    Completions(CompletionsArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: aligned, annotated, coloured on a terminal
    Human,
    /// For programs: JSON on stdout
    Json,
}

/// Show a JWT's header, claims and signature, without verifying it
#[derive(Debug, Args)]
#[command(after_help = "\
Times (exp, nbf, iat, auth_time) are also shown in UTC and relative to now. Claims that need
explaining (scp vs roles, Microsoft's ver/tid/oid/idtyp, amr, acr, cnf) are annotated.
Nothing is verified: use `oidctl verify` for that.

Examples:
  oidctl decode \"$TOKEN\"
  echo \"Bearer $TOKEN\" | oidctl decode
  oidctl decode --format json \"$TOKEN\" | jq .payload")]
pub struct DecodeArgs {
    /// The token; `-` or nothing reads stdin
    pub token: Option<String>,
    /// Output format; json keeps the claims exactly as in the token
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Verify a JWT's signature and claims (exit 0 valid, 1 invalid)
#[derive(Debug, Args)]
#[command(
    group = clap::ArgGroup::new("keys").required(true).args(["key", "jwks_uri", "issuer", "secret_file"]),
    after_help = "\
The key is chosen by the token's kid (and alg, kty, use) from the keys you name, never from the
token's own jwk/jku/x5u/x5c headers. alg \"none\" never passes, and the algorithm must fit the
key's type. JWKS and discovery documents are cached on disk for their HTTP cache lifetime
(1 hour by default) and fetched again once when a kid is unknown.

Examples:
  oidctl verify --key public.pem \"$TOKEN\"
  oidctl verify --issuer https://login.microsoftonline.com/common/v2.0 --audience api://my-api \"$TOKEN\"
  oidctl verify --jwks-uri https://example.com/jwks.json --alg RS256 --alg ES256 \"$TOKEN\"
  oidctl verify --secret-file hmac.key --expected-issuer https://issuer.example \"$TOKEN\"
  cat tokens.txt | oidctl verify --batch --key jwks.json > results.jsonl"
)]
pub struct VerifyArgs {
    /// The token; `-` or nothing reads stdin
    pub token: Option<String>,
    /// Public key: PEM (SPKI or PKCS#1), PEM X.509 certificate, JWK or JWKS (detected)
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Fetch the keys from this JWKS URL
    #[arg(long, value_name = "URL")]
    pub jwks_uri: Option<String>,
    /// Discover the issuer's jwks_uri; the token's iss must then match the issuer
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
    /// HMAC secret (HS256/384/512): the file's exact bytes
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Accept the token if its aud contains this (repeatable: any one matches)
    #[arg(long, value_name = "AUD")]
    pub audience: Vec<String>,
    /// The token's iss must equal this
    #[arg(long, value_name = "ISS")]
    pub expected_issuer: Option<String>,
    /// Clock skew allowed for exp, nbf and iat, in seconds
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub leeway: u64,
    /// Allowed algorithm (repeatable) [default: any supported]
    #[arg(long, value_name = "ALG")]
    pub alg: Vec<String>,
    /// Check the time claims as of this instant (seconds since 1970, or RFC 3339) instead of now
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// One token per line on stdin; one JSON result per line on stdout; exit 1 if any is invalid
    #[arg(long, conflicts_with = "token")]
    pub batch: bool,
    /// Output format for a single token
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Print claims: all as JSON, or the named ones one per line (strings raw)
#[derive(Debug, Args)]
#[command(after_help = "\
Names are dotted paths into nested claims (address.country) or array indexes (groups.0).
Strings print raw, everything else as JSON. A missing claim exits 1. Nothing is verified.

Examples:
  oidctl claims \"$TOKEN\"                  all claims, as JSON
  email=$(oidctl claims \"$TOKEN\" email)
  oidctl claims - sub tid < token.txt     token from stdin")]
pub struct ClaimsArgs {
    /// The token; `-` reads stdin (so does nothing, when no claim is named)
    pub token: Option<String>,
    /// Claims to print, one per line
    pub names: Vec<String>,
}

/// Print a shell completion script
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  oidctl completions bash > ~/.local/share/bash-completion/completions/oidctl
  oidctl completions zsh > \"${fpath[1]}/_oidctl\"
  oidctl completions fish > ~/.config/fish/completions/oidctl.fish")]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
