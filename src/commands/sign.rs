//! `oidctl sign`: a compact JWS on stdout from the claims and key named on the command line.
//! Resolves the flags into a signer, an algorithm that fits it, a header and the claims; the
//! keys and signatures are [`crate::jwt::jwk`]'s, the claims and the token [`crate::jwt::mint`]'s.

use std::io::Read as _;
use std::path::Path;

use crate::base::error::{Error, Result};
use crate::base::fs::{MAX_FILE_BYTES, read_limited};
use crate::cli::SignArgs;
use crate::commands::input;
use crate::jwt::json::Exact;
use crate::jwt::jwk::{self, AnyKey, PrivateKey};
use crate::jwt::keys::{Alg, Curve, KeyKind};
use crate::jwt::mint::{self, Object};
use crate::jwt::token;
use crate::output::Printer;

const KEY_HINT: &str = "--key takes a private key: PEM (PKCS#8, PKCS#1 or SEC1) or a private \
     JWK; `oidctl jwk generate ec --out key.json` makes one";

enum Signer {
    Key(PrivateKey),
    Secret(Vec<u8>),
}

impl Signer {
    fn kind(&self) -> KeyKind {
        match self {
            Signer::Key(k) => k.kind(),
            Signer::Secret(_) => KeyKind::Secret,
        }
    }

    fn sign(&self, alg: Alg, input: &[u8]) -> std::result::Result<Vec<u8>, String> {
        match self {
            Signer::Key(k) => k.sign(alg, input),
            Signer::Secret(s) => jwk::hmac(alg, s, input),
        }
    }
}

pub fn run(args: &SignArgs, printer: &Printer) -> Result<()> {
    let now = crate::base::clock::now();
    let (signer, key_alg, kid) = signer(args)?;
    let alg = algorithm(args.alg.as_deref(), &signer, key_alg.as_deref())?;
    let claims = claims(args, now, printer)?;
    let mut header = Object::default();
    header.set("alg", mint::string(alg.name()));
    header.set("typ", mint::string(&args.typ));
    if let Some(kid) = args.kid.clone().or(kid) {
        header.set("kid", mint::string(&kid));
    }
    for h in &args.header {
        let (k, v) = mint::pair(h).map_err(|e| {
            Error::usage(format!("--header {e}"))
                .with_hint("--header takes KEY=VALUE, e.g. --header x5t=abc")
        })?;
        if k == "alg" {
            return Err(Error::usage("--header cannot set alg").with_hint("use --alg"));
        }
        header.set(k, mint::value(v));
    }
    let token = mint::compact(&header, &claims, |input| signer.sign(alg, input))
        .map_err(|e| Error::failed(format!("cannot sign the token: {e}")))?;
    printer.out(&format!("{token}\n"))?;
    Ok(())
}

/// The signer, the algorithm its JWK names (if any) and the kid the header gets by default.
fn signer(args: &SignArgs) -> Result<(Signer, Option<String>, Option<String>)> {
    if let Some(path) = &args.secret_file {
        let bytes = read_limited(path, "secret file")?;
        if bytes.is_empty() {
            return Err(
                Error::usage(format!("the secret file {} is empty", path.display()))
                    .with_hint("the file holds the HMAC key's exact bytes (32 or more for HS256)"),
            );
        }
        return Ok((Signer::Secret(bytes), None, None));
    }
    if let Some(path) = &args.serve_keys {
        let key = serve_key(path, args.alg.as_deref())?;
        let kid = key.public().thumbprint();
        return Ok((Signer::Key(key), None, Some(kid)));
    }
    let Some(path) = &args.key else {
        return Err(
            Error::usage("no key given").with_hint("use --key, --secret-file or --serve-keys")
        );
    };
    let bytes = read_limited(path, "key file")?;
    let key = jwk::read(&bytes).map_err(|e| {
        Error::usage(format!("cannot use {} as a signing key", path.display()))
            .caused_by(e)
            .with_hint(KEY_HINT)
    })?;
    match key {
        AnyKey::Private(key) => {
            let public = key.public();
            if let Some(usage) = public.to_jwk().get("use").and_then(|v| v.as_str())
                && usage != "sig"
            {
                return Err(Error::usage(format!(
                    "the key in {} is for use {usage:?}, not signing",
                    path.display()
                ))
                .with_hint("sign with a key whose JWK has \"use\": \"sig\" (or no use)"));
            }
            let kid = public
                .kid()
                .map(str::to_string)
                .unwrap_or_else(|| public.thumbprint());
            let alg = jwk_alg(&public.to_jwk());
            Ok((Signer::Key(key), alg, Some(kid)))
        }
        AnyKey::Secret(secret) => {
            let kid = secret
                .meta
                .get("kid")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            let alg = secret
                .meta
                .get("alg")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            Ok((Signer::Secret(secret.bytes), alg, kid))
        }
        public @ AnyKey::Public(_) => Err(Error::usage(format!(
            "{} holds {}; signing needs the private key",
            path.display(),
            public.describe()
        ))
        .with_hint(
            "sign with the private key this public key belongs to, or make a key pair: \
             oidctl jwk generate ec --out key.json",
        )),
    }
}

fn jwk_alg(jwk: &serde_json::Value) -> Option<String> {
    jwk.get("alg").and_then(|v| v.as_str()).map(str::to_string)
}

