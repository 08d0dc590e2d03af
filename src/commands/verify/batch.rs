//! `oidctl verify --batch`: tokens one per line on stdin, one JSON result per line on stdout, in
//! input order, verified on every core.
//!
//! Three stages, so that no core waits for input or output: a reader thread cuts stdin into
//! chunks, the calling thread has each chunk verified on every core (rayon), and a writer thread
//! prints the results. Within a chunk, each worker verifies a piece of [`PIECE_LINES`] lines and
//! renders them into one buffer, so a token costs no allocation of its own outside the JWT checks.

use std::io::{self, BufRead, Read as _};
use std::ops::Range;
use std::sync::mpsc;

use super::{Keys, Verdict};
use crate::base::error::{Error, Result};
use crate::jwt::keys::KeySet;
use crate::jwt::token::MAX_TOKEN_BYTES;
use crate::jwt::verify::{self, Failure, Policy};
use crate::output::Printer;
use rayon::prelude::*;

/// Lines read as one chunk: enough to keep every core busy...
const CHUNK_LINES: usize = 4096;
/// ...and at most about this much input, so that memory stays bounded whatever the lines' length.
const CHUNK_BYTES: usize = 8 << 20;
/// Lines one worker verifies and renders in one go: few, so that the workers finish a chunk
/// together (a piece of RS256 tokens is about 0.2 ms of work).
const PIECE_LINES: usize = 16;

/// Lines of input, stored back to back in one buffer.
struct Chunk {
    bytes: Vec<u8>,
    lines: Vec<Line>,
}

struct Line {
    number: u64,
    /// Where the line is in [`Chunk::bytes`], or `None` for a line too long to keep.
    text: Option<Range<usize>>,
}

/// The rendered results of one piece of a chunk.
struct Piece {
    out: Vec<u8>,
    invalid: u64,
    unknown_kid: bool,
}

/// What the verifying thread waits for: the next chunk, or word that stdout failed (so that
/// oidctl ends then, not once a producer that has gone quiet writes again).
enum Event {
    Chunk(Chunk),
    End,
    InputFailed(io::Error),
    OutputFailed,
}

pub(super) fn run(keys: &mut Keys<'_>, policy: &Policy, printer: &Printer) -> Result<()> {
    if policy.audiences.is_empty() {
        printer.info(
            "note: aud is not checked, so tokens for any audience pass; name yours with --audience",
        );
    }
    let (events, received) = mpsc::sync_channel(1);
    spawn_reader(events.clone());
    let (total, invalid) = std::thread::scope(|scope| -> Result<(u64, u64)> {
        let (to_writer, written) = mpsc::sync_channel::<Vec<Piece>>(1);
        let writer = scope.spawn(move || -> io::Result<()> {
            let mut out = Vec::new();
            let write = || -> io::Result<()> {
                for pieces in written {
                    out.clear();
                    for piece in &pieces {
                        out.extend_from_slice(&piece.out);
                    }
                    printer.out_bytes(&out)?;
                }
                Ok(())
            };
            let result = write();
            // `written` is gone by now, so the verifying thread's next send fails if this
            // message finds the queue full.
            if result.is_err() {
                let _ = events.try_send(Event::OutputFailed);
            }
            result
        });
        let (mut total, mut invalid) = (0u64, 0u64);
        loop {
            let chunk = match received.recv() {
                Ok(Event::Chunk(chunk)) => chunk,
                Ok(Event::InputFailed(e)) => {
                    return Err(Error::failed("could not read stdin").caused_by(e));
                }
                // The writer's failure is returned below.
                Ok(Event::End | Event::OutputFailed) | Err(_) => break,
            };
            let mut pieces = verify_chunk(&chunk, keys.set(), policy);
            if pieces.iter().any(|p| p.unknown_kid) && keys.refresh()? {
                pieces = verify_chunk(&chunk, keys.set(), policy);
            }
            total += chunk.lines.len() as u64;
            invalid += pieces.iter().map(|p| p.invalid).sum::<u64>();
            if to_writer.send(pieces).is_err() {
                break; // the writer failed: its error is returned below
            }
        }
        drop(to_writer);
        match writer.join() {
            Ok(written) => written?,
            Err(panic) => std::panic::resume_unwind(panic),
        }
        Ok((total, invalid))
    })?;
    log::info!("{total} token(s), {invalid} invalid");
    if invalid > 0 {
        return Err(Error::failed(format!(
            "{invalid} of {total} token(s) are invalid"
        )));
    }
    Ok(())
}

