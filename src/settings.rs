//! Resolves what a command needs from flags, environment, the config file and defaults, in that
//! order, once; and remembers where each value came from, for `-v` and for error messages.
//!
//! The one precedence, for every value that has several sources: a flag, then the environment
//! ([`crate::env::vars`], read once), then the profile (then the config file's top level, for
//! `store`), then the built-in default. Every command that needs a value asks here, so the same
//! inputs give the same answer everywhere. Only this module and `commands/` read clap types.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::base::error::{Error, Result};
use crate::base::secret::Secret;
use crate::cli::{DiscoverArgs, GlobalArgs, ProviderArgs};
use crate::config::{self, Config, Profile};
use crate::env;
use crate::net::http::{self, Fetcher, Reqwest};
use crate::net::loopback::{Redirect, RedirectHost};
use crate::oidc::target::Target as TokenTarget;
use crate::oidc::{ClientConfig, Flow};
use crate::store::StoreKind;

pub const DEFAULT_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    Profile(String),
    Config,
    Default,
    /// Where an ad-hoc sign-in was made (store::adhoc).
    SignIn,
}

/// `--origin` (or a profile's `origin`): `scheme://host[:port]`, nothing more. Checked by every
/// command that uses it and by `profile add`, which saves nothing such a command would refuse.
pub fn check_origin(o: &str) -> Result<()> {
    let url = reqwest::Url::parse(o)
        .map_err(|e| Error::usage(format!("--origin {o:?} is not a URL")).caused_by(e))?;
    if url.path() != "/" || url.query().is_some() {
        return Err(Error::usage(format!(
            "--origin {o:?}: an origin is scheme://host[:port], with no path"
        )));
    }
    Ok(())
}

/// `--redirect-path` (or a profile's `redirect_path`) must be a path; as [`check_origin`].
pub fn check_redirect_path(path: &str) -> Result<()> {
    if !path.starts_with('/') {
        return Err(Error::usage(format!(
            "--redirect-path {path:?} must start with /"
        )));
    }
    Ok(())
}

/// The first of `candidates` that is set, with its source; the order is the precedence.
fn first<T>(candidates: impl IntoIterator<Item = (Option<T>, Source)>) -> Option<(T, Source)> {
    candidates
        .into_iter()
        .find_map(|(value, source)| value.map(|v| (v, source)))
}

/// What an environment variable holds, as text (a value that is not UTF-8 is refused, naming
/// the variable).
fn env_text(name: &'static str, value: &Option<OsString>) -> Result<Option<String>> {
    value
        .as_ref()
        .map(|v| {
            v.to_str().map(str::to_string).ok_or_else(|| {
                Error::usage(format!("${name} is not UTF-8 text"))
                    .with_hint(format!("unset {name} or give it a UTF-8 value"))
            })
        })
        .transpose()
}

/// The global options' environment defaults: `$OIDCTL_PROFILE` where no `-p` was given,
/// `$OIDCTL_CONFIG` where no `--config` was.
pub fn fill_globals(global: &mut GlobalArgs) {
    let vars = env::vars();
    if global.profile.is_none() {
        // Lossy, not dropped: a name that is not UTF-8 then fails as "no profile" with its
        // source named, instead of silently meaning the default profile.
        global.profile = vars
            .profile
            .as_ref()
            .map(|v| v.to_string_lossy().into_owned());
        global.profile_from_env = global.profile.is_some();
    }
    if global.config.is_none() {
        global.config = vars.config.as_ref().map(PathBuf::from);
    }
}

/// Makes the process-wide settings take effect: the Microsoft authority (OIDCTL_AUTHORITY_HOST)
/// that `--tenant` builds on and that counts as Microsoft's. Called once, before any command.
pub fn init() {
    if let Some(host) = env::vars().authority_host.as_ref().and_then(|h| h.to_str()) {
        crate::oidc::entra::set_authority(host);
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "{flag}"),
            Source::Env(var) => write!(f, "${var}"),
            Source::Profile(name) => write!(f, "profile {name:?}"),
            Source::Config => f.write_str("the config file"),
            Source::Default => f.write_str("the default"),
            Source::SignIn => f.write_str("the stored ad-hoc sign-in"),
        }
    }
}

