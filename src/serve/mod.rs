//! `oidctl serve`: a small OpenID Connect provider for development and tests, on loopback only.
//! Discovery, JWKS, a sign-in page (or automatic approval), the token endpoint (authorization
//! code with PKCE S256, refresh with rotation, client credentials, device code), userinfo,
//! introspection, revocation and end-session. State lives in memory; keys are fresh per run
//! unless kept in a file. It is never for production: it trusts whoever reaches its port.
//!
//! Requests are served by a few threads over tiny_http; a handler answers every request (errors
//! in RFC 6749 §5.2 JSON) and never panics. [`start`] is shared by `serve` and `demo`.

mod authorize;
mod claims;
mod device;
mod endpoints;
mod keys;
mod pages;
mod request;
mod state;
mod token;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

pub use claims::{Preset, User, builtin_users, load_users};
pub use keys::{Keys, Origin as KeysOrigin};

use crate::base::error::{Error, Result};
use crate::base::secret::Secret;
use crate::jwt::keys::KeySet;
use crate::jwt::sign::SigningAlg;
use crate::net::loopback::RedirectHost;
use request::{Call, Method, Reply};
use state::State;

/// How many requests are served at once.
const WORKERS: usize = 4;

/// The provider's settings, validated.
pub struct Options {
    pub host: RedirectHost,
    /// 0: any free port.
    pub port: u16,
    pub preset: Preset,
    /// RS256 or ES256, for every token issued.
    pub alg: SigningAlg,
    /// Lifetime of access and ID tokens, in seconds.
    pub token_ttl: u64,
    pub users: Vec<User>,
    /// Approve every sign-in at once as this user (index into `users`): no page.
    pub auto_approve: Option<usize>,
    /// Confidential clients (`--client ID:SECRET`).
    pub clients: Vec<(String, Secret)>,
    /// Redirect URIs allowed besides loopback ones.
    pub redirect_uris: Vec<String>,
    /// The device flow's polling interval, in seconds.
    pub device_interval: u64,
    pub keys: Keys,
    /// Where the keys came from, for the banner.
    pub keys_note: String,
    /// Told one line per request served (`GET /token 200`), when set.
    pub log: Option<RequestLog>,
}

/// Where the provider reports the requests it serves: the caller decides how they are shown.
pub type RequestLog = Arc<dyn Fn(&str) + Send + Sync>;

/// What the provider is asked to be, before it is checked: `oidctl serve`'s flags, or what
/// `oidctl demo` needs.
pub struct Spec<'a> {
    /// Host of the issuer URL and where to listen: 127.0.0.1, localhost or [::1].
    pub issuer_host: &'a str,
    pub port: u16,
    pub preset: Preset,
    /// A users file (JSON), else the built-in users.
    pub claims: Option<&'a std::path::Path>,
    pub auto_approve: bool,
    /// Approve every sign-in at once as this user.
    pub user: Option<&'a str>,
    /// Keys file: read when it exists, else made and written there.
    pub keys: Option<&'a std::path::Path>,
    pub alg: SigningAlg,
    pub token_ttl: u64,
    /// Confidential clients, `ID:SECRET`.
    pub clients: &'a [String],
    pub redirect_uris: &'a [String],
    pub device_interval: u64,
}

