//! `oidctl verify`: one token (exit 0 valid, 1 invalid, reason on stderr) or `--batch` (one JSON
//! result per line, verified on every core). Resolves the flags into a key source and a
//! [`Policy`]; the checks themselves are [`crate::jwt::verify`].

mod batch;

use std::borrow::Cow;

use serde::Serialize;
use serde_json::value::RawValue;

use crate::base::error::{Error, Result};
use crate::cli::{Format, GlobalArgs, VerifyArgs};
use crate::commands::{decrypt, input};
use crate::jwt::json::Exact;
use crate::jwt::keys::{Alg, KeySet, VerifyingKey};
use crate::jwt::time;
use crate::jwt::token;
use crate::jwt::verify::{self, Failure, IssuerRule, Policy, Verified};
use crate::net::http::Fetcher;
use crate::oidc::discovery::{self, Jwks};
use crate::output::{Printer, Style, sanitize};
use crate::settings;

/// The keys named on the command line, or a provider's set, fetched again once on an unknown kid.
enum Keys<'f> {
    Fixed(KeySet),
    Remote(Jwks<'f>),
}

impl Keys<'_> {
    fn set(&self) -> &KeySet {
        match self {
            Keys::Fixed(set) => set,
            Keys::Remote(jwks) => jwks.set(),
        }
    }

    /// Fetches a remote set again, once; whether it did.
    fn refresh(&mut self) -> Result<bool> {
        match self {
            Keys::Fixed(_) => Ok(false),
            Keys::Remote(jwks) => jwks.refetch(),
        }
    }

    fn verify(&mut self, token: &str, policy: &Policy) -> Result<Result<Summary, Failure>> {
        match self {
            Keys::Fixed(set) => Ok(verify::verify(token, set, policy).map(|v| summary(&v))),
            Keys::Remote(jwks) => jwks.verify(token, policy, summary),
        }
    }
}

pub fn run(global: &GlobalArgs, args: &VerifyArgs, printer: &Printer) -> Result<()> {
    let mut policy = Policy::at(match &args.now {
        Some(t) => time::parse_instant(t).map_err(Error::usage)?,
        None => crate::base::clock::now(),
    });
    policy.leeway = args.leeway;
    policy.audiences = args.audience.clone();
    policy.algs = args
        .alg
        .iter()
        .map(|a| {
            a.parse::<Alg>()
                .map_err(|e| Error::usage(format!("--alg {a}: {e}")))
        })
        .collect::<Result<_>>()?;
    // With --profile and no key given: the profile's issuer; its client is the stored ID
    // token's audience.
    let ctx = match &global.profile {
        Some(_) => Some(settings::Context::load(global)?),
        None => None,
    };
    let profile = ctx.as_ref().and_then(|c| c.profile());
    let fetcher = settings::fetcher(&settings::http_options(None, profile)?);
    let profile_issuer = profile.and_then(|(_, p)| {
        p.issuer
            .clone()
            .or(p.tenant.as_deref().map(settings::tenant_issuer))
    });
    let stored_id_token = args.token.is_none() && !args.access_token;
    if policy.audiences.is_empty()
        && stored_id_token
        && input::explicit_profile(global).is_some()
        && let Some(client_id) = profile.and_then(|(_, p)| p.client_id.clone())
    {
        policy.audiences = vec![client_id];
    }
    let mut keys = load_keys(args, profile_issuer.as_deref(), &fetcher, &mut policy)?;
    if let Some(iss) = &args.expected_issuer {
        policy.issuer = Some(IssuerRule::new(iss));
    }
    if args.batch {
        return batch::run(&mut keys, &policy, printer);
    }
    let text = input::token_or_stored(
        args.token.as_deref(),
        "verify",
        global,
        args.access_token,
        printer,
    )?;
    let (text, decrypted) = decrypt::inner(text, args.decrypt.decrypt_key.as_deref())?;
    let result = keys.verify(&text, &policy)?;
    let audience_checked = !policy.audiences.is_empty();
    if result.is_ok() && !audience_checked {
        printer.info("note: aud was not checked, so a token for any audience passes; name yours with --audience");
    }
    match (result, args.format) {
        (Ok(_), Format::Human) if printer.is_quiet() => Ok(()),
        (Ok(ok), Format::Human) => {
            printer.out(&format!(
                "{} {}{}\n",
                printer.paint("valid:", Style::Good),
                ok.describe(&policy),
                decrypted
                    .map(|d| format!("; {}", sanitize(&d)))
                    .unwrap_or_default()
            ))?;
            Ok(())
        }
        (Ok(ok), Format::Json) => {
            let verdict = Verdict::valid(ok.alg, ok.kid.as_deref(), &ok.payload, &policy);
            printer.out(&verdict.pretty())?;
            Ok(())
        }
        (Err(failure), format) => {
            if format == Format::Json {
                printer.out(&Verdict::invalid(&text, &failure, &policy).pretty())?;
            }
            Err(invalid(&failure))
        }
    }
}

