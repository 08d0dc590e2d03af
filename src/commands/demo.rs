//! `oidctl demo`: the main job end to end, offline. A development provider ([`crate::serve`])
//! starts in this process; the real sign-in ([`crate::signin`]) and token ([`crate::session`])
//! paths run against it; status and tokens are shown through the shared views; then it all
//! stops. Every file goes to a temporary directory (see [`crate::base::dirs`]), removed at the end.

use std::time::{Duration, Instant};

use crate::base::error::{Error, Result};
use crate::cli::{DemoArgs, ProviderArgs};
use crate::config::Config;
use crate::jwt::sign::SigningAlg;
use crate::jwt::token;
use crate::oidc::Flow;
use crate::output::{Printer, Style};
use crate::serve::{self, Options, Spec};
use crate::session::{self, Need, Which};
use crate::settings::{self, Context};
use crate::signin::{self, Browser};
use crate::store::StoreKind;
use crate::{store, view};

/// The client ID the demo signs in as (any ID is a public client at `oidctl serve`).
const CLIENT_ID: &str = "oidctl-demo";

pub fn run(args: &DemoArgs, printer: &Printer) -> Result<()> {
    let started = Instant::now();
    let scratch = crate::base::dirs::Scratch::create("oidctl-demo")?;
    crate::base::dirs::sandbox(scratch.path().to_path_buf());
    let browser = !args.no_browser && crate::net::browser::available(printer.stderr_is_tty());
    let spec = Spec {
        issuer_host: "127.0.0.1",
        port: 0,
        preset: args.preset,
        claims: None,
        auto_approve: !browser,
        user: None,
        keys: None,
        alg: SigningAlg::Rs256,
        token_ttl: 300,
        clients: &[],
        redirect_uris: &[],
        device_interval: 5,
    };
    let running = serve::start(Options::resolve(&spec, None)?)?;
    printer.info(&format!(
        "Started a development provider at {} in this process (for development only; it stops at the end).",
        running.issuer
    ));

    let ctx = Context {
        config_path: scratch.path().join("config.toml"),
        config: Config::default(),
        profile: None,
    };
    let provider = settings::provider(
        &ProviderArgs {
            issuer: Some(running.issuer.clone()),
            client_id: Some(CLIENT_ID.into()),
            store: Some(StoreKind::File),
            ..ProviderArgs::default()
        },
        &ctx,
    )?;
    let opts = signin::Options {
        browser: if browser {
            Browser::System
        } else {
            Browser::Agent {
                what: "No browser here (or --no-browser): the provider approves the sign-in as alice at once, as `oidctl serve --auto-approve` does.".into(),
                visit: Box::new(crate::net::browser::follow_redirects),
            }
        },
        timeout: Duration::from_secs(if browser {
            args.timeout
        } else {
            args.timeout.min(30)
        }),
        prompt: None,
        login_hint: None,
        acr_values: Vec::new(),
        max_age: None,
    };
    let fetcher = provider.fetcher();
    let set = signin::run(&provider, &fetcher, Flow::Browser, &opts, printer)?;
    let store = store::open(StoreKind::File)?;
    store.save(&provider.store_key, &set)?;
    printer.info(&format!(
        "{} as {} (oidctl login: PKCE, state, nonce and the ID token's signature checked).",
        printer.paint_err("Signed in", Style::Good),
        crate::output::sanitize(set.subject.as_deref().unwrap_or("?"))
    ));

    let now = crate::base::clock::now();
    let mut out = String::new();
    section(&mut out, printer, "oidctl status");
    let row = view::status::row(
        None,
        false,
        view::status::Expected {
            issuer: Some(provider.client.issuer.clone()),
            client_id: Some(provider.client.client_id.clone()),
        },
        StoreKind::File,
        Some(&set),
        now,
    );
    out.push_str(&view::status::human(&[row], printer, now));

    section(&mut out, printer, "oidctl token --id-token | oidctl decode");
    let id = set
        .id_token
        .as_ref()
        .ok_or_else(|| Error::failed("the provider returned no ID token"))?;
    out.push_str(&decoded(id.secret(), printer, now)?);

    // Asking for a token valid longer than the provider issues them makes the token path renew
    // it: a refresh, whose refresh token rotates.
    let fresh = session::fresh(
        &provider,
        &Need {
            which: Which::Access,
            min_valid: Some(24 * 3600),
            login: None,
            target: None,
        },
        printer,
    )?;
    section(
        &mut out,
        printer,
        "oidctl token (renewed with the refresh token)",
    );
    let at = fresh.access_token.secret();
    out.push_str(at);
    out.push_str("\n\n");
    out.push_str(&decoded(at, printer, now)?);
    printer.out(&out)?;

    running.stop();
    printer.info(&format!(
        "Done in {:.1}s. The provider has stopped and its tokens are gone. Next: `oidctl serve` \
         keeps one running for your own application (oidctl serve --help).",
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

fn section(out: &mut String, printer: &Printer, title: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&printer.paint(&format!("== {title} =="), Style::Heading));
    out.push_str("\n\n");
}

fn decoded(raw: &str, printer: &Printer, now: i64) -> Result<String> {
    match token::parse(raw) {
        Ok(token::Token::Jws(jws)) => Ok(view::token::jws_human(&jws, printer, now)),
        Ok(token::Token::Jwe(jwe)) => Ok(view::token::jwe_human(&jwe, printer)),
        Err(e) => Err(Error::failed("the provider's token is not a JWT").caused_by(e)),
    }
}