/// The loaded config file, and which profile (if any) the command runs under.
pub struct Context {
    pub config_path: PathBuf,
    pub config: Config,
    pub profile: Option<(String, Source)>,
}

impl Context {
    pub fn load(global: &GlobalArgs) -> Result<Self> {
        let config_path = global
            .config
            .clone()
            .or_else(config::default_path)
            .ok_or_else(|| {
                Error::usage("no config directory on this system").with_hint("pass --config PATH")
            })?;
        let config = config::load(&config_path)?;
        let profile = match &global.profile {
            Some(p) => Some((
                p.clone(),
                if global.profile_from_env {
                    Source::Env(env::PROFILE)
                } else {
                    Source::Flag("--profile")
                },
            )),
            None => config.default_profile.clone().map(|p| (p, Source::Config)),
        };
        // A default_profile naming a profile that is gone stops only the commands that need a
        // profile (see [`Context::no_profile`]): ad-hoc ones, `status` and `profile` still run.
        if let Some((name, source)) = &profile
            && !matches!(source, Source::Config)
            && !config.profiles.contains_key(name)
        {
            return Err(Error::usage(format!(
                "no profile {name:?} (from {source}) in {}",
                config_path.display()
            ))
            .with_hint(format!(
                "create it: oidctl profile add {name} --issuer URL --client-id ID"
            )));
        }
        Ok(Context {
            config_path,
            config,
            profile,
        })
    }

    pub fn profile(&self) -> Option<(&str, &Profile)> {
        let (name, _) = self.profile.as_ref()?;
        self.config.profiles.get(name).map(|p| (name.as_str(), p))
    }

    /// Why no profile is in use, for a command that needs one: the config's default_profile
    /// names one that is not there (after `profile remove`, or a typo), or there is no default
    /// (then the hint lists the profiles there are). `None` when a profile is in use.
    pub fn no_profile(&self, need: &str) -> Option<Error> {
        if self.profile().is_some() {
            return None;
        }
        let names: Vec<&str> = self.config.profiles.keys().map(String::as_str).collect();
        let choose = if names.is_empty() {
            String::new()
        } else {
            format!(
                "make another the default: oidctl profile default NAME (profiles: {}), or ",
                names.join(", ")
            )
        };
        match &self.profile {
            Some((name, Source::Config)) => Some(
                Error::usage(format!(
                    "the default profile {name:?} is not in the config {}",
                    self.config_path.display()
                ))
                .with_hint(format!(
                    "{choose}create it: oidctl profile add {name} --issuer URL --client-id ID"
                )),
            ),
            _ if !names.is_empty() => Some(
                Error::usage(format!(
                    "no profile given and no default_profile in {}: {need}",
                    self.config_path.display()
                ))
                .with_hint(format!(
                    "name one with -p NAME (profiles: {}), or make one the default: oidctl \
                     profile default NAME; or pass --issuer URL --client-id ID",
                    names.join(", ")
                )),
            ),
            _ => None,
        }
    }
}

/// What the protocol commands need to talk to a provider as a client.
#[derive(Debug, Clone)]
pub struct Provider {
    /// Who the client is and what it asks for: what the protocol layer is given.
    pub client: ClientConfig,
    pub issuer_source: Source,
    pub flow: Flow,
    pub redirect: Redirect,
    pub http: http::Options,
    /// The name the token set is stored under: the profile, or issuer+client+scopes.
    pub store_key: String,
    pub store: StoreKind,
    pub store_source: Source,
}

impl Provider {
    /// The document fetcher for this provider: the disk cache, and its extra CA if any.
    pub fn fetcher(&self) -> Fetcher {
        fetcher(&self.http)
    }
}

/// A fetcher over the binary's transport, caching under the cache directory.
pub fn fetcher(options: &http::Options) -> Fetcher {
    Fetcher::new(Box::new(Reqwest::new(options.clone())), cache_dir())
}

