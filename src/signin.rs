//! Signing in, shared by `login` and `token --login`, in the three flows: the browser
//! (authorization code with PKCE S256, state and nonce, through the loopback listener), the
//! device code (RFC 8628), and client credentials. Each ends with the ID token checked (when
//! there is one) and a token set; storing it is the caller's job.

use std::time::{Duration, Instant};

use openidconnect::core::CoreResponseType;
use openidconnect::{AuthenticationFlow, CsrfToken, Nonce, PkceCodeChallenge, Scope};

use crate::base::error::{Error, Kind, Result};
use crate::net::http::Fetcher;
use crate::net::loopback::{self, Callback, Redirect};
use crate::oidc::Flow;
use crate::oidc::target::Target;
use crate::oidc::tokens::{self, Connection, TokenResponse};
use crate::oidc::{ClientConfig, device, id_token};
use crate::output::{Printer, Style};
use crate::settings::Provider;
use crate::store::{AccessEntry, TokenSet};

pub struct Options {
    pub browser: Browser,
    pub timeout: Duration,
    pub prompt: Option<String>,
    pub login_hint: Option<String>,
    /// `acr_values` to send (browser sign-in); the ID token's `acr` must be one of them.
    pub acr_values: Vec<String>,
    /// `max_age` to send (browser sign-in); the ID token's `auth_time` must be that recent.
    pub max_age: Option<u64>,
}

/// How the authorization URL reaches a browser.
pub enum Browser {
    /// `$BROWSER`, else the system's opener (the URL is printed too, in case).
    System,
    /// Print the URL and wait (`--no-browser`).
    Print,
    /// Print the URL, and take the address the browser ended on pasted into the terminal, or
    /// the redirect itself, whichever comes first (`--paste`; by itself over SSH or with no
    /// display, when stdin is a terminal).
    Paste,
    /// Something in this process visits the URL (`oidctl demo`'s HTTP agent); `what` says
    /// what, on stderr.
    Agent { what: String, visit: Visit },
}

/// Visits a URL as a browser would; `Err` says why it could not.
pub type Visit = Box<dyn Fn(&str) -> std::result::Result<(), String>>;

impl Browser {
    pub fn system_unless(no_browser: bool) -> Self {
        if no_browser {
            Browser::Print
        } else {
            Browser::System
        }
    }

    /// `login`'s choice: `--paste`; else pasting where the browser is likely on another
    /// machine (SSH, or no display) and stdin is a terminal to paste in, unless `$BROWSER`
    /// says how to open one here; else [`Browser::system_unless`].
    pub fn for_login(paste: bool, no_browser: bool, stdin_is_tty: bool) -> Self {
        let place = crate::net::remote::here();
        if paste || (stdin_is_tty && !place.browser_set && place.browser_elsewhere()) {
            Browser::Paste
        } else {
            Browser::system_unless(no_browser)
        }
    }
}

pub fn run(
    provider: &Provider,
    fetcher: &Fetcher,
    flow: Flow,
    opts: &Options,
    printer: &Printer,
) -> Result<TokenSet> {
    // One sign-in per token set at a time: a second one would open a second browser tab.
    let _signing_in = crate::store::lock::try_acquire(&format!("login:{}", provider.store_key))?
        .ok_or_else(|| {
            Error::failed("a sign-in for this profile is already in progress in another oidctl")
                .with_hint("finish it in the browser, or stop that oidctl first")
        })?;
    let adjusted;
    let provider = if crate::oidc::entra::is_entra(&provider.client.issuer) {
        let scopes = crate::oidc::entra::check_scopes(
            &provider.client.scopes,
            flow,
            provider.client.scopes_given,
        )?;
        if scopes != provider.client.scopes {
            log::info!("Microsoft Entra: requesting scopes {}", scopes.join(" "));
        }
        adjusted = Provider {
            client: ClientConfig {
                scopes,
                ..provider.client.clone()
            },
            ..provider.clone()
        };
        &adjusted
    } else {
        provider
    };
    let conn = Connection::open(&provider.client, fetcher)?;
    match flow {
        Flow::Browser => browser(&conn, &provider.redirect, opts, printer),
        Flow::Device => device_flow(&conn, opts, printer),
        Flow::ClientCredentials => client_credentials(&conn),
    }
}

