//! The command line, as clap types only. Values are validated into domain types by the commands'
//! `resolve` steps; nothing here does I/O, except the profile names a completion script asks
//! for (read from the config file, only then).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::oidc::Flow;
use crate::oidc::client::ClientAuthMethod;
use crate::output::ColorChoice;
use crate::serve::Preset;
use crate::store::StoreKind;

const ABOUT: &str = "OpenID Connect client and JWT inspector for the terminal";

const AFTER_HELP: &str = "\
Examples:
  oidctl profile add work --issuer https://login.example.com --client-id my-cli
  oidctl login                              sign in through the browser (once)
  curl -H \"Authorization: Bearer $(oidctl token)\" https://api.example.com/me
  oidctl decode eyJhbGciOi…                 show a token's header and claims (not verified)
  pbpaste | oidctl decode                   the token can come from stdin, with or without 'Bearer '
  oidctl verify --issuer https://login.example.com --audience api://my-api \"$TOKEN\"
  oidctl discover -p work                   check a provider's metadata: endpoints, problems
  email=$(oidctl claims \"$TOKEN\" email)     one claim, raw, for scripts
  oidctl demo                               the whole job, offline: a local provider, a sign-in
  oidctl man --out ~/.local/share/man/man1  install the manual pages (man oidctl-token)

Exit codes: 0 ok, 1 failed or invalid, 2 usage, 3 unreachable (or an HTTP request timed out),
4 sign-in required (also a login not finished by --timeout), 5 no secure storage.";

#[derive(Debug, Parser)]
#[command(name = "oidctl", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, before or after its name (`oidctl -v token` and `oidctl token -v`
/// alike): clap's `global` gives them to every subcommand.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile to use [default: $OIDCTL_PROFILE, else the config's default_profile]
    #[arg(short, long, value_name = "NAME", global = true, add = profile_completer())]
    pub profile: Option<String>,
    /// Configuration file [default: $OIDCTL_CONFIG, else $XDG_CONFIG_HOME/oidctl/config.toml]
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
    /// When to use colour [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]
    #[arg(long, value_enum, value_name = "WHEN", global = true)]
    pub color: Option<ColorChoice>,
    /// Log what oidctl does on stderr (repeat for more); secrets are never logged
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Print only data, and a failure as one `error:` line (no hints, causes, warnings or progress)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Whether `profile` came from OIDCTL_PROFILE rather than `-p/--profile`: a profile named on
    /// the command line makes `decode`, `verify` and `claims` read its stored token, one from
    /// the environment does not. Set by [`crate::settings::fill_globals`].
    #[arg(skip)]
    pub profile_from_env: bool,
}

/// Completes a profile name from the config file's profiles (for `-p` and the `profile`
/// subcommands' NAME), when a completion script asks.
fn profile_completer() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &std::ffi::OsStr| {
        let current = current.to_string_lossy();
        crate::config::profile_names()
            .into_iter()
            .filter(|name| name.starts_with(current.as_ref()))
            .map(CompletionCandidate::new)
            .collect::<Vec<_>>()
    })
}

impl GlobalArgs {
    pub fn color(&self) -> ColorChoice {
        self.color.unwrap_or(ColorChoice::Auto)
    }
}

// `defer`: a subcommand's arguments are built only when it runs, not all 18 (each with the
// global options) on every start: 150 µs of the 1.2 ms of `oidctl decode` (BENCHMARKS.md). The
// descriptions stay here, on the variants, where the top level's help can list them unbuilt.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Sign in: through the browser (default), with a device code, or as a client with no user
    Login(LoginArgs),
    /// Print a valid access token, refreshing it first when needed
    Token(TokenArgs),
    /// Who is signed in: subject, issuer, scopes and expiry per profile (never a token)
    Status(StatusArgs),
    /// Revoke the refresh token where possible and delete the stored tokens
    Logout(LogoutArgs),
    /// Manage profiles in the config file
    Profile(ProfileArgs),
    /// Show an issuer's metadata, what oidctl will use of it, and the problems found in it
    Discover(DiscoverArgs),
    /// Show a JWT's header, claims and signature, without verifying it
    Decode(DecodeArgs),
    /// Verify a JWT's signature and claims (exit 0 valid, 1 invalid)
    Verify(VerifyArgs),
    /// Print claims: all as JSON, or the named ones one per line (strings raw)
    Claims(ClaimsArgs),
    /// Make an encrypted token (compact JWE) for tests, to a public key or a shared secret
    Encrypt(EncryptArgs),
    /// Call the userinfo endpoint with the stored access token
    Userinfo(UserinfoArgs),
    /// Ask the provider whether a token is active (RFC 7662 introspection)
    Introspect(IntrospectArgs),
    /// Revoke a token at the provider (RFC 7009)
    Revoke(RevokeArgs),
    /// Exchange a token for another audience or scope (RFC 8693 token exchange)
    Exchange(ExchangeArgs),
    /// Send an HTTP request with a fresh access token
    Call(CallArgs),
    /// Run a command with a fresh access token in its environment
    Exec(ExecArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Write the manual pages (one per command), or print one
    Man(ManArgs),
    /// Run a local OpenID Connect provider for development and tests (never for production)
    Serve(ServeArgs),
    /// Start a development provider in this process, sign in to it, show the result, and stop
    Demo(DemoArgs),
    /// Make a signed JWT (JWS) from claims, or edit and re-sign one, for tests
    Sign(SignArgs),
    /// Make, convert and inspect keys: generate, public, convert, thumbprint, set
    Jwk(JwkArgs),
}

// The provider options come in groups, and each command flattens only the groups it uses (a
// test in this file keeps the list): which provider and sign-in; how the client reaches and
// authenticates to it; what the tokens are for; how a browser sign-in is made. (Not doc
// comments: clap would make them the about of every command that flattens them.)

// Which provider, client and sign-in: everything that talks to a provider or reads a stored
// sign-in (the scopes, with issuer and client, name an ad-hoc sign-in).
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Provider options")]
pub struct ProviderSel {
    /// Issuer URL (https, or http on a loopback host)
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
    /// Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer
    #[arg(long, value_name = "TENANT", conflicts_with = "issuer")]
    pub tenant: Option<String>,
    /// Client ID registered at the provider
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Scope to request (repeatable, or space-separated) [default: openid profile email offline_access]
    #[arg(long, value_name = "SCOPE")]
    pub scope: Vec<String>,
    /// Where token sets are kept [default: $OIDCTL_STORE, else the profile's or the config's store, else keyring]
    #[arg(long, value_enum, value_name = "STORE")]
    pub store: Option<StoreKind>,
}

// How the client reaches the provider and authenticates at its token endpoint: every command
// that makes a request to the provider.
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Client options")]
pub struct ClientArgs {
    /// Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile's ca_file]
    #[arg(long, value_name = "PATH")]
    pub ca_file: Option<PathBuf>,
    /// Client authentication at the token endpoint [default: private-key-jwt with a key, basic with a secret, else none]
    #[arg(long, value_enum, value_name = "METHOD")]
    pub client_auth: Option<ClientAuthMethod>,
    /// Algorithm of the client assertion: RS256 or PS256 (RSA keys), ES256 (P-256 keys)
    #[arg(long, value_name = "ALG")]
    pub client_assertion_alg: Option<String>,
    /// kid header of the client assertion, where the provider selects keys by kid
    #[arg(long, value_name = "KID")]
    pub client_assertion_kid: Option<String>,
    /// Origin header for token requests (clients registered as single-page applications)
    #[arg(long, value_name = "URL")]
    pub origin: Option<String>,
}

// The client's credentials: files given to each command, never kept in a profile (so not on
// `profile add`).
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Client options")]
pub struct CredentialArgs {
    /// File holding the client secret of a confidential client [default: $OIDCTL_CLIENT_SECRET]
    #[arg(long, value_name = "PATH")]
    pub client_secret_file: Option<PathBuf>,
    /// Private key (PEM, with its X.509 certificate for Microsoft) that signs private_key_jwt assertions [default: $OIDCTL_CLIENT_ASSERTION_KEY]
    #[arg(long, value_name = "FILE")]
    pub client_assertion_key: Option<PathBuf>,
}

