//! The ceiling for `verify --batch`: aws-lc-rs RS256 verification alone, on THREADS threads at
//! once, with the key parsed and the signature decoded beforehand (the same call as criterion's
//! `raw/RS256`). scripts/bench.sh runs it next to the batch, so that both see the same machine.
//!
//! `cargo run --release --example raw_rs256 -- THREADS VERIFIES_PER_THREAD`
//! prints `THREADS VERIFIES_PER_SECOND`.

use std::io::Write as _;

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use base64::Engine as _;
use oidctl::jwt::token::B64;

const TOKEN: &str = include_str!("../tests/fixtures/tokens/rs256.jwt");
const KEY: &[u8] = include_bytes!("../tests/fixtures/keys/rs256.pub.pem");

fn main() -> Result<(), String> {
    let usage = "usage: raw_rs256 THREADS VERIFIES_PER_THREAD";
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let (Some(Ok(threads)), Some(Ok(per_thread)), None) = (args.next(), args.next(), args.next())
    else {
        return Err(usage.into());
    };
    let (signing_input, signature) = TOKEN.trim().rsplit_once('.').ok_or("not a JWS")?;
    let signature = B64.decode(signature).map_err(|e| e.to_string())?;
    let pem = pem::parse(KEY).map_err(|e| e.to_string())?;
    let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, pem.contents())
        .map_err(|e| e.to_string())?;
    let verify_all = || {
        (0..per_thread)
            .filter(|_| key.verify_sig(signing_input.as_bytes(), &signature).is_ok())
            .count()
    };
    if verify_all() != per_thread {
        return Err("the fixture's signature does not verify".into());
    }
    let start = std::time::Instant::now();
    let verified: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(verify_all)).collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    });
    let elapsed = start.elapsed().as_secs_f64();
    if verified != threads * per_thread {
        return Err("a verification failed".into());
    }
    let rate = verified as f64 / elapsed;
    writeln!(std::io::stdout(), "{threads} {rate:.0}").map_err(|e| e.to_string())
}
