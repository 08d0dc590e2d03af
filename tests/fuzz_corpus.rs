//! The fuzzers' corpora as regression inputs: every file under fuzz/corpus/TARGET goes through
//! the same entry point as `cargo fuzz run TARGET`, in the normal test suite, so an input that
//! once crashed oidctl keeps being tried on every run without a fuzzer.

use std::path::PathBuf;

// The fuzz crate's entry points, compiled into this test as well: the very same code, and
// nothing in oidctl's library that exists only for fuzzing.
#[path = "../fuzz/src/lib.rs"]
mod fuzzing;

fn run(target: &str, entry: fn(&[u8])) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the {target} corpus is empty");
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(|| entry(&data));
        assert!(outcome.is_ok(), "{target}: {} fails", file.display());
    }
}

#[test]
fn decode_corpus() {
    run("decode", fuzzing::decode);
}

#[test]
fn verify_corpus() {
    run("verify", fuzzing::verify);
}

#[test]
fn jwks_corpus() {
    run("jwks", fuzzing::jwks);
}

#[test]
fn discovery_corpus() {
    run("discovery", fuzzing::discovery);
}

#[test]
fn token_answer_corpus() {
    run("token_answer", fuzzing::token_answer);
}

#[test]
fn loopback_corpus() {
    run("loopback", fuzzing::loopback);
}

#[test]
fn signing_keys_corpus() {
    run("signing_keys", fuzzing::signing_keys);
}

#[test]
fn jwe_corpus() {
    run("jwe", fuzzing::jwe);
}
