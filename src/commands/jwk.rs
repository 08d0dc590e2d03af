//! `oidctl jwk`: new keys, public parts, PEM ⇄ JWK, thumbprints and JWKS. The keys themselves
//! are [`crate::jwt::jwk`]'s; this file reads the files, picks the output form and keeps private
//! keys off terminals: they go to `--out FILE` (0600, written atomically) or a pipe.

use std::io::Read as _;
use std::path::Path;

use serde_json::{Value, json};

use crate::base::error::{Error, Result};
use crate::base::fs::{MAX_FILE_BYTES, read_limited, write_atomic};
use crate::cli::{JwkArgs, JwkCommand, KeyFormat, NewKeyKind};
use crate::jwt::jwk::{self, AnyKey, NewKey, PrivateKey, PublicKey};
use crate::jwt::keys::{Alg, Curve};
use crate::output::Printer;

const READ_HINT: &str = "a key file is PEM (PKCS#8, PKCS#1 or SEC1 private key, SPKI or \
     PKCS#1 public key, X.509 certificate) or a JWK";

pub fn run(args: &JwkArgs, printer: &Printer) -> Result<()> {
    match &args.command {
        JwkCommand::Generate {
            kind,
            bits,
            format,
            kid,
            usage,
            alg,
            out,
        } => {
            if *kind == NewKeyKind::Rsa && ![2048, 3072, 4096].contains(bits) {
                return Err(
                    Error::usage(format!("--bits {bits}: not an RSA size oidctl makes"))
                        .with_hint("use --bits 2048, 3072 or 4096"),
                );
            }
            let what = match kind {
                NewKeyKind::Rsa => NewKey::Rsa(*bits as usize),
                NewKeyKind::P256 => NewKey::Ec(Curve::P256),
                NewKeyKind::P384 => NewKey::Ec(Curve::P384),
                NewKeyKind::P521 => NewKey::Ec(Curve::P521),
                NewKeyKind::Ed25519 => NewKey::Ed25519,
            };
            let mut key = PrivateKey::generate(what).map_err(Error::failed)?;
            if let Some(alg) = alg {
                let parsed: Alg = alg
                    .parse()
                    .map_err(|e: String| Error::usage(format!("--alg {alg}: {e}")))?;
                if !parsed.fits(key.kind()) {
                    return Err(
                        Error::usage(format!("{parsed} does not fit {}", key.describe()))
                            .with_hint(format!(
                                "{} signs {}",
                                key.describe(),
                                jwk::fitting(key.kind())
                            )),
                    );
                }
            }
            if let Some(u) = usage
                && u != "sig"
                && u != "enc"
            {
                return Err(Error::usage(format!(
                    "--use {u}: use is \"sig\" or \"enc\""
                )));
            }
            let meta = key.meta_mut();
            for (name, value) in [("kid", kid), ("use", usage), ("alg", alg)] {
                if let Some(v) = value {
                    meta.insert(name.into(), v.clone().into());
                }
            }
            let pem_name = out
                .as_deref()
                .and_then(Path::extension)
                .is_some_and(|e| e.eq_ignore_ascii_case("pem"));
            let format = format.unwrap_or(if pem_name {
                KeyFormat::Pem
            } else {
                KeyFormat::Jwk
            });
            let text = match format {
                KeyFormat::Jwk => pretty(&key.to_jwk().map_err(Error::failed)?),
                KeyFormat::Pem => key.to_pem().map_err(Error::failed)?,
            };
            emit(&text, true, out.as_deref(), printer)
        }
        JwkCommand::Public { key, format, out } => {
            let (any, input) = read_key(key)?;
            let public = public_of(any, key)?;
            let text = match format.unwrap_or(input) {
                KeyFormat::Jwk => pretty(&public.to_jwk()),
                KeyFormat::Pem => public.to_pem(),
            };
            emit(&text, false, out.as_deref(), printer)
        }
        JwkCommand::Convert { key, to, out } => {
            let (any, input) = read_key(key)?;
            let to = to.unwrap_or(match input {
                KeyFormat::Jwk => KeyFormat::Pem,
                KeyFormat::Pem => KeyFormat::Jwk,
            });
            let (text, private) = match (any, to) {
                (AnyKey::Private(k), KeyFormat::Jwk) => {
                    (pretty(&k.to_jwk().map_err(Error::failed)?), true)
                }
                (AnyKey::Private(k), KeyFormat::Pem) => (k.to_pem().map_err(Error::failed)?, true),
                (AnyKey::Public(k), KeyFormat::Jwk) => (pretty(&k.to_jwk()), false),
                (AnyKey::Public(k), KeyFormat::Pem) => (k.to_pem(), false),
                (AnyKey::Secret(_), _) => {
                    return Err(Error::usage(format!(
                        "{} holds an HMAC secret (kty oct), which has no PEM form",
                        key.display()
                    ))
                    .with_hint("use the secret's bytes with `oidctl sign --secret-file`"));
                }
            };
            emit(&text, private, out.as_deref(), printer)
        }
        JwkCommand::Thumbprint { key } => {
            let thumbprint = match read_key(key)?.0 {
                AnyKey::Private(k) => k.public().thumbprint(),
                AnyKey::Public(k) => k.thumbprint(),
                AnyKey::Secret(s) => s.thumbprint(),
            };
            printer.out(&format!("{thumbprint}\n"))?;
            Ok(())
        }
        JwkCommand::Set { keys, out } => {
            let mut members: Vec<Value> = Vec::new();
            for path in keys {
                let bytes = read_bytes(path)?;
                let found = jwk::read_all(&bytes).map_err(|e| cannot_read(path, e))?;
                for any in found {
                    let mut public = public_of(any, path)?;
                    if public.kid().is_none() {
                        let kid = public.thumbprint();
                        public.meta_mut().insert("kid".into(), kid.into());
                    }
                    let jwk = public.to_jwk();
                    if members.iter().any(|m| m["kid"] == jwk["kid"]) {
                        return Err(
                            Error::usage(format!("two keys have the kid {}", jwk["kid"]))
                                .with_hint("a JWKS needs a distinct kid for each key"),
                        );
                    }
                    members.push(jwk);
                }
            }
            emit(
                &pretty(&json!({ "keys": members })),
                false,
                out.as_deref(),
                printer,
            )
        }
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

fn cannot_read(path: &Path, e: String) -> Error {
    Error::usage(format!("cannot read {} as a key", path.display()))
        .caused_by(e)
        .with_hint(READ_HINT)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    if path != Path::new("-") {
        return read_limited(path, "key file");
    }
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::failed("could not read the key from stdin").caused_by(e))?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::usage(format!(
            "stdin holds more than {MAX_FILE_BYTES} bytes; that is not a key"
        )));
    }
    Ok(buf)
}