impl Options {
    /// The provider `args` describe. Only loopback hosts are accepted: a development provider
    /// that signs in anyone must not be reachable from another machine.
    pub fn resolve(args: &Spec<'_>, log: Option<RequestLog>) -> Result<Options> {
        let host = RedirectHost::parse(args.issuer_host).map_err(|_| {
            Error::usage(format!(
                "--issuer-host {:?}: oidctl serve listens on loopback only (127.0.0.1, localhost or [::1])",
                args.issuer_host
            ))
            .with_hint("it is a development provider that signs in anyone who reaches it: never expose it to a network")
        })?;
        let users = match args.claims {
            Some(path) => load_users(path)?,
            None => builtin_users(),
        };
        let auto_approve = match args.user {
            Some(name) => Some(users.iter().position(|u| u.name == name).ok_or_else(|| {
                let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
                Error::usage(format!("--user {name:?}: no such user"))
                    .with_hint(format!("the users are {}", names.join(", ")))
            })?),
            None => args.auto_approve.then_some(0),
        };
        let mut clients: Vec<(String, Secret)> = Vec::new();
        for c in args.clients {
            match c.split_once(':') {
                Some((id, secret)) if request::valid_client_id(id) && !secret.is_empty() => {
                    clients.retain(|(existing, _)| existing != id);
                    clients.push((id.to_string(), Secret::new(secret)));
                }
                _ => {
                    return Err(Error::usage(
                        "--client expects ID:SECRET (an ID of visible ASCII characters, a non-empty secret)",
                    ));
                }
            }
        }
        for uri in args.redirect_uris {
            match url::Url::parse(uri) {
                Ok(u) if u.fragment().is_none() && matches!(u.scheme(), "http" | "https") => {}
                Ok(u) if u.fragment().is_none() && !u.cannot_be_a_base() => {} // app schemes
                _ => {
                    return Err(Error::usage(format!(
                        "--redirect-uri {uri:?} is not an absolute URI without a fragment"
                    )));
                }
            }
        }
        let (keys, keys_note) = match args.keys {
            Some(path) => {
                let (keys, origin) = Keys::load_or_create(path)?;
                let note = match origin {
                    KeysOrigin::Created => format!("new, written to {}", path.display()),
                    _ => format!("read from {}", path.display()),
                };
                (keys, note)
            }
            None => (
                Keys::generate()?,
                "fresh for this run (tokens die with it; --keys FILE keeps them)".to_string(),
            ),
        };
        Ok(Options {
            host,
            port: args.port,
            preset: args.preset,
            alg: args.alg,
            token_ttl: args.token_ttl,
            users,
            auto_approve,
            clients,
            redirect_uris: args.redirect_uris.to_vec(),
            device_interval: args.device_interval,
            keys,
            keys_note,
            log,
        })
    }
}

/// A running provider. Dropping it stops it.
pub struct Running {
    pub issuer: String,
    provider: Arc<Provider>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

struct Provider {
    issuer: String,
    /// The issuer's path ("" or "/realms/dev"): every endpoint is below it.
    prefix: String,
    /// The `Host` values requests may carry: a page elsewhere resolving its name to 127.0.0.1
    /// (DNS rebinding) sends its own.
    hosts: Vec<String>,
    opts: Options,
    verifier: KeySet,
    state: Mutex<State>,
}

/// Binds the port and starts serving.
pub fn start(opts: Options) -> Result<Running> {
    let (server, port) =
        crate::net::loopback::listen(opts.host, opts.port).map_err(|(addr, e)| {
            let err = Error::usage(format!("cannot listen on {addr}")).caused_by(e);
            if opts.port != 0 {
                err.with_hint(
                "another program uses that port: pick another --port, or --port 0 for any free one",
            )
            } else {
                err
            }
        })?;
    let prefix = opts.preset.issuer_path();
    let issuer = format!("http://{}:{port}{prefix}", opts.host.uri_host());
    let hosts = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .map(|h| format!("{h}:{port}"))
        .collect();
    let verifier = opts.keys.verifier()?;
    let provider = Arc::new(Provider {
        issuer: issuer.clone(),
        prefix,
        hosts,
        opts,
        verifier,
        state: Mutex::new(State::default()),
    });
    let server = Arc::new(server);
    let stop = Arc::new(AtomicBool::new(false));
    let threads = (0..WORKERS)
        .map(|_| {
            let (server, provider, stop) = (server.clone(), provider.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    if let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(200)) {
                        provider.serve(request);
                    }
                }
            })
        })
        .collect();
    Ok(Running {
        issuer,
        provider,
        stop,
        threads,
    })
}

impl Running {
    /// Serves until the process ends (Ctrl-C).
    pub fn wait(mut self) {
        for t in std::mem::take(&mut self.threads) {
            let _ = t.join();
        }
    }

    /// What to tell the person who started it, for stderr.
    pub fn banner(&self) -> String {
        let p = &self.provider;
        let o = &p.opts;
        let users: Vec<String> = o.users.iter().map(User::label).collect();
        let sign_in = match o.auto_approve.and_then(|i| o.users.get(i)) {
            Some(u) => format!("approved at once as {} (no page)", u.name),
            None => "a page to pick a user and approve or deny".into(),
        };
        let confidential = if o.clients.is_empty() {
            String::new()
        } else {
            let ids: Vec<&str> = o.clients.iter().map(|(id, _)| id.as_str()).collect();
            format!("; confidential: {}", ids.join(", "))
        };
        format!(
            "oidctl serve: a development OpenID Connect provider. For development only, never for production.\n\
             \x20 issuer     {issuer}\n\
             \x20 discovery  {issuer}/.well-known/openid-configuration\n\
             \x20 tokens     {preset} preset, {alg}, access and ID tokens valid {ttl}s\n\
             \x20 users      {users}\n\
             \x20 sign-in    {sign_in}\n\
             \x20 clients    any client ID as a public client (PKCE S256, loopback redirect URIs){confidential}\n\
             \x20 keys       {keys}\n\
             Sign in:  oidctl login --issuer {issuer} --client-id my-app --store file\n\
             State is kept in memory only. Stop with Ctrl-C.",
            issuer = self.issuer,
            preset = o.preset.name(),
            alg = o.alg.name(),
            ttl = o.token_ttl,
            users = users.join(", "),
            keys = o.keys_note,
        )
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for t in std::mem::take(&mut self.threads) {
            let _ = t.join();
        }
    }