/// The client credentials grant; renewing such a set is running it again.
pub fn client_credentials(conn: &Connection<'_>) -> Result<TokenSet> {
    let provider = conn.client;
    // Only the scopes asked for: the default set (openid, offline_access, …) is a user's.
    let scopes = if provider.is_entra() {
        crate::oidc::entra::check_scopes(
            &provider.scopes,
            Flow::ClientCredentials,
            provider.scopes_given,
        )?
    } else if provider.scopes_given {
        provider.scopes.clone()
    } else {
        Vec::new()
    };
    let response = tokens::client_credentials(conn, &scopes)?;
    checked_set(
        conn,
        &response,
        Flow::ClientCredentials,
        &id_token::Asked::default(),
        None,
    )
}

/// The set for `response`, after the checks of any ID token in it (OpenID Connect Core
/// §3.1.3.7; `nonce` is the browser sign-in's, and §12.2 for a refresh).
fn checked_set(
    conn: &Connection<'_>,
    response: &TokenResponse,
    flow: Flow,
    asked: &id_token::Asked<'_>,
    previous: Option<&TokenSet>,
) -> Result<TokenSet> {
    let now = crate::base::clock::now();
    let facts = match &response.id_token {
        Some(raw) => {
            let facts = id_token::validate(raw, conn, asked, now)?;
            if let Some(old) = previous.and_then(|p| p.subject.as_deref())
                && old != facts.subject
            {
                return Err(Error::failed(format!(
                    "the refreshed ID token is for subject {}, not {old}",
                    facts.subject
                ))
                .with_hint("its tokens were not stored; sign in again with oidctl login"));
            }
            Some(facts)
        }
        None => None,
    };
    Ok(token_set(
        response,
        conn.client,
        flow,
        now,
        previous,
        facts.as_ref(),
    ))
}

