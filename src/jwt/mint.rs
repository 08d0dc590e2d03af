//! Making a compact JWS from claims given by a person: `K=V` values (JSON when they parse as
//! JSON, else strings), times such as `+30m`, `now` or RFC 3339, and a payload taken from an
//! existing token kept exactly as it was (big numbers, key order, escapes: [`Exact`]). Signing
//! itself is the caller's closure (see [`super::jwk`]). No I/O.

use base64::Engine as _;
use indexmap::IndexMap;
use serde_json::value::RawValue;

use super::json::Exact;
use super::token::B64;

/// A JSON object whose members keep their order and their exact text.
#[derive(Debug, Clone, Default)]
pub struct Object(pub IndexMap<String, Exact>);

impl Object {
    /// A JSON object's text; anything else is refused.
    pub fn parse(text: &str) -> Result<Object, String> {
        match Exact::parse(text.trim()) {
            Ok(Exact::Object(map)) => Ok(Object(map)),
            Ok(_) => Err("the claims must be a JSON object ({…})".into()),
            Err(e) => Err(format!("the claims are not valid JSON: {e}")),
        }
    }

    /// Sets `key`, in its place when it is already there, else at the end.
    pub fn set(&mut self, key: &str, value: Exact) {
        self.0.insert(key.to_string(), value);
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    pub fn to_compact(&self) -> String {
        Exact::Object(self.0.clone()).to_compact()
    }
}

/// A JSON string.
pub fn string(text: &str) -> Exact {
    // A string always serialises.
    Exact::Scalar(serde_json::value::to_raw_value(text).unwrap_or_else(|_| null()))
}

fn null() -> Box<RawValue> {
    RawValue::from_string("null".into()).unwrap_or_default()
}

/// A JSON integer.
pub fn number(n: i64) -> Exact {
    Exact::Scalar(RawValue::from_string(n.to_string()).unwrap_or_else(|_| null()))
}

/// `V` of `K=V`: the JSON value when `V` is valid JSON (`42`, `true`, `["a","b"]`, `"42"`),
/// else `V` as a string.
pub fn value(text: &str) -> Exact {
    Exact::parse(text).unwrap_or_else(|_| string(text))
}

/// Splits `K=V`; the key must not be empty.
pub fn pair(text: &str) -> Result<(&str, &str), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k, v)),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}

/// A NumericDate from `now`, `+DURATION` / `-DURATION` (from now: `+30m`, `-1h`, `+1d 2h`),
/// seconds since 1970, or an RFC 3339 time.
pub fn time(text: &str, now: i64) -> Result<i64, String> {
    let text = text.trim();
    if text == "now" {
        return Ok(now);
    }
    let signed = text
        .strip_prefix('+')
        .map(|d| (1, d))
        .or_else(|| text.strip_prefix('-').map(|d| (-1, d)));
    if let Some((sign, span)) = signed {
        let d = humantime::parse_duration(span.trim())
            .map_err(|e| format!("{text:?}: {e} (durations look like +30m, +1h, -5m, +7d)"))?;
        let secs = i64::try_from(d.as_secs()).map_err(|_| format!("{text:?} is too long"))?;
        return now
            .checked_add(sign * secs)
            .ok_or_else(|| format!("{text:?} is out of range"));
    }
    super::time::parse_instant(text)
        .map_err(|e| format!("{e}; relative times look like now, +30m, -1h"))
}

/// `BASE64URL(header).BASE64URL(claims).BASE64URL(sign(input))`.
pub fn compact(
    header: &Object,
    claims: &Object,
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, String>,
) -> Result<String, String> {
    let input = format!(
        "{}.{}",
        B64.encode(header.to_compact()),
        B64.encode(claims.to_compact())
    );
    let signature = sign(input.as_bytes())?;
    Ok(format!("{input}.{}", B64.encode(signature)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_json_when_they_parse() {
        assert_eq!(value("42").to_compact(), "42");
        assert_eq!(value("true").to_compact(), "true");
        assert_eq!(value(r#"["a","b"]"#).to_compact(), r#"["a","b"]"#);
        assert_eq!(value(r#""42""#).to_compact(), r#""42""#);
        assert_eq!(value("alice").to_compact(), r#""alice""#);
        assert_eq!(value("").to_compact(), r#""""#);
        assert_eq!(
            value("123456789012345678901234567890").to_compact(),
            "123456789012345678901234567890"
        );
        assert_eq!(pair("a=b=c").unwrap(), ("a", "b=c"));
        assert!(pair("=x").is_err());
        assert!(pair("x").is_err());
    }

    #[test]
    fn times() {
        assert_eq!(time("now", 1000).unwrap(), 1000);
        assert_eq!(time("+30m", 1000).unwrap(), 2800);
        assert_eq!(time("-1h", 10_000).unwrap(), 6400);
        assert_eq!(time("+1d 2h", 0).unwrap(), 93_600);
        assert_eq!(time("1300819380", 0).unwrap(), 1_300_819_380);
        assert_eq!(time("2011-03-22T18:43:00Z", 0).unwrap(), 1_300_819_380);
        assert!(time("+soon", 0).is_err());
        assert!(time("tomorrow", 0).unwrap_err().contains("+30m"));
    }

    #[test]
    fn set_keeps_order_and_exact_text() {
        let mut o =
            Object::parse(r#"{"a":1,"big":123456789012345678901234567890,"f":2.50}"#).unwrap();
        o.set("a", number(2));
        o.set("z", string("new"));
        assert_eq!(
            o.to_compact(),
            r#"{"a":2,"big":123456789012345678901234567890,"f":2.50,"z":"new"}"#
        );
        assert!(Object::parse("[1]").is_err());
        assert!(Object::parse("{").is_err());
    }
}