fn verify_chunk(chunk: &Chunk, keys: &KeySet, policy: &Policy) -> Vec<Piece> {
    chunk
        .lines
        .par_chunks(PIECE_LINES)
        // Each piece a job of its own: rayon's adaptive splitting would otherwise hand a worker
        // runs of many pieces that no other worker can take over, and the first worker done
        // with a chunk idled for up to 2 ms of its 28 ms (`perf sched timehist`).
        .with_max_len(1)
        .map(|lines| {
            let mut piece = Piece {
                out: Vec::with_capacity(lines.len() * 256),
                invalid: 0,
                unknown_kid: false,
            };
            for line in lines {
                let text = line
                    .text
                    .as_ref()
                    .ok_or_else(|| format!("line longer than {MAX_TOKEN_BYTES} bytes"))
                    .and_then(|range| {
                        std::str::from_utf8(&chunk.bytes[range.clone()])
                            .map_err(|_| "not UTF-8 text".to_string())
                    });
                let outcome = match text {
                    Ok(text) => verify_line(&mut piece.out, line.number, text, keys, policy),
                    Err(why) => {
                        render(
                            &mut piece.out,
                            &Verdict::unreadable(why, policy).at(line.number),
                        );
                        Outcome::Invalid
                    }
                };
                piece.invalid += u64::from(outcome != Outcome::Valid);
                piece.unknown_kid |= outcome == Outcome::UnknownKid;
            }
            piece
        })
        .collect()
}

#[derive(PartialEq)]
enum Outcome {
    Valid,
    Invalid,
    /// Invalid for want of a key: worth fetching a remote key set again.
    UnknownKid,
}

/// Verifies one line and renders its result.
fn verify_line(
    out: &mut Vec<u8>,
    number: u64,
    text: &str,
    keys: &KeySet,
    policy: &Policy,
) -> Outcome {
    match verify::verify(text, keys, policy) {
        Ok(v) => {
            let verdict = Verdict::valid(v.alg, v.key.kid.as_deref(), &v.payload, policy);
            render(out, &verdict.at(number));
            Outcome::Valid
        }
        Err(failure) => {
            render(out, &Verdict::invalid(text, &failure, policy).at(number));
            if matches!(failure, Failure::NoKey(_)) {
                Outcome::UnknownKid
            } else {
                Outcome::Invalid
            }
        }
    }
}

fn render(out: &mut Vec<u8>, line: &Verdict<'_>) {
    // Serialising strings, numbers and raw JSON into memory cannot fail.
    let _ = serde_json::to_writer(&mut *out, line);
    out.push(b'\n');
}

/// Reads stdin on a thread of its own, one chunk ahead of the verification. Detached: when the
/// output fails, oidctl exits without waiting for a producer that has not written yet.
fn spawn_reader(events: mpsc::SyncSender<Event>) {
    std::thread::spawn(move || {
        // Reads of 1 MiB, not stdin's 8 KiB: fewer system calls and wake-ups (for 100,000
        // tokens, 368 context switches instead of 761).
        let mut input = io::BufReader::with_capacity(1 << 20, io::stdin().lock());
        let mut number = 0u64;
        let mut size = 0;
        loop {
            let event = match read_chunk(&mut input, &mut number, size) {
                Ok(Some(chunk)) => {
                    size = chunk.bytes.len();
                    Event::Chunk(chunk)
                }
                Ok(None) => Event::End,
                Err(e) => Event::InputFailed(e),
            };
            let last = !matches!(event, Event::Chunk(_));
            if events.send(event).is_err() || last {
                return;
            }
        }
    });
}