/// The key in `path` and the form it was written in.
fn read_key(path: &Path) -> Result<(AnyKey, KeyFormat)> {
    let bytes = read_bytes(path)?;
    let format = if bytes.trim_ascii_start().starts_with(b"{") {
        KeyFormat::Jwk
    } else {
        KeyFormat::Pem
    };
    let key = jwk::read(&bytes).map_err(|e| cannot_read(path, e))?;
    Ok((key, format))
}

fn public_of(any: AnyKey, path: &Path) -> Result<PublicKey> {
    match any {
        AnyKey::Private(k) => Ok(k.public()),
        AnyKey::Public(k) => Ok(k),
        AnyKey::Secret(_) => Err(Error::usage(format!(
            "{} holds an HMAC secret (kty oct), which has no public part",
            path.display()
        ))
        .with_hint("a secret is shared, never published: keep it out of a JWKS")),
    }
}

/// Writes `text` to `out`, else stdout; a private key never to a terminal.
fn emit(text: &str, private: bool, out: Option<&Path>, printer: &Printer) -> Result<()> {
    if let Some(path) = out {
        crate::base::fs::not_a_url(path, "output file")?;
        let mode = if private { 0o600 } else { 0o644 };
        write_atomic(path, text.as_bytes(), mode)
            .map_err(|e| Error::usage(format!("cannot write {}", path.display())).caused_by(e))?;
        printer.info(&format!(
            "wrote {} to {}",
            if private {
                "the private key"
            } else {
                "the key"
            },
            crate::output::sanitize(&path.display().to_string())
        ));
        return Ok(());
    }
    if private && printer.stdout_is_tty() {
        return Err(Error::usage("a private key is not printed on a terminal")
            .with_hint("write it to a file with --out FILE (created 0600), or pipe it"));
    }
    printer.out(text)?;
    Ok(())
}
