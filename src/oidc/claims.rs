//! The OpenID Connect `claims` request parameter (Core §5.5): what `--claims JSON` gives, what a
//! profile's `client_capabilities` add (Microsoft's `xms_cc`), and what an API's
//! `insufficient_claims` challenge asks for. Pure: values in, values out; the caller sends them.

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::base::error::{Error, Result};

/// A claims request: a JSON object whose members (`id_token`, `userinfo`, Microsoft's
/// `access_token`) are objects of claim names.
pub type ClaimsRequest = Map<String, Value>;

/// `--claims JSON`: a JSON object whose members are objects (or null).
pub fn parse(text: &str, what: &str) -> Result<ClaimsRequest> {
    let value: Value = serde_json::from_str(text.trim()).map_err(|e| {
        Error::usage(format!("{what} is not valid JSON"))
            .caused_by(e)
            .with_hint(r#"give a JSON object such as '{"id_token":{"acr":{"essential":true}}}'"#)
    })?;
    let Value::Object(obj) = value else {
        return Err(Error::usage(format!("{what} is not a JSON object"))
            .with_hint(r#"give a JSON object such as '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}'"#));
    };
    if let Some((name, _)) = obj
        .iter()
        .find(|(_, v)| !matches!(v, Value::Object(_) | Value::Null))
    {
        return Err(Error::usage(format!(
            "{what}: member {name:?} is not an object of claim names"
        ))
        .with_hint(
            r#"each member names claims: '{"id_token":{"auth_time":{"essential":true}}}'"#,
        ));
    }
    Ok(obj)
}

/// Microsoft's client capabilities request: `{"access_token":{"xms_cc":{"values":[…]}}}`, which
/// tells Entra the client handles claims challenges (`cp1`), so that it issues long-lived
/// Continuous Access Evaluation tokens.
pub fn capabilities(caps: &[String]) -> Option<ClaimsRequest> {
    if caps.is_empty() {
        return None;
    }
    let request = serde_json::json!({"access_token": {"xms_cc": {"values": caps}}});
    request.as_object().cloned()
}

/// `extra` merged into `base`, member by member and claim by claim; `extra` wins on a clash.
pub fn merge(base: Option<ClaimsRequest>, extra: Option<&ClaimsRequest>) -> Option<ClaimsRequest> {
    let Some(extra) = extra else { return base };
    let mut out = base.unwrap_or_default();
    for (member, claims) in extra {
        match (out.get_mut(member), claims) {
            (Some(Value::Object(existing)), Value::Object(new)) => {
                for (k, v) in new {
                    existing.insert(k.clone(), v.clone());
                }
            }
            _ => {
                out.insert(member.clone(), claims.clone());
            }
        }
    }
    Some(out)
}

/// The compact JSON sent as the `claims` parameter.
pub fn to_param(request: &ClaimsRequest) -> String {
    Value::Object(request.clone()).to_string()
}

const MALFORMED: &str = "the API's WWW-Authenticate challenge is malformed: tell the API's owners; a sign-in with the claims it needs (oidctl login --claims JSON) may still help";

/// The claims an `insufficient_claims` challenge asks for: its `claims` parameter is base64
/// (Microsoft sends the standard alphabet with padding; base64url is accepted too) of a JSON
/// claims request.
pub fn from_challenge(encoded: &str) -> Result<ClaimsRequest> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let encoded = encoded.trim();
    let bytes = GeneralPurpose::new(&base64::alphabet::URL_SAFE, config)
        .decode(encoded)
        .or_else(|_| GeneralPurpose::new(&base64::alphabet::STANDARD, config).decode(encoded))
        .map_err(|_| {
            Error::failed("the API's claims challenge is not base64").with_hint(MALFORMED)
        })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::failed("the API's claims challenge is not UTF-8 JSON").with_hint(MALFORMED)
    })?;
    parse(&text, "the API's claims challenge").map_err(|mut e| {
        e.kind = crate::base::error::Kind::Failed;
        e.hint = Some(MALFORMED.into());
        e
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_requests_are_json_objects_of_objects() {
        let ok = parse(
            r#" {"id_token":{"acr":{"essential":true}},"userinfo":null} "#,
            "--claims",
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        for (bad, says) in [
            ("not json", "not valid JSON"),
            ("[1]", "not a JSON object"),
            (
                r#"{"id_token":"acr"}"#,
                "member \"id_token\" is not an object",
            ),
        ] {
            let e = parse(bad, "--claims").unwrap_err();
            assert_eq!(e.kind, crate::base::error::Kind::Usage);
            assert!(e.message.contains(says), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn capabilities_merge_into_the_request_as_microsoft_documents() {
        let caps = capabilities(&["cp1".into()]).unwrap();
        assert_eq!(
            to_param(&caps),
            r#"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#
        );
        assert!(capabilities(&[]).is_none());
        let asked = parse(
            r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}},"id_token":{"auth_time":{"essential":true}}}"#,
            "x",
        )
        .unwrap();
        let merged = merge(Some(caps.clone()), Some(&asked)).unwrap();
        assert_eq!(
            Value::Object(merged),
            serde_json::json!({
                "access_token": {"xms_cc": {"values": ["cp1"]}, "acrs": {"essential": true, "value": "c1"}},
                "id_token": {"auth_time": {"essential": true}}
            })
        );
        assert_eq!(merge(None, None), None);
        assert_eq!(merge(Some(caps.clone()), None), Some(caps));
    }

    #[test]
    fn challenges_decode_from_either_base64_alphabet() {
        let json = r#"{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}"#;
        let std = base64::engine::general_purpose::STANDARD.encode(json);
        let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
        assert_eq!(from_challenge(&std).unwrap(), from_challenge(&url).unwrap());
        assert_eq!(
            from_challenge(&std).unwrap()["access_token"]["nbf"]["value"],
            "1604106651"
        );
        let e = from_challenge("***").unwrap_err();
        assert!(e.hint.is_some(), "every failure has a hint");
        let not_object = base64::engine::general_purpose::STANDARD.encode("[1]");
        let e = from_challenge(&not_object).unwrap_err();
        assert_eq!(e.kind, crate::base::error::Kind::Failed);
        assert!(e.hint.is_some());
    }
}