    /// Stops serving and waits for the threads.
    pub fn stop(mut self) {
        self.halt();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.halt();
    }
}

impl Provider {
    fn serve(&self, mut request: tiny_http::Request) {
        let reply = match Call::read(&mut request) {
            Ok(call) => {
                let reply = self.route(&call);
                if let Some(log) = &self.opts.log {
                    log(&format!(
                        "{} {} {}",
                        request.method(),
                        call.path,
                        reply.status
                    ));
                }
                reply
            }
            Err(reply) => reply,
        };
        let _ = request.respond(reply.into_response());
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A poisoned lock only means another request panicked midway; the maps stay usable.
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.prune(crate::base::clock::now());
        s
    }

    /// The URL of endpoint `path` (below the issuer).
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }

    fn route(&self, call: &Call) -> Reply {
        if let Some(host) = &call.host
            && !self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
        {
            return Reply::error(
                421,
                "invalid_request",
                "this provider answers loopback hosts only",
            );
        }
        if call.method == Method::Options {
            return Reply::no_content()
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "GET, POST")
                .header(
                    "Access-Control-Allow-Headers",
                    "Authorization, Content-Type, DPoP",
                );
        }
        // RFC 8414's location puts the well-known part before the issuer's path.
        if call.path == format!("/.well-known/oauth-authorization-server{}", self.prefix) {
            return endpoints::discovery(self);
        }
        let Some(path) = call.path.strip_prefix(&self.prefix) else {
            return not_found(&call.path);
        };
        let path = if path.is_empty() { "/" } else { path };
        use Method::{Get, Post};
        match (path, call.method) {
            ("/", Get) => pages::index(&self.issuer, &self.opts.users),
            ("/.well-known/openid-configuration", Get) => endpoints::discovery(self),
            ("/jwks", Get) => Reply::json(200, &self.opts.keys.jwks()),
            ("/authorize", Get | Post) => authorize::start(self, call),
            ("/authorize/decision", Post) => authorize::decide(self, call),
            ("/token", Post) => token::handle(self, call),
            ("/userinfo", Get | Post) => endpoints::userinfo(self, call),
            ("/introspect", Post) => endpoints::introspect(self, call).unwrap_or_else(|e| e),
            ("/revoke", Post) => endpoints::revoke(self, call).unwrap_or_else(|e| e),
            ("/logout", Get | Post) => endpoints::logout(self, call),
            ("/device_authorization", Post) => device::authorize(self, call).unwrap_or_else(|e| e),
            ("/device", Get) => device::page(self, call),
            ("/device", Post) => device::decide(self, call),
            (
                "/"
                | "/.well-known/openid-configuration"
                | "/jwks"
                | "/authorize"
                | "/authorize/decision"
                | "/token"
                | "/userinfo"
                | "/introspect"
                | "/revoke"
                | "/logout"
                | "/device_authorization"
                | "/device",
                _,
            ) => Reply::error(
                405,
                "invalid_request",
                "method not allowed at this endpoint",
            ),
            _ => not_found(&call.path),
        }
    }
}

fn not_found(path: &str) -> Reply {
    Reply::error(
        404,
        "invalid_request",
        &format!("no endpoint at {path}; see the discovery document"),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A provider on a free port with the built-in users, approving nothing by itself.
    pub fn running() -> Running {
        let opts = Options {
            host: RedirectHost::Ipv4,
            port: 0,
            preset: Preset::Plain,
            alg: SigningAlg::Rs256,
            token_ttl: 300,
            users: builtin_users(),
            auto_approve: None,
            clients: Vec::new(),
            redirect_uris: Vec::new(),
            device_interval: 1,
            keys: Keys::generate().unwrap(),
            keys_note: String::new(),
            log: None,
        };
        start(opts).unwrap()
    }

    /// A form POST to `path`.
    pub fn post(path: &str, form: &[(&str, &str)]) -> Call {
        Call {
            method: Method::Post,
            path: path.into(),
            params: request::Params(
                form.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
            authorization: None,
            host: None,
        }
    }

    pub fn error_of(reply: &Reply) -> String {
        let body: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
        body["error"].as_str().unwrap_or_default().to_string()
    }
}
