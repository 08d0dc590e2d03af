//! `oidctl status`: per profile, who is signed in, where, with which scopes, and until when.
//! Never prints a token, and never touches the network.

use crate::base::error::Result;
use crate::cli::{Format, GlobalArgs, StatusArgs};
use crate::output::Printer;
use crate::settings::{self, Context};
use crate::store;
use crate::view::status::{human, row};

pub fn run(global: &GlobalArgs, args: &StatusArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let now = crate::base::clock::now();
    let mut rows = Vec::new();
    let adhoc = args.provider.issuer.is_some() || args.provider.tenant.is_some();
    // One profile when one is named (or an ad-hoc provider given); else every profile.
    if global.profile.is_some() || adhoc {
        let provider = settings::provider(&args.provider, &ctx)?;
        let set = store::open(provider.store)?.load(&provider.store_key)?;
        let name = ctx.profile().map(|(n, _)| n.to_string());
        let is_default = name.is_some() && name == ctx.config.default_profile;
        rows.push(row(
            name,
            is_default,
            Some(provider.client.issuer),
            provider.store,
            set.as_ref(),
            now,
        ));
    } else {
        for (name, profile) in &ctx.config.profiles {
            let (kind, _) =
                settings::store_for(args.provider.store, Some((name, profile)), &ctx.config)?;
            let set = store::open(kind)?.load(&store::profile_key(name))?;
            let issuer = profile
                .issuer
                .clone()
                .or(profile.tenant.as_deref().map(settings::tenant_issuer));
            let is_default = ctx.config.default_profile.as_deref() == Some(name);
            rows.push(row(
                Some(name.clone()),
                is_default,
                issuer,
                kind,
                set.as_ref(),
                now,
            ));
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
    Ok(())
}