fn browser(
    conn: &Connection<'_>,
    redirect: &Redirect,
    opts: &Options,
    printer: &Printer,
) -> Result<TokenSet> {
    let provider = conn.client;
    let endpoints = &conn.endpoints;
    if endpoints.authorization.is_none() {
        return Err(
            Error::failed(format!("{} has no authorization_endpoint", provider.issuer)).with_hint(
                "this provider cannot sign users in through a browser; try oidctl login --device",
            ),
        );
    }
    if !endpoints.pkce_methods.is_empty() && !endpoints.pkce_methods.iter().any(|m| m == "S256") {
        printer.warn("the provider does not list PKCE S256 in code_challenge_methods_supported; sending it anyway");
    }
    let listener = loopback::bind(redirect)?;
    log::info!("listening for the redirect on {}", listener.redirect_uri);
    let client = conn.authorization_client(&listener.redirect_uri)?;

    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    // openidconnect adds `openid` itself.
    for scope in provider.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let extra = provider
        .audience
        .iter()
        .map(|a| ("audience", a))
        .chain(provider.resource.iter().map(|r| ("resource", r)))
        .chain(opts.prompt.iter().map(|p| ("prompt", p)))
        .chain(opts.login_hint.iter().map(|h| ("login_hint", h)));
    for (k, v) in extra {
        request = request.add_extra_param(k, v.clone());
    }
    // Step-up and freshness (Core §3.1.2.1), checked in the ID token after the exchange.
    if !opts.acr_values.is_empty() {
        request = request.add_extra_param("acr_values", opts.acr_values.join(" "));
    }
    if let Some(max_age) = opts.max_age {
        request = request.add_extra_param("max_age", max_age.to_string());
    }
    if let Some(claims) = &provider.claims {
        request = request.add_extra_param("claims", crate::oidc::claims::to_param(claims));
    }
    for (k, v) in &provider.params {
        request = request.add_extra_param(k.clone(), v.clone());
    }
    let (url, state, nonce) = request.url();

    match &opts.browser {
        Browser::Agent { what, visit } => {
            visit(url.as_str()).map_err(|why| {
                Error::failed("could not visit the authorization URL").caused_by(why)
            })?;
            printer.info(what);
        }
        Browser::Paste => printer.notice(&format!(
            "Open this URL in a browser on any machine and sign in:\n  {}\n\
             The browser then ends on {}?code=…, which it may not be able to load. Copy that \
             whole address from its address bar and paste it here (it is not shown), then \
             press Enter.",
            printer.paint_err(url.as_str(), Style::Key),
            listener.redirect_uri
        )),
        browser => {
            let opened = matches!(browser, Browser::System)
                && match crate::net::browser::open(url.as_str()) {
                    Ok(()) => true,
                    Err(why) => {
                        printer.warn(&why);
                        false
                    }
                };
            if opened {
                printer.info(&format!(
                    "Opened your browser to sign in. If it did not open, visit:\n  {}",
                    printer.paint_err(url.as_str(), Style::Key)
                ));
            } else {
                printer.notice(&format!(
                    "Open this URL in a browser on this machine to sign in:\n  {url}"
                ));
                if matches!(browser, Browser::System) {
                    printer.info(
                        "hint: --no-browser prints the URL without trying a browser; --paste \
                         signs in from a browser on another machine; $BROWSER names the one \
                         to use",
                    );
                }
            }
        }
    }
    if !matches!(opts.browser, Browser::Agent { .. }) {
        remote_hints(conn, redirect, listener.port(), printer);
    }
    let deadline = Instant::now() + opts.timeout;
    let expected = loopback::Expected {
        path: &redirect.path,
        port: listener.port(),
        state: state.secret(),
    };
    let callback = if matches!(opts.browser, Browser::Paste) {
        let _hidden = crate::base::tty::hide_input();
        let pasted = read_lines();
        let mut tries = 0;
        listener.wait_or(state.secret(), deadline, || {
            loop {
                let line = match pasted.try_recv() {
                    Ok(line) if line.trim().is_empty() => continue,
                    Ok(line) => line,
                    Err(_) => return None,
                };
                let why = match loopback::judge_pasted(&expected, &line) {
                    Ok(Callback::Code { code, iss }) => {
                        return Some(Ok(Callback::Code { code, iss }));
                    }
                    Ok(Callback::Denied { error, description }) => {
                        let mut why = format!("the provider refused the sign-in: {error}");
                        if let Some(d) = description {
                            why.push_str(&format!(" ({})", crate::output::sanitize(&d)));
                        }
                        why
                    }
                    Err(why) => why,
                };
                tries += 1;
                if tries >= PASTE_TRIES {
                    return Some(Err(Error::new(
                        Kind::SignInRequired,
                        format!("{PASTE_TRIES} pasted addresses were not accepted"),
                    )
                    .caused_by(why)
                    .with_hint("run oidctl login again, or sign in with --device")));
                }
                printer.warn(&format!(
                    "{why}\nSign in again from the URL above if needed, and paste the address \
                     the browser ends on ({} of {PASTE_TRIES} tries left):",
                    PASTE_TRIES - tries
                ));
            }
        })?
    } else {
        let _progress = printer.progress(match opts.browser {
            Browser::Agent { .. } => "Waiting for the provider's redirect…",
            _ => "Waiting for the sign-in to finish in the browser (Ctrl-C to cancel)…",
        });
        listener.wait(state.secret(), deadline)?
    };
    // One callback, then the port closes: nothing else is answered while the code is redeemed.
    let redirect_uri = listener.redirect_uri.clone();
    drop(listener);
    let code = match callback {
        Callback::Code { code, iss } => {
            // RFC 9207: a provider that names itself in the response must be the one asked;
            // otherwise the code may come from another provider (a mix-up attack).
            if let Some(iss) = iss
                && !crate::oidc::discovery::issuer_matches(&endpoints.issuer, &iss)
            {
                return Err(Error::failed(format!(
                    "the authorization response names issuer {iss}, not {}",
                    endpoints.issuer
                ))
                .with_hint("nothing was exchanged; this can mean a misconfigured provider or a mix-up attack"));
            }
            code
        }
        Callback::Denied { error, description } => {
            let mut err = Error::new(
                if error == "access_denied" {
                    Kind::SignInRequired
                } else {
                    Kind::Failed
                },
                format!("the provider refused the sign-in: {error}"),
            );
            let aadsts = crate::oidc::entra::aadsts_code(description.as_deref(), &[]);
            if let Some(d) = &description {
                err = crate::oidc::client::with_description(err, d);
            }
            return Err(match aadsts.and_then(crate::oidc::entra::hint) {
                Some(h) => err.with_hint(h),
                None if error == "access_denied" => err.with_hint(
                    "the sign-in was declined or cancelled; run oidctl login again to retry",
                ),
                None => err,
            });
        }
    };

    let response = tokens::exchange_code(
        conn,
        code.secret().clone(),
        verifier.secret().clone(),
        &redirect_uri,
    )?;
    if response.id_token.is_none() {
        return Err(Error::failed("the provider returned no ID token")
            .with_hint("the openid scope must be granted"));
    }
    let asked = id_token::Asked {
        nonce: Some(nonce.secret()),
        acr_values: &opts.acr_values,
        max_age: opts.max_age,
    };
    checked_set(conn, &response, Flow::Browser, &asked, None)
}

