//! The fuzzers' corpora as regression inputs: every file under fuzz/corpus/TARGET goes through
//! the same entry point as `cargo fuzz run TARGET` (oidctl::fuzzing), in the normal test suite,
//! so an input that once crashed oidctl keeps being tried on every run without a fuzzer.

use std::path::PathBuf;

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
    run("decode", oidctl::fuzzing::decode);
}

#[test]
fn verify_corpus() {
    run("verify", oidctl::fuzzing::verify);
}

#[test]
fn jwks_corpus() {
    run("jwks", oidctl::fuzzing::jwks);
}

#[test]
fn discovery_corpus() {
    run("discovery", oidctl::fuzzing::discovery);
}

#[test]
fn token_answer_corpus() {
    run("token_answer", oidctl::fuzzing::token_answer);
}

#[test]
fn loopback_corpus() {
    run("loopback", oidctl::fuzzing::loopback);
}
