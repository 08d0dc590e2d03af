//! Small self-contained HTML pages for the browser (the sign-in listener's answers, the pages of
//! `oidctl serve`): no scripts, no outside resources, not cached, not framed, every piece of
//! text escaped. Only the shell is here; callers put escaped content into it.

pub type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

/// A page whose body is `title` as a heading and `text` as a paragraph, both escaped.
pub fn page(status: u16, title: &str, text: &str) -> Response {
    response(
        status,
        &document(
            title,
            &format!("<h1>{}</h1><p>{}</p>", escape(title), escape(text)),
        ),
    )
}

/// A whole document around `body` (already HTML; its text escaped by the caller).
pub fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>oidctl: {}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}}\
         h1{{font-size:1.4em}}.warn{{background:#fff3cd;padding:.5em .8em;border-radius:4px}}\
         label{{display:block;margin:.3em 0}}button{{margin:.8em .5em 0 0;padding:.4em 1.2em}}\
         code{{background:#f2f2f2;padding:0 .2em}}</style></head><body>{body}</body></html>\n",
        escape(title)
    )
}

/// `html` with the headers every page gets.
pub fn response(status: u16, html: &str) -> Response {
    let mut response =
        tiny_http::Response::from_data(html.as_bytes().to_vec()).with_status_code(status);
    for (k, v) in HEADERS {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    response
}

/// The headers of every page: HTML, never cached, never framed, no scripts or outside loads.
pub const HEADERS: [(&str, &str); 5] = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'",
    ),
];

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape("<script>&\"'\u{1b}"),
            "&lt;script&gt;&amp;&quot;&#39; "
        );
    }
}