/// How many pasted addresses may be wrong before the sign-in gives up.
const PASTE_TRIES: usize = 3;

/// The lines typed on stdin, from a thread of its own (the listener waits at the same time).
/// It ends at end of input; what it reads is never logged.
fn read_lines() -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::stdin().lock()) {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

/// Over SSH: the `ssh -L` line that makes the redirect reach this machine, and `--device`
/// where the provider offers it.
fn remote_hints(conn: &Connection<'_>, redirect: &Redirect, port: u16, printer: &Printer) {
    let place = crate::net::remote::here();
    let Some(forward) = place.ssh_forward(port) else {
        return;
    };
    let mut text = format!(
        "Over SSH, the browser's redirect can also reach oidctl through a forwarded port; on \
         your machine run:\n  {}",
        printer.paint_err(&forward, Style::Key)
    );
    if redirect.ports.is_empty() {
        text.push_str(&format!(
            "\n(the port changes each time: pin it with --redirect-port {port} or redirect_port \
             in the profile)"
        ));
    }
    if conn.endpoints.device_authorization.is_some() {
        text.push_str("\nOr sign in with a code on any device: oidctl login --device");
    }
    printer.notice(&text);
}

/// RFC 8628: show the code (and a QR code of the complete URI on a terminal), then poll.
fn device_flow(conn: &Connection<'_>, opts: &Options, printer: &Printer) -> Result<TokenSet> {
    let started = Instant::now();
    let auth = device::start(conn)?;
    let safe = crate::output::sanitize;
    let uri = safe(&auth.verification_uri);
    let code = safe(&auth.user_code);
    let mut text = format!(
        "To sign in, open {} on any device and enter the code {}",
        printer.paint_err(&uri, Style::Key),
        printer.paint_err(&code, Style::Heading)
    );
    if let Some(complete) = &auth.verification_uri_complete {
        text.push_str(&format!(
            "\n(or open {}, which carries the code)",
            printer.paint_err(&safe(complete), Style::Key)
        ));
        let size = terminal_size::terminal_size_of(std::io::stderr())
            .map(|(terminal_size::Width(w), terminal_size::Height(h))| (w, h));
        if printer.stderr_is_tty()
            && let Some(qr) = qr_code(complete).filter(|qr| qr_fits(qr, size))
        {
            text.push('\n');
            text.push_str(&qr);
        }
    }
    // The code large enough to read across a room, for typing it on a phone.
    text.push_str(&format!(
        "\n\n    {}\n",
        printer.paint_err(&spaced(&code), Style::Heading)
    ));
    if let Some(secs) = auth.expires_in {
        let until = std::time::SystemTime::now() + Duration::from_secs(secs);
        text.push_str(&format!(
            "\nThe code expires in {} (at {}).",
            humantime::format_duration(Duration::from_secs(secs)),
            humantime::format_rfc3339_seconds(until)
        ));
    }
    // OSC 52 puts the code on the clipboard of the terminal the user looks at (over SSH too);
    // tmux and screen swallow it or need setting up, so not there.
    if printer.stderr_is_tty() && !crate::net::remote::here().multiplexer {
        printer.control(&osc52(&auth.user_code));
        text.push_str(" The code was sent to your terminal's clipboard, where it allows that.");
    }
    // Shown even with --quiet: without it nobody can finish the sign-in.
    printer.notice(&text);
    let response = {
        let _progress =
            printer.progress("Waiting for the sign-in on the other device (Ctrl-C to cancel)…");
        device::wait(conn, &auth, started, opts.timeout, std::thread::sleep)?
    };
    checked_set(
        conn,
        &response,
        Flow::Device,
        &id_token::Asked::default(),
        None,
    )
}

/// `ABCD-EFGH` as `A B C D - E F G H`: a code read off a screen is read one sign at a time.
fn spaced(code: &str) -> String {
    code.chars().map(String::from).collect::<Vec<_>>().join(" ")
}

/// Whether a QR code leaves room on a terminal of `size` (columns, rows) for the lines around it.
fn qr_fits(qr: &str, size: Option<(u16, u16)>) -> bool {
    let Some((cols, rows)) = size else {
        return false;
    };
    let width = qr.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    width <= usize::from(cols) && qr.lines().count() + 8 <= usize::from(rows)
}

/// The OSC 52 sequence that asks a terminal to put `text` on the clipboard.
fn osc52(text: &str) -> String {
    use base64::Engine as _;
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

/// A QR code for a terminal, two rows per character; `None` when the text does not fit one.
fn qr_code(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .build(),
    )
}

/// Renews `previous`: with its refresh token, or, for client credentials, by running the grant
/// again (there is no refresh token to use).
///
/// A provider that rotates refresh tokens has spent the old one the moment it answers, so a
/// rotated refresh token is handed to `keep` at once, in `previous` (whose access and ID tokens
/// stay as they were), before the ID token is checked: a JWKS that cannot be fetched or an ID
/// token that does not verify must not cost the user the sign-in. The checked set is the
/// caller's to store as usual.
pub fn refresh(
    provider: &Provider,
    fetcher: &Fetcher,
    previous: &TokenSet,
    keep: &dyn Fn(&TokenSet) -> Result<()>,
) -> Result<TokenSet> {
    if previous.flow == Flow::ClientCredentials {
        let conn = Connection::open(&provider.client, fetcher)?;
        return client_credentials(&conn);
    }
    let rt = previous.refresh_token.as_ref().ok_or_else(|| {
        Error::new(
            Kind::SignInRequired,
            "the stored sign-in has no refresh token",
        )
        .with_hint(sign_in_hint(provider))
    })?;
    let conn = Connection::open(&provider.client, fetcher)?;
    let response = tokens::refresh(&conn, rt)?;
    if let Some(rotated) = &response.refresh_token
        && rotated.secret() != rt.secret()
    {
        let mut kept = previous.clone();
        kept.refresh_token = Some(rotated.clone());
        keep(&kept)?;
    }
    checked_set(
        &conn,
        &response,
        previous.flow,
        &id_token::Asked::default(),
        Some(previous),
    )
}

/// `set` with an access token for `wanted` beside its others, from its refresh token (or, for
/// client credentials, the grant run again for that target); the caller stores it. A refresh
/// token the provider returns replaces the shared one, handed to `keep` at once, before any
/// check (as in [`refresh`]). An ID token in the answer is not used: the sign-in's stays.
/// A refusal names what was refused and the sign-in that would include it.
pub fn token_for(
    provider: &Provider,
    fetcher: &Fetcher,
    set: &TokenSet,
    wanted: &Target,
    keep: &dyn Fn(&TokenSet) -> Result<()>,
) -> Result<(TokenSet, AccessEntry)> {
    let mut set = set.clone();
    let entry = entry_for(provider, fetcher, &mut set, wanted, keep)?;
    set.keep(entry.clone());
    Ok((set, entry))
}

fn entry_for(
    provider: &Provider,
    fetcher: &Fetcher,
    set: &mut TokenSet,
    wanted: &Target,
    keep: &dyn Fn(&TokenSet) -> Result<()>,
) -> Result<AccessEntry> {
    let now = crate::base::clock::now();
    if set.flow == Flow::ClientCredentials {
        let client = ClientConfig {
            scopes: wanted.scopes.clone(),
            scopes_given: !wanted.scopes.is_empty(),
            resource: wanted.resource.clone(),
            audience: wanted.audience.clone(),
            ..provider.client.clone()
        };
        let conn = Connection::open(&client, fetcher)?;
        let got = client_credentials(&conn)?;
        let entry = AccessEntry {
            target: wanted.clone(),
            scopes: got.scopes,
            token_type: got.token_type,
            access_token: got.access_token,
            expires_at: got.expires_at,
            obtained_at: got.obtained_at,
        };
        return Ok(entry);
    }
    let rt = set.refresh_token.as_ref().ok_or_else(|| {
        Error::new(
            Kind::SignInRequired,
            format!(
                "the stored sign-in has no refresh token, so no token for {} can be got",
                wanted.describe()
            ),
        )
        .with_hint(target_sign_in_hint(provider, set, wanted))
    })?;
    // RFC 8707 §2.2: a refresh asks only for resources the grant covers, the ones the sign-in
    // named. Asked for another, some providers spend the rotated refresh token before they
    // refuse (oidc-provider): so it is not asked.
    let outside: Vec<&String> = wanted
        .resource
        .iter()
        .filter(|r| {
            !set.target.resource.is_empty()
                && !set
                    .target
                    .resource
                    .iter()
                    .any(|own| own.trim_end_matches('/') == r.trim_end_matches('/'))
        })
        .collect();
    if !outside.is_empty() {
        let names: Vec<&str> = outside.iter().map(|r| r.as_str()).collect();
        return Err(Error::new(
            Kind::SignInRequired,
            format!(
                "no token for resource {}: the sign-in was made for resources {} only",
                names.join(" "),
                set.target.resource.join(" ")
            ),
        )
        .with_hint(target_sign_in_hint(provider, set, wanted)));
    }
    let conn = Connection::open(&provider.client, fetcher)?;
    log::info!("asking for an access token for {}", wanted.describe());
    let response = match tokens::refresh_for(&conn, rt, wanted)? {
        Ok(r) => r,
        Err(e) => return Err(refused(provider, set, wanted, e)),
    };
    let entry = AccessEntry {
        target: wanted.clone(),
        scopes: match &response.scope {
            Some(s) => s.split_whitespace().map(str::to_string).collect(),
            None => wanted.scopes.clone(),
        },
        token_type: response.token_type.clone(),
        access_token: response.access_token.clone(),
        expires_at: response
            .expires_in
            .map(|d| now.saturating_add(d.min(i64::MAX as u64) as i64)),
        obtained_at: now,
    };
    if let Some(rotated) = response
        .refresh_token
        .clone()
        .filter(|r| r.secret() != rt.secret())
    {
        set.refresh_token = Some(rotated);
        keep(set)?;
    }
    // A provider may grant less than asked (RFC 6749 §3.3, saying so in `scope`): such a token
    // is not the one asked for. (`openid` and `offline_access` are about the ID and refresh
    // tokens; Microsoft's `.default` stands for scopes it names in its answer.)
    let missing: Vec<&String> = match &response.scope {
        Some(_) if !provider.client.is_entra() => wanted
            .scopes
            .iter()
            .filter(|s| !matches!(s.as_str(), "openid" | "offline_access"))
            .filter(|s| !entry.scopes.contains(s))
            .collect(),
        _ => Vec::new(),
    };
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
        return Err(Error::new(
            Kind::SignInRequired,
            format!(
                "the provider granted a token for {} without the scopes {} asked for",
                wanted.describe(),
                names.join(" ")
            ),
        )
        .caused_by(if entry.scopes.is_empty() {
            "it granted no scope".to_string()
        } else {
            format!("it granted: {}", entry.scopes.join(" "))
        })
        .with_hint(
            if wanted.resource.is_empty() && !set.target.resource.is_empty() {
                format!(
                    "a scope of one of the sign-in's resources ({}) comes with --resource R; or {}",
                    set.target.resource.join(" "),
                    target_sign_in_hint(provider, set, wanted)
                )
            } else {
                target_sign_in_hint(provider, set, wanted)
            },
        ));
    }
    Ok(entry)
}

