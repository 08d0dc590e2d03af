//! JSON that is shown exactly as the token has it. serde_json's `Value` turns integers beyond
//! 64 bits into floats and rewrites `2.50` as `2.5`; `Exact` keeps every scalar as the raw text it
//! was (a `RawValue`) and only parses objects and arrays, so it can be re-indented without
//! changing a single number, string escape or key order.

use indexmap::IndexMap;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

#[derive(Debug, Clone)]
pub enum Exact {
    Object(IndexMap<String, Exact>),
    Array(Vec<Exact>),
    /// A string, number, `true`, `false` or `null`, as written.
    Scalar(Box<RawValue>),
}

impl Exact {
    pub fn parse(text: &str) -> serde_json::Result<Exact> {
        serde_json::from_str(text)
    }

    pub fn as_object(&self) -> Option<&IndexMap<String, Exact>> {
        match self {
            Exact::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The decoded string, when this is a JSON string.
    pub fn as_str(&self) -> Option<String> {
        match self {
            Exact::Scalar(raw) if raw.get().starts_with('"') => {
                serde_json::from_str(raw.get()).ok()
            }
            _ => None,
        }
    }

    /// The value as a number, when it is one (precision as f64; for display of times only).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Exact::Scalar(raw) => {
                let text = raw.get();
                let first = text.as_bytes().first()?;
                (first.is_ascii_digit() || *first == b'-')
                    .then(|| text.parse::<f64>().ok())
                    .flatten()
            }
            _ => None,
        }
    }

    /// Follows a dotted path (`address.country`); array elements by index (`groups.0`).
    /// A key that itself contains dots is found whole before it is split.
    pub fn path(&self, path: &str) -> Option<&Exact> {
        if let Some(v) = self.child(path) {
            return Some(v);
        }
        let (head, rest) = path.split_once('.')?;
        self.child(head)?.path(rest)
    }

    fn child(&self, key: &str) -> Option<&Exact> {
        match self {
            Exact::Object(map) => map.get(key),
            Exact::Array(items) => items.get(key.parse::<usize>().ok()?),
            Exact::Scalar(_) => None,
        }
    }

    /// Compact JSON text, scalars byte for byte as in the source.
    pub fn to_compact(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn to_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        match text.as_bytes().first() {
            Some(b'{') => serde_json::from_str::<IndexMap<String, Exact>>(text)
                .map(Exact::Object)
                .map_err(D::Error::custom),
            Some(b'[') => serde_json::from_str::<Vec<Exact>>(text)
                .map(Exact::Array)
                .map_err(D::Error::custom),
            _ => Ok(Exact::Scalar(raw)),
        }
    }
}

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Exact::Object(map) => map.serialize(serializer),
            Exact::Array(items) => items.serialize(serializer),
            Exact::Scalar(raw) => raw.serialize(serializer),
        }
    }
}

#[cfg(test)]
impl Exact {
    fn keys(&self) -> Vec<&str> {
        self.as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = r#"{"z":1,"big":123456789012345678901234567890,"float":1.5e300,"small":1E-7,"uni":"ünïcødé 🎉 \u00e9","a":{"nested":[1,2.50,{"k":"v"}]}}"#;

    #[test]
    fn round_trip_keeps_numbers_order_and_escapes() {
        let v = Exact::parse(PAYLOAD).unwrap();
        assert_eq!(v.to_compact(), PAYLOAD);
        assert_eq!(v.keys(), ["z", "big", "float", "small", "uni", "a"]);
        let pretty = v.to_pretty();
        assert!(pretty.contains("123456789012345678901234567890"));
        assert!(pretty.contains("2.50"));
        assert!(pretty.contains(r#""ünïcødé 🎉 \u00e9""#));
    }

    #[test]
    fn dotted_paths() {
        let v = Exact::parse(r#"{"a":{"b":{"c":"deep"}},"x.y":1,"arr":["p","q"]}"#).unwrap();
        assert_eq!(v.path("a.b.c").unwrap().as_str().unwrap(), "deep");
        assert_eq!(v.path("x.y").unwrap().to_compact(), "1");
        assert_eq!(v.path("arr.1").unwrap().as_str().unwrap(), "q");
        assert!(v.path("a.nope").is_none());
        assert!(v.path("arr.9").is_none());
    }
}