/// The facts about a valid token worth reporting.
struct Summary {
    alg: Alg,
    kid: Option<String>,
    label: String,
    exp: Option<f64>,
    payload: Vec<u8>,
}

fn summary(v: &Verified<'_>) -> Summary {
    Summary {
        alg: v.alg,
        kid: v.key.kid.clone(),
        label: v.key.label(),
        exp: v.exp,
        payload: v.payload.clone(),
    }
}

impl Summary {
    fn describe(&self, policy: &Policy) -> String {
        let now = policy.now;
        // A token past its exp passes only within the leeway: say both, never "expires … ago".
        let expiry = match self.exp {
            Some(exp) if time::is_expired(exp, now) => format!(
                "{}, accepted within the {}s --leeway",
                time::expiry(exp, now),
                policy.leeway
            ),
            Some(exp) => time::expiry(exp, now),
            None => "never expires (no exp)".to_string(),
        };
        sanitize(&format!(
            "{} signature by {}; {expiry}",
            self.alg, self.label
        ))
    }
}

fn invalid(failure: &Failure) -> Error {
    let err = Error::failed(format!("invalid token: {failure}"));
    match failure {
        Failure::Decode(_) => err.with_hint("a JWT looks like eyJhbGciOi…, three base64url parts joined by dots"),
        Failure::Header(m) if m.starts_with("this is an encrypted token") => err.with_hint("decrypt it first with the recipient's private key: oidctl verify --decrypt-key KEY --key …"),
        Failure::NoKey(_) => err.with_hint("check that the key (or issuer) is the one that signed this token; `oidctl decode` shows its kid and alg"),
        Failure::Claims(m) if m.starts_with("expired") => err.with_hint("get a fresh token; --leeway allows for clock skew"),
        // The API decides a Microsoft token's version, not the endpoint that issued it.
        Failure::Claims(m) if m.starts_with("iss https://sts.windows.net/") && m.contains("/v2.0") => err.with_hint(
            "this is a Microsoft Entra v1.0 token: verify it against the v1.0 metadata, --issuer https://login.microsoftonline.com/TENANT (without /v2.0)",
        ),
        Failure::Claims(m) if m.starts_with("iss ") && m.contains("/v2.0 is not") && m.contains("sts.windows.net") => err.with_hint(
            "this is a Microsoft Entra v2.0 token: verify it against the v2.0 metadata, --issuer https://login.microsoftonline.com/TENANT/v2.0",
        ),
        _ => err,
    }
}

fn load_keys<'f>(
    args: &VerifyArgs,
    profile_issuer: Option<&str>,
    fetcher: &'f Fetcher,
    policy: &mut Policy,
) -> Result<Keys<'f>> {
    let fixed = |set| Ok(Keys::Fixed(set));
    if let Some(path) = &args.key {
        let bytes = crate::base::fs::read_limited(path, "key file").map_err(|e| {
            if crate::base::fs::is_url(path) {
                e.with_hint(format!(
                    "for keys at a URL use --jwks-uri {} (or --issuer ISSUER to discover them)",
                    path.display()
                ))
            } else {
                e
            }
        })?;
        let set = KeySet::from_bytes(&bytes).map_err(|e| {
            Error::usage(format!("cannot use {} as a key", path.display()))
                .caused_by(e)
                .with_hint("--key takes a PEM public key or certificate, a JWK or a JWKS; for HMAC use --secret-file")
        })?;
        return fixed(set);
    }
    if let Some(path) = &args.secret_file {
        let bytes = crate::base::fs::read_limited(path, "secret file")?;
        if bytes.is_empty() {
            return Err(Error::usage(format!(
                "the secret file {} is empty",
                path.display()
            )));
        }
        return fixed(KeySet::single(VerifyingKey::secret(bytes)));
    }
    let jwks_uri = match (&args.jwks_uri, args.issuer.as_deref().or(profile_issuer)) {
        (Some(uri), _) => uri.clone(),
        (None, Some(issuer)) => {
            let meta = discovery::discover(fetcher, issuer)?;
            policy.issuer = Some(IssuerRule::new(&meta.issuer));
            meta.jwks_uri.ok_or_else(|| {
                Error::failed(format!(
                    "the discovery document of {issuer} has no jwks_uri"
                ))
                .with_hint("pass the keys with --jwks-uri or --key")
            })?
        }
        (None, None) => {
            return Err(Error::usage("no key given").with_hint(
                "use --key, --jwks-uri, --issuer, --secret-file, or -p PROFILE for its issuer",
            ));
        }
    };
    Ok(Keys::Remote(Jwks::fetch(fetcher, &jwks_uri)?))
}