/// Where discovery and JWKS documents are cached: `$OIDCTL_CACHE_DIR`, else the platform's
/// cache directory (inside `oidctl demo`'s sandbox, always the sandbox's).
pub fn cache_dir() -> Option<PathBuf> {
    match &env::vars().cache_dir {
        Some(dir) if !crate::base::dirs::sandboxed() => Some(PathBuf::from(dir)),
        _ => crate::base::dirs::cache(),
    }
}

/// The HTTP client's settings: the extra CA (`--ca-file`, then `$OIDCTL_CA_FILE`, then the
/// profile's `ca_file`) and the timeout (`$OIDCTL_HTTP_TIMEOUT`, else 30 s).
pub fn http_options(
    flag: Option<&Path>,
    profile: Option<(&str, &Profile)>,
) -> Result<http::Options> {
    let from_env = env::vars().ca_file.as_ref().map(PathBuf::from);
    let ca = first([
        (flag.map(Path::to_path_buf), Source::Flag("--ca-file")),
        (from_env, Source::Env(env::CA_FILE)),
        (
            profile.and_then(|(_, p)| p.ca_file.clone()),
            Source::Profile(profile.map(|(n, _)| n.to_string()).unwrap_or_default()),
        ),
    ]);
    if let Some((path, source)) = &ca {
        log::info!("CA file {} (from {source})", path.display());
        crate::base::fs::not_a_url(path, &format!("CA file (from {source})"))?;
    }
    Ok(http::Options {
        timeout: http_timeout()?,
        ca_file: ca.map(|(path, _)| path),
    })
}

/// `$OIDCTL_HTTP_TIMEOUT` seconds, else 30 s: the longest one request may take. A request that
/// has not finished by then (a server that never answers, or drips its answer a byte at a
/// time) fails as timed out, exit 3.
fn http_timeout() -> Result<Duration> {
    let Some(text) = env_text(env::HTTP_TIMEOUT, &env::vars().http_timeout)? else {
        return Ok(http::DEFAULT_TIMEOUT);
    };
    match text.trim().parse::<f64>() {
        _ if text.trim().is_empty() => Ok(http::DEFAULT_TIMEOUT),
        Ok(secs) if secs > 0.0 && secs <= 86_400.0 => Ok(Duration::from_secs_f64(secs)),
        _ => Err(Error::usage(format!(
            "{}={text:?} is not a number of seconds",
            env::HTTP_TIMEOUT
        ))
        .with_hint("give a positive number of seconds, such as 30")),
    }
}

/// Microsoft's v2.0 issuer for a tenant (GUID, domain, common, organizations, consumers).
pub fn tenant_issuer(tenant: &str) -> String {
    crate::oidc::entra::tenant_issuer(tenant)
}

/// The store of the command's profile (or of an ad-hoc sign-in), for commands that need no
/// provider (`status`, `decode -p`, `token` on the fast path).
pub fn store_kind(args: &ProviderArgs, ctx: &Context) -> Result<(StoreKind, Source)> {
    store_for(args.store, ctx.profile(), &ctx.config)
}

/// The store of `profile`: `--store`, then `$OIDCTL_STORE`, then the profile's `store`, then the
/// config's, then the keyring. `status` and `profile remove` ask it for each profile.
pub fn store_for(
    flag: Option<StoreKind>,
    profile: Option<(&str, &Profile)>,
    config: &Config,
) -> Result<(StoreKind, Source)> {
    let from_env = match env_text(env::STORE, &env::vars().store)? {
        None => None,
        Some(v) => Some(StoreKind::parse(&v).ok_or_else(|| {
            Error::usage(format!("${}={v:?}: expected keyring or file", env::STORE))
        })?),
    };
    let (kind, source) = first([
        (flag, Source::Flag("--store")),
        (from_env, Source::Env(env::STORE)),
        (
            profile.and_then(|(_, p)| p.store),
            Source::Profile(profile.map(|(n, _)| n.to_string()).unwrap_or_default()),
        ),
        (config.store, Source::Config),
    ])
    .unwrap_or((StoreKind::Keyring, Source::Default));
    log::info!("store: {} (from {source})", kind.name());
    Ok((kind, source))
}