/// The error for a refused token request for `wanted`: what was refused, and the sign-in to run
/// so that it is included (for the refusals a sign-in cures; others as usual).
fn refused(
    provider: &Provider,
    set: &TokenSet,
    wanted: &Target,
    e: crate::oidc::client::ProviderError,
) -> Error {
    let cured = matches!(
        e.code.as_str(),
        "invalid_grant"
            | "invalid_target"
            | "invalid_scope"
            | "consent_required"
            | "interaction_required"
            | "access_denied"
    );
    let mut err = e.into_error(&format!("the token request for {}", wanted.describe()));
    if cured {
        err.kind = Kind::SignInRequired;
        err.hint = Some(format!(
            "the sign-in does not include it (never consented, or not granted to it); {}",
            target_sign_in_hint(provider, set, wanted)
        ));
    }
    err
}

/// `sign in with it: oidctl login -p NAME --scope … --resource …`: the sign-in's own scopes and
/// resources with `wanted`'s (at Microsoft, `wanted`'s scopes alone: one resource per sign-in).
pub fn target_sign_in_hint(provider: &Provider, set: &TokenSet, wanted: &Target) -> String {
    let union = |own: &[String], more: &[String]| {
        let mut out: Vec<String> = own.to_vec();
        for m in more {
            if !out.contains(m) {
                out.push(m.clone());
            }
        }
        out
    };
    let (scopes, resource, audience) = if provider.client.is_entra() {
        let mut scopes = vec!["openid".to_string(), "profile".to_string()];
        scopes = union(&scopes, &wanted.scopes);
        (scopes, Vec::new(), Vec::new())
    } else {
        let own_scopes = if set.target.scopes.is_empty() {
            &set.scopes
        } else {
            &set.target.scopes
        };
        (
            union(own_scopes, &wanted.scopes),
            union(&set.target.resource, &wanted.resource),
            union(&set.target.audience, &wanted.audience),
        )
    };
    let who = match crate::store::profile_of(&provider.store_key) {
        Some(name) => format!("-p {name}"),
        None => format!(
            "--issuer {} --client-id {}",
            provider.client.issuer, provider.client.client_id
        ),
    };
    let mut command = format!("sign in with it: oidctl login {who}");
    for (flag, values) in [
        ("--scope", scopes),
        ("--resource", resource),
        ("--audience", audience),
    ] {
        for v in values {
            command.push_str(&format!(" {flag} {v}"));
        }
    }
    if set.flow == Flow::Device {
        command.push_str(" --device");
    }
    command
}