// What the tokens are for: commands that get new tokens (signing in, refreshing, exchanging).
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Token options")]
pub struct AudienceArgs {
    /// Audience, sent as the `audience` parameter (repeatable)
    #[arg(long, value_name = "AUD")]
    pub audience: Vec<String>,
    /// Resource indicator (RFC 8707), sent as `resource` (repeatable)
    #[arg(long, value_name = "URI")]
    pub resource: Vec<String>,
}

// How a browser sign-in is made: `login`, `token --login` and the profile that keeps them.
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Sign-in options")]
pub struct SignInArgs {
    /// Extra authorization parameter KEY=VALUE (repeatable)
    #[arg(long, value_name = "K=V")]
    pub param: Vec<String>,
    /// Port of the loopback redirect listener, or a list tried in order (8400,18400) [default: any free port]
    #[arg(long, value_name = "N[,N...]", value_delimiter = ',')]
    pub redirect_port: Vec<u16>,
    /// Path of the redirect URI [default: /callback]
    #[arg(long, value_name = "PATH")]
    pub redirect_path: Option<String>,
    /// Host of the redirect URI: 127.0.0.1 (default), [::1] or localhost
    #[arg(long, value_name = "HOST")]
    pub redirect_host: Option<String>,
}

/// What the settings read: every provider option, from whichever groups the command has (the
/// others stay empty). Not parsed by clap itself; each command's args assemble it.
#[derive(Debug, Clone, Default)]
pub struct ProviderArgs {
    pub issuer: Option<String>,
    pub tenant: Option<String>,
    pub client_id: Option<String>,
    pub client_secret_file: Option<PathBuf>,
    pub scope: Vec<String>,
    pub audience: Vec<String>,
    pub resource: Vec<String>,
    pub param: Vec<String>,
    pub redirect_port: Vec<u16>,
    pub redirect_path: Option<String>,
    pub redirect_host: Option<String>,
    pub ca_file: Option<PathBuf>,
    pub store: Option<StoreKind>,
    pub client_auth: Option<ClientAuthMethod>,
    pub client_assertion_key: Option<PathBuf>,
    pub client_assertion_alg: Option<String>,
    pub client_assertion_kid: Option<String>,
    pub origin: Option<String>,
}

impl ProviderArgs {
    /// The provider options from the groups a command flattens; `None` for a group it has not.
    pub fn from_groups(
        sel: &ProviderSel,
        client: Option<&ClientArgs>,
        credentials: Option<&CredentialArgs>,
        audience: Option<&AudienceArgs>,
        sign_in: Option<&SignInArgs>,
    ) -> Self {
        let client = client.cloned().unwrap_or_default();
        let credentials = credentials.cloned().unwrap_or_default();
        let audience = audience.cloned().unwrap_or_default();
        let sign_in = sign_in.cloned().unwrap_or_default();
        ProviderArgs {
            issuer: sel.issuer.clone(),
            tenant: sel.tenant.clone(),
            client_id: sel.client_id.clone(),
            scope: sel.scope.clone(),
            store: sel.store,
            ca_file: client.ca_file,
            client_auth: client.client_auth,
            client_assertion_alg: client.client_assertion_alg,
            client_assertion_kid: client.client_assertion_kid,
            origin: client.origin,
            client_secret_file: credentials.client_secret_file,
            client_assertion_key: credentials.client_assertion_key,
            audience: audience.audience,
            resource: audience.resource,
            param: sign_in.param,
            redirect_port: sign_in.redirect_port,
            redirect_path: sign_in.redirect_path,
            redirect_host: sign_in.redirect_host,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
Browser (default): authorization code + PKCE. The browser opens through $BROWSER when it is
set (as xdg-open reads it: `:`-separated command lines such as \"firefox --new-window\", tried in
order, %s for the URL, else the URL last), else the system's opener; with --no-browser the URL
is printed on stderr. oidctl listens on http://127.0.0.1:PORT/callback (loopback only) for
the one redirect.

On another machine (SSH, a container, no display): --paste prints the URL; sign in in any
browser, which ends on http://127.0.0.1:PORT/callback?code=… that it cannot load; paste that
address into the terminal (it is not echoed). The listener waits too, so a port forwarded with
`ssh -L PORT:127.0.0.1:PORT user@host` also works; over SSH oidctl prints that line. --paste is
chosen by itself over SSH or with no display when stdin is a terminal and $BROWSER is unset.
Inside WSL the Windows browser is opened. --redirect-port takes a list, tried in order.

--device (RFC 8628): for SSH sessions and machines without a browser. oidctl shows a URL and a
code to enter on any device (a QR code too, on a terminal big enough), and waits.

--client-credentials: a confidential client signs in as itself, with a secret
(--client-secret-file or OIDCTL_CLIENT_SECRET) or a private key (--client-assertion-key).
`oidctl token` renews such tokens by running the grant again.

ID tokens are verified (signature, iss, aud, azp, exp, iat, nonce); the tokens are stored.
A profile's `flow` (browser, device, client-credentials) picks the default.

Examples:
  oidctl login -p work
  oidctl login --issuer https://login.example.com --client-id my-cli --scope 'openid offline_access'
  oidctl login -p work --no-browser          # print the URL; open it on this machine's browser
  BROWSER='firefox --new-window:chromium' oidctl login -p work
  oidctl login -p work --paste               # over SSH: sign in on your laptop, paste the address
  oidctl login -p work --redirect-port 8400,18400   # the first free one of the registered ports
  oidctl login -p work --device              # over SSH: enter the code on your phone or laptop
  OIDCTL_CLIENT_SECRET=… oidctl login -p svc --client-credentials --scope api:read
  oidctl login -p svc --client-credentials --client-assertion-key svc.pem
  oidctl login -p work --acr-values urn:example:mfa --max-age 300   # MFA, at most 5 min ago
  oidctl login -p work --format json | jq -r .subject
  oidctl login -p work --claims '{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}'

Step-up: with --acr-values the ID token's acr must be one of the values asked for, and with
--max-age its auth_time must be at most that old (60 s leeway); otherwise the sign-in is refused
and nothing is stored. HS256/384/512-signed ID tokens verify with the client secret, for a
confidential client only and only with an algorithm the provider lists.")]
pub struct LoginArgs {
    /// Sign in with the device authorization grant (RFC 8628)
    #[arg(long, conflicts_with_all = ["client_credentials", "no_browser", "prompt"])]
    pub device: bool,
    /// Sign in as the client itself (client credentials grant): no user, no browser
    #[arg(long, conflicts_with_all = ["no_browser", "prompt", "login_hint"])]
    pub client_credentials: bool,
    /// Print the URL instead of opening a browser
    #[arg(long)]
    pub no_browser: bool,
    /// Print the URL, then paste the address the browser ends on (sign in on another machine)
    #[arg(long, conflicts_with_all = ["device", "client_credentials"])]
    pub paste: bool,
    /// Give up waiting for the browser (or the device code) after this many seconds; then exit 4
    /// (sign-in required: the sign-in was not finished)
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    pub timeout: u64,
    /// The prompt parameter (login, consent, select_account, none)
    #[arg(long, value_name = "PROMPT")]
    pub prompt: Option<String>,
    /// The login_hint parameter (a user name or e-mail address)
    #[arg(long, value_name = "HINT")]
    pub login_hint: Option<String>,
    /// Ask for these authentication levels (acr_values; repeatable or space-separated, in order of preference): the ID token's acr must be one of them
    #[arg(long, value_name = "ACR", conflicts_with_all = ["device", "client_credentials"])]
    pub acr_values: Vec<String>,
    /// Ask for an authentication at most this many seconds old (max_age; 0: sign in again now): the ID token's auth_time is checked
    #[arg(long, value_name = "SECONDS", conflicts_with_all = ["device", "client_credentials"])]
    pub max_age: Option<u64>,
    /// Claims to ask for (the OpenID Connect claims parameter), a JSON object; merged with the profile's client_capabilities
    #[arg(long, value_name = "JSON")]
    pub claims: Option<String>,
    /// Output format; json describes the sign-in as `status --format json` does (never a token)
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub audience: AudienceArgs,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

impl LoginArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            Some(&self.audience),
            Some(&self.sign_in),
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
The stored token is printed when it stays valid for --min-valid seconds; otherwise it is
refreshed first (one refresh, however many scripts ask at once). No network is used when the
stored token is good. When a sign-in is needed, oidctl exits 4 and never opens a browser,
unless --login is given.

With --scope, --resource or --audience on a signed-in profile, the token is one for exactly
that API: the one held for it (no network), else one from the refresh token, kept beside the
sign-in's others (oidctl status lists them). Scopes compare as sets. Never a token for another
API: one the sign-in does not cover exits 4 with the oidctl login to run. At Microsoft,
--resource R means the scope R/.default, and one resource per call.

Examples:
  curl -H \"Authorization: Bearer $(oidctl token)\" https://api.example.com/me
  curl -H \"$(oidctl token --format header)\" https://api.example.com/me
  eval \"$(oidctl token --format env)\"       # exports OIDCTL_ACCESS_TOKEN
  oidctl token --id-token | oidctl decode
  oidctl token -p work --scope https://graph.microsoft.com/.default
  oidctl token -p work --resource https://management.azure.com
  oidctl token -p work --resource https://api.example.com --scope items:read
  oidctl token -p work --claims '{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}'

--claims JSON always gets a new access token: a refresh that asks for those claims (the
OpenID Connect claims parameter), stored in place of the old one. Without a refresh token it
exits 4 with the `oidctl login … --claims '…'` to run (or signs in, with --login). It is for
the sign-in's own token: not with --scope, --resource or --audience.")]
pub struct TokenArgs {
    /// Refresh when the token expires within this many seconds [default: 60, or half the
    /// token's lifetime when that is shorter]
    #[arg(long, value_name = "SECONDS")]
    pub min_valid: Option<u64>,
    /// Print the ID token instead
    #[arg(long, conflicts_with = "refresh_token")]
    pub id_token: bool,
    /// Print the refresh token instead
    #[arg(long)]
    pub refresh_token: bool,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = TokenFormat::Raw)]
    pub format: TokenFormat,
    /// Sign in through the browser when no token can be had otherwise
    #[arg(long)]
    pub login: bool,
    /// Get a new access token carrying these claims (a refresh with the claims parameter), a JSON object
    #[arg(long, value_name = "JSON", conflicts_with_all = ["id_token", "refresh_token", "scope", "resource", "audience"])]
    pub claims: Option<String>,
    /// With --login: give up waiting for the browser after this many seconds; then exit 4
    #[arg(
        long,
        default_value_t = 300,
        value_name = "SECONDS",
        requires = "login"
    )]
    pub timeout: u64,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub audience: AudienceArgs,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

impl TokenArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            Some(&self.audience),
            Some(&self.sign_in),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenFormat {
    /// The token alone
    Raw,
    /// `Authorization: Bearer …`
    Header,
    /// Token set facts and the token, as JSON
    Json,
    /// `export OIDCTL_ACCESS_TOKEN=…` lines for eval
    Env,
    /// kubectl's client.authentication.k8s.io/v1 ExecCredential
    ExecCredential,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Expiry reads \"valid, expires in 5m\" while a token is good and \"expired 1s ago\" from its exp
second on (RFC 7519); access_token_valid in JSON follows the same rule.

Examples:
  oidctl status
  oidctl status -p work --format json")]
pub struct StatusArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub sel: ProviderSel,
}

impl StatusArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(&self.sel, None, None, None, None)
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  oidctl logout -p work
  oidctl logout -p work --end-session       # also end the provider's browser session
  oidctl logout -p work --format json       # what was deleted and revoked")]
pub struct LogoutArgs {
    /// Also open the provider's end_session_endpoint (with id_token_hint)
    #[arg(long)]
    pub end_session: bool,
    /// With --end-session: print the URL instead of opening a browser
    #[arg(long)]
    pub no_browser: bool,
    /// Output format; json says what was deleted and revoked
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
}

impl LogoutArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            None,
            None,
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  oidctl profile add work --issuer https://login.example.com --client-id my-cli
  oidctl profile add entra --tenant contoso.onmicrosoft.com --client-id 00000000-… \\
      --scope 'openid offline_access api://my-api/.default'
  oidctl profile default work
  oidctl profile list

For a Microsoft issuer, add refuses the scopes login would refuse: one resource per profile,
RESOURCE/.default alone, and with --flow client-credentials exactly one RESOURCE/.default.")]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub command: ProfileCommand,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add or replace a profile
    #[command(after_help = "\
A profile keeps a provider's settings (never a secret, nor the path to one: give
--client-secret-file or --client-assertion-key to each command). The first profile added
becomes the default. Replacing a profile drops its stored sign-in.

