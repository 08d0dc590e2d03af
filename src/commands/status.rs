//! `oidctl status`: per profile, who is signed in, where, with which scopes, and until when.
//! Never prints a token, and never touches the network.

use crate::base::error::{Error, Result};
use crate::cli::{Format, GlobalArgs, StatusArgs};
use crate::output::Printer;
use crate::settings::{self, Context};
use crate::store;
use crate::view::status::{self, Expected, human, row};

pub fn run(global: &GlobalArgs, args: &StatusArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let now = crate::base::clock::now();
    let mut rows = Vec::new();
    // One profile's unreadable store is one row saying so; the others are still listed, and
    // the exit code tells of the first failure at the end.
    let mut failure: Option<Error> = None;
    let mut failed = |e: Error| -> String {
        let message = e.message.clone();
        failure.get_or_insert(e);
        message
    };
    let adhoc = args.sel.issuer.is_some() || args.sel.tenant.is_some();
    // One profile when one is named (or an ad-hoc provider given); else every profile.
    if global.profile.is_some() || adhoc {
        let provider = settings::provider(&args.provider(), &ctx)?;
        let name = store::profile_of(&provider.store_key).map(str::to_string);
        let is_default = name.is_some() && name == ctx.config.default_profile;
        let expected = Expected {
            issuer: Some(provider.client.issuer.clone()),
            client_id: Some(provider.client.client_id.clone()),
        };
        rows.push(
            match store::open(provider.store).and_then(|s| s.load(&provider.store_key)) {
                Ok(set) => row(
                    name,
                    is_default,
                    expected,
                    provider.store,
                    set.as_ref(),
                    now,
                ),
                Err(e) => status::failed(
                    name,
                    is_default,
                    expected.issuer,
                    Some(provider.store),
                    failed(e),
                ),
            },
        );
    } else {
        for (name, profile) in &ctx.config.profiles {
            let issuer = profile
                .issuer
                .clone()
                .or(profile.tenant.as_deref().map(settings::tenant_issuer));
            let is_default = ctx.config.default_profile.as_deref() == Some(name);
            let expected = Expected {
                issuer: issuer.clone(),
                client_id: profile.client_id.clone(),
            };
            let kind = settings::store_for(args.sel.store, Some((name, profile)), &ctx.config)
                .map(|(kind, _)| kind);
            let set = match &kind {
                Ok(kind) => store::open(*kind).and_then(|s| s.load(&store::profile_key(name))),
                Err(_) => Ok(None),
            };
            rows.push(match (kind, set) {
                (Ok(kind), Ok(set)) => row(
                    Some(name.clone()),
                    is_default,
                    expected,
                    kind,
                    set.as_ref(),
                    now,
                ),
                (Ok(kind), Err(e)) => status::failed(
                    Some(name.clone()),
                    is_default,
                    issuer,
                    Some(kind),
                    failed(e),
                ),
                (Err(e), _) => {
                    status::failed(Some(name.clone()), is_default, issuer, None, failed(e))
                }
            });
        }
        // Then the ad-hoc sign-ins (no profile), found through their index.
        for e in store::adhoc::list() {
            let expected = Expected {
                issuer: Some(e.issuer.clone()),
                client_id: Some(e.client_id.clone()),
            };
            rows.push(match store::open(e.store).and_then(|s| s.load(&e.key)) {
                Ok(None) => continue,
                Ok(set) => row(None, false, expected, e.store, set.as_ref(), now),
                Err(err) => {
                    status::failed(None, false, expected.issuer, Some(e.store), failed(err))
                }
            });
        }
    }
    match args.format {
        Format::Json => {
            printer.out(&(serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"))?
        }
        Format::Human if rows.is_empty() => printer.info(&format!(
            "No profiles in {}. Add one: oidctl profile add NAME --issuer URL --client-id ID",
            ctx.config_path.display()
        )),
        Format::Human => printer.out(&human(&rows, printer, now))?,
    }
    match failure {
        None => Ok(()),
        Some(first) => {
            let err = Error::new(
                first.kind,
                "the stored sign-in of a profile above could not be read",
            )
            .caused_by(first.message);
            Err(match first.hint {
                Some(hint) => err.with_hint(hint),
                None => err,
            })
        }
    }
}
