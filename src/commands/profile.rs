//! `oidctl profile add|list|show|remove|default`: edits the config file (comments kept).

use toml_edit::{Array, DocumentMut, Item, Table, value};

use crate::base::error::{Error, Result};
use crate::cli::{Format, GlobalArgs, ProfileCommand, ProviderArgs};
use crate::config;
use crate::output::{Printer, sanitize};
use crate::settings::{Context, split_scopes};
use crate::store;

pub fn run(global: &GlobalArgs, command: &ProfileCommand, printer: &Printer) -> Result<()> {
    let path = global
        .config
        .clone()
        .or_else(config::default_path)
        .ok_or_else(|| Error::usage("no config directory; pass --config PATH"))?;
    match command {
        ProfileCommand::Add(add) => {
            let (name, flow, default) = (&add.name, &add.flow, &add.default);
            check_name(name)?;
            let provider = add.provider();
            check_scopes(&provider, flow.unwrap_or_default()).map_err(|e| Error {
                message: format!("profile {name:?} not saved: {}", e.message),
                ..e
            })?;
            let mut table = profile_table(&provider)?;
            if let Some(flow) = flow {
                table["flow"] = value(flow.name());
            }
            let cfg = config::load(&path)?;
            let replaced = cfg.profiles.get(name);
            config::edit(&path, |doc| {
                profiles(doc)?.insert(name, Item::Table(table));
                // Also when the default names a profile that is gone.
                let dangling = doc
                    .get("default_profile")
                    .and_then(Item::as_str)
                    .is_none_or(|d| !cfg.profiles.contains_key(d) && d != name);
                if *default || dangling {
                    doc["default_profile"] = value(name.as_str());
                }
                Ok(())
            })?;
            match replaced {
                None => printer.info(&format!(
                    "Saved profile {name:?} in {}. Sign in: oidctl login -p {name}",
                    path.display()
                )),
                Some(old) => {
                    printer.info(&format!(
                        "Replaced profile {name:?} in {}. Sign in: oidctl login -p {name}",
                        path.display()
                    ));
                    drop_sign_in(name, old, &cfg, printer);
                }
            }
        }
        ProfileCommand::List { format } => {
            let cfg = config::load(&path)?;
            if *format == Format::Json {
                let all: Vec<serde_json::Value> = cfg
                    .profiles
                    .iter()
                    .map(|(name, p)| profile_json(name, p, &cfg))
                    .collect();
                printer.out(&(serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"))?;
                return Ok(());
            }
            let mut rows = Vec::new();
            for (name, p) in &cfg.profiles {
                let mark = if cfg.default_profile.as_deref() == Some(name) {
                    "*"
                } else {
                    " "
                };
                let issuer = p
                    .issuer
                    .clone()
                    .or(p.tenant.as_deref().map(crate::settings::tenant_issuer))
                    .unwrap_or_default();
                // The mark stays one space from the name, as before; the issuers line up.
                rows.push(vec![
                    format!("{mark} {}", sanitize(name)),
                    sanitize(&issuer),
                ]);
            }
            // Aligned whatever the names' lengths, as `kubectl config get-contexts` is.
            let out = crate::view::columns(&rows);
            if out.is_empty() {
                printer.info(&format!("No profiles in {}.", path.display()));
            }
            printer.out(&out)?;
        }
        ProfileCommand::Show { name, format } => {
            // A NAME argument is looked up as given, like `remove` and `default` do (it is not
            // the --profile flag, and the error does not say it came from one).
            let cfg;
            let ctx;
            let (name, profile, config) = match name {
                Some(name) => {
                    cfg = config::load(&path)?;
                    let profile = cfg
                        .profiles
                        .get(name)
                        .ok_or_else(|| no_profile(name, &path))?;
                    (name.as_str(), profile, &cfg)
                }
                None => {
                    ctx = Context::load(&GlobalArgs {
                        config: Some(path.clone()),
                        ..global.clone()
                    })?;
                    let (name, profile) = ctx.profile().ok_or_else(|| {
                        ctx.no_profile("which one to show?").unwrap_or_else(|| {
                            Error::usage("no profile named and no default_profile")
                                .with_hint("oidctl profile show NAME")
                        })
                    })?;
                    (name, profile, &ctx.config)
                }
            };
            if *format == Format::Json {
                let doc = profile_json(name, profile, config);
                printer.out(&(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"))?;
                return Ok(());
            }
            let body = toml::to_string(profile).unwrap_or_default();
            printer.out(&format!("[profiles.{name}]\n{body}"))?;
        }
        ProfileCommand::Remove { name, .. } => {
            let cfg = config::load(&path)?;
            let Some(profile) = cfg.profiles.get(name) else {
                return Err(no_profile(name, &path));
            };
            // An unusable store setting stops here, before the profile is gone: without it
            // nothing would point at the stored set any more.
            let (kind, _) = crate::settings::store_for(None, Some((name, profile)), &cfg)?;
            let deleted = store::open(kind).and_then(|s| s.delete(&store::profile_key(name)));
            // default_profile is left naming the removed profile, as kubectl leaves
            // current-context: the next command that needs a profile then says which default is
            // missing, instead of quietly falling back to nothing.
            let was_default = cfg.default_profile.as_deref() == Some(name.as_str());
            config::edit(&path, |doc| {
                profiles(doc)?.remove(name);
                Ok(())
            })?;
            match deleted {
                Ok(_) => printer.info(&format!("Removed profile {name:?} and its stored tokens.")),
                Err(e) => printer.warn(&format!(
                    "removed profile {name:?}, but its stored tokens could not be deleted: {}",
                    e.message
                )),
            }
            if was_default {
                printer.warn(&format!(
                    "{name:?} was the default profile; choose another: oidctl profile default NAME"
                ));
            }
        }
        ProfileCommand::Default { name, .. } => {
            let cfg = config::load(&path)?;
            if !cfg.profiles.contains_key(name) {
                return Err(no_profile(name, &path));
            }
            config::edit(&path, |doc| {
                doc["default_profile"] = value(name.as_str());
                Ok(())
            })?;
            printer.info(&format!("Default profile: {name}"));
        }
    }
    Ok(())
}

/// The sign-in of a replaced profile goes with it: its tokens belong to the old provider and
/// client (and are never sent to the new ones, see `TokenSet::issued_by`).
fn drop_sign_in(name: &str, old: &config::Profile, cfg: &config::Config, printer: &Printer) {
    let key = store::profile_key(name);
    let dropped = crate::settings::store_for(None, Some((name, old)), cfg)
        .and_then(|(kind, _)| store::open(kind))
        .and_then(|s| {
            let Some(set) = s.load(&key)? else {
                return Ok(());
            };
            printer.info(&format!(
                "Its sign-in at {} (client {}) ends: deleting the stored tokens from {}.",
                sanitize(&set.issuer),
                sanitize(&set.client_id),
                s.describe()
            ));
            s.delete(&key).map(|_| ())
        });
    if let Err(e) = dropped {
        printer.warn(&format!(
            "the old sign-in of profile {name:?} could not be deleted ({}); its tokens are kept \
             apart and never sent to the new issuer",
            e.message
        ));
    }
}

/// The error of `profile show|remove|default NAME` for a NAME the config file lacks.
fn no_profile(name: &str, path: &std::path::Path) -> Error {
    Error::usage(format!("no profile {name:?} in {}", path.display())).with_hint(format!(
        "see the profiles there with `oidctl profile list`, or create it: oidctl profile add {name} --issuer URL --client-id ID"
    ))
}

/// The scope rules `login` applies, applied when the profile is saved, so that a profile
/// `login` would refuse is refused now: Microsoft's (one resource per sign-in, `.default` alone,
/// client credentials with exactly one RESOURCE/.default), for the profile's default flow.
fn check_scopes(a: &ProviderArgs, flow: crate::oidc::Flow) -> Result<()> {
    let issuer = match (&a.issuer, &a.tenant) {
        (Some(issuer), _) => issuer.clone(),
        (None, Some(tenant)) => crate::settings::tenant_issuer(tenant),
        (None, None) => return Ok(()),
    };
    if !crate::oidc::entra::is_entra(&issuer) {
        return Ok(());
    }
    let given = !a.scope.is_empty();
    let scopes = if given {
        split_scopes(&a.scope)
    } else {
        crate::settings::DEFAULT_SCOPES
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    crate::oidc::entra::check_scopes(&scopes, flow, given).map(|_| ())
}

/// A profile as JSON: its name, whether it is the default, the issuer it resolves to (a
/// `tenant`'s too) and its store, then its settings as in the config file (which never hold a
/// secret). The same object in `profile list` and `profile show`.
fn profile_json(name: &str, p: &config::Profile, cfg: &config::Config) -> serde_json::Value {
    let mut doc = serde_json::Map::new();
    doc.insert("name".into(), name.into());
    doc.insert(
        "default".into(),
        (cfg.default_profile.as_deref() == Some(name)).into(),
    );
    let issuer = p
        .issuer
        .clone()
        .or(p.tenant.as_deref().map(crate::settings::tenant_issuer));
    doc.insert("issuer".into(), issuer.into());
    // The store the profile's sign-ins go to now, as `status` picks it ($OIDCTL_STORE, the
    // profile's, the config's, else the keyring).
    let store = crate::settings::store_for(None, Some((name, p)), cfg).ok();
    doc.insert("store".into(), store.map(|(k, _)| k.name()).into());
    if let Ok(serde_json::Value::Object(settings)) = serde_json::to_value(p) {
        for (k, v) in settings {
            doc.entry(k).or_insert(v);
        }
    }
    serde_json::Value::Object(doc)
}

fn check_name(name: &str) -> Result<()> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(Error::usage(format!(
            "profile name {name:?}: use letters, digits, '-', '_' and '.'"
        )));
    }
    Ok(())
}

fn profiles(doc: &mut DocumentMut) -> Result<&mut Table> {
    let entry = doc.entry("profiles").or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(true);
        Item::Table(t)
    });
    entry
        .as_table_mut()
        .ok_or_else(|| Error::usage("`profiles` in the config file is not a table"))
}

fn profile_table(a: &ProviderArgs) -> Result<Table> {
    if a.client_secret_file.is_some() || a.client_assertion_key.is_some() {
        return Err(
            Error::usage("a profile never holds a secret, nor the path to one").with_hint(
                "pass --client-secret-file or --client-assertion-key to each command, or set OIDCTL_CLIENT_SECRET or OIDCTL_CLIENT_ASSERTION_KEY",
            ),
        );
    }
    if a.issuer.is_none() && a.tenant.is_none() {
        return Err(Error::usage("a profile needs --issuer URL (or --tenant T)"));
    }
    let client_id = a
        .client_id
        .as_ref()
        .ok_or_else(|| Error::usage("a profile needs --client-id ID"))?;
    if let Some(issuer) = &a.issuer {
        crate::net::http::check_url(issuer, "issuer")?;
    }
    let mut t = Table::new();
    let strings =
        |v: &[String]| Item::Value(v.iter().map(String::as_str).collect::<Array>().into());
    if let Some(i) = &a.issuer {
        t["issuer"] = value(i.as_str());
    }
    if let Some(tenant) = &a.tenant {
        t["tenant"] = value(tenant.as_str());
    }
    t["client_id"] = value(client_id.as_str());
    if !a.scope.is_empty() {
        t["scopes"] = strings(&split_scopes(&a.scope));
    }
    if !a.audience.is_empty() {
        t["audience"] = strings(&a.audience);
    }
    if !a.resource.is_empty() {
        t["resource"] = strings(&a.resource);
    }
    if !a.param.is_empty() {
        let mut params = toml_edit::InlineTable::new();
        for kv in &a.param {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| Error::usage(format!("--param {kv:?}: expected KEY=VALUE")))?;
            params.insert(k, v.into());
        }
        t["params"] = Item::Value(params.into());
    }
    match a.redirect_port.as_slice() {
        [] => {}
        [port] => t["redirect_port"] = value(i64::from(*port)),
        ports => {
            t["redirect_port"] = value(
                ports
                    .iter()
                    .map(|p| i64::from(*p))
                    .collect::<toml_edit::Array>(),
            )
        }
    }
    if let Some(path) = &a.redirect_path {
        crate::settings::check_redirect_path(path)?;
        t["redirect_path"] = value(path.as_str());
    }
    if let Some(host) = &a.redirect_host {
        crate::net::loopback::RedirectHost::parse(host)?;
        t["redirect_host"] = value(host.as_str());
    }
    if let Some(ca) = &a.ca_file {
        t["ca_file"] = value(ca.to_string_lossy().as_ref());
    }
    if let Some(store) = a.store {
        t["store"] = value(store.name());
    }
    if let Some(m) = a.client_auth {
        t["client_auth"] = value(m.name());
    }
    if let Some(alg) = &a.client_assertion_alg {
        t["client_assertion_alg"] = value(alg.as_str());
    }
    if let Some(kid) = &a.client_assertion_kid {
        t["client_assertion_kid"] = value(kid.as_str());
    }
    if let Some(origin) = &a.origin {
        crate::settings::check_origin(origin)?;
        t["origin"] = value(origin.as_str());
    }
    Ok(t)
}