/// The issuer a command talks to and where it came from, and the profile that lends the other
/// settings.
struct Target<'c> {
    issuer: String,
    source: Source,
    profile: Option<(&'c str, &'c Profile)>,
}

/// `--issuer`/`--tenant` without `--profile` is ad hoc: the default profile must not lend it
/// settings, nor its token set.
fn target<'c>(
    issuer: Option<(&str, Source)>,
    tenant: Option<&str>,
    ctx: &'c Context,
) -> Result<Target<'c>> {
    let adhoc = issuer.is_some() || tenant.is_some();
    let from_default = matches!(ctx.profile, Some((_, Source::Config)));
    let profile = if adhoc && from_default {
        None
    } else {
        ctx.profile()
    };
    let pname = || Source::Profile(profile.map(|(n, _)| n.to_string()).unwrap_or_default());
    let p = profile.map(|(_, p)| p);
    let (issuer, source) = match (
        issuer,
        tenant,
        p.and_then(|p| p.issuer.as_deref()),
        p.and_then(|p| p.tenant.as_deref()),
    ) {
        (Some((i, source)), _, _, _) => (i.to_string(), source),
        (None, Some(t), _, _) => (tenant_issuer(t), Source::Flag("--tenant")),
        (None, None, Some(i), _) => (i.to_string(), pname()),
        (None, None, None, Some(t)) => (tenant_issuer(t), pname()),
        _ => {
            if let Some(err) = ctx.no_profile("this command needs a provider") {
                return Err(err);
            }
            return Err(Error::usage("no issuer: this command needs a provider")
                .with_hint("pass --issuer URL (or --tenant T), or use a profile: oidctl profile add NAME --issuer URL --client-id ID"));
        }
    };
    Ok(Target {
        issuer,
        source,
        profile,
    })
}

/// An issuer alone, for commands that act as no client (`discover`).
#[derive(Debug, Clone)]
pub struct Issuer {
    pub url: String,
    pub source: Source,
    pub http: http::Options,
}

pub fn issuer(args: &DiscoverArgs, ctx: &Context) -> Result<Issuer> {
    let given = match (&args.issuer_url, &args.issuer) {
        // `oidctl discover dev`: a profile's name where the issuer goes.
        (Some(i), _) if !i.contains("://") && ctx.config.profiles.contains_key(i) => {
            return Err(Error::usage(format!(
                "{i:?} is not an issuer URL; it is the name of a profile"
            ))
            .with_hint(format!(
                "a profile is named with -p: did you mean `oidctl discover -p {i}`?"
            )));
        }
        (Some(i), _) => Some((i.as_str(), Source::Flag("ISSUER"))),
        (None, Some(i)) => Some((i.as_str(), Source::Flag("--issuer"))),
        (None, None) => None,
    };
    let target = target(given, args.tenant.as_deref(), ctx)?;
    Ok(Issuer {
        http: http_options(args.ca_file.as_deref(), target.profile)?,
        url: target.issuer,
        source: target.source,
    })
}

