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

pub mod jwe;
pub mod status;
pub mod token;

pub fn claim_note(
    name: &str,
    value: &Exact,
    claims: &IndexMap<String, Exact>,
    now: i64,
) -> Option<String> {
    let text = annotate::note(name, value, claims);
    if TIME_CLAIMS.contains(&name)
        && let Some(ts) = value.as_f64()
    {
        let when = match time::utc(ts) {
            Some(utc) => format!("{utc}, {}", time::relative(ts, now)),
            None => "not a representable date".to_string(),
        };
        return Some(match text {
            Some(t) => format!("{t} {when}"),
            None => when,
        });
    }
    text
}