/// Reads up to [`CHUNK_LINES`] non-blank lines; `None` at the end of the input. `size`: the
/// bytes the last chunk took, which the next one most likely needs too.
fn read_chunk(
    reader: &mut impl BufRead,
    number: &mut u64,
    size: usize,
) -> io::Result<Option<Chunk>> {
    let mut chunk = Chunk {
        bytes: Vec::with_capacity(size),
        lines: Vec::with_capacity(CHUNK_LINES),
    };
    while chunk.lines.len() < CHUNK_LINES && chunk.bytes.len() < CHUNK_BYTES {
        let start = chunk.bytes.len();
        let n = (&mut *reader)
            .take(MAX_TOKEN_BYTES as u64 + 2)
            .read_until(b'\n', &mut chunk.bytes)?;
        if n == 0 {
            break;
        }
        *number += 1;
        let text = if chunk.bytes.last() != Some(&b'\n') && n > MAX_TOKEN_BYTES {
            chunk.bytes.truncate(start);
            skip_line(reader)?;
            None
        } else if is_blank(&chunk.bytes[start..]) {
            chunk.bytes.truncate(start);
            continue;
        } else {
            Some(start..chunk.bytes.len())
        };
        chunk.lines.push(Line {
            number: *number,
            text,
        });
    }
    Ok((!chunk.lines.is_empty()).then_some(chunk))
}

/// Whitespace only (Unicode's, as `str::trim` has it); a token line is rejected at its first byte.
fn is_blank(line: &[u8]) -> bool {
    match line.trim_ascii() {
        [] => true,
        [first, ..] if first.is_ascii() => false,
        _ => std::str::from_utf8(line).is_ok_and(|t| t.trim().is_empty()),
    }
}

/// Discards the rest of an over-long line.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            reader.consume(i + 1);
            return Ok(());
        }
        let len = buf.len();
        reader.consume(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_skip_blank_lines_and_number_every_line() {
        let input = "a.b.c\n\n  \u{a0}\nd.e.f\r\ng";
        let mut number = 0;
        let chunk = read_chunk(&mut input.as_bytes(), &mut number, 0)
            .unwrap()
            .unwrap();
        let lines: Vec<_> = chunk
            .lines
            .iter()
            .map(|l| {
                let range = l.text.clone().unwrap();
                (
                    l.number,
                    String::from_utf8_lossy(&chunk.bytes[range]).into_owned(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                (1, "a.b.c\n".to_string()),
                (4, "d.e.f\r\n".to_string()),
                (5, "g".to_string())
            ]
        );
        assert_eq!(number, 5);
        assert!(read_chunk(&mut &b""[..], &mut number, 0).unwrap().is_none());
    }

    #[test]
    fn an_overlong_line_is_marked_and_skipped() {
        let mut input = vec![b'x'; MAX_TOKEN_BYTES + 10];
        input.extend_from_slice(b"\nnext\n");
        let mut number = 0;
        let chunk = read_chunk(&mut input.as_slice(), &mut number, 0)
            .unwrap()
            .unwrap();
        assert_eq!(chunk.lines.len(), 2);
        assert!(chunk.lines[0].text.is_none());
        let next = chunk.lines[1].text.clone().unwrap();
        assert_eq!(&chunk.bytes[next], b"next\n");
        assert_eq!(chunk.lines[1].number, 2);
    }

    #[test]
    fn a_chunk_stops_at_its_line_count() {
        let input = "t\n".repeat(CHUNK_LINES + 1);
        let mut number = 0;
        let mut reader = input.as_bytes();
        let first = read_chunk(&mut reader, &mut number, 0).unwrap().unwrap();
        let second = read_chunk(&mut reader, &mut number, 0).unwrap().unwrap();
        assert_eq!(first.lines.len(), CHUNK_LINES);
        assert_eq!(second.lines.len(), 1);
        assert_eq!(second.lines[0].number, CHUNK_LINES as u64 + 1);
    }
}