/// The development provider's RSA key (RS256, the default) or P-256 key (ES256).
fn serve_key(path: &Path, alg: Option<&str>) -> Result<PrivateKey> {
    crate::base::fs::not_a_url(path, "development provider's key file")?;
    let bytes = match std::fs::metadata(path) {
        Ok(_) => read_limited(path, "development provider's key file")?,
        Err(_) => {
            return Err(
                Error::usage(format!("there is no key file {}", path.display())).with_hint(
                    "`oidctl serve --keys FILE` writes its keys there on its first start",
                ),
            );
        }
    };
    let want = match alg.unwrap_or("RS256") {
        "RS256" => KeyKind::Rsa,
        "ES256" => KeyKind::Ec(Curve::P256),
        other => {
            return Err(Error::usage(format!(
                "the development provider's keys do not sign {other}"
            ))
            .with_hint(
                "use --alg RS256 (the default) or --alg ES256, as oidctl serve --alg does",
            ));
        }
    };
    let keys = jwk::read_all(&bytes).map_err(|e| {
        Error::usage(format!("cannot read the key file {}", path.display()))
            .caused_by(e)
            .with_hint("--serve-keys takes the file of `oidctl serve --keys FILE`")
    })?;
    keys.into_iter()
        .find_map(|k| match k {
            AnyKey::Private(k) if k.kind() == want => Some(k),
            _ => None,
        })
        .ok_or_else(|| {
            Error::usage(format!(
                "{} holds no {} private key",
                path.display(),
                if want == KeyKind::Rsa {
                    "RSA"
                } else {
                    "EC P-256"
                }
            ))
            .with_hint("--serve-keys takes the file of `oidctl serve --keys FILE`")
        })
}

fn algorithm(named: Option<&str>, signer: &Signer, key_alg: Option<&str>) -> Result<Alg> {
    let default = match signer {
        Signer::Key(k) => k.default_alg(),
        Signer::Secret(_) => key_alg.and_then(|a| a.parse().ok()).unwrap_or(Alg::HS256),
    };
    jwk::choose_alg(signer.kind(), &describe(signer), default, named, key_alg)
        .map_err(|r| Error::usage(r.message).with_hint(r.hint))
}

fn describe(signer: &Signer) -> String {
    match signer {
        Signer::Key(k) => k.describe(),
        Signer::Secret(_) => KeyKind::Secret.to_string(),
    }
}

fn claims(args: &SignArgs, now: i64, printer: &Printer) -> Result<Object> {
    let bad = |what: &str, e: String| {
        Error::usage(format!("{what}: {e}")).with_hint(
            "claims are a JSON object, e.g. --claims '{\"sub\":\"alice\",\"roles\":[\"admin\"]}'",
        )
    };
    let mut claims = match (&args.claims, &args.from) {
        (Some(text), _) => Object::parse(&claims_text(text)?).map_err(|e| bad("--claims", e))?,
        (None, Some(from)) => {
            let text = input::token(Some(from), "sign --from", printer)?;
            let jws = token::parse_jws(&text).map_err(|e| {
                Error::usage(format!("--from: {e}")).with_hint(
                    "--from takes a signed JWT (eyJhbGciOi…, three parts joined by dots)",
                )
            })?;
            let payload = String::from_utf8(jws.payload)
                .map_err(|_| Error::usage("--from: the token's payload is not UTF-8 text"))?;
            Object::parse(&payload).map_err(|e| bad("--from", e))?
        }
        (None, None) => Object::default(),
    };
    for c in &args.claim {
        let (k, v) = mint::pair(c).map_err(|e| {
            Error::usage(format!("--claim {e}"))
                .with_hint("--claim takes KEY=VALUE, e.g. --claim email=a@example.com or --claim roles='[\"admin\"]'")
        })?;
        claims.set(k, mint::value(v));
    }
    for (name, value) in [("iss", &args.iss), ("sub", &args.sub), ("jti", &args.jti)] {
        if let Some(v) = value {
            claims.set(name, mint::string(v));
        }
    }
    match args.aud.as_slice() {
        [] => {}
        [one] => claims.set("aud", mint::string(one)),
        many => claims.set(
            "aud",
            Exact::Array(many.iter().map(|a| mint::string(a)).collect()),
        ),
    }
    let time = |flag: &str, text: &str| {
        mint::time(text, now).map_err(|e| {
            Error::usage(format!("--{flag} {e}")).with_hint(
                "a time is now, +30m, -1h, +7d, seconds since 1970, or RFC 3339 \
                 (2030-01-01T00:00:00Z)",
            )
        })
    };
    match &args.iat {
        Some(t) => claims.set("iat", mint::number(time("iat", t)?)),
        // An edited token keeps its claims as they were, iat too (or its lack of one).
        None if !args.no_iat && args.from.is_none() && !claims.contains("iat") => {
            claims.set("iat", mint::number(now))
        }
        None => {}
    }
    if let Some(t) = &args.nbf {
        claims.set("nbf", mint::number(time("nbf", t)?));
    }
    if let Some(t) = &args.exp {
        claims.set("exp", mint::number(time("exp", t)?));
    }
    Ok(claims)
}

/// `--claims`: the JSON itself, `@FILE`, or `-` for stdin.
fn claims_text(arg: &str) -> Result<String> {
    let bytes = if arg == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::failed("could not read the claims from stdin").caused_by(e))?;
        if buf.len() as u64 > MAX_FILE_BYTES {
            return Err(Error::usage(format!(
                "stdin holds more than {MAX_FILE_BYTES} bytes of claims"
            )));
        }
        buf
    } else if let Some(path) = arg.strip_prefix('@') {
        read_limited(Path::new(path), "claims file")?
    } else {
        return Ok(arg.to_string());
    };
    String::from_utf8(bytes).map_err(|_| Error::usage("the claims are not UTF-8 text"))
}
