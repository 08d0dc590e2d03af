//! Resolves what a command needs from flags, environment, the config file and defaults, in that
//! order, once; and remembers where each value came from, for `-v` and for error messages.

use std::path::PathBuf;

use crate::base::error::{Error, Result};
use crate::base::secret::Secret;
use crate::cli::{DiscoverArgs, GlobalArgs, ProviderArgs};
use crate::config::{self, Config, Profile};
use crate::env;
pub use crate::net::loopback::{Redirect, RedirectHost};
use crate::oidc::Flow;
use crate::oidc::client::ClientAuthMethod;
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
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "{flag}"),
            Source::Env(var) => write!(f, "${var}"),
            Source::Profile(name) => write!(f, "profile {name:?}"),
            Source::Config => f.write_str("the config file"),
            Source::Default => f.write_str("the default"),
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
        if let Some((name, source)) = &profile
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
}

/// What the protocol commands need to talk to a provider as a client.
#[derive(Debug, Clone)]
pub struct Provider {
    pub issuer: String,
    pub issuer_source: Source,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    /// `--client-auth` or the profile's; `None`: chosen from what was given and the metadata.
    pub client_auth: Option<ClientAuthMethod>,
    pub client_assertion_key: Option<PathBuf>,
    pub client_assertion_alg: Option<String>,
    pub client_assertion_kid: Option<String>,
    pub origin: Option<String>,
    pub scopes: Vec<String>,
    /// Whether the scopes were asked for (flag or profile) rather than the default set, which
    /// suits a user's sign-in but not a client credentials grant.
    pub scopes_given: bool,
    pub flow: Flow,
    pub audience: Vec<String>,
    pub resource: Vec<String>,
    pub params: Vec<(String, String)>,
    pub redirect: Redirect,
    pub ca_file: Option<PathBuf>,
    /// The name the token set is stored under: the profile, or issuer+client+scopes.
    pub store_key: String,
    pub store: StoreKind,
    pub store_source: Source,
}

impl Provider {
    /// The document fetcher for this provider: the disk cache, and its extra CA if any.
    pub fn fetcher<'p>(
        &self,
        printer: &'p crate::output::Printer,
    ) -> crate::net::http::Fetcher<'p> {
        crate::net::http::Fetcher::new(crate::net::http::default_cache_dir(), printer)
            .with_ca_file(self.ca_file.clone())
    }
}

/// Microsoft's v2.0 issuer for a tenant (GUID, domain, common, organizations, consumers).
pub fn tenant_issuer(tenant: &str) -> String {
    crate::oidc::entra::tenant_issuer(tenant)
}

/// The store alone, for commands that need no provider (`status`, `token` on the fast path).
pub fn store_kind(args: &ProviderArgs, ctx: &Context) -> (StoreKind, Source) {
    if let Some(kind) = args.store {
        let from_env = std::env::var(env::STORE)
            .ok()
            .is_some_and(|v| v == kind.name());
        return (
            kind,
            if from_env {
                Source::Env(env::STORE)
            } else {
                Source::Flag("--store")
            },
        );
    }
    if let Some((name, profile)) = ctx.profile()
        && let Some(kind) = profile.store
    {
        return (kind, Source::Profile(name.to_string()));
    }
    match ctx.config.store {
        Some(kind) => (kind, Source::Config),
        None => (StoreKind::Keyring, Source::Default),
    }
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
    pub ca_file: Option<PathBuf>,
}

pub fn issuer(args: &DiscoverArgs, ctx: &Context) -> Result<Issuer> {
    let given = match (&args.issuer_url, &args.issuer) {
        (Some(i), _) => Some((i.as_str(), Source::Flag("ISSUER"))),
        (None, Some(i)) => Some((i.as_str(), Source::Flag("--issuer"))),
        (None, None) => None,
    };
    let target = target(given, args.tenant.as_deref(), ctx)?;
    let ca_file = args
        .ca_file
        .clone()
        .or_else(|| target.profile.and_then(|(_, p)| p.ca_file.clone()));
    Ok(Issuer {
        url: target.issuer,
        source: target.source,
        ca_file,
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
        None => std::env::var(env::CLIENT_SECRET)
            .ok()
            .filter(|s| !s.is_empty())
            .map(Secret::new),
    };
    let scopes_given = !args.scope.is_empty() || p.scopes.is_some();
    let scopes = if !args.scope.is_empty() {
        split_scopes(&args.scope)
    } else if let Some(s) = &p.scopes {
        s.clone()
    } else {
        DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect()
    };
    let origin = args.origin.clone().or(p.origin.clone());
    if let Some(o) = &origin {
        let url = reqwest::Url::parse(o)
            .map_err(|e| Error::usage(format!("--origin {o:?} is not a URL")).caused_by(e))?;
        if url.path() != "/" || url.query().is_some() {
            return Err(Error::usage(format!(
                "--origin {o:?}: an origin is scheme://host[:port], with no path"
            )));
        }
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
        Some(h) => RedirectHost::parse(h)?,
        None if entra => RedirectHost::Localhost,
        None => RedirectHost::Ipv4,
    };
    let path = args
        .redirect_path
        .clone()
        .or(p.redirect_path.clone())
        .unwrap_or_else(|| if entra { "/" } else { "/callback" }.into());
    if !path.starts_with('/') {
        return Err(Error::usage(format!(
            "--redirect-path {path:?} must start with /"
        )));
    }
    let redirect = Redirect {
        host,
        port: args.redirect_port.or(p.redirect_port).unwrap_or(0),
        path,
    };
    let ca_file = args.ca_file.clone().or(p.ca_file.clone());
    let store_key = match profile {
        Some((name, _)) => crate::store::profile_key(name),
        None => format!("adhoc:{issuer}|{client_id}|{}", scopes.join(" ")),
    };
    let (store, store_source) = store_kind(args, ctx);
    Ok(Provider {
        issuer,
        issuer_source,
        client_id,
        client_secret,
        client_auth: args.client_auth.or(p.client_auth),
        client_assertion_key: args.client_assertion_key.clone(),
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
        flow: p.flow.unwrap_or_default(),
        audience,
        resource,
        params,
        redirect,
        ca_file,
        store_key,
        store,
        store_source,
    })
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
