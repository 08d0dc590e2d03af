//! The provider's pages for people: the sign-in page (pick a user, approve or deny), the device
//! code page, the index, and short outcome pages. Plain HTML forms, no scripts; every piece of
//! text escaped.

use crate::net::html::{document, escape};

use super::claims::User;
use super::request::Reply;
use super::state::AuthRequest;

const WARNING: &str = "<p class=\"warn\">oidctl serve is a development provider: for \
    development only, never for production.</p>";

/// A page with a heading and a paragraph of text.
pub fn message(status: u16, title: &str, text: &str) -> Reply {
    Reply::html(
        status,
        document(
            title,
            &format!("<h1>{}</h1><p>{}</p>{WARNING}", escape(title), escape(text)),
        ),
    )
}

fn user_choices(users: &[User], selected: usize) -> String {
    let mut out = String::from("<fieldset><legend>Sign in as</legend>");
    for (i, u) in users.iter().enumerate() {
        out.push_str(&format!(
            "<label><input type=\"radio\" name=\"user\" value=\"{}\"{}> {}</label>",
            escape(&u.name),
            if i == selected { " checked" } else { "" },
            escape(&u.label())
        ));
    }
    out.push_str("</fieldset>");
    out
}

/// The sign-in page of authorization request `id`.
pub fn sign_in(
    action: &str,
    id: &str,
    request: &AuthRequest,
    users: &[User],
    selected: usize,
) -> Reply {
    let scopes = if request.scopes.is_empty() {
        "(no scopes)".to_string()
    } else {
        request.scopes.join(" ")
    };
    let back = url::Url::parse(&request.redirect_uri)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    let body = format!(
        "<h1>Sign in</h1>{WARNING}\
         <p><code>{client}</code> asks to sign you in, with the scopes <code>{scopes}</code>; \
         you then return to <code>{back}</code>.</p>\
         <form method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"request\" value=\"{id}\">{choices}\
         <button type=\"submit\" name=\"decision\" value=\"approve\">Sign in</button>\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>",
        client = escape(&request.client_id),
        scopes = escape(&scopes),
        back = escape(&back),
        action = escape(action),
        id = escape(id),
        choices = user_choices(users, selected),
    );
    Reply::html(200, document("Sign in", &body))
}

/// The device page: enter (or confirm) the code, pick a user, approve or deny.
pub fn device(action: &str, user_code: Option<&str>, users: &[User], note: Option<&str>) -> Reply {
    let note = note
        .map(|n| format!("<p><strong>{}</strong></p>", escape(n)))
        .unwrap_or_default();
    let body = format!(
        "<h1>Sign in on another device</h1>{WARNING}{note}\
         <form method=\"post\" action=\"{action}\">\
         <label>Code shown on the device: <input name=\"user_code\" value=\"{code}\" \
         autocomplete=\"off\" autocapitalize=\"characters\"></label>{choices}\
         <button type=\"submit\" name=\"decision\" value=\"approve\">Sign in</button>\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>",
        action = escape(action),
        code = escape(user_code.unwrap_or("")),
        choices = user_choices(users, 0),
    );
    Reply::html(200, document("Device sign-in", &body))
}

/// The index at the issuer URL: what this is and where things are.
pub fn index(issuer: &str, users: &[User]) -> Reply {
    let names: Vec<String> = users.iter().map(|u| escape(&u.label())).collect();
    let body = format!(
        "<h1>oidctl serve</h1>{WARNING}\
         <p>Issuer <code>{issuer}</code>; metadata at \
         <code>{issuer}/.well-known/openid-configuration</code>.</p>\
         <p>Users: {users}.</p>\
         <p>Sign in from a terminal: <code>oidctl login --issuer {issuer} --client-id my-app</code>.</p>",
        issuer = escape(issuer),
        users = names.join(", "),
    );
    Reply::html(200, document("development provider", &body))
}