/// The JSON verdict on one token, built here for `--format json` (pretty, without `line`) and for
/// each `--batch` line alike, so that the two never differ: every field is present on success and
/// on failure. `alg` and `kid` are the verified algorithm and key on success, the token's header
/// on failure; `claims` are the payload as written (null when unreadable).
#[derive(Serialize)]
struct Verdict<'a> {
    /// The input line, with `--batch` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    valid: bool,
    /// Whether `aud` was checked (`--audience`, or the profile's client for its ID token).
    audience_checked: bool,
    error: Option<String>,
    alg: Option<Cow<'a, str>>,
    kid: Option<Cow<'a, str>>,
    claims: Option<Cow<'a, RawValue>>,
}

impl<'a> Verdict<'a> {
    /// A token that passed.
    fn valid(alg: Alg, kid: Option<&'a str>, payload: &'a [u8], policy: &Policy) -> Self {
        Verdict {
            line: None,
            valid: true,
            audience_checked: !policy.audiences.is_empty(),
            error: None,
            alg: Some(Cow::Borrowed(alg.name())),
            kid: kid.map(Cow::Borrowed),
            claims: claims_json(payload),
        }
    }

    /// A token that failed: what its header and payload say, when they can be read. A log
    /// reader wants to know whose token failed; `valid` says how much to trust them.
    fn invalid(text: &str, failure: &Failure, policy: &Policy) -> Verdict<'static> {
        let jws = token::parse_jws(text).ok();
        Verdict {
            claims: jws
                .as_ref()
                .and_then(|jws| claims_json(&jws.payload))
                .map(|c| Cow::Owned(c.into_owned())),
            kid: jws
                .as_ref()
                .and_then(|jws| jws.header.kid.as_ref()?.as_str().map(str::to_owned))
                .map(Cow::Owned),
            alg: jws.map(|jws| Cow::Owned(jws.alg)),
            ..Verdict::unreadable(failure.to_string(), policy)
        }
    }

    /// Input that is not even text to parse (an over-long or non-UTF-8 `--batch` line).
    fn unreadable(why: String, policy: &Policy) -> Verdict<'static> {
        Verdict {
            line: None,
            valid: false,
            audience_checked: !policy.audiences.is_empty(),
            error: Some(why),
            alg: None,
            kid: None,
            claims: None,
        }
    }

    fn at(self, line: u64) -> Self {
        Verdict {
            line: Some(line),
            ..self
        }
    }

    /// For one token on a terminal: indented, the claims still exactly as written.
    fn pretty(&self) -> String {
        let compact = serde_json::to_string(self).unwrap_or_default();
        let pretty = Exact::parse(&compact).map_or(compact, |doc| doc.to_pretty());
        pretty + "\n"
    }
}

/// The payload as it is for a JSON line: already compact JSON (the usual case) goes out byte
/// for byte after one validating pass; JSON with line breaks is compacted first.
fn claims_json(payload: &[u8]) -> Option<Cow<'_, RawValue>> {
    let text = std::str::from_utf8(payload).ok()?;
    if payload.contains(&b'\n') || payload.contains(&b'\r') {
        RawValue::from_string(Exact::parse(text).ok()?.to_compact())
            .ok()
            .map(Cow::Owned)
    } else {
        serde_json::from_str::<&RawValue>(text)
            .ok()
            .map(Cow::Borrowed)
    }
}
