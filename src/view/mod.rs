//! Human rendering of claim sets (a token's, an introspection's, a userinfo answer's): aligned
//! names, values sanitised, and notes for claims that need explaining, times in words.

use std::fmt::Write as _;

use indexmap::IndexMap;

use crate::jwt::annotate;
use crate::jwt::json::Exact;
use crate::jwt::time;
use crate::output::{Printer, Style, sanitize};

/// Claims holding a NumericDate, shown also as UTC and relative to now.
const TIME_CLAIMS: [&str; 5] = ["exp", "nbf", "iat", "auth_time", "updated_at"];

pub fn heading(out: &mut String, p: &Printer, title: &str, detail: &str) {
    let _ = writeln!(
        out,
        "{} {}",
        p.paint(title, Style::Heading),
        p.paint(&format!("({detail})"), Style::Dim)
    );
}

/// Name, value and an optional note per row, names aligned.
pub fn table(
    out: &mut String,
    p: &Printer,
    rows: &IndexMap<String, Exact>,
    note: impl Fn(&str, &Exact) -> Option<String>,
) {
    let width = rows
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let shown: Vec<String> = rows
        .values()
        .map(|v| sanitize(&v.as_str().unwrap_or_else(|| v.to_compact())))
        .collect();
    // Notes line up after the values, except after values too long to be worth padding to.
    let value_width = shown
        .iter()
        .map(|v| v.chars().count())
        .filter(|&n| n <= 40)
        .max()
        .unwrap_or(0);
    for ((name, value), shown) in rows.iter().zip(shown) {
        let name_cell = format!("{:<width$}", sanitize(name));
        let _ = write!(out, "  {}  ", p.paint(&name_cell, Style::Key));
        match note(name, value) {
            Some(n) => {
                let _ = write!(
                    out,
                    "{shown:<value_width$}  {}",
                    p.paint(&format!("# {n}"), Style::Dim)
                );
            }
            None => out.push_str(&shown),
        }
        out.push('\n');
    }
}

/// Rows of cells as aligned columns, two spaces apart, the last column unpadded (so no line
/// ends in spaces). Cells are shown as given: sanitise them first.
pub fn columns(rows: &[Vec<String>]) -> String {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(line, "{cell:<w$}  ", w = widths[i]);
        }
        out.push_str(line.trim_end_matches(' '));
        out.push('\n');
    }
    out
}

pub mod jwe;
pub mod status;
pub mod token;

/// The note beside a claim: its meaning, and for a time claim the date in UTC and relative to
/// now (`exp` in the tense the clock gives: "expired …, 3d ago"). A time claim that is not a
/// number is called invalid, not left blank.
pub fn claim_note(
    name: &str,
    value: &Exact,
    claims: &IndexMap<String, Exact>,
    now: i64,
) -> Option<String> {
    let text = annotate::note(name, value, claims);
    if !TIME_CLAIMS.contains(&name) {
        return text;
    }
    let Some(ts) = value.as_f64() else {
        let checked = if ["exp", "nbf", "iat"].contains(&name) {
            "; oidctl verify refuses the token"
        } else {
            ""
        };
        return Some(format!(
            "invalid: {name} must be a number of seconds since 1970 (NumericDate), not {}{checked}",
            kind(value)
        ));
    };
    let text = match name {
        "exp" if time::is_expired(ts, now) => Some("expired".to_string()),
        _ => text,
    };
    let Some(utc) = time::utc(ts) else {
        return Some(format!(
            "invalid: {name} is not a representable date (years 1970 to 9999)"
        ));
    };
    let when = format!("{utc}, {}", time::relative(ts, now));
    Some(match text {
        Some(t) => format!("{t} {when}"),
        None => when,
    })
}

/// What a JSON value is, in words, for a message about the wrong kind.
fn kind(value: &Exact) -> &'static str {
    match value {
        Exact::Object(_) => "an object",
        Exact::Array(_) => "an array",
        Exact::Scalar(raw) => match raw.get().as_bytes().first() {
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            _ => "this value",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_whatever_the_lengths() {
        let row = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let out = columns(&[
            row(&["*", "a", "https://x.example"]),
            row(&[" ", "a-much-longer-name", "https://y.example"]),
            row(&[" ", "mid", ""]),
        ]);
        assert_eq!(
            out,
            "*  a                   https://x.example\n   a-much-longer-name  https://y.example\n   mid\n"
        );
        assert_eq!(columns(&[]), "");
    }

    fn note_of(json: &str, name: &str, now: i64) -> String {
        let claims = Exact::parse(json).unwrap().as_object().unwrap().clone();
        claim_note(name, &claims[name], &claims, now).unwrap()
    }

    #[test]
    fn time_claims_in_the_right_tense_or_called_invalid() {
        let c = r#"{"exp":1000,"nbf":1000,"iat":1000}"#;
        assert_eq!(
            note_of(c, "exp", 1001),
            "expired 1970-01-01T00:16:40Z, 1s ago"
        );
        assert_eq!(note_of(c, "exp", 1000), "expired 1970-01-01T00:16:40Z, now");
        assert_eq!(
            note_of(c, "exp", 999),
            "expires 1970-01-01T00:16:40Z, in 1s"
        );
        assert_eq!(
            note_of(c, "nbf", 999),
            "not valid before 1970-01-01T00:16:40Z, in 1s"
        );
        assert_eq!(
            note_of(c, "iat", 1001),
            "issued at 1970-01-01T00:16:40Z, 1s ago"
        );
        for (json, what) in [
            (r#"{"exp":"1700000000"}"#, "a string"),
            (r#"{"exp":null}"#, "null"),
            (r#"{"exp":true}"#, "a boolean"),
            (r#"{"exp":[1]}"#, "an array"),
        ] {
            let n = note_of(json, "exp", 0);
            assert!(n.starts_with("invalid: exp must be a number"), "{n}");
            assert!(n.contains(what) && n.contains("verify refuses"), "{n}");
        }
        let n = note_of(r#"{"auth_time":"yesterday"}"#, "auth_time", 0);
        assert!(n.starts_with("invalid: auth_time"), "{n}");
        assert_eq!(
            note_of(r#"{"exp":1e300}"#, "exp", 0),
            "invalid: exp is not a representable date (years 1970 to 9999)"
        );
    }
}