Examples:
  oidctl profile add work --issuer https://login.example.com --client-id my-cli
  oidctl profile add entra --tenant contoso.onmicrosoft.com --client-id 00000000-… \\
      --scope 'openid offline_access api://my-api/.default'
  oidctl profile add svc --issuer https://login.example.com --client-id svc \\
      --flow client-credentials --scope api:read
  oidctl profile add dev --issuer http://127.0.0.1:9400 --client-id my-app --store file --default")]
    Add(Box<ProfileAddArgs>),
    /// List profiles (the default one marked *)
    #[command(after_help = "\
Examples:
  oidctl profile list
  oidctl profile list --format json | jq -r '.[].name'")]
    List {
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Show a profile's settings
    #[command(after_help = "\
Examples:
  oidctl profile show                     the default profile
  oidctl profile show work
  oidctl profile show work --format json | jq -r .issuer")]
    Show {
        /// The profile [default: --profile, $OIDCTL_PROFILE, else the config's default_profile]
        #[arg(value_name = "NAME", add = profile_completer())]
        name: Option<String>,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Remove a profile (its stored tokens too)
    #[command(after_help = "\
Examples:
  oidctl profile remove old-tenant")]
    Remove {
        /// The profile to remove
        #[arg(value_name = "NAME", add = profile_completer())]
        name: String,
    },
    /// Make a profile the default
    #[command(after_help = "\
Examples:
  oidctl profile default work
  OIDCTL_PROFILE=dev oidctl token         one command under another profile, for a moment")]
    Default {
        /// The profile to use when none is named
        #[arg(value_name = "NAME", add = profile_completer())]
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ProfileAddArgs {
    /// The profile's name (letters, digits, `-`, `_`, `.`)
    #[arg(value_name = "NAME")]
    pub name: String,
    /// How `login` signs in by default: browser, device or client-credentials
    #[arg(long, value_enum, value_name = "FLOW")]
    pub flow: Option<Flow>,
    /// Also make it the default profile
    #[arg(long)]
    pub default: bool,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub audience: AudienceArgs,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

impl ProfileAddArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            None,
            Some(&self.audience),
            Some(&self.sign_in),
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
The metadata comes from OpenID Connect Discovery ({issuer}/.well-known/openid-configuration),
else RFC 8414 (/.well-known/oauth-authorization-server{issuer path}); it is cached on disk like
every discovery document (--refresh fetches it again). The report goes to stdout. Problems
checked: the issuer it states, endpoints that are not https (http is for loopback hosts only),
PKCE S256, the response and grant types oidctl needs, revocation, the device grant, ID token
algorithms oidctl can verify, and token endpoint authentication.

Exit codes: 0 no error found (warnings allowed), 1 errors found (the report is still printed) or
no usable document, 2 usage (a bad or plain-http issuer), 3 the provider is unreachable.

Examples:
  oidctl discover https://login.example.com
  oidctl discover --tenant contoso.onmicrosoft.com
  oidctl discover -p work --refresh               the issuer of profile work, fetched anew
  oidctl discover https://login.example.com --format json | jq .problems")]
pub struct DiscoverArgs {
    /// Issuer URL [default: --issuer, --tenant, or the profile's issuer]
    #[arg(value_name = "ISSUER", conflicts_with_all = ["issuer", "tenant"])]
    pub issuer_url: Option<String>,
    /// Issuer URL (the same as ISSUER)
    #[arg(long, value_name = "URL", help_heading = "Provider options")]
    pub issuer: Option<String>,
    /// Microsoft Entra tenant (GUID, domain, common, organizations, consumers): the v2.0 issuer
    #[arg(
        long,
        value_name = "TENANT",
        conflicts_with = "issuer",
        help_heading = "Provider options"
    )]
    pub tenant: Option<String>,
    /// Extra CA certificate (PEM) to trust for the provider [default: $OIDCTL_CA_FILE, else the profile's ca_file]
    #[arg(long, value_name = "PATH", help_heading = "Provider options")]
    pub ca_file: Option<PathBuf>,
    /// Fetch the document again even when a cached copy is still fresh
    #[arg(long)]
    pub refresh: bool,
    /// Output format; json carries the document exactly as received
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: aligned, annotated, coloured on a terminal
    Human,
    /// For programs: JSON on stdout
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Times (exp, nbf, iat, auth_time) are also shown in UTC and relative to now (\"expired …, 3d
ago\" from the exp second on); one that is not a number is called invalid. Claims that need
explaining (scp vs roles, amr, acr, cnf) are annotated; Microsoft's meanings (groups as object
IDs, the overage claim, ver/tid/oid/idtyp) only on a Microsoft token (iss on a Microsoft Entra
host, or a tid claim). alg none is shown as unsigned; a JWE's alg, enc and kid as its
encryption's. Nothing is verified: use `oidctl verify` for that.

Examples:
  oidctl decode \"$TOKEN\"
  oidctl decode token.jwt                   a file holding the token (or @token.jwt)
  echo \"Bearer $TOKEN\" | oidctl decode
  oidctl decode --format json \"$TOKEN\" | jq .payload
  oidctl decode -p work --access-token      the stored access token of profile work
  oidctl decode --decrypt-key private.pem \"$JWE\"   an encrypted token's (nested) header and claims")]
pub struct DecodeArgs {
    /// The token, a file holding it (or @FILE); `-` or nothing reads stdin (with --profile:
    /// nothing means the stored ID token)
    pub token: Option<String>,
    /// With --profile and no TOKEN: the stored access token instead of the ID token
    #[arg(long)]
    pub access_token: bool,

    /// Output format; json keeps the claims exactly as in the token
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub decrypt: DecryptArgs,
}

#[derive(Debug, Clone, Args, Default)]
pub struct DecryptArgs {
    /// Open an encrypted token (JWE) with this private key: PEM or JWK; a JWK {"kty":"oct"} for dir and A*KW
    #[arg(long, value_name = "FILE")]
    pub decrypt_key: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    group = clap::ArgGroup::new("keys").args(["key", "jwks_uri", "issuer", "secret_file"]),
    after_help = "\
The key is chosen by the token's kid (and alg, kty, use) from the keys you name, never from the
token's own jwk/jku/x5u/x5c headers. alg \"none\" never passes, and the algorithm must fit the
key's type. JWKS and discovery documents are cached on disk for their HTTP cache lifetime
(1 hour by default) and fetched again once when a kid is unknown.

--format json prints the object each --batch line has (less \"line\"): valid,
audience_checked, error, alg, kid, claims, on failure too (then alg, kid and claims as the
token has them).

Examples:
  oidctl verify --key public.pem \"$TOKEN\"
  oidctl verify --issuer https://login.microsoftonline.com/common/v2.0 \\
      --audience api://my-api \"$TOKEN\"
  oidctl verify --jwks-uri https://example.com/jwks.json --alg RS256 --alg ES256 \"$TOKEN\"
  oidctl verify --secret-file hmac.key --expected-issuer https://issuer.example \"$TOKEN\"
  cat tokens.txt | oidctl verify --batch --key jwks.json > results.jsonl
  oidctl verify --decrypt-key enc.jwk --key public.pem \"$JWE\"   decrypt, then verify the inner JWS"
)]
pub struct VerifyArgs {
    /// The token, a file holding it (or @FILE); `-` or nothing reads stdin (with --profile:
    /// nothing means the stored ID token)
    pub token: Option<String>,
    /// With --profile and no TOKEN: the stored access token instead of the ID token
    #[arg(long)]
    pub access_token: bool,

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
    #[arg(long, conflicts_with_all = ["token", "decrypt_key"])]
    pub batch: bool,
    /// Output format for a single token
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub decrypt: DecryptArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Names are dotted paths into nested claims (address.country) or array indexes (groups.0).
Strings print raw, everything else as JSON. A missing claim exits 1. Nothing is verified.

Examples:
  oidctl claims \"$TOKEN\"                  all claims, as JSON
  email=$(oidctl claims \"$TOKEN\" email)
  oidctl claims sub tid < token.txt       token from stdin
  oidctl claims token.jwt email           token from a file
  oidctl -p work claims email             from the stored ID token of profile work")]
pub struct ClaimsArgs {
    /// The token, a file holding it (or @FILE); `-` or nothing reads stdin (with --profile,
    /// the stored ID token). A first word that is none of these is a claim name
    pub token: Option<String>,
    /// With --profile and no TOKEN: the stored access token instead of the ID token
    #[arg(long)]
    pub access_token: bool,

    /// Claims to print, one per line
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
For tests: the token is encrypted to --key, whose type picks the default alg (RSA: RSA-OAEP-256,
EC: ECDH-ES+A256KW, a 16/24/32-byte oct JWK: A128KW/A192KW/A256KW, other oct sizes: dir). A JWK's
kid goes into the header. A payload that is a JWT gets cty \"JWT\" (a nested JWT) unless --cty says
otherwise. Surrounding whitespace of the payload is dropped.

Examples:
  oidctl encrypt --key public.pem '{\"sub\":\"alice\"}'
  oidctl encrypt --key ec-public.jwk --alg ECDH-ES --enc A128CBC-HS256 < claims.json
  echo \"$JWS\" | oidctl encrypt --key public.pem     a nested JWT: sign, then encrypt
  oidctl encrypt --key secret.jwk --alg dir --enc A256GCM < claims.json")]
pub struct EncryptArgs {
    /// The payload, or a file holding it (or @FILE); `-` or nothing reads stdin
    pub payload: Option<String>,
    /// The recipient's key: PEM public key or certificate, or a JWK (a private key works too); a JWK {"kty":"oct"} for dir and A*KW
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// Key management algorithm [default: by the key's type]
    #[arg(long, value_name = "ALG", value_parser = [
        "RSA-OAEP", "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW",
        "ECDH-ES+A256KW", "A128KW", "A192KW", "A256KW", "dir",
    ])]
    pub alg: Option<String>,
    /// Content encryption [default: A256GCM; with dir, the one the key's size fits]
    #[arg(long, value_name = "ENC", value_parser = [
        "A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512",
    ])]
    pub enc: Option<String>,
    /// The header's cty [default: JWT when the payload is a JWT, else none]
    #[arg(long, value_name = "TYPE")]
    pub cty: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
