//! `oidctl exchange`: RFC 8693 token exchange of the stored (or a given) token for one with
//! another audience, resource or scope. The issued token is printed, never stored.

use crate::base::error::Result;
use crate::cli::{ExchangeArgs, GlobalArgs};
use crate::oidc::Flow;
use crate::oidc::tokens::{self, Connection, Exchange};
use crate::output::Printer;
use crate::session::{self, Need, Which};
use crate::settings::{self, Context, split_scopes};

pub fn run(global: &GlobalArgs, args: &ExchangeArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    // --audience, --resource and --scope are the exchange's own parameters: the client, and the
    // stored sign-in whose token is exchanged, are resolved without them.
    let mut client_args = args.provider();
    client_args.audience.clear();
    client_args.resource.clear();
    client_args.scope.clear();
    let mut provider = settings::provider(&client_args, &ctx)?;
    provider.client.audience = args.audience.audience.clone();
    provider.client.resource = args.audience.resource.clone();
    let scope = split_scopes(&args.sel.scope);
    let subject = match &args.subject_token {
        Some(t) => crate::jwt::token::clean(&crate::commands::input::token(
            Some(t),
            "exchange",
            printer,
        )?)
        .to_string(),
        None => session::fresh(&provider, &Need::access(), printer)?
            .access_token
            .secret()
            .clone(),
    };
    let fetcher = provider.fetcher();
    let conn = Connection::open(&provider.client, &fetcher)?;
    let response = tokens::exchange(
        &conn,
        &Exchange {
            subject_token: &subject,
            subject_token_type: tokens::token_type_urn(&args.subject_token_type)?,
            requested_token_type: args
                .requested_token_type
                .as_deref()
                .map(tokens::token_type_urn)
                .transpose()?,
            audience: &provider.client.audience,
            scope: &scope,
        },
    )?;
    if let Some(t) = &response.issued_token_type {
        log::info!("issued token type {t}");
    }
    let mut set = crate::signin::token_set(
        &response,
        &provider.client,
        Flow::Browser,
        crate::base::clock::now(),
        None,
        None,
    );
    // Only what the exchange issued: no refresh or ID token of the subject's sign-in.
    set.id_token = None;
    set.subject = None;
    printer.out(&crate::commands::token_output::render(
        &set,
        Which::Access,
        args.format,
    ))?;
    Ok(())
}