/// The stored form of an answer. A refresh that returns no new refresh token keeps the old one;
/// one that returns no ID token keeps the old one too.
pub fn token_set(
    response: &TokenResponse,
    client: &ClientConfig,
    flow: Flow,
    now: i64,
    previous: Option<&TokenSet>,
    id_facts: Option<&id_token::IdTokenFacts>,
) -> TokenSet {
    let scopes = match &response.scope {
        Some(s) => s.split_whitespace().map(str::to_string).collect(),
        None => previous
            .map(|p| p.scopes.clone())
            .unwrap_or_else(|| client.scopes.clone()),
    };
    let id_token = response
        .id_token
        .as_ref()
        .map(|t| crate::base::secret::Secret::new(t.clone()));
    TokenSet {
        issuer: client.issuer.clone(),
        client_id: client.client_id.clone(),
        scopes,
        token_type: response.token_type.clone(),
        access_token: response.access_token.clone(),
        expires_at: response
            .expires_in
            .map(|d| now.saturating_add(d.min(i64::MAX as u64) as i64)),
        refresh_token: response
            .refresh_token
            .clone()
            .or_else(|| previous.and_then(|p| p.refresh_token.clone())),
        id_token: id_token
            .clone()
            .or_else(|| previous.and_then(|p| p.id_token.clone())),
        subject: id_facts
            .map(|f| f.subject.clone())
            .or_else(|| previous.and_then(|p| p.subject.clone())),
        id_token_expires_at: match (id_facts, &id_token) {
            (Some(f), _) => Some(f.expires_at),
            (None, None) => previous.and_then(|p| p.id_token_expires_at),
            (None, Some(_)) => None,
        },
        obtained_at: now,
        flow,
        access_revoked: false,
        // What the sign-in asked for; a refresh asks for the same.
        target: previous
            .map(|p| p.target.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| Target {
                scopes: client.scopes.clone(),
                resource: client.resource.clone(),
                audience: client.audience.clone(),
            }),
        // The other targets' tokens stay: the same sign-in's refresh token renews them.
        extra: previous.map(|p| p.extra.clone()).unwrap_or_default(),
    }
}

