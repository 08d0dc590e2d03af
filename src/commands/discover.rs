//! `oidctl discover [ISSUER]`: an issuer's metadata, what oidctl will use of it and the problems
//! found in it, as a report on stdout (human or JSON). Exit 1 when a problem is an error; the
//! report is printed all the same. Fetching is [`discovery::fetch`], judging [`audit`].

use serde::Serialize;
use serde_json::{Map, Value};

use crate::base::error::{Error, Result};
use crate::cli::{DiscoverArgs, Format, GlobalArgs};
use crate::jwt::verify::TENANT_PLACEHOLDER;
use crate::oidc::audit::{self, Problem, Severity, Uses};
use crate::oidc::discovery::{self, Document};
use crate::output::{Printer, Style, sanitize};
use crate::settings::{self, Context};

pub fn run(global: &GlobalArgs, args: &DiscoverArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let issuer = settings::issuer(args, &ctx)?;
    log::info!("issuer {} (from {})", issuer.url, issuer.source);
    let fetcher = settings::fetcher(&issuer.http);
    let document = discovery::fetch(&fetcher, &issuer.url, args.refresh)?;
    let uses = audit::uses(&document.fields);
    let problems = audit::problems(&document.fields, &issuer.url, document.source);
    match args.format {
        Format::Human => printer.out(&human(printer, &issuer.url, &document, &uses, &problems))?,
        Format::Json => {
            let report = Report {
                issuer: &issuer.url,
                source: document.source.name(),
                url: document.url.as_str(),
                metadata: &document.fields,
                uses: &uses,
                problems: &problems,
            };
            printer.out(&(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"))?;
        }
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if errors > 0 {
        return Err(Error::failed(format!(
            "the metadata of {} has {errors} error{}",
            issuer.url,
            if errors == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// `--format json`.
#[derive(Serialize)]
struct Report<'a> {
    issuer: &'a str,
    source: &'static str,
    url: &'a str,
    metadata: &'a Map<String, Value>,
    uses: &'a Uses,
    problems: &'a [Problem],
}

fn human(
    printer: &Printer,
    requested: &str,
    document: &Document,
    uses: &Uses,
    problems: &[Problem],
) -> String {
    let doc = &document.fields;
    let field = |name: &str| match doc.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(sanitize(s)),
        Some(other) => Some(sanitize(&other.to_string())),
    };
    let none = || printer.paint("(none)", Style::Dim);

    let stated = match doc.get("issuer").and_then(Value::as_str) {
        Some(s) if s.contains(TENANT_PLACEHOLDER) && discovery::issuer_matches(s, requested) => {
            format!("{}  (a template: each token's tid fills it)", sanitize(s))
        }
        _ => field("issuer").unwrap_or_else(none),
    };
    let mut out = section(
        printer,
        "Issuer",
        &[
            ("requested", sanitize(requested)),
            ("stated", stated),
            (
                "metadata",
                format!("{} ({})", document.url, document.source.spec()),
            ),
        ],
    );

    let endpoints: Vec<(&str, String)> = audit::ENDPOINTS
        .iter()
        .map(|(label, name)| (*label, field(name).unwrap_or_else(none)))
        .collect();
    out += &section(printer, "Endpoints", &endpoints);

    let unavailable = || printer.paint("not available (see Problems)", Style::Dim);
    let rows = [
        (
            "PKCE",
            format!(
                "{}{}",
                uses.pkce,
                if uses.pkce_advertised {
                    ""
                } else {
                    " (not advertised by the provider; sent anyway)"
                }
            ),
        ),
        (
            "login",
            uses.login.map_or_else(unavailable, |g| {
                format!("{g} grant, in the browser, with PKCE")
            }),
        ),
        (
            "login --device",
            uses.login_device
                .map_or_else(unavailable, |g| format!("{g} (RFC 8628)")),
        ),
        (
            "token endpoint auth",
            format!(
                "{} without credentials, {} with a client secret, {} with a key (the provider accepts: {})",
                uses.token_endpoint_auth.without_secret,
                uses.token_endpoint_auth.with_secret,
                uses.token_endpoint_auth.with_key,
                sanitize(&uses.token_endpoint_auth_methods.join(", "))
            ),
        ),
        (
            "ID token algorithms",
            if uses.id_token_algs.is_empty() {
                printer.paint("none it can verify", Style::Bad)
            } else {
                uses.id_token_algs.join(", ")
            },
        ),
    ];
    out += &section(printer, "oidctl will use", &rows);

    out += &format!("{}\n", printer.paint("Problems", Style::Heading));
    if problems.is_empty() {
        out += &format!("  {}\n", printer.paint("No problems found", Style::Good));
    }
    for p in problems {
        let label = p.severity.name();
        let style = match p.severity {
            Severity::Error => Style::Bad,
            Severity::Warning => Style::Warn,
            Severity::Info => Style::Dim,
        };
        out += &format!(
            "  {}{} {}: {}\n",
            printer.paint(label, style),
            " ".repeat(7 - label.len()),
            sanitize(&p.field),
            sanitize(&p.message)
        );
    }
    out
}

/// A heading, then `label  value` rows with the values aligned, then a blank line.
fn section(printer: &Printer, heading: &str, rows: &[(&str, String)]) -> String {
    let width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let mut out = format!("{}\n", printer.paint(heading, Style::Heading));
    for (label, value) in rows {
        out += &format!(
            "  {}{}  {value}\n",
            printer.paint(label, Style::Key),
            " ".repeat(width - label.len())
        );
    }
    out.push('\n');
    out
}