The access token is refreshed first when it is about to expire, as `oidctl token` does. The
answer's sub must be the signed-in user's (OpenID Connect Core 5.3.2).

With --scope, --resource or --audience on a signed-in profile, the token sent is the one for
that target (see oidctl token --help).

Examples:
  oidctl userinfo -p work
  oidctl userinfo -p work --format json | jq -r .email
  oidctl userinfo -p work --scope https://graph.microsoft.com/User.Read")]
pub struct UserinfoArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub audience: AudienceArgs,
}

impl UserinfoArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            Some(&self.audience),
            None,
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
The client authenticates as configured (--client-auth); public clients may only introspect
their own tokens at most providers. Exit 0 when the token is active, 1 when it is not.

Examples:
  oidctl introspect -p work                       the stored access token
  oidctl introspect -p work --refresh-token
  oidctl introspect -p api --client-secret-file api.secret \"$TOKEN\"
  oidctl introspect -p work --format json | jq .active")]
pub struct IntrospectArgs {
    /// The token, or a file holding it (or @FILE); `-` reads stdin [default: the stored access token]
    pub token: Option<String>,
    /// Introspect the stored refresh token instead
    #[arg(long, conflicts_with = "token")]
    pub refresh_token: bool,
    /// token_type_hint sent with the token (access_token, refresh_token)
    #[arg(long, value_name = "TYPE")]
    pub token_type_hint: Option<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
}