pub fn provider(args: &ProviderArgs, ctx: &Context) -> Result<Provider> {
    let Target {
        issuer,
        source: issuer_source,
        profile,
    } = target(
        args.issuer
            .as_deref()
            .map(|i| (i, Source::Flag("--issuer"))),
        args.tenant.as_deref(),
        ctx,
    )?;
    let p = profile.map(|(_, p)| p.clone()).unwrap_or_default();
    let client_id = args
        .client_id
        .clone()
        .or(p.client_id.clone())
        .ok_or_else(|| {
            Error::usage("no client ID")
                .with_hint("pass --client-id ID, or set client_id in the profile")
        })?;
    let client_secret = match &args.client_secret_file {
        Some(path) => {
            let bytes = crate::base::fs::read_limited(path, "client secret file")?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::usage("the client secret file is not UTF-8 text"))?;
            // A file made with `echo` ends in a newline that is not part of the secret.
            Some(Secret::new(text.trim_end_matches(['\r', '\n'])))
        }
        None => env_text(env::CLIENT_SECRET, &env::vars().client_secret)?.map(Secret::new),
    };
    let client_assertion_key = first([
        (
            args.client_assertion_key.clone(),
            Source::Flag("--client-assertion-key"),
        ),
        (
            env::vars().client_assertion_key.as_ref().map(PathBuf::from),
            Source::Env(env::CLIENT_ASSERTION_KEY),
        ),
    ]);
    if let Some((path, source)) = &client_assertion_key {
        log::info!("client assertion key {} (from {source})", path.display());
        crate::base::fs::not_a_url(path, &format!("client assertion key (from {source})"))?;
    }
    let scopes_given = !args.scope.is_empty() || p.scopes.is_some();
    let scopes = if !args.scope.is_empty() {
        split_scopes(&args.scope)
    } else if let Some(s) = &p.scopes {
        s.clone()
    } else {
        DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect()
    };
    // A value the profile holds is refused naming the file, line and column it is written at.
    let pname = profile.map(|(n, _)| n.to_string());
    let in_profile = |given: bool, key: &'static str, flag: &'static str| {
        let pname = pname.clone().filter(|_| !given);
        let path = ctx.config_path.clone();
        move |e: Error| match &pname {
            Some(name) => config::value_error(&path, name, key, flag, e),
            None => e,
        }
    };
    let origin = args.origin.clone().or(p.origin.clone());
    let origin_error = in_profile(args.origin.is_some(), "origin", "--origin");
    if let Some(o) = &origin {
        check_origin(o).map_err(origin_error)?;
    }
    let audience = if args.audience.is_empty() {
        p.audience.clone().unwrap_or_default()
    } else {
        args.audience.clone()
    };
    let resource = if args.resource.is_empty() {
        p.resource.clone().unwrap_or_default()
    } else {
        args.resource.clone()
    };
    let mut params: Vec<(String, String)> =
        p.params.clone().unwrap_or_default().into_iter().collect();
    for kv in &args.param {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| Error::usage(format!("--param {kv:?}: expected KEY=VALUE")))?;
        params.retain(|(existing, _)| existing != k);
        params.push((k.to_string(), v.to_string()));
    }
    // Microsoft's documented registration for a public client is "http://localhost" under
    // "Mobile and desktop applications" (any port): that is the default redirect for Entra.
    let entra = crate::oidc::entra::is_entra(&issuer);
    let host = match args.redirect_host.as_deref().or(p.redirect_host.as_deref()) {
        Some(h) => RedirectHost::parse(h).map_err(in_profile(
            args.redirect_host.is_some(),
            "redirect_host",
            "--redirect-host",
        ))?,
        None if entra => RedirectHost::Localhost,
        None => RedirectHost::Ipv4,
    };
    let path = args
        .redirect_path
        .clone()
        .or(p.redirect_path.clone())
        .unwrap_or_else(|| if entra { "/" } else { "/callback" }.into());
    check_redirect_path(&path).map_err(in_profile(
        args.redirect_path.is_some(),
        "redirect_path",
        "--redirect-path",
    ))?;
    let redirect = Redirect {
        host,
        ports: if args.redirect_port.is_empty() {
            p.redirect_port.map(|p| p.to_vec()).unwrap_or_default()
        } else {
            args.redirect_port.clone()
        },
        path,
    };
    let http = http_options(args.ca_file.as_deref(), profile)?;
    let mut store_key = match profile {
        Some((name, _)) => crate::store::profile_key(name),
        None => format!("adhoc:{issuer}|{client_id}|{}", scopes.join(" ")),
    };
    let (mut store, mut store_source) = store_kind(args, ctx)?;
    let mut scopes = scopes;
    // An ad-hoc sign-in is found by its issuer and client when no --scope picks one: the one
    // made with `login --scope …` (the last, when several), in the store it was made in unless
    // a store is named.
    if profile.is_none() && !scopes_given {
        let found = crate::store::adhoc::list().into_iter().rev().find(|e| {
            e.issuer == issuer
                && e.client_id == client_id
                && (store_source == Source::Default || e.store == store)
        });
        if let Some(e) = found.filter(|e| e.key != store_key) {
            log::info!("the ad-hoc sign-in with scopes {:?}", e.scopes.join(" "));
            store_key = e.key;
            scopes = e.scopes;
            if e.store != store {
                (store, store_source) = (e.store, Source::SignIn);
            }
        }
    }
    log::info!("issuer {issuer} (from {issuer_source})");
    let client = ClientConfig {
        issuer,
        client_id,
        client_secret,
        client_auth: args.client_auth.or(p.client_auth),
        client_assertion_key: client_assertion_key.map(|(path, _)| path),
        client_assertion_alg: args
            .client_assertion_alg
            .clone()
            .or(p.client_assertion_alg.clone()),
        client_assertion_kid: args
            .client_assertion_kid
            .clone()
            .or(p.client_assertion_kid.clone()),
        origin: origin.map(|o| o.trim_end_matches('/').to_string()),
        scopes,
        scopes_given,
        audience,
        resource,
        params,
        claims: crate::oidc::claims::capabilities(
            p.client_capabilities.as_deref().unwrap_or_default(),
        ),
    };
    Ok(Provider {
        client,
        issuer_source,
        flow: p.flow.unwrap_or_default(),
        redirect,
        http,
        store_key,
        store,
        store_source,
    })
}