/// Whether `set` can be renewed without the user.
pub fn renewable(set: &TokenSet) -> bool {
    set.refresh_token.is_some() || set.flow == Flow::ClientCredentials
}

pub fn sign_in_hint(provider: &Provider) -> String {
    match crate::store::profile_of(&provider.store_key) {
        Some(name) => format!("sign in: oidctl login -p {name}"),
        None => format!(
            "sign in: oidctl login --issuer {} --client-id {}{}",
            provider.client.issuer,
            provider.client.client_id,
            match provider.flow {
                Flow::Browser => "",
                Flow::Device => " --device",
                Flow::ClientCredentials => " --client-credentials",
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> ClientConfig {
        ClientConfig {
            issuer: "https://issuer.example".into(),
            client_id: "cli".into(),
            scopes: vec!["openid".into(), "offline_access".into()],
            scopes_given: true,
            ..ClientConfig::default()
        }
    }

    fn answer(json: &str) -> TokenResponse {
        TokenResponse::from_json(serde_json::from_str(json).unwrap(), "test").unwrap()
    }

    #[test]
    fn a_refresh_without_a_new_refresh_token_keeps_the_old_one() {
        let previous = crate::store::sample(1);
        let response = answer(
            r#"{"access_token":"new-at","token_type":"Bearer","expires_in":3600,"scope":"openid"}"#,
        );
        let set = token_set(
            &response,
            &client(),
            Flow::Browser,
            1_000,
            Some(&previous),
            None,
        );
        assert_eq!(set.access_token.secret(), "new-at");
        assert_eq!(set.expires_at, Some(4_600));
        assert_eq!(set.refresh_token.unwrap().secret(), "rt");
        assert_eq!(
            set.id_token.unwrap().secret(),
            "id",
            "the old ID token stays too"
        );
        assert_eq!(set.subject.as_deref(), Some("alice"));
        assert_eq!(set.scopes, ["openid"]);
    }

    #[test]
    fn a_rotated_refresh_token_replaces_the_old_one() {
        let previous = crate::store::sample(1);
        let response =
            answer(r#"{"access_token":"new-at","token_type":"Bearer","refresh_token":"rt2"}"#);
        let set = token_set(
            &response,
            &client(),
            Flow::Browser,
            1_000,
            Some(&previous),
            None,
        );
        assert_eq!(set.refresh_token.unwrap().secret(), "rt2");
        assert_eq!(set.expires_at, None, "no expires_in: no invented expiry");
        assert_eq!(
            set.scopes, previous.scopes,
            "no scope in the answer: the granted scopes stay"
        );
    }

    #[test]
    fn device_codes_for_people() {
        assert_eq!(spaced("WDJB-MJHT"), "W D J B - M J H T");
        assert_eq!(osc52("WDJB-MJHT"), "\x1b]52;c;V0RKQi1NSkhU\x07");
        let qr = qr_code("https://login.example.com/device?user_code=WDJB-MJHT").unwrap();
        let (w, h) = (
            qr.lines().map(|l| l.chars().count()).max().unwrap() as u16,
            qr.lines().count() as u16,
        );
        assert!(qr_fits(&qr, Some((w, h + 8))));
        assert!(!qr_fits(&qr, Some((w - 1, h + 8))), "too narrow");
        assert!(!qr_fits(&qr, Some((80, h))), "too short");
        assert!(!qr_fits(&qr, None), "unknown size");
    }

    #[test]
    fn qr_codes_are_text_for_a_terminal() {
        let qr = qr_code("https://login.example.com/device?user_code=WDJB-MJHT").unwrap();
        let lines: Vec<&str> = qr.lines().collect();
        assert!(lines.len() > 10, "{qr}");
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() == lines[0].chars().count())
        );
        assert!(
            qr.chars()
                .all(|c| matches!(c, ' ' | '▀' | '▄' | '█' | '\n')),
            "{qr}"
        );
    }
}