impl IntrospectArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            None,
            None,
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
Without TOKEN the stored refresh token is revoked (which ends the sign-in at most providers),
or the stored access token when there is no refresh token; --access-token and --refresh-token
choose. A revoked stored token is dropped from the store. `oidctl logout` revokes and deletes
everything.

Examples:
  oidctl revoke -p work
  oidctl revoke -p work --access-token
  oidctl revoke -p work --token-type-hint access_token \"$TOKEN\"")]
pub struct RevokeArgs {
    /// The token, or a file holding it (or @FILE); `-` reads stdin [default: the stored refresh
    /// token, else access token]
    pub token: Option<String>,
    /// Revoke the stored access token
    #[arg(long, conflicts_with_all = ["token", "refresh_token"])]
    pub access_token: bool,
    /// Revoke the stored refresh token
    #[arg(long, conflicts_with = "token")]
    pub refresh_token: bool,
    /// token_type_hint sent with the token (access_token, refresh_token)
    #[arg(long, value_name = "TYPE")]
    pub token_type_hint: Option<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
}

impl RevokeArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            None,
            None,
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
The subject token is the stored access token (refreshed when needed) unless --subject-token
gives one. --audience, --resource and --scope given here are the exchange's parameters; the
profile's values are not sent. The issued token is printed, not stored.

Token types may be written in full (urn:ietf:params:oauth:token-type:jwt) or short:
access_token, refresh_token, id_token, jwt, saml1, saml2.

Examples:
  oidctl exchange -p work --audience https://api.example.com
  oidctl exchange -p work --scope read --format json
  oidctl exchange -p svc --subject-token - --subject-token-type jwt --audience api < token.jwt")]
pub struct ExchangeArgs {
    /// The token to exchange, or a file holding it (or @FILE); `-` reads stdin [default: the
    /// stored access token]
    #[arg(long, value_name = "TOKEN")]
    pub subject_token: Option<String>,
    /// Type of the subject token
    #[arg(long, value_name = "TYPE", default_value = "access_token")]
    pub subject_token_type: String,
    /// Type of token wanted
    #[arg(long, value_name = "TYPE")]
    pub requested_token_type: Option<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = TokenFormat::Raw)]
    pub format: TokenFormat,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub audience: AudienceArgs,
}

impl ExchangeArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            Some(&self.audience),
            None,
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
The token is refreshed first when it is about to expire; when the API still answers 401, it
is refreshed once more and the request retried. A 401 with a claims challenge
(WWW-Authenticate: Bearer error=\"insufficient_claims\", claims=\"…\", as Microsoft's Continuous
Access Evaluation sends) gets a token with those claims from a refresh instead, then one retry;
where no refresh can give them, it exits 4 with the `oidctl login … --claims '…'` to run.
The response body goes to stdout; with -v, the status and headers go to stderr. Exit 0 only
for a 2xx answer. A bearer token is sent over https, or plain http to a loopback host only.
Redirects are not followed. The method is the word before the URL or curl's -X; a URL
without a scheme gets https:// (curl would add http://, which oidctl never uses for a token).
With --scope, --resource or --audience on a signed-in profile, the token sent is the one for
that API (see oidctl token --help), renewed for it after a 401.

Examples:
  oidctl call https://api.example.com/me
  oidctl call -p work POST https://api.example.com/items \\
      -H 'Content-Type: application/json' -d '{\"name\":\"x\"}'
  oidctl call PUT https://api.example.com/items/1 -d @item.json
  oidctl call -X DELETE api.example.com/items/1   as with curl; https:// is assumed
  oidctl call -v https://api.example.com/me | jq .
  oidctl call -p work --scope https://graph.microsoft.com/.default \\
      https://graph.microsoft.com/v1.0/me
  oidctl call -p work --resource https://management.azure.com \\
      https://management.azure.com/tenants?api-version=2020-01-01")]
pub struct CallArgs {
    /// [METHOD] URL: the method (default GET, or POST with -d) and the URL (https:// when it
    /// names no scheme)
    #[arg(value_name = "[METHOD] URL", required = true, num_args = 1..=2)]
    pub target: Vec<String>,
    /// The method, as curl's -X takes it (the same as the METHOD word)
    #[arg(short = 'X', long = "request", value_name = "METHOD")]
    pub method: Option<String>,
    /// Request header 'Name: value' (repeatable)
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// Request body; @FILE reads a file, @- reads stdin
    #[arg(short = 'd', long = "data", value_name = "BODY")]
    pub data: Option<String>,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub audience: AudienceArgs,
}

impl CallArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            Some(&self.audience),
            None,
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
CMD runs with OIDCTL_ACCESS_TOKEN set (and OIDCTL_ID_TOKEN when there is one). On Unix oidctl
becomes CMD (exec), so its exit status and every signal are CMD's own; a CMD that cannot be
found exits 127, one that cannot be run 126. With --scope, --resource or --audience on a
signed-in profile, OIDCTL_ACCESS_TOKEN is the token for that API (see oidctl token --help).

Examples:
  oidctl exec -p work -- sh -c \\
      'curl -H \"Authorization: Bearer $OIDCTL_ACCESS_TOKEN\" https://api.example.com/me'
  oidctl exec -p work -- terraform apply
  oidctl exec -p work --resource https://management.azure.com -- ./deploy.sh")]
pub struct ExecArgs {
    /// The command and its arguments
    #[arg(
        value_name = "CMD",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
    #[command(flatten)]
    pub sel: ProviderSel,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
    #[command(flatten)]
    pub audience: AudienceArgs,
}

