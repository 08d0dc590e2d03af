//! Resource limits: input larger than any real token, key, answer or token file is refused
//! early with a clear error, and `verify --batch` streams, holding one chunk of lines at a time.

use std::io::{BufRead as _, Write as _};
use std::process::Stdio;

use crate::support::*;

#[test]
fn a_token_over_one_megabyte_is_refused_unread() {
    let huge = format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", "A".repeat(2 << 20));
    for sub in ["decode", "claims"] {
        let out = oidctl()
            .arg(sub)
            .write_stdin(huge.clone())
            .output()
            .unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{sub}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("stdin holds more than 1048576 bytes"),
            "{sub}: {}",
            stderr(&out)
        );
    }
    let out = oidctl()
        .args(["verify", "--secret-file"])
        .arg(fixture("keys/hs256.secret"))
        .write_stdin(huge)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn key_files_and_token_files_have_bounds_too() {
    let o = Oidctl::new();
    let big = o.home.join("big.pem");
    std::fs::write(&big, vec![b'A'; (1 << 20) + 1]).unwrap();
    let out = o
        .cmd()
        .args(["verify", "--key"])
        .arg(&big)
        .arg(read("tokens/rs256.jwt").trim())
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("larger than 1048576 bytes"),
        "{}",
        stderr(&out)
    );

    // A token file grown past any token set (4 MiB): refused, and the hint says sign in again.
    let issuer = "https://op.example";
    let (_, path) = token_file(&o, issuer);
    std::fs::write(path, vec![b' '; (4 << 20) + 1]).unwrap();
    let out = o
        .cmd()
        .args([
            "token",
            "--issuer",
            issuer,
            "--client-id",
            "c",
            "--store",
            "file",
        ])
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("is unreadable"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("larger than 4194304 bytes"),
        "{}",
        stderr(&out)
    );
}

/// `oidctl verify --batch` (HS256) with `lines` copies of a valid token written to its stdin on
/// a thread of its own (the pipe holds far fewer, and oidctl reads on only as its results are
/// read); the thread hands stdin back, still open.
fn spawn_batch(
    lines: usize,
    stderr: Stdio,
) -> (
    std::process::Child,
    std::thread::JoinHandle<std::process::ChildStdin>,
) {
    let token = read("tokens/hs256.jwt");
    let mut child = spawnable(&{
        let mut c = oidctl();
        c.args([
            "verify",
            "--batch",
            "--now",
            "2026-01-01T00:00:00Z",
            "--secret-file",
        ])
        .arg(fixture("keys/hs256.secret"));
        c
    })
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(stderr)
    .spawn()
    .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = format!("{}\n", token.trim()).repeat(lines);
    let writer = std::thread::spawn(move || {
        stdin.write_all(input.as_bytes()).unwrap();
        stdin.flush().unwrap();
        stdin
    });
    (child, writer)
}

#[test]
fn batch_streams_one_chunk_at_a_time() {
    // 4,096 lines make a chunk (src/commands/verify/batch.rs). With stdin still open after 5,000
    // lines, the first chunk's results must come out: the batch never waits for the end of
    // its input, so it holds one chunk, not the whole stream.
    let (mut child, writer) = spawn_batch(5_000, Stdio::null());
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut seen = 0;
        let mut line = String::new();
        while seen < 4_096 && out.read_line(&mut line).unwrap() > 0 {
            seen += 1;
            line.clear();
        }
        (seen, out)
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !reader.is_finished() {
        assert!(
            std::time::Instant::now() < deadline,
            "no results before the end of the input: the batch is not streaming"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let (seen, mut out) = reader.join().unwrap();
    assert_eq!(seen, 4_096);
    drop(writer.join().unwrap());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert_eq!(rest.lines().count(), 5_000 - 4_096);
    assert!(child.wait().unwrap().code().is_some());
}

#[test]
fn batch_ends_when_stdout_closes_while_its_input_is_quiet() {
    // A reader of the results (`… | head -1`) goes away while the producer of the tokens is
    // still there but writes nothing more (`tail -f`): oidctl must end on the closed stdout,
    // not wait for input that may never come. One full chunk and a few lines more, then stdin
    // stays open and quiet.
    let (mut child, writer) = spawn_batch(4_100, Stdio::piped());
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.contains(r#""valid":true"#), "{first}");
    drop(out);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "oidctl still runs after its stdout closed: it waits for more input"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let stdin = writer.join().unwrap();
    assert_eq!(
        status.code(),
        Some(0),
        "a closed stdout ends oidctl quietly"
    );
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    drop(stdin);
}