/// `--claims JSON` (login, token): validated, then merged over the profile's client
/// capabilities into the claims request the provider is sent.
pub fn with_claims(mut provider: Provider, claims: Option<&str>) -> Result<Provider> {
    if let Some(text) = claims {
        let asked = crate::oidc::claims::parse(text, "--claims")?;
        provider.client.claims = crate::oidc::claims::merge(provider.client.claims, Some(&asked));
    }
    Ok(provider)
}

/// The provider of a command that uses an access token (`token`, `call`, `exec`, `userinfo`),
/// and the target its `--scope`, `--resource` and `--audience` name, if any. On a profile the
/// sign-in is the profile's (as configured) and those flags ask for a token of its for that
/// target; ad hoc, `--scope` picks the sign-in (it is part of its key) and `--resource` and
/// `--audience` name the target.
pub fn access(args: &ProviderArgs, ctx: &Context) -> Result<(Provider, Option<TokenTarget>)> {
    if args.scope.is_empty() && args.resource.is_empty() && args.audience.is_empty() {
        return Ok((provider(args, ctx)?, None));
    }
    let sign_in = ProviderArgs {
        scope: Vec::new(),
        resource: Vec::new(),
        audience: Vec::new(),
        ..args.clone()
    };
    let provider_of_profile = provider(&sign_in, ctx)?;
    let (provider, target) = if crate::store::profile_of(&provider_of_profile.store_key).is_some() {
        let target = TokenTarget {
            scopes: split_scopes(&args.scope),
            resource: args.resource.clone(),
            audience: args.audience.clone(),
        };
        (provider_of_profile, target)
    } else {
        let adhoc = provider(
            &ProviderArgs {
                scope: args.scope.clone(),
                ..sign_in
            },
            ctx,
        )?;
        let target = TokenTarget {
            scopes: Vec::new(),
            resource: args.resource.clone(),
            audience: args.audience.clone(),
        };
        (adhoc, target)
    };
    if target.is_empty() {
        return Ok((provider, None));
    }
    log::info!("an access token for {}", target.describe());
    Ok((provider, Some(target)))
}

/// `--scope "a b" --scope c` is `a`, `b`, `c`: scopes are space-separated on the wire anyway.
pub fn split_scopes(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in values.iter().flat_map(|v| v.split_whitespace()) {
        if !out.iter().any(|e| e == s) {
            out.push(s.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_split_and_dedupe() {
        let v = split_scopes(&[
            "openid profile".into(),
            "openid".into(),
            "api://x/.default".into(),
        ]);
        assert_eq!(v, ["openid", "profile", "api://x/.default"]);
    }

    #[test]
    fn redirect_hosts() {
        assert_eq!(RedirectHost::parse("[::1]").unwrap().uri_host(), "[::1]");
        assert!(RedirectHost::parse("0.0.0.0").is_err());
    }
}