impl ExecArgs {
    /// The provider options, for the settings.
    pub fn provider(&self) -> ProviderArgs {
        ProviderArgs::from_groups(
            &self.sel,
            Some(&self.client),
            Some(&self.credentials),
            Some(&self.audience),
            None,
        )
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
The script asks oidctl on each TAB what to offer (it runs `oidctl` from the PATH with
OIDCTL_COMPLETE set), so it matches the installed binary, and profile names after -p and for
`profile show|remove|default` come from the config file as it is then (nothing else is read).

Examples:
  source <(oidctl completions bash)           in ~/.bashrc, or install the file:
  oidctl completions bash > ~/.local/share/bash-completion/completions/oidctl
  oidctl completions zsh > \"${fpath[1]}/_oidctl\"
  oidctl completions fish > ~/.config/fish/completions/oidctl.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(after_help = "\
The pages are made from the same definitions as --help: oidctl.1, and oidctl-COMMAND.1 for
each command (oidctl-profile-add.1 for a subcommand). With --out they are written to DIR (made
when missing); without, the page of COMMAND (else of oidctl itself) goes to stdout as roff.

Examples:
  oidctl man --out ~/.local/share/man/man1        then: man oidctl-token
  sudo oidctl man --out /usr/local/share/man/man1
  oidctl man token | man -l -                     read one page without installing it")]
pub struct ManArgs {
    /// Write every page into this directory (a man1 directory on the MANPATH)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The command whose page to print (`profile add` for a subcommand) [default: oidctl]
    #[arg(value_name = "COMMAND", conflicts_with = "out")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
FOR DEVELOPMENT ONLY, NEVER FOR PRODUCTION: it signs in whoever reaches its port, keeps
everything in memory and listens on loopback only (127.0.0.1, localhost or [::1]; other
addresses are refused).

It serves discovery, JWKS (fresh RS256 and ES256 keys per run unless --keys keeps them), a
sign-in page (pick a user, approve or deny; --auto-approve or --user skips it), the token
endpoint (authorization code with PKCE S256 required, refresh tokens that rotate, client
credentials, device code), userinfo, introspection, revocation and end-session. Access and ID
tokens are JWTs; their claims come from --preset and the users (built in: alice and bob, or
--claims FILE: {\"users\": {\"carol\": {\"email\": \"carol@example.com\", \"roles\": [\"admin\"]}}}).

Any client ID is accepted as a public client with loopback redirect URIs on any port (RFC
8252); other redirect URIs must be listed with --redirect-uri. --client ID:SECRET registers a
confidential client (client_secret_basic or client_secret_post) for client credentials and
introspection: use made-up secrets only.

Examples:
  oidctl serve                                   http://127.0.0.1:9400, sign-in page in the browser
  oidctl login --issuer http://127.0.0.1:9400 --client-id my-app --store file
  oidctl serve --port 0 --auto-approve           any free port; every sign-in approved as alice
  oidctl serve --preset entra --user bob         Entra-shaped tokens (tid, oid, scp, roles), as bob
  oidctl serve --claims users.json --keys dev-keys.pem --token-ttl 60
  oidctl serve --client svc:dev-secret           a confidential client, for client credentials:
  OIDCTL_CLIENT_SECRET=dev-secret oidctl login --client-credentials --client-id svc \\
      --issuer http://127.0.0.1:9400")]
pub struct ServeArgs {
    /// Port to listen on; 0 picks any free port
    #[arg(long, default_value_t = 9400, value_name = "N")]
    pub port: u16,
    /// Host of the issuer URL, also where to listen: 127.0.0.1, localhost or [::1] (loopback only)
    #[arg(long, default_value = "127.0.0.1", value_name = "HOST")]
    pub issuer_host: String,
    /// Shape of the tokens: plain OpenID Connect, Microsoft Entra ID v2.0, or Keycloak
    #[arg(long, value_enum, default_value_t = Preset::Plain)]
    pub preset: Preset,
    /// Users and their claims, JSON: {"users": {"NAME": {CLAIM: VALUE, …}, …}} [default: alice, bob]
    #[arg(long, value_name = "FILE")]
    pub claims: Option<PathBuf>,
    /// Approve every sign-in at once, as the first user (or --user): no sign-in page
    #[arg(long)]
    pub auto_approve: bool,
    /// Approve every sign-in at once as this user (implies --auto-approve)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Signing keys (PEM): read when the file exists, else made and written there (0600)
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,
    /// Signing algorithm of every token
    #[arg(long, value_enum, ignore_case = true, default_value_t = ServeAlg::Rs256)]
    pub alg: ServeAlg,
    /// Lifetime of access and ID tokens, in seconds
    #[arg(long, default_value_t = 300, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub token_ttl: u64,
    /// Register a confidential client, ID:SECRET (repeatable; made-up development secrets only)
    #[arg(long = "client", value_name = "ID:SECRET")]
    pub clients: Vec<String>,
    /// Allow this redirect URI besides loopback ones (repeatable; matched exactly)
    #[arg(long = "redirect-uri", value_name = "URI")]
    pub redirect_uris: Vec<String>,
    /// Polling interval the device flow asks for, in seconds
    #[arg(long, default_value_t = 5, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=60))]
    pub device_interval: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ServeAlg {
    #[value(name = "RS256")]
    Rs256,
    #[value(name = "ES256")]
    Es256,
}

#[derive(Debug, Args)]
#[command(after_help = "\
oidctl's main job end to end, offline, touching nothing of yours: `oidctl serve` starts in this
process on a free loopback port; `oidctl login` signs in to it (the real code path: PKCE, state,
nonce, the loopback listener, ID token verification); then the status, the decoded ID token and
a fresh access token from the token path (a refresh, whose refresh token rotates) are shown, and
everything stops. Tokens are kept in a temporary directory, removed at the end: never in your
keyring, config or data directory.

With a browser ($BROWSER, or a desktop session), the provider's sign-in page opens: pick a user
and approve. Without one, or with --no-browser, the sign-in is approved at once as alice.

Examples:
  oidctl demo
  cargo run --release -- demo               from a fresh clone
  oidctl demo --no-browser --preset entra   Microsoft-shaped tokens, no browser")]
pub struct DemoArgs {
    /// Use no browser: the sign-in is approved at once
    #[arg(long)]
    pub no_browser: bool,
    /// Shape of the tokens
    #[arg(long, value_enum, default_value_t = Preset::Plain)]
    pub preset: Preset,
    /// Give up waiting for the browser after this many seconds; then exit 4
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    pub timeout: u64,
}

#[derive(Debug, Args)]
#[command(
    group = clap::ArgGroup::new("signer").required(true).args(["key", "secret_file", "serve_keys"]),
    after_help = "\
Claims come from --claims or --from (the payload of an existing token, every claim kept
exactly: number precision, key order), then --claim K=V (V is JSON when it parses as JSON:
42, true, [\"a\",\"b\"], '\"42\"' for a string of digits; else a string), then the shortcuts.
Times take now, +30m, -1h, +7d, seconds since 1970, or RFC 3339. iat is now unless the claims
have one or --from is given (--no-iat leaves it out; --iat now sets it anew).

The header is alg, typ (JWT), kid (the JWK's own kid, else the key's RFC 7638 thumbprint; none
for --secret-file), then --header K=V. The algorithm follows from the key (RS256 for RSA,
ES256/384/512 by curve, EdDSA, HS256 for a secret) unless --alg names one that fits it. The
token goes to stdout; nothing secret goes to stderr.

Examples:
  oidctl sign --key key.pem --sub alice --aud api://my-api --exp +30m
  oidctl sign --key rsa.json --alg PS256 --claim roles='[\"admin\"]' --claim tid=contoso
  oidctl sign --secret-file hmac.key --alg HS512 --claims @claims.json --exp +1h
  oidctl sign --key key.pem --from \"$TOKEN\" --claim email=bob@example.com --exp +1h
  echo '{\"sub\":\"alice\"}' | oidctl sign --key key.pem --claims - --header x5t=abc
  oidctl sign --serve-keys dev-keys.pem --iss http://127.0.0.1:9400 --sub alice --exp +5m
      (a token a local API that trusts `oidctl serve --keys dev-keys.pem` accepts)"
)]
pub struct SignArgs {
    /// Private key: PEM (PKCS#8, PKCS#1 or SEC1) or a private JWK (an oct JWK for HMAC)
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// HMAC secret (HS256/384/512): the file's exact bytes
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// The development provider's key file (`oidctl serve --keys FILE`): RS256, or ES256
    #[arg(long, value_name = "FILE")]
    pub serve_keys: Option<PathBuf>,
    /// Algorithm [default: from the key]
    #[arg(long, value_name = "ALG")]
    pub alg: Option<String>,
    /// Claims as a JSON object; @FILE reads a file, - reads stdin
    #[arg(long, value_name = "JSON", conflicts_with = "from")]
    pub claims: Option<String>,
    /// Start from this token's claims (to edit and re-sign): the token, a file holding it (or
    /// @FILE), `-` for stdin; not verified
    #[arg(long, value_name = "TOKEN")]
    pub from: Option<String>,
    /// Claim KEY=VALUE, VALUE as JSON when it is valid JSON, else a string (repeatable)
    #[arg(long, value_name = "K=V")]
    pub claim: Vec<String>,
    /// iss claim
    #[arg(long, value_name = "ISS")]
    pub iss: Option<String>,
    /// sub claim
    #[arg(long, value_name = "SUB")]
    pub sub: Option<String>,
    /// aud claim (repeatable: more than one makes an array)
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,
    /// jti claim
    #[arg(long, value_name = "ID")]
    pub jti: Option<String>,
    /// exp claim: +30m, now, seconds since 1970 or RFC 3339
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub exp: Option<String>,
    /// nbf claim: now, -5m, seconds since 1970 or RFC 3339
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub nbf: Option<String>,
    /// iat claim [default: now, unless the claims have one or --from is given]
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        conflicts_with = "no_iat"
    )]
    pub iat: Option<String>,
    /// Leave iat out (unless the claims have it)
    #[arg(long)]
    pub no_iat: bool,
    /// kid header [default: the JWK's kid, else the key's RFC 7638 thumbprint]
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
    /// typ header
    #[arg(long, value_name = "TYP", default_value = "JWT")]
    pub typ: String,
    /// Header KEY=VALUE, VALUE as JSON when valid JSON (repeatable)
    #[arg(long, value_name = "K=V")]
    pub header: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
A KEY file is PEM (PKCS#8, PKCS#1 or SEC1 private key; SPKI or PKCS#1 public key; an X.509
certificate) or a JWK, detected; `-` reads stdin. Private keys are written only to --out FILE
(created 0600) or to a stdout that is not a terminal.

Examples:
  oidctl jwk generate ec --out key.json --kid k1 --use sig
  oidctl jwk generate rsa --bits 3072 --format pem --out key.pem
  oidctl jwk public key.json > public.json
  oidctl jwk convert public.pem                 PEM -> JWK (JWK -> PEM the other way)
  oidctl jwk convert cert.pem                   the certificate's key, with x5t#S256
  oidctl jwk thumbprint key.json
  oidctl jwk set k1.json k2.pem > jwks.json     public parts, each with a kid")]
pub struct JwkArgs {
    #[command(subcommand)]
    pub command: JwkCommand,
}

#[derive(Debug, Subcommand)]
pub enum JwkCommand {
    /// Make a new private key (RSA, EC P-256/384/521, Ed25519)
    #[command(after_help = "\
Examples:
  oidctl jwk generate ec --out key.json                  P-256, as a private JWK (0600)
  oidctl jwk generate rsa --bits 4096 --out key.pem          PKCS#8 PEM, from the name
  oidctl jwk generate ed25519 --kid dev-1 --use sig --alg EdDSA | vault kv put secret/jwk key=-")]
    Generate {
        /// The key's type
        #[arg(value_enum)]
        kind: NewKeyKind,
        /// RSA key size: 2048, 3072 or 4096 bits
        #[arg(long, default_value_t = 2048, value_name = "N")]
        bits: u32,
        /// Output format [default: pem when --out ends in .pem, else jwk]
        #[arg(long, short, value_enum)]
        format: Option<KeyFormat>,
        /// kid member of the JWK
        #[arg(long, value_name = "KID")]
        kid: Option<String>,
        /// use member of the JWK (sig or enc)
        #[arg(long = "use", value_name = "USE")]
        usage: Option<String>,
        /// alg member of the JWK (must fit the key)
        #[arg(long, value_name = "ALG")]
        alg: Option<String>,
        /// Write to this file (0600) instead of stdout
        /// Write to this file instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print the public part of a key
    #[command(after_help = "\
Examples:
  oidctl jwk public key.json > public.json
  oidctl jwk public key.pem --format jwk")]
    Public {
        /// The key: PEM or JWK; `-` reads stdin
        key: PathBuf,
        /// Output format [default: that of the input]
        #[arg(long, short, value_enum)]
        format: Option<KeyFormat>,
        /// Write to this file instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Convert a key between PEM and JWK (a certificate gives its public key)
    #[command(after_help = "\
Examples:
  oidctl jwk convert public.pem > public.json     SPKI or PKCS#1 PEM -> JWK
  oidctl jwk convert public.json > public.pem     JWK -> SPKI PEM
  oidctl jwk convert cert.pem                     the certificate's key, with x5t#S256
  oidctl jwk convert key.pem --out key.json       a private key stays private (0600)")]
    Convert {
        /// The key: PEM (a key or a certificate) or JWK; `-` reads stdin
        key: PathBuf,
        /// Output format [default: JWK for PEM input, PEM for JWK input]
        #[arg(long, value_enum, value_name = "FORMAT")]
        to: Option<KeyFormat>,
        /// Write to this file instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print a key's RFC 7638 thumbprint (SHA-256, base64url)
    #[command(after_help = "\
Examples:
  oidctl jwk thumbprint public.json
  oidctl jwk thumbprint key.pem                   the same value for the private key")]
    Thumbprint {
        /// The key: PEM or JWK; `-` reads stdin
        key: PathBuf,
    },
    /// Make one JWKS of the public parts of keys (each given a kid: its own, else its thumbprint)
    #[command(after_help = "\
Examples:
  oidctl jwk set old.json new.json > jwks.json    for a key rollover
  oidctl jwk set signing.pem partner-cert.pem --out jwks.json")]
    Set {
        /// The keys: PEM (keys or certificates) or JWKs
        #[arg(required = true)]
        keys: Vec<PathBuf>,
        /// Write to this file instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKeyKind {
    /// RSA (--bits 2048, 3072 or 4096): RS256 … PS512
    Rsa,
    /// EC P-256: ES256
    #[value(name = "ec", alias = "p-256")]
    P256,
    /// EC P-384: ES384
    #[value(name = "p-384")]
    P384,
    /// EC P-521: ES512
    #[value(name = "p-521")]
    P521,
    /// Ed25519: EdDSA
    Ed25519,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyFormat {
    /// A JSON Web Key (RFC 7517)
    Jwk,
    /// PEM: PKCS#8 for private keys, SubjectPublicKeyInfo for public ones
    Pem,
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    fn globals(args: &[&str]) -> GlobalArgs {
        let mut cli = Cli::try_parse_from(args).unwrap();
        crate::settings::fill_globals(&mut cli.global);
        cli.global
    }

    #[test]
    fn global_options_count_wherever_they_are_given() {
        let g = globals(&[
            "oidctl", "-v", "--color", "never", "decode", "-q", "-p", "b",
        ]);
        assert_eq!(g.verbose, 1);
        assert!(g.quiet);
        assert_eq!(g.color(), ColorChoice::Never);
        assert_eq!(g.profile.as_deref(), Some("b"));
        let g = globals(&["oidctl", "-p", "a", "--config", "/c", "token"]);
        assert_eq!(g.profile.as_deref(), Some("a"));
        assert_eq!(g.config, Some(PathBuf::from("/c")));
        assert_eq!(g.color(), ColorChoice::Auto);
        assert_eq!(globals(&["oidctl", "-vv", "token"]).verbose, 2);
        assert_eq!(globals(&["oidctl", "token", "-vv"]).verbose, 2);
        assert!(!globals(&["oidctl", "token"]).quiet);
    }

    #[test]
    fn the_command_wins_over_the_top_level() {
        let g = globals(&["oidctl", "-p", "a", "--color", "always", "token", "-p", "b"]);
        assert_eq!(g.profile.as_deref(), Some("b"));
        assert_eq!(g.color(), ColorChoice::Always);
        // `profile` has two names, and options after either of them.
        let g = globals(&[
            "oidctl", "-v", "profile", "-p", "a", "show", "--config", "/x",
        ]);
        assert_eq!(g.verbose, 1);
        assert_eq!(g.profile.as_deref(), Some("a"));
        assert_eq!(g.config, Some(PathBuf::from("/x")));
        let g = globals(&["oidctl", "profile", "-p", "a", "list", "-p", "b"]);
        assert_eq!(g.profile.as_deref(), Some("b"));
        // clap does not add up a count given on two levels: the count after the name is used
        // (clap-rs/clap#1570), as for every other option given in both places.
        assert_eq!(globals(&["oidctl", "-v", "token", "-v"]).verbose, 1);
        assert_eq!(
            globals(&["oidctl", "-vv", "profile", "list", "-v"]).verbose,
            1
        );
    }

    /// Collects a failed check, so that one run names every problem.
    macro_rules! check {
        ($problems:ident, $cond:expr, $($msg:tt)+) => {
            if !$cond {
                $problems.push(format!($($msg)+));
            }
        };
    }

    /// Every command below the top level, built, with its path ("profile add").
    fn every_command() -> Vec<(String, clap::Command)> {
        fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let path = format!("{path} {}", sub.get_name()).trim().to_string();
                out.push((path.clone(), sub.clone()));
                walk(sub, &path, out);
            }
        }
        let mut cli = Cli::command();
        cli.build();
        let mut out = Vec::new();
        walk(&cli, "", &mut out);
        out
    }

    #[test]
    fn every_option_and_argument_has_a_description() {
        let mut problems: Vec<String> = Vec::new();
        for (path, cmd) in every_command() {
            for arg in cmd.get_arguments() {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                check!(
                    problems,
                    !help.trim().is_empty(),
                    "`oidctl {path}`: {} has no description",
                    arg.get_id()
                );
            }
            let about = cmd.get_about().map(|h| h.to_string()).unwrap_or_default();
            check!(
                problems,
                !about.trim().is_empty(),
                "`oidctl {path}` has no description"
            );
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    // The provider option groups, by the flags that make each one.
    const PROVIDER: &[&str] = &["issuer", "tenant", "client_id", "scope", "store"];
    const CLIENT: &[&str] = &[
        "ca_file",
        "client_auth",
        "client_assertion_alg",
        "client_assertion_kid",
        "origin",
    ];
    const CREDENTIALS: &[&str] = &["client_secret_file", "client_assertion_key"];
    const AUDIENCE: &[&str] = &["audience", "resource"];
    const SIGN_IN: &[&str] = &["param", "redirect_port", "redirect_path", "redirect_host"];

    #[test]
    fn each_command_lists_only_the_option_groups_it_uses() {
        let mut problems: Vec<String> = Vec::new();
        let all = [PROVIDER, CLIENT, CREDENTIALS, AUDIENCE, SIGN_IN];
        // What each command does with a provider: `status` only reads stored sign-ins; the
        // ones that refresh or exchange get new tokens for an audience; only `login`,
        // `token --login` and the profile that keeps them sign in through a browser.
        let uses: &[(&str, &[&[&str]])] = &[
            ("login", &[PROVIDER, CLIENT, CREDENTIALS, AUDIENCE, SIGN_IN]),
            ("token", &[PROVIDER, CLIENT, CREDENTIALS, AUDIENCE, SIGN_IN]),
            ("status", &[PROVIDER]),
            ("logout", &[PROVIDER, CLIENT, CREDENTIALS]),
            ("userinfo", &[PROVIDER, CLIENT, CREDENTIALS, AUDIENCE]),
            ("introspect", &[PROVIDER, CLIENT, CREDENTIALS]),
            ("revoke", &[PROVIDER, CLIENT, CREDENTIALS]),
            ("exchange", &[PROVIDER, CLIENT, CREDENTIALS, AUDIENCE]),
            ("call", &[PROVIDER, CLIENT, CREDENTIALS, AUDIENCE]),
            ("exec", &[PROVIDER, CLIENT, CREDENTIALS, AUDIENCE]),
            // A profile never holds a secret, nor the path to one.
            ("profile add", &[PROVIDER, CLIENT, AUDIENCE, SIGN_IN]),
        ];
        for (path, cmd) in every_command() {
            let wanted = uses
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, g)| *g)
                .unwrap_or(&[]);
            for group in all {
                let expected = wanted.contains(&group);
                for id in group {
                    // `discover` and `verify` have an --issuer of their own, and `discover`
                    // --tenant and --ca-file: they act as no client.
                    let own = matches!(
                        (path.as_str(), *id),
                        ("discover", "issuer" | "tenant" | "ca_file")
                            | ("verify", "issuer" | "audience")
                    );
                    let has = cmd.get_arguments().any(|a| a.get_id() == *id);
                    check!(
                        problems,
                        has == expected || own,
                        "`oidctl {path}` {} --{}",
                        if has { "lists" } else { "lacks" },
                        id.replace('_', "-")
                    );
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_command_has_examples() {
        let mut problems: Vec<String> = Vec::new();
        for (path, cmd) in every_command() {
            let after = cmd
                .get_after_long_help()
                .or(cmd.get_after_help())
                .map(|h| h.to_string())
                .unwrap_or_default();
            check!(
                problems,
                after.contains("Examples:\n  "),
                "`oidctl {path} --help` has no examples"
            );
            let examples = after.split("Examples:\n").nth(1).unwrap_or_default();
            check!(
                problems,
                examples.contains(&format!("oidctl {path}")),
                "`oidctl {path} --help`: no example runs `oidctl {path}`"
            );
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Piped, clap wraps help at 100 columns: an example longer than that would break in the
    /// middle of a command. Each line after the options must come out whole.
    #[test]
    fn examples_do_not_wrap_when_help_is_piped() {
        let mut problems: Vec<String> = Vec::new();
        let top = ("".to_string(), Cli::command());
        for (path, cmd) in std::iter::once(top).chain(every_command()) {
            let mut cmd = cmd.term_width(100);
            let rendered = cmd.render_long_help().to_string();
            let lines: Vec<&str> = rendered.lines().map(str::trim_end).collect();
            let after = cmd
                .get_after_long_help()
                .or(cmd.get_after_help())
                .map(|h| h.to_string())
                .unwrap_or_default();
            for line in after.lines().filter(|l| !l.trim().is_empty()) {
                check!(
                    problems,
                    lines.contains(&line.trim_end()),
                    "`oidctl {path} --help | cat` wraps this line ({} columns):\n{line}",
                    line.chars().count()
                );
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_version_flag_is_only_at_the_top_level() {
        let mut problems: Vec<String> = Vec::new();
        let mut cli = Cli::command();
        cli.build();
        assert!(cli.get_arguments().any(|a| a.get_id() == "version"));
        for (path, cmd) in every_command() {
            check!(
                problems,
                !cmd.get_arguments()
                    .any(|a| a.get_id() == "version" || a.get_short() == Some('V')),
                "`oidctl {path}` takes -V"
            );
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// A value that may come from the environment is never shown in a usage line as if it
    /// had to be given, and no option is required when it has an environment fallback.
    #[test]
    fn usage_lines_show_no_option_as_required() {
        let mut problems: Vec<String> = Vec::new();
        for (path, cmd) in every_command() {
            for arg in cmd.get_arguments() {
                if arg.is_positional() {
                    continue;
                }
                let required = arg.is_required_set();
                let grouped = path == "encrypt" && arg.get_id() == "key";
                check!(
                    problems,
                    !required || grouped,
                    "`oidctl {path}`: --{} is required in the usage line",
                    arg.get_long().unwrap_or_default()
                );
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_command_takes_the_global_options() {
        let mut cli = Cli::command();
        cli.build();
        let mut commands: Vec<&clap::Command> = cli.get_subcommands().collect();
        let profile = cli.find_subcommand("profile").unwrap();
        commands.extend(profile.get_subcommands());
        assert!(commands.len() > 20);
        for command in commands {
            if command.get_name() == "help" {
                continue;
            }
            for id in ["profile", "config", "color", "verbose", "quiet"] {
                assert!(
                    command.get_arguments().any(|a| a.get_id() == id),
                    "{} has no --{id}",
                    command.get_name()
                );
            }
        }
    }
}
