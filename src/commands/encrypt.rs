//! `oidctl encrypt`: a compact JWE of a payload (argument or stdin) for the holder of `--key`,
//! for testing what decrypts tokens. The algorithms and the layout are [`crate::jwt::jwe`]'s.

use crate::base::error::{Error, Result};
use crate::cli::EncryptArgs;
use crate::commands::input;
use crate::jwt::jwe::{self, Enc, Extra, JweError, KeyAlg};
use crate::output::Printer;

pub fn run(args: &EncryptArgs, printer: &Printer) -> Result<()> {
    let bytes = crate::base::fs::read_limited(&args.key, "key file")?;
    let keys = jwe::read_keys(&bytes).map_err(|e| {
        Error::usage(format!(
            "cannot use {} as an encryption key",
            args.key.display()
        ))
        .caused_by(e)
        .with_hint(
            "--key takes a PEM public key or certificate, or a JWK (RSA, EC, or \
                 {\"kty\":\"oct\",\"k\":…} for dir and A*KW)",
        )
    })?;
    let [key] = &keys[..] else {
        return Err(Error::usage(format!(
            "{} holds {} keys; encrypt to one",
            args.key.display(),
            keys.len()
        ))
        .with_hint("put the recipient's key alone in a file"));
    };
    let alg = match &args.alg {
        Some(a) => a.parse::<KeyAlg>().map_err(Error::usage)?,
        None => KeyAlg::default_for(key),
    };
    let enc = match &args.enc {
        Some(e) => e.parse::<Enc>().map_err(Error::usage)?,
        // With dir the key is the content key, so its size names the enc.
        None if alg == KeyAlg::Dir => match &key.material {
            _ if key.alg.as_deref().is_some_and(|a| a.parse::<Enc>().is_ok()) => key
                .alg
                .as_deref()
                .unwrap_or_default()
                .parse()
                .map_err(Error::usage)?,
            jwe::key::Material::Oct(k) => Enc::ALL
                .into_iter()
                .find(|e| e.key_len() == k.len())
                .unwrap_or(Enc::A256Gcm),
            _ => Enc::A256Gcm,
        },
        None => Enc::A256Gcm,
    };
    let text = input::text(args.payload.as_deref(), printer)?;
    let payload = text.trim();
    let cty = match &args.cty {
        Some(c) => Some(c.clone()).filter(|c| !c.is_empty()),
        None => crate::jwt::token::parse_jws(payload)
            .is_ok()
            .then(|| "JWT".to_string()),
    };
    let extra = Extra { cty, typ: None };
    let token = jwe::encrypt(payload.as_bytes(), key, alg, enc, &extra).map_err(|e| match e {
        JweError::WrongKey(_) => Error::usage(format!("cannot encrypt: {e}")).with_hint(
            "pick an --alg that fits the key: RSA-OAEP* for RSA, ECDH-ES* for EC, A*KW or dir \
             for an oct JWK of the right size",
        ),
        _ => Error::failed(format!("cannot encrypt: {e}")),
    })?;
    printer.out(&(token + "\n"))?;
    Ok(())
}
